/**
 * The "done" bar for X ingestion, on both stores, through the whole service (poller and worker roles,
 * real BullMQ on the local Redis, the real twitter-api-v2 client against the local X API v2 server):
 * zero missed and zero duplicated posts across a rate-limit window (a spent budget and an injected 429),
 * a stream drop and a stall, an edit (a new version, re-extracted, older claim superseded) and a delete
 * (text and claim text purged, tombstone kept).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startApp, type App } from '../../src/app.ts';
import type { SourceConfig } from '../../src/config/sources.ts';
import { getStreamState } from '../../src/store/ingest.ts';
import { dropRedisPrefix, STORE_FLAVOURS, tempDir, testConfig, uniqueName, waitFor } from '../support/services.ts';
import { TEST_BEARER, XApiServer, type StoredTweet } from '../support/x-api-server.ts';
import { sleep, xSource } from '../support/x-fixtures.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface Row {
  external_id: string;
  version: number;
  version_external_id: string | null;
  text: string | null;
  deleted_at: Date | null;
}

async function rows(app: App): Promise<Row[]> {
  return app.store.db.selectFrom('posts').select(['external_id', 'version', 'version_external_id', 'text', 'deleted_at']).where('platform', '=', 'x').execute();
}

/** (external id # version) of every stored row, sorted. */
async function keys(app: App): Promise<string[]> {
  return (await rows(app)).map((r) => `${r.external_id}#${r.version}`).sort();
}

async function settled(app: App): Promise<boolean> {
  return (await app.queues.pending(['extract', 'match', 'alert'])) === 0;
}

function expected(published: StoredTweet[]): string[] {
  // Each published post is one version of its edit chain.
  return published.map((t) => `${t.chain[0]}#${t.chain.indexOf(t.id) + 1}`).sort();
}

describe.each(STORE_FLAVOURS)('X ingestion on %s', (flavour) => {
  async function boot(server: XApiServer, sources: SourceConfig[]): Promise<App> {
    const dir = tempDir();
    const config = testConfig(flavour, dir.path, { X_BEARER_TOKEN: TEST_BEARER, X_API_BASE_URL: server.url });
    const app = await startApp({ config, sources, roles: ['worker', 'poller'], storeSchema: uniqueName('ingx') });
    cleanups.push(dir.remove, () => dropRedisPrefix(config.redis.prefix), () => app.stop());
    return app;
  }

  it('search mode: nothing missed or duplicated across a spent budget, a 429, an edit and a delete', async () => {
    const server = new XApiServer({ limits: { 'tweets/search/recent': { limit: 3, windowMs: 2_000 } } });
    await server.start();
    cleanups.push(() => server.close());
    // 30 long handles: two packed queries; 10 posts a page so busy queries page.
    const accounts = Array.from({ length: 30 }, (_, i) => `MinistrySpox${String(i).padStart(3, '0')}`);
    const source = xSource({ id: 'x-search', mode: 'search', accounts, maxResults: 10, every: '400ms', deletions: { every: '1s' } });
    const app = await boot(server, [source]);
    await waitFor(async () => server.count('tweets/search/recent') >= 2, 'the first poll');

    const published: StoredTweet[] = [];
    for (let i = 0; i < 35; i++) published.push(server.post(accounts[i % 7]!, `Statement ${i}: ${i + 2} rockets hit a base near Erbil on May 3, 2024.`));
    server.fail('tweets/search/recent', { status: 429, resetInMs: 1_500 });
    for (let i = 0; i < 15; i++) published.push(server.post(accounts[10 + (i % 15)]!, `Update ${i}: ${i + 1} drones intercepted over Kyiv.`));
    await waitFor(async () => (await keys(app)).length >= published.length, 'every post stored', 40_000);

    const editedFrom = published[3]!;
    const edited = server.edit(editedFrom.id, 'Statement 3 (corrected): 12 rockets hit a base near Erbil on May 3, 2024.');
    published.push(edited);
    const deleted = published[5]!;
    await waitFor(async () => (await keys(app)).includes(`${editedFrom.id}#2`), 'the edit stored as version 2', 20_000);
    server.delete(deleted.id);
    await waitFor(async () => (await rows(app)).some((r) => r.external_id === deleted.id && r.deleted_at), 'the deletion found', 20_000);
    await waitFor(() => settled(app), 'extraction settled', 20_000);
    // A little longer: more polls run and change nothing.
    await sleep(1_500);
    await waitFor(() => settled(app), 'extraction settled again', 20_000);

    expect(await keys(app)).toEqual(expected(published));
    expect(server.earlyRequests).toBe(0);
    expect(server.requests.some((r) => r.status === 429)).toBe(true);

    const all = await rows(app);
    const gone = all.filter((r) => r.external_id === deleted.id);
    expect(gone).toHaveLength(1);
    expect(gone[0]).toMatchObject({ text: null });

    const claims = await app.store.db
      .selectFrom('claims as c')
      .innerJoin('posts as p', 'p.id', 'c.post_id')
      .select(['p.external_id', 'p.version', 'c.is_current', 'c.superseded_by', 'c.data'])
      .execute();
    // One claim per stored version that was alive when extracted (the deleted post's may or may not exist).
    const perVersion = new Map<string, number>();
    for (const c of claims) perVersion.set(`${c.external_id}#${c.version}`, (perVersion.get(`${c.external_id}#${c.version}`) ?? 0) + 1);
    expect([...perVersion.values()].every((n) => n === 1)).toBe(true);
    expect(claims.filter((c) => c.external_id !== deleted.id)).toHaveLength(published.length - 1);
    const chain = claims.filter((c) => c.external_id === editedFrom.id).sort((a, b) => a.version - b.version);
    expect(chain.map((c) => [c.version, c.is_current])).toEqual([
      [1, false],
      [2, true],
    ]);
    expect(chain[0]!.superseded_by).not.toBeNull();
    for (const c of claims.filter((x) => x.external_id === deleted.id)) {
      expect(c.data.quantities.every((q) => q.mention === '')).toBe(true);
    }
  }, 90_000);

  it('stream mode: live posts, a drop and a stall filled by search, an edit, a delete; each post stored once', async () => {
    const server = new XApiServer({ keepAliveMs: 100, maxStreamConnections: 2 });
    await server.start();
    cleanups.push(() => server.close());
    const source = xSource({ id: 'x-stream', mode: 'stream', accounts: ['CENTCOM', 'OIRSpox'], every: '1h', stallTimeout: '800ms', deletions: { every: '1s' } });
    const app = await boot(server, [source]);
    await waitFor(async () => server.openStreams === 1, 'the stream connected');

    const published: StoredTweet[] = [];
    const publish = (who: string, text: string) => {
      const t = server.post(who, text);
      published.push(t);
      return t;
    };
    publish('OIRSpox', 'Initial report: 10 rockets targeted Al Asad Air Base at 7:20 a.m.');
    publish('CENTCOM', 'Two one-way attack drones were shot down over the Red Sea.');
    await waitFor(async () => (await keys(app)).length === 2, 'live posts stored');

    server.fail('tweets/search/stream', { hangup: true }, 2);
    server.dropStreams();
    publish('OIRSpox', 'While disconnected: 3 rockets near Erbil, no injuries.');
    publish('CENTCOM', 'While disconnected: a drone intercepted near Tanf.');
    await waitFor(async () => (await keys(app)).length === 4, 'the gap after the drop filled', 20_000);

    server.stallStreams();
    publish('OIRSpox', 'While wedged: 4 rockets landed near Baghdad airport.');
    await waitFor(async () => (await keys(app)).length === 5, 'the gap after the stall filled', 20_000);

    const edited = server.edit(published[0]!.id, 'Initial report (corrected): 10 rockets targeted Al Asad Air Base at 7:25 a.m.');
    published.push(edited);
    await waitFor(async () => (await keys(app)).includes(`${published[0]!.id}#2`), 'the edit streamed');

    // Deletions come from the scheduled polls (every 1 s checks here): run two by hand.
    server.delete(published[1]!.id);
    await app.queues.add('poll', { sourceId: 'x-stream' }, { jobId: 'manual-poll-1' });
    await sleep(1_100);
    await app.queues.add('poll', { sourceId: 'x-stream' }, { jobId: 'manual-poll-2' });
    await waitFor(async () => (await rows(app)).some((r) => r.external_id === published[1]!.id && r.deleted_at && r.text === null), 'the deletion found', 20_000);
    await waitFor(() => settled(app), 'extraction settled', 20_000);

    expect(await keys(app)).toEqual(expected(published));
    const state = await getStreamState(app.store.db, 'x-stream');
    expect(state).toMatchObject({ connected: true, gapSinceId: null });
    expect(state!.disconnects).toBeGreaterThanOrEqual(2);
    expect(server.earlyRequests).toBe(0);
    const claims = await app.store.db.selectFrom('claims').select(['post_id']).execute();
    expect(new Set(claims.map((c) => c.post_id)).size).toBe(claims.length);
  }, 90_000);
});
