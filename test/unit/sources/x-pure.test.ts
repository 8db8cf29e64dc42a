/** Pure X ingestion logic: ids, query packing, catch-up cursors, rate-limit book, reconnect backoff, deletions. */
import { describe, expect, it } from 'vitest';
import { reconnectDelay } from '../../../src/sources/x/backoff.ts';
import { advance, nextRequest, readFeedCursor } from '../../../src/sources/x/catchup.ts';
import { checkDue, deletionsFrom, forget, lookupBatches, remember } from '../../../src/sources/x/deletions.ts';
import { compareIds, idToMs, maxId, minId, msToId } from '../../../src/sources/x/ids.ts';
import { groupKey, packFromQueries } from '../../../src/sources/x/query.ts';
import { RateLimitBook, readRateLimitHeaders, resetOf429 } from '../../../src/sources/x/rateLimits.ts';
import { regroup, searchBounds, searchSuffix, SEARCH_WINDOW_MS } from '../../../src/sources/x/search.ts';
import type { XPage } from '../../../src/sources/x/wire.ts';
import { readPage, XMalformedResponseError } from '../../../src/sources/x/wire.ts';
import type { IncomingPost } from '../../../src/domain/post.ts';

describe('post ids', () => {
  it('orders decimal ids numerically, beyond the safe integer range', () => {
    expect(compareIds('9', '10')).toBeLessThan(0);
    expect(compareIds('1366934582710259712', '1366934582710259713')).toBeLessThan(0);
    expect(compareIds('01', '1')).toBe(0);
    expect(maxId(undefined, '5')).toBe('5');
    expect(maxId('100', '99')).toBe('100');
    expect(minId('100', '99')).toBe('99');
  });

  it('reads and writes the creation time inside a snowflake', () => {
    // 1366934582710259712 is a post of 2021-03-03 (the Al Asad attack day).
    expect(new Date(idToMs('1366934582710259712')!).toISOString().slice(0, 10)).toBe('2021-03-03');
    const at = Date.parse('2024-05-01T12:00:00Z');
    expect(idToMs(msToId(at))).toBe(at);
    expect(idToMs('abc')).toBeUndefined();
  });
});

describe('from: query packing', () => {
  const handles = Array.from({ length: 500 }, (_, i) => `Account_${String(i).padStart(7, '0')}`); // 15 characters each

  it('keeps every query within the limit and covers each account once, in order', () => {
    const packed = packFromQueries(handles, { limit: 512, suffix: '-is:retweet' });
    expect(packed.every((q) => q.query.length <= 512)).toBe(true);
    expect(packed.flatMap((q) => q.accounts)).toEqual(handles);
    // 15-character handles: "from:x OR " costs 24 characters, so about 20 per query.
    expect(packed.length).toBe(Math.ceil(500 / Math.floor((512 - 2 - 12 + 4) / 24)));
    expect(packed[0]!.query.startsWith('(from:Account_0000000 OR from:Account_0000001')).toBe(true);
    expect(packed[0]!.query.endsWith(') -is:retweet')).toBe(true);
  });

  it('writes a single account without parentheses and refuses one that cannot fit', () => {
    expect(packFromQueries(['OIRSpox'], { limit: 512 })).toEqual([{ query: 'from:OIRSpox', accounts: ['OIRSpox'] }]);
    expect(() => packFromQueries(['OIRSpox'], { limit: 10 })).toThrow(/query limit/);
  });

  it('adding an account at the end changes only the last query', () => {
    const a = packFromQueries(handles.slice(0, 45), { limit: 512 });
    const b = packFromQueries(handles.slice(0, 46), { limit: 512 });
    expect(b.slice(0, -1).map((q) => groupKey(q.accounts))).toEqual(a.slice(0, -1).map((q) => groupKey(q.accounts)));
  });

  it('search operators follow the include options', () => {
    expect(searchSuffix({ retweets: false, quotes: true, replies: 'same_author' })).toBe('-is:retweet');
    expect(searchSuffix({ retweets: true, quotes: false, replies: 'none' })).toBe('-is:quote -is:reply');
  });

  it('a regrouped query starts from the oldest since_id of the queries it replaces', () => {
    const feeds = { 'a,b': { newestId: '200' }, 'c,d': { newestId: '100' }, 'e': { newestId: '50' } };
    const out = regroup(feeds, [
      { query: '(from:a OR from:b)', accounts: ['a', 'b'] },
      { query: '(from:c OR from:d OR from:x)', accounts: ['c', 'd', 'x'] },
      { query: 'from:y', accounts: ['y'] },
    ]);
    expect(out).toEqual({ 'a,b': { newestId: '200' }, 'c,d,x': { newestId: '100' }, y: {} });
  });

  it('a since_id older than the 7-day search window becomes a start_time at its edge', () => {
    const now = Date.parse('2024-05-10T00:00:00Z');
    const recent = msToId(now - 3600_000);
    expect(searchBounds(recent, now)).toEqual({ sinceId: recent });
    const old = msToId(now - SEARCH_WINDOW_MS - 3600_000);
    expect(searchBounds(old, now)).toEqual({ startTime: '2024-05-03T00:01:00Z' });
    expect(searchBounds(undefined, now)).toEqual({});
  });
});

function page(ids: string[], next?: string): XPage {
  return {
    tweets: ids.map((id) => ({ id, text: `t${id}` })),
    includes: { users: [], tweets: [] },
    meta: { resultCount: ids.length, ...(ids.length ? { newestId: ids[0]!, oldestId: ids.at(-1)! } : {}), ...(next ? { nextToken: next } : {}) },
    errors: [],
    dropped: 0,
  };
}

describe('since_id catch-up', () => {
  it('reads one page on a first poll and starts from its newest post', () => {
    const r = advance({}, page(['30', '29'], 'tok'));
    expect(r).toMatchObject({ done: true, cursor: { newestId: '30' } });
    expect(nextRequest(r.cursor)).toEqual({ sinceId: '30' });
  });

  it('moves newestId only once the pages reach the old since_id', () => {
    let r = advance({ newestId: '10' }, page(['50', '40'], 'p2'), false, 1000);
    expect(r).toMatchObject({ done: false, cursor: { newestId: '10', pending: { nextToken: 'p2', newestId: '50', fetched: 2, pages: 1 } } });
    expect(nextRequest(r.cursor)).toEqual({ sinceId: '10', token: 'p2' });
    r = advance(r.cursor, page(['30', '20']), false, 2000);
    expect(r).toMatchObject({ done: true, fetched: 4, pages: 2, cursor: { newestId: '50', checkedAt: 2000 } });
    expect(r.cursor.pending).toBeUndefined();
  });

  it('keeps its place when a poll finds nothing', () => {
    expect(advance({ newestId: '10', checkedAt: 5 }, page([]), false, 9).cursor).toEqual({ newestId: '10', checkedAt: 9 });
  });

  it('reads back only well-formed cursors', () => {
    expect(readFeedCursor({ newestId: 'x', pending: { nextToken: '' } })).toEqual({});
    expect(readFeedCursor({ newestId: '12', pending: { nextToken: 'a', newestId: '20', fetched: 3, pages: 1 } })).toEqual({
      newestId: '12',
      pending: { nextToken: 'a', newestId: '20', fetched: 3, pages: 1 },
    });
    expect(readFeedCursor('garbage')).toEqual({});
  });
});

describe('X response bodies', () => {
  it('drops items of the wrong shape one by one and refuses a body that is not v2 at all', () => {
    const p = readPage({ data: [{ id: '1', text: 'ok' }, { id: 2, text: 'bad id' }, null], meta: { result_count: 3, next_token: 'n' } });
    expect(p.tweets.map((t) => t.id)).toEqual(['1']);
    expect(p.dropped).toBe(2);
    expect(p.meta.nextToken).toBe('n');
    expect(() => readPage('<html>')).toThrow(XMalformedResponseError);
    expect(() => readPage({ data: { id: '1' } })).toThrow(XMalformedResponseError);
    expect(readPage({ meta: { result_count: 0 } }).tweets).toEqual([]);
  });
});

describe('rate-limit book', () => {
  const t0 = new Date('2024-05-01T12:00:00Z');
  const at = (s: number) => new Date(t0.getTime() + s * 1000);

  it('reads the three headers X sends on every response', () => {
    expect(readRateLimitHeaders({ 'x-rate-limit-limit': '900', 'x-rate-limit-remaining': '899', 'x-rate-limit-reset': String(t0.getTime() / 1000 + 900) })).toEqual({
      limit: 900,
      remaining: 899,
      resetAt: at(900),
    });
    expect(readRateLimitHeaders({})).toBeUndefined();
  });

  it('blocks an endpoint whose budget is spent until its reset, and only that endpoint', () => {
    const book = new RateLimitBook();
    book.record('/2/tweets/search/recent', { remaining: 1, resetAt: at(60) });
    expect(book.blockedUntil('/2/tweets/search/recent', at(1))).toBeUndefined();
    book.record('/2/tweets/search/recent', { remaining: 0, resetAt: at(60) });
    expect(book.blockedUntil('/2/tweets/search/recent', at(59))).toEqual(at(60));
    expect(book.blockedUntil('/2/users/:id/tweets', at(59))).toBeUndefined();
    expect(book.blockedUntil('/2/tweets/search/recent', at(60))).toBeUndefined();
  });

  it('takes a 429\'s reset from the spent window, the spent 24-hour cap, or waits a minute', () => {
    expect(resetOf429({ 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(t0.getTime() / 1000 + 300) }, t0).resetAt).toEqual(at(300));
    expect(
      resetOf429({ 'x-rate-limit-remaining': '5', 'x-rate-limit-reset': '1', 'x-app-limit-24hour-remaining': '0', 'x-app-limit-24hour-reset': String(t0.getTime() / 1000 + 7200) }, t0).resetAt,
    ).toEqual(at(7200));
    expect(resetOf429({ 'x-rate-limit-remaining': '40', 'x-rate-limit-reset': String(t0.getTime() / 1000 + 300) }, t0).resetAt).toEqual(at(60));
  });
});

describe('stream reconnect backoff (X rules)', () => {
  it('reconnects a dropped connection at once', () => {
    expect(reconnectDelay('dropped', 1)).toBe(0);
  });
  it('backs off linearly by 250 ms up to 16 s on network errors', () => {
    expect([1, 2, 3, 64, 65, 200].map((n) => reconnectDelay('network', n))).toEqual([250, 500, 750, 16_000, 16_000, 16_000]);
  });
  it('backs off exponentially from 5 s up to 320 s on HTTP errors', () => {
    expect([1, 2, 3, 7, 8, 20].map((n) => reconnectDelay('http', n))).toEqual([5_000, 10_000, 20_000, 320_000, 320_000, 320_000]);
  });
  it('backs off exponentially from one minute on 429, never before the reset', () => {
    expect([1, 2, 3].map((n) => reconnectDelay('rate_limited', n))).toEqual([60_000, 120_000, 240_000]);
    const now = new Date(0);
    expect(reconnectDelay('rate_limited', 1, now, new Date(600_000))).toBe(600_000);
  });
});

describe('deletion checks bookkeeping', () => {
  const opts = { check: true, window: 72 * 3600_000, every: 15 * 60_000, max: 3 };
  const post = (externalId: string, version: number, postedAt: string, versionExternalId?: string): IncomingPost => ({
    platform: 'x',
    externalId,
    version,
    ...(versionExternalId ? { versionExternalId } : {}),
    author: 'a',
    sourceKind: 'social',
    text: 't',
    postedAt,
    kind: 'original',
  });
  const now = Date.parse('2024-05-04T00:00:00Z');

  it('remembers the newest version of recent posts, newest first, within window and count', () => {
    let s = remember({ recent: [] }, [post('1', 1, '2024-05-03T00:00:00Z'), post('2', 1, '2024-05-03T01:00:00Z'), post('old', 1, '2024-04-01T00:00:00Z')], opts, now);
    s = remember(s, [post('1', 2, '2024-05-03T05:00:00Z', '11'), post('3', 1, '2024-05-03T02:00:00Z'), post('4', 1, '2024-05-03T03:00:00Z')], opts, now);
    expect(s.recent.map((e) => e[0])).toEqual(['4', '3', '2']);
    s = remember({ recent: [] }, [post('1', 2, '2024-05-03T05:00:00Z', '11'), post('1', 1, '2024-05-03T00:00:00Z')], opts, now);
    expect(s.recent).toEqual([['1', '11', Date.parse('2024-05-03T00:00:00Z')]]);
  });

  it('is due one interval after the last check; not-found errors become deletions of the whole post', () => {
    const s = remember({ recent: [] }, [post('1', 2, '2024-05-03T00:00:00Z', '11'), post('2', 1, '2024-05-03T01:00:00Z')], opts, now);
    expect(checkDue(s, opts, now)).toBe(false);
    expect(checkDue(s, opts, now + opts.every)).toBe(true);
    expect(lookupBatches(s, 1)).toEqual([['2'], ['11']]);
    const dels = deletionsFrom(s, [{ type: 'https://api.twitter.com/2/problems/resource-not-found', resource_id: '11' }, { title: 'Authorization Error', resource_id: '2' }], '2024-05-04T00:00:00.000Z');
    expect(dels).toEqual([{ platform: 'x', externalId: '1', deletedAt: '2024-05-04T00:00:00.000Z' }]);
    expect(forget(s, dels).recent.map((e) => e[0])).toEqual(['2']);
  });
});
