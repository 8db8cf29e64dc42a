/**
 * `claimwatch backfill`: an account's history since a date through the timeline adapter and the store
 * path of the pollers, against the local X API v2 server with a small rate-limit window: progress lines,
 * waits until X's reset (never a request before it), resume after an interruption, nothing twice.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backfill, run } from '../../src/cli/backfill.ts';
import { CliError } from '../../src/cli/jsonl.ts';
import { createRedis } from '../../src/queue/redis.ts';
import { JobQueues } from '../../src/queue/runtime.ts';
import { openStore, type Store } from '../../src/store/db.ts';
import { getBackfill } from '../../src/store/ingest.ts';
import { dropRedisPrefix, PG_URL, STORE_FLAVOURS, tempDir, testConfig, uniqueName, type StoreFlavour } from '../support/services.ts';
import { TEST_BEARER, XApiServer } from '../support/x-api-server.ts';
import { silentLog, xSource } from '../support/x-fixtures.ts';

/** Ten posts a page, so 45 posts take five pages. */
const source = xSource({ accounts: ['OIRSpox'], maxResults: 10 });

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(flavour: StoreFlavour) {
  const server = new XApiServer({ limits: { 'users/:id/tweets': { limit: 3, windowMs: 1_500 } } });
  await server.start();
  const dir = tempDir();
  const config = testConfig(flavour, dir.path, { X_BEARER_TOKEN: TEST_BEARER, X_API_BASE_URL: server.url });
  const store: Store = await openStore(flavour === 'postgres' ? { databaseUrl: PG_URL, schema: uniqueName('ingbf') } : { dataDir: join(dir.path, 'pglite') });
  const redis = createRedis(config.redis.url);
  const queues = new JobQueues(redis, config.redis.prefix);
  cleanups.push(
    () => server.close(),
    dir.remove,
    () => store.close(),
    () => redis.disconnect(),
    () => queues.close(),
    () => dropRedisPrefix(config.redis.prefix),
  );
  // Ten posts before the start date, 45 after it, oldest first.
  const before = Date.parse('2021-02-20T08:00:00Z');
  const after = Date.parse('2021-03-01T06:00:00Z');
  for (let i = 0; i < 10; i++) server.post('OIRSpox', `February statement ${i}`, { at: before + i * 3_600_000 });
  const wanted = Array.from({ length: 45 }, (_, i) => server.post('OIRSpox', `March statement ${i}: ${i + 1} rockets`, { at: after + i * 7_200_000 }).id);
  return { server, config, store, queues, wanted };
}

async function storedIds(store: Store): Promise<string[]> {
  return (await store.db.selectFrom('posts').select('external_id').where('platform', '=', 'x').execute()).map((r) => r.external_id).sort();
}

describe.each(STORE_FLAVOURS)('backfill on %s', (flavour) => {
  it('pages an account since a date with progress lines, waiting out the rate limit', async () => {
    const { server, config, store, queues, wanted } = await setup(flavour);
    const lines: string[] = [];
    const s = await backfill({ config, handle: 'OIRSpox', since: new Date('2021-03-01T00:00:00Z'), store, queues, progress: (l) => lines.push(l), log: silentLog, source });
    expect(s).toMatchObject({ account: 'OIRSpox', since: '2021-03-01', pages: 5, posts: 45, inserted: 45, resumed: false });
    expect(s.rateLimitWaits).toBeGreaterThanOrEqual(1);
    expect(await storedIds(store)).toEqual([...wanted].sort());
    expect(await queues.pending(['extract'])).toBe(45);
    expect(server.earlyRequests).toBe(0);
    expect(lines[0]).toBe('backfill @OIRSpox since 2021-03-01: starting');
    expect(lines.some((l) => /^ {2}rate limited: waiting \d+ s, until .+ \(X's reset\)$/.test(l))).toBe(true);
    expect(lines.filter((l) => /^ {2}page \d+: \d+ posts \(\d+ new\), \d+ in all; budget \d+\/3 until/.test(l))).toHaveLength(5);
    expect(lines.at(-1)).toMatch(/done, 5 pages, 45 posts \(45 new\), \d+ rate-limit waits/);
    expect((await getBackfill(store.db, 'x:oirspox:2021-03-01'))?.finishedAt).toBeInstanceOf(Date);
  }, 60_000);

  it('resumes an interrupted backfill where it stopped; a rerun stores nothing twice', async () => {
    const { config, store, queues, wanted } = await setup(flavour);
    const ac = new AbortController();
    const since = new Date('2021-03-01T00:00:00Z');
    const lines: string[] = [];
    await expect(
      backfill({
        config,
        handle: 'OIRSpox',
        since,
        source,
        store,
        queues,
        log: silentLog,
        signal: ac.signal,
        progress: (l) => {
          lines.push(l);
          if (l.includes('page 2:')) ac.abort(new Error('interrupted'));
        },
      }),
    ).rejects.toThrow('interrupted');
    expect((await storedIds(store)).length).toBe(20);

    const resumed = await backfill({ config, handle: 'OIRSpox', since, source, store, queues, log: silentLog, progress: (l) => lines.push(l) });
    expect(resumed).toMatchObject({ resumed: true, pages: 5, posts: 45, inserted: 25 });
    expect(lines).toContain('backfill @OIRSpox since 2021-03-01: resuming after page 2 (20 posts so far)');
    expect(await storedIds(store)).toEqual([...wanted].sort());

    const again = await backfill({ config, handle: 'OIRSpox', since, source, store, queues, log: silentLog, progress: () => {}, restart: true });
    expect(again).toMatchObject({ pages: 5, posts: 45, inserted: 0 });
    expect(await storedIds(store)).toEqual([...wanted].sort());
  }, 60_000);
});

describe('backfill verb arguments', () => {
  it('explains what it needs before touching anything', async () => {
    await expect(run([])).rejects.toBeInstanceOf(CliError);
    await expect(run(['not a handle!', '--since', '2021-03-01'])).rejects.toThrow(/not an X handle/);
    await expect(run(['@OIRSpox'])).rejects.toThrow(/--since is required/);
    await expect(run(['@OIRSpox', '--since', 'March'])).rejects.toThrow(/--since must be a date/);
    await expect(run(['@OIRSpox', '--since', '2021-03-05', '--until', '2021-03-01'])).rejects.toThrow(/--until must be after --since/);
  });
});
