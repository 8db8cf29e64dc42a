/**
 * The reconcile sweep finds each stage's unfinished work in the database and enqueues it once with the
 * catalog's job ids (both stores); a worker whose Redis restarts empty re-enqueues it on its own.
 */
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startApp } from '../../src/app.ts';
import { extractClaim, EXTRACTOR_VERSION } from '../../src/extract/index.ts';
import { reconcile } from '../../src/queue/reconcile.ts';
import { createRedis } from '../../src/queue/redis.ts';
import { JobQueues } from '../../src/queue/runtime.ts';
import { insertExtractedClaim } from '../../src/store/claims.ts';
import { ensureDelivery } from '../../src/store/deliveries.ts';
import { recordEvent } from '../../src/store/events.ts';
import { deletePost, upsertPost } from '../../src/store/posts.ts';
import { markAlerted } from '../../src/store/reconcile.ts';
import { inventPosts } from '../faults/posts.ts';
import { startOwnRedis } from '../support/own-redis.ts';
import { dropRedisPrefix, isolatedStore, REDIS_URL, STORE_FLAVOURS, tempDir, testConfig, uniqueName, waitFor } from '../support/services.ts';

const waitingIds = async (q: JobQueues, name: 'extract' | 'match' | 'alert' | 'deliver') => (await q.queue(name).getJobs(['waiting', 'delayed', 'prioritized'])).map((j) => j.id).sort();

describe.each(STORE_FLAVOURS)('reconcile sweep (%s)', (flavour) => {
  let store: Awaited<ReturnType<typeof isolatedStore>>;
  const prefix = uniqueName('cwrecon');
  const conn = createRedis(REDIS_URL);
  const queues = new JobQueues(conn, prefix);
  beforeAll(async () => {
    store = await isolatedStore(flavour);
  });
  afterAll(async () => {
    await queues.close();
    conn.disconnect();
    await dropRedisPrefix(prefix);
    await store.dispose();
  });

  it('enqueues every stage of unfinished work once, and leaves finished and deleted work alone', async () => {
    const db = store.db;
    const [a, b, c, d] = inventPosts(4, 'rec');
    const unextracted = await upsertPost(db, a!);
    const deleted = await upsertPost(db, b!);
    await deletePost(db, { platform: 'replay', externalId: b!.externalId, deletedAt: '2025-03-02T00:00:00Z' });
    const matchedPost = await upsertPost(db, c!);
    const unmatchedPost = await upsertPost(db, d!);
    const claimOf = async (postId: string, text: string) =>
      (await insertExtractedClaim(db, { postId, claim: extractClaim({ text, postedAt: '2025-03-01T00:00:00Z', source: { kind: 'social', account: 'a' } }), extractorVersion: EXTRACTOR_VERSION })).id;
    const matched = await claimOf(matchedPost.id, c!.text);
    const unmatched = await claimOf(unmatchedPost.id, d!.text);
    const incident = await db.insertInto('incidents').values({ summary: '{}' }).returning('id').executeTakeFirstOrThrow();
    await db.updateTable('claims').set({ incident_id: incident.id }).where('id', '=', matched).execute();
    await recordEvent(db, { id: `claim.created:${unmatched}`, type: 'claim.created', subject: `claim:${unmatched}`, payload: {} });
    await recordEvent(db, { id: `claim.created:${matched}`, type: 'claim.created', subject: `claim:${matched}`, payload: {} });
    await markAlerted(db, `claim.created:${matched}`);
    const sub = await db
      .insertInto('subscriptions')
      .values({ owner: '1', name: 's', filter: '{}', webhook_url: 'https://example.org/h', webhook_secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', disabled_reason: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const due = await ensureDelivery(db, `claim.created:${matched}`, sub.id);
    const later = await ensureDelivery(db, `claim.created:${unmatched}`, sub.id);
    await db.updateTable('deliveries').set({ next_attempt_at: new Date(Date.now() + 3_600_000) }).where('id', '=', later).execute();

    // Work younger than the grace is still in flight: nothing is touched.
    expect(await reconcile(store, queues, { olderThanMs: 60_000 })).toEqual({ extract: 0, match: 0, alert: 0, deliver: 0 });

    // Small pages, so the id cursor is exercised.
    expect(await reconcile(store, queues, { olderThanMs: 0, pageSize: 1 })).toEqual({ extract: 1, match: 1, alert: 1, deliver: 1 });
    expect(await waitingIds(queues, 'extract')).toEqual([`extract-${unextracted.id}`]);
    expect(deleted.id).not.toBe(unextracted.id);
    expect(await waitingIds(queues, 'match')).toEqual([`match-${unmatched}`]);
    expect(await waitingIds(queues, 'alert')).toEqual([`alert-claim.created_${unmatched}`]);
    expect(await waitingIds(queues, 'deliver')).toEqual([`deliver-${due}`]);

    // Sweeping again while the jobs wait doubles nothing (same ids); the live delivery job is not re-added.
    expect(await reconcile(store, queues, { olderThanMs: 0 })).toEqual({ extract: 1, match: 1, alert: 1, deliver: 0 });
    for (const name of ['extract', 'match', 'alert', 'deliver'] as const) expect(await waitingIds(queues, name)).toHaveLength(1);
  });
});

describe('a worker whose Redis restarts empty', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('restores its schedules and enqueues from the database the work stored while Redis was away', async () => {
    const redis = await startOwnRedis(); // no persistence: a kill loses every queued job
    cleanups.push(() => redis.stop());
    const dir = tempDir();
    cleanups.push(dir.remove);
    const app = await startApp({ config: testConfig('pglite', dir.path, { REDIS_URL: redis.url }), sources: [], roles: ['worker'], log: pino({ level: 'silent' }) });
    cleanups.push(() => app.stop());
    const posts = inventPosts(6, 'lost');
    // Stored while the worker runs, but their jobs go to a Redis that is then killed before it runs them.
    await redis.pause();
    const ids: string[] = [];
    for (const p of posts) ids.push((await upsertPost(app.store.db, p)).id);
    await redis.resume();
    await waitFor(
      async () => Number((await app.store.db.selectFrom('claims').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n) === 6,
      'a claim for every post stored during the outage',
      30_000,
      200,
    );
    const claims = await app.store.db.selectFrom('claims').select('post_id').execute();
    expect(claims.map((c) => c.post_id).sort()).toEqual(ids.sort());
    const schedulers = async () => (await app.queues.queue('reconcile').getJobSchedulers()).map((s) => s.key);
    expect(await waitFor(async () => (await schedulers()).includes('reconcile'), 'the reconcile schedule back in the empty Redis')).toBe(true);
  }, 60_000);
});
