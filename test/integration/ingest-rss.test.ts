/**
 * RSS and Atom through the whole service on both stores, against the local feed server: conditional GET
 * (an unchanged feed costs a 304 and stores nothing), a rewritten item becomes a new version whose claim
 * supersedes the old one, a truncated document stores nothing, a 503 with Retry-After postpones the poll.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startApp, type App } from '../../src/app.ts';
import { sourceConfigSchema, type SourceConfig } from '../../src/config/sources.ts';
import { getSourceState } from '../../src/store/sources.ts';
import { FeedServer } from '../support/feed-server.ts';
import { dropRedisPrefix, STORE_FLAVOURS, tempDir, testConfig, uniqueName, waitFor } from '../support/services.ts';
import { sleep } from '../support/x-fixtures.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function posts(app: App): Promise<{ external_id: string; version: number; text: string | null; author: string; source_name: string | null }[]> {
  return app.store.db.selectFrom('posts').select(['external_id', 'version', 'text', 'author', 'source_name']).where('platform', '=', 'rss').orderBy('external_id').orderBy('version').execute();
}

describe.each(STORE_FLAVOURS)('feeds on %s', (flavour) => {
  it('stores items once, re-versions rewritten ones, and spends a 304 on an unchanged feed', async () => {
    const feeds = new FeedServer();
    await feeds.start();
    cleanups.push(() => feeds.close());
    const day = new Date('2024-05-03T06:00:00Z');
    const rssUrl = feeds.setFeed('/releases.xml', 'rss', 'Ministry releases', [
      { guid: 'rel-1', title: 'Rocket attack on a base', description: '<p>At least <b>five</b> rockets struck Ain al-Asad air base on May 3.</p>', pubDate: day },
      { guid: 'rel-2', title: 'Drone downed', description: '<p>One drone was shot down near Erbil&nbsp;airport.</p>', pubDate: day },
    ]);
    const atomUrl = feeds.setFeed('/news.atom', 'atom', 'Newswire', [{ guid: 'urn:news:77', title: 'Base attacked', description: '<p>Ten rockets, officials said.</p>', pubDate: day }]);
    const sources: SourceConfig[] = [
      sourceConfigSchema.parse({ type: 'rss', id: 'releases', url: rssUrl, name: 'Ministry releases', sourceKind: 'official_release', every: '300ms' }),
      sourceConfigSchema.parse({ type: 'rss', id: 'newswire', url: atomUrl, name: 'Newswire', every: '300ms' }),
    ];
    const dir = tempDir();
    const config = testConfig(flavour, dir.path);
    const app = await startApp({ config, sources, roles: ['worker', 'poller'], storeSchema: uniqueName('ingrss') });
    cleanups.push(dir.remove, () => dropRedisPrefix(config.redis.prefix), () => app.stop());

    await waitFor(async () => (await posts(app)).length === 3, 'three items stored');
    const first = await posts(app);
    expect(first.map((p) => [p.external_id, p.version, p.author, p.source_name])).toEqual([
      ['releases:rel-1', 1, 'releases', 'Ministry releases'],
      ['releases:rel-2', 1, 'releases', 'Ministry releases'],
      ['urn:news:77', 1, 'newswire', 'Newswire'],
    ]);
    expect(first[0]!.text).toBe('Rocket attack on a base\n\nAt least five rockets struck Ain al-Asad air base on May 3.');
    expect(first[1]!.text).toBe('Drone downed\n\nOne drone was shot down near Erbil airport.');

    // Unchanged feeds: conditional GETs answered 304, nothing new stored.
    await waitFor(async () => feeds.notModified >= 4, 'conditional GETs');
    expect(feeds.lastConditional.ifNoneMatch).toMatch(/^"/);
    expect(await posts(app)).toHaveLength(3);

    // The publisher rewrites an item in place: a new version, extracted again, older claim superseded.
    feeds.upsertItem('/releases.xml', { guid: 'rel-2', title: 'Drone downed', description: '<p>Two drones were shot down near Erbil airport.</p>', pubDate: day });
    await waitFor(async () => (await posts(app)).length === 4, 'the rewritten item stored as version 2');
    await waitFor(async () => (await app.queues.pending(['extract', 'match', 'alert'])) === 0 && (await app.store.db.selectFrom('claims').select('id').execute()).length === 4, 'claims');
    const chain = await app.store.db
      .selectFrom('claims as c')
      .innerJoin('posts as p', 'p.id', 'c.post_id')
      .select(['p.version', 'c.is_current'])
      .where('p.external_id', '=', 'releases:rel-2')
      .orderBy('p.version')
      .execute();
    expect(chain.map((c) => [c.version, c.is_current])).toEqual([
      [1, false],
      [2, true],
    ]);

    // A truncated download stores nothing (no cut "rewrite"); the next poll reads the whole feed again.
    feeds.fail('/releases.xml', { truncated: true });
    feeds.upsertItem('/releases.xml', { guid: 'rel-3', title: 'Statement', description: 'No injuries were reported.', pubDate: day });
    await waitFor(async () => (await posts(app)).length === 5, 'the new item after a truncated download');
    await sleep(800);
    expect((await posts(app)).map((p) => `${p.external_id}#${p.version}`)).toEqual(['releases:rel-1#1', 'releases:rel-2#1', 'releases:rel-2#2', 'releases:rel-3#1', 'urn:news:77#1']);

    // 503 with Retry-After: the source waits (not a failure) and carries on afterwards.
    feeds.fail('/news.atom', { status: 503, retryAfter: '2' });
    await waitFor(async () => !!(await getSourceState(app.store.db, 'newswire')).rateLimitedUntil, 'the Retry-After recorded');
    feeds.upsertItem('/news.atom', { guid: 'urn:news:78', title: 'Follow-up', description: 'Damage was limited.', pubDate: day });
    await waitFor(async () => (await posts(app)).length === 6, 'the feed read after Retry-After', 20_000);
    await waitFor(async () => (await getSourceState(app.store.db, 'newswire')).rateLimitedUntil === null, 'the wait cleared');
    expect((await getSourceState(app.store.db, 'newswire')).lastError).toBeNull();
  }, 60_000);
});
