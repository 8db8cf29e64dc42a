/**
 * The pipeline end to end on real services: a replay source -> poll -> posts -> extract -> claims and
 * events, through BullMQ on the local Redis, on both the embedded store and the local PostgreSQL.
 */
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startApp, type App } from '../../src/app.ts';
import type { SourceConfig } from '../../src/config/sources.ts';
import { dropRedisPrefix, STORE_FLAVOURS, tempDir, testConfig, uniqueName, waitFor } from '../support/services.ts';

const FIXTURE = fileURLToPath(new URL('../fixtures/replay/pipeline.jsonl', import.meta.url));
const sources: SourceConfig[] = [{ type: 'replay', id: 'fixture', file: FIXTURE, batch: 2, every: 200, enabled: true }];

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function count(app: App, table: 'posts' | 'claims' | 'events' | 'sources' | 'incidents'): Promise<number> {
  return Number((await app.store.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
}

async function claimEvents(app: App): Promise<number> {
  return Number((await app.store.db.selectFrom('events').select((eb) => eb.fn.countAll<string>().as('n')).where('type', '=', 'claim.created').executeTakeFirstOrThrow()).n);
}

describe.each(STORE_FLAVOURS)('pipeline on %s', (flavour) => {
  async function boot(dir: string, schema: string, prefixEnv: Record<string, string> = {}): Promise<App> {
    const config = testConfig(flavour, dir, prefixEnv);
    const app = await startApp({ config, sources, roles: ['worker', 'poller'], storeSchema: schema });
    return app;
  }

  it('stores each post once and one claim per post version, with claim.created events', async () => {
    const dir = tempDir();
    const schema = uniqueName('pipe');
    const app = await boot(dir.path, schema);
    cleanups.push(dir.remove, () => dropRedisPrefix(app.config.redis.prefix), () => app.stop());

    // 5 good lines: 4 posts + 1 edit (version 2); 1 line without posted_at and 1 non-JSON line are skipped.
    await waitFor(async () => (await count(app, 'claims')) === 5 && (await app.queues.pending(['extract', 'match', 'alert'])) === 0, 'five claims');
    expect(await count(app, 'posts')).toBe(5);
    expect(await claimEvents(app)).toBe(5);
    // Every claim went through matching: each belongs to an incident, which has its incident.created event.
    const unmatched = await app.store.db.selectFrom('claims').select('id').where('incident_id', 'is', null).execute();
    expect(unmatched).toEqual([]);
    const incidents = await count(app, 'incidents');
    expect(incidents).toBeGreaterThanOrEqual(1);
    const created = await app.store.db.selectFrom('events').select('id').where('type', '=', 'incident.created').execute();
    expect(created.length).toBeGreaterThanOrEqual(incidents);
    // The edit of t-100 joins the incident of its first version.
    const edits = await app.store.db
      .selectFrom('claims as c')
      .innerJoin('posts as p', 'p.id', 'c.post_id')
      .select('c.incident_id')
      .where('p.external_id', '=', 't-100')
      .execute();
    expect(new Set(edits.map((e) => e.incident_id)).size).toBe(1);

    const versions = await app.store.db
      .selectFrom('claims as c')
      .innerJoin('posts as p', 'p.id', 'c.post_id')
      .select(['p.version', 'c.is_current', 'c.superseded_by'])
      .where('p.external_id', '=', 't-100')
      .orderBy('p.version')
      .execute();
    expect(versions.map((v) => [v.version, v.is_current])).toEqual([
      [1, false],
      [2, true],
    ]);
    expect(versions[0]!.superseded_by).not.toBeNull();

    const rev = await app.store.db.selectFrom('claim_revisions').select(['author']).execute();
    expect(rev).toHaveLength(5);
    expect(new Set(rev.map((r) => r.author))).toEqual(new Set(['extractor']));
  });

  it('changes nothing when the same posts are delivered again (cursor lost, jobs re-run)', async () => {
    const dir = tempDir();
    const schema = uniqueName('pipe');
    const app = await boot(dir.path, schema);
    cleanups.push(dir.remove, () => dropRedisPrefix(app.config.redis.prefix));
    await waitFor(async () => (await count(app, 'claims')) === 5 && (await app.queues.pending(['extract', 'match', 'alert'])) === 0, 'five claims');
    const eventsBefore = await count(app, 'events');
    const incidentsBefore = await count(app, 'incidents');
    // Forget the cursor: the replay starts over and hands every post over a second time.
    await app.store.db.updateTable('sources').set({ cursor: null }).execute();
    await app.queues.add('poll', { sourceId: 'fixture' }, { jobId: 'poll-again-1' });
    await waitFor(async () => {
      const c = await app.store.db.selectFrom('sources').select('cursor').executeTakeFirst();
      return (c?.cursor as { line?: number } | null)?.line === 7 && (await app.queues.pending(['poll', 'extract', 'match', 'alert'])) <= 1;
    }, 'the replay to be read again');
    expect(await count(app, 'posts')).toBe(5);
    expect(await count(app, 'claims')).toBe(5);
    expect(await count(app, 'events')).toBe(eventsBefore);
    expect(await count(app, 'incidents')).toBe(incidentsBefore);
    await app.stop();
  });
});
