/**
 * Hostile input at ingestion, against both stores: texts of 1 MB and 10 MB are stored cut to the limit
 * with their original length recorded (and a warning naming the post); NUL bytes and unpaired surrogates
 * never reach the database, whether in a post, its raw payload, its claim, an audit entry or a raw query.
 */
import { sql } from 'kysely';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractHandler } from '../../workers/extract.ts';
import { ingestBatch } from '../../workers/poll.ts';
import type { WorkerDeps } from '../../workers/deps.ts';
import type { IncomingPost } from '../../src/domain/post.ts';
import { MAX_POST_TEXT_CHARS } from '../../src/domain/postText.ts';
import { createRedis } from '../../src/queue/redis.ts';
import { JobQueues, type HandlerContext } from '../../src/queue/runtime.ts';
import { writeAudit } from '../../src/store/audit.ts';
import { claimsOfPost } from '../../src/store/claims.ts';
import { upsertRevision } from '../../src/store/postRevisions.ts';
import { dropRedisPrefix, isolatedStore, REDIS_URL, STORE_FLAVOURS, uniqueName } from '../support/services.ts';
import type { Job } from 'bullmq';

const post = (externalId: string, text: string, extra: Partial<IncomingPost> = {}): IncomingPost => ({
  platform: 'replay',
  externalId,
  version: 1,
  author: 'sample_mod',
  sourceKind: 'social',
  text,
  postedAt: '2025-03-01T10:00:00Z',
  kind: 'original',
  ...extra,
});

describe.each(STORE_FLAVOURS)('ingestion limits (%s)', (flavour) => {
  let store: Awaited<ReturnType<typeof isolatedStore>>;
  let deps: WorkerDeps;
  const prefix = uniqueName('cwlimits');
  const conn = createRedis(REDIS_URL);
  const warnings: { obj: Record<string, unknown>; msg: string }[] = [];
  const log = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(JSON.parse(line) as { obj: Record<string, unknown>; msg: string }) });
  beforeAll(async () => {
    store = await isolatedStore(flavour);
    deps = { store, queues: new JobQueues(conn, prefix), sources: new Map(), now: () => new Date(), log };
  });
  afterAll(async () => {
    await deps.queues.close();
    conn.disconnect();
    await dropRedisPrefix(prefix);
    await store.dispose();
  });

  it('stores texts of 1 MB and 10 MB cut to the limit, recording the original length and saying why', async () => {
    const lead = 'Air defence shot down 12 of 15 drones over the Odesa region overnight. ';
    const oneMb = lead + 'x'.repeat(1024 * 1024 - lead.length);
    const tenMb = lead + 'y'.repeat(10 * 1024 * 1024 - lead.length);
    const counts = await ingestBatch(deps, 'limits', { posts: [post('one-mb', oneMb), post('ten-mb', tenMb), post('short', lead)], deletions: [] }, log);
    expect(counts).toMatchObject({ fetched: 3, inserted: 3, rejected: 0, truncated: 2 });
    const rows = await store.db.selectFrom('posts').select(['external_id', sql<number>`length(text)`.as('len'), 'text_truncated_from']).orderBy('id').execute();
    expect(rows.map((r) => [r.external_id, Number(r.len), r.text_truncated_from])).toEqual([
      ['one-mb', MAX_POST_TEXT_CHARS, 1024 * 1024],
      ['ten-mb', MAX_POST_TEXT_CHARS, 10 * 1024 * 1024],
      ['short', lead.length, null],
    ]);
    const said = warnings.map((w) => (w as unknown as { msg: string }).msg).filter((m) => m.includes('ingestion limit'));
    expect(said).toEqual([
      `post text of ${1024 * 1024} characters is longer than the ingestion limit of ${MAX_POST_TEXT_CHARS}; stored cut to the first ${MAX_POST_TEXT_CHARS}`,
      `post text of ${10 * 1024 * 1024} characters is longer than the ingestion limit of ${MAX_POST_TEXT_CHARS}; stored cut to the first ${MAX_POST_TEXT_CHARS}`,
    ]);
    // Delivered again: the same rows, nothing new (the cut text is what is compared).
    const again = await ingestBatch(deps, 'limits', { posts: [post('one-mb', oneMb)], deletions: [] }, log);
    expect(again).toMatchObject({ inserted: 0, truncated: 0 });
    // A feed item (revisable) that long is one version however often it is polled.
    const first = await upsertRevision(store.db, post('feed-long', tenMb, { platform: 'rss' }));
    const second = await upsertRevision(store.db, post('feed-long', tenMb, { platform: 'rss' }));
    expect([first.inserted, first.truncatedFrom, second.inserted, second.version]).toEqual([true, 10 * 1024 * 1024, false, 1]);
  });

  it('keeps NUL bytes and unpaired surrogates out of posts, claims, audit entries and raw queries', async () => {
    const dirty = '\u0000Two\u0000 rockets struck Kharkiv \uD800overnight\uDC00, 3 people were injured.\u0000 😀';
    const clean = 'Two rockets struck Kharkiv \uFFFDovernight\uFFFD, 3 people were injured. 😀';
    const counts = await ingestBatch(
      deps,
      'dirty',
      { posts: [post('dirty', dirty, { author: 'mod\u0000', sourceName: 'Name \uDBFF', raw: { text: dirty, [`key\u0000`]: '\uDC00' } })], deletions: [] },
      log,
    );
    expect(counts).toMatchObject({ inserted: 1, rejected: 0 });
    const row = await store.db.selectFrom('posts').selectAll().where('external_id', '=', 'dirty').executeTakeFirstOrThrow();
    expect([row.text, row.author, row.source_name]).toEqual([clean, 'mod', 'Name \uFFFD']);
    expect(row.raw).toEqual({ text: clean, key: '\uFFFD' });

    // Its extraction stores a claim whose quoted mentions come from the cleaned text.
    const ctx: HandlerContext = { log, jobId: 't', attempt: 1, signal: new AbortController().signal, job: {} as Job };
    await extractHandler(deps)({ postId: row.id }, ctx);
    const [claim] = await claimsOfPost(store.db, row.id);
    expect(claim!.data.quantities.map((q) => q.value).sort()).toEqual([2, 3]);
    expect(JSON.stringify(claim!.data)).not.toMatch(/\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);

    // Any other write: a text column through the query builder, jsonb, and a raw parameterised query.
    const auditId = await writeAudit(store.db, { actor: 'u\u0000', action: 'claim.correct', entity: 'claim', entityId: claim!.id, before: { r: 'a\u0000' }, after: { r: '\uD800' }, requestId: 'req\u0000' });
    const audit = await store.db.selectFrom('audit_log').selectAll().where('id', '=', auditId).executeTakeFirstOrThrow();
    expect([audit.actor, audit.request_id, audit.before, audit.after]).toEqual(['u', 'req', { r: 'a' }, { r: '\uFFFD' }]);
    const raw = await sql<{ t: string }>`select ${'x\u0000y\uDC00'}::text as t`.execute(store.db);
    expect(raw.rows[0]!.t).toBe('xy\uFFFD');
  });
});
