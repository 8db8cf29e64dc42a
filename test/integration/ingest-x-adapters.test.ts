/**
 * The X adapters through the real twitter-api-v2 client against the local X API v2 server (no Redis or
 * store here: what each fetch hands over, what it costs, and what it does on 429, 5xx and bad bodies).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SourcePermanentError, SourceRateLimitedError, type FetchResult, type StreamSink } from '../../src/sources/types.ts';
import { XApi, XRateLimitedError, XTransientError } from '../../src/sources/x/api.ts';
import { XSearchSource } from '../../src/sources/x/search.ts';
import { XStreamSource } from '../../src/sources/x/stream.ts';
import { XTimelineSource } from '../../src/sources/x/timeline.ts';
import { XApiServer, type XServerOptions } from '../support/x-api-server.ts';
import { apiFor, drain, fetchCtx, sleep, xSource } from '../support/x-fixtures.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function server(options: XServerOptions = {}): Promise<XApiServer> {
  const s = new XApiServer(options);
  await s.start();
  cleanups.push(() => s.close());
  return s;
}

function ids(results: FetchResult[]): string[] {
  return results.flatMap((r) => r.posts.map((p) => p.versionExternalId ?? p.externalId));
}

describe('timeline mode', () => {
  it('starts from the newest page, then catches up page by page down to since_id', async () => {
    const s = await server();
    for (let i = 0; i < 25; i++) s.post('OIRSpox', `older post ${i}`);
    const src = new XTimelineSource('tl', xSource({ accounts: ['OIRSpox'], maxResults: 10 }), apiFor(s));
    cleanups.push(() => src.close());
    const first = await src.fetch(null, fetchCtx());
    expect(first.posts).toHaveLength(10);
    expect(first.more).toBe(false);

    const published = Array.from({ length: 35 }, (_, i) => s.post('OIRSpox', `new post ${i}`).id);
    const { results } = await drain(src, first.cursor, fetchCtx());
    expect(ids(results).sort()).toEqual([...published].sort());
    // users/by once (first poll), then 1 + 4 timeline pages.
    expect(s.count('users/by')).toBe(1);
    expect(s.count('users/:id/tweets')).toBe(1 + 4);
    const tl = s.requests.filter((r) => r.endpoint === 'users/:id/tweets').slice(1);
    expect(tl.every((r) => r.query.since_id === first.posts[0]!.externalId)).toBe(true);
    expect(tl.slice(1).every((r) => !!r.query.pagination_token)).toBe(true);
  });

  it('stops at a spent budget, hands over what it read with the reset, and resumes after it without a gap', async () => {
    const s = await server({ limits: { 'users/:id/tweets': { limit: 3, windowMs: 2_000 } } });
    const src = new XTimelineSource('tl', xSource({ accounts: ['CENTCOM', 'OIRSpox'], maxResults: 10 }), apiFor(s));
    cleanups.push(() => src.close());
    s.post('CENTCOM', 'seed a');
    s.post('OIRSpox', 'seed b');
    let { cursor } = await drain(src, null, fetchCtx());
    s.resetCounts();
    await sleep(s.windowReset('users/:id/tweets')! - Date.now() + 20);
    const published = [...Array.from({ length: 25 }, (_, i) => s.post('CENTCOM', `c ${i}`).id), ...Array.from({ length: 12 }, (_, i) => s.post('OIRSpox', `o ${i}`).id)];

    const r1 = await src.fetch(cursor, fetchCtx());
    expect(r1.more).toBe(true);
    expect(r1.notBefore).toBeInstanceOf(Date);
    expect(r1.posts).toHaveLength(25);
    // Before the reset nothing is sent: the adapter knows the budget is spent.
    const sent = s.count('users/:id/tweets');
    await expect(src.fetch(r1.cursor, fetchCtx())).rejects.toBeInstanceOf(SourceRateLimitedError);
    expect(s.count('users/:id/tweets')).toBe(sent);

    await sleep(Math.max(0, r1.notBefore!.getTime() - Date.now()) + 50);
    const rest = await drain(src, r1.cursor, fetchCtx());
    cursor = rest.cursor;
    const all = [...ids([r1]), ...ids(rest.results)];
    expect(all.sort()).toEqual([...published].sort());
    expect(s.earlyRequests).toBe(0);
  });

  it('turns an injected 429 into SourceRateLimitedError at the reset X gave, and never calls before it', async () => {
    const s = await server();
    const src = new XTimelineSource('tl', xSource({ accounts: ['OIRSpox'] }), apiFor(s));
    cleanups.push(() => src.close());
    s.post('OIRSpox', 'one');
    const { cursor } = await drain(src, null, fetchCtx());
    s.fail('users/:id/tweets', { status: 429, resetInMs: 1_500 });
    const e = await src.fetch(cursor, fetchCtx()).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(SourceRateLimitedError);
    const resetAt = (e as SourceRateLimitedError).resetAt.getTime();
    expect(resetAt).toBeGreaterThan(Date.now());
    await expect(src.fetch(cursor, fetchCtx())).rejects.toBeInstanceOf(SourceRateLimitedError);
    await sleep(resetAt - Date.now() + 50);
    s.post('OIRSpox', 'two');
    const r = await src.fetch(cursor, fetchCtx());
    expect(r.posts.map((p) => p.text)).toEqual(['two']);
    expect(s.earlyRequests).toBe(0);
  });

  it('warns when a catch-up comes close to the 3,200-post timeline window', async () => {
    const s = await server();
    const src = new XTimelineSource('tl', xSource({ accounts: ['IDF'], deletions: { check: false } }), apiFor(s));
    cleanups.push(() => src.close());
    s.post('IDF', 'first');
    const first = await src.fetch(null, fetchCtx());
    for (let i = 0; i < 3_300; i++) s.post('IDF', `burst ${i}`);
    const { results } = await drain(src, first.cursor, fetchCtx());
    expect(ids(results)).toHaveLength(3_200);
    expect(results.flatMap((r) => r.warnings ?? []).join('\n')).toMatch(/3200-post timeline window/);
  });

  it('reports a bad bearer token as permanent, 5xx and malformed bodies as transient', async () => {
    const s = await server();
    s.addUser('OIRSpox');
    const bad = new XTimelineSource('tl', xSource({ accounts: ['OIRSpox'] }), new XApi({ bearerToken: 'wrong-token-0123456789abcdef', baseUrl: s.url }));
    cleanups.push(() => bad.close());
    await expect(bad.fetch(null, fetchCtx())).rejects.toBeInstanceOf(SourcePermanentError);

    const api = apiFor(s);
    cleanups.push(() => api.close());
    s.fail('tweets/search/recent', { status: 503 });
    await expect(api.searchRecent('from:OIRSpox', { maxResults: 10 })).rejects.toBeInstanceOf(XTransientError);
    s.fail('tweets/search/recent', { malformed: true });
    await expect(api.searchRecent('from:OIRSpox', { maxResults: 10 })).rejects.toBeInstanceOf(XTransientError);
    s.fail('tweets/search/recent', { hangup: true });
    await expect(api.searchRecent('from:OIRSpox', { maxResults: 10 })).rejects.toBeInstanceOf(XTransientError);
    await expect(api.searchRecent('from:OIRSpox', { maxResults: 10 })).resolves.toMatchObject({ tweets: [] });
  });

  it('skips a handle X does not know, with a warning, and polls the others', async () => {
    const s = await server();
    s.post('OIRSpox', 'present');
    const src = new XTimelineSource('tl', xSource({ accounts: ['OIRSpox', 'NoSuchAccount1'] }), apiFor(s));
    cleanups.push(() => src.close());
    const r = await src.fetch(null, fetchCtx());
    expect(r.posts.map((p) => p.text)).toEqual(['present']);
    expect(r.warnings?.join('\n')).toMatch(/@NoSuchAccount1: X knows no such account/);
  });

  it('hands an edit over as the next version of the same post, and a deletion once the check finds it gone', async () => {
    const s = await server();
    let clock = Date.now();
    const now = () => new Date(clock);
    const src = new XTimelineSource('tl', xSource({ accounts: ['OIRSpox'] }), apiFor(s, now));
    cleanups.push(() => src.close());
    const orig = s.post('OIRSpox', 'Initial report: 3 rockets at Al Asad');
    const keep = s.post('OIRSpox', 'Unrelated statement');
    const r1 = await src.fetch(null, fetchCtx(now));
    const edited = s.edit(orig.id, 'Initial report: 10 rockets at Al Asad');
    const r2 = await src.fetch(r1.cursor, fetchCtx(now));
    expect(r2.posts).toHaveLength(1);
    expect(r2.posts[0]).toMatchObject({ externalId: orig.id, version: 2, versionExternalId: edited.id, text: 'Initial report: 10 rockets at Al Asad' });

    s.delete(edited.id);
    clock += 16 * 60_000; // the check runs every 15 minutes by default
    const r3 = await src.fetch(r2.cursor, fetchCtx(now));
    expect(r3.deletions.map((d) => d.externalId)).toEqual([orig.id]);
    expect(s.count('tweets')).toBe(1);
    // The remaining post is still checked later; the deleted one is not looked up again.
    clock += 16 * 60_000;
    const r4 = await src.fetch(r3.cursor, fetchCtx(now));
    expect(r4.deletions).toEqual([]);
    const lastLookup = s.requests.filter((q) => q.endpoint === 'tweets').at(-1)!;
    expect(lastLookup.query.ids).toBe(keep.id);
  });
});

describe('search mode', () => {
  it('packs accounts into <= 512-character queries: about N/20 requests a cycle, every post found', async () => {
    const s = await server();
    const accounts = Array.from({ length: 60 }, (_, i) => `Spokesperson${String(i).padStart(3, '0')}`);
    const src = new XSearchSource('sr', xSource({ mode: 'search', accounts }), apiFor(s));
    cleanups.push(() => src.close());
    const r1 = await src.fetch(null, fetchCtx());
    const cycle1 = s.count('tweets/search/recent');
    expect(cycle1).toBeLessThanOrEqual(Math.ceil(60 / 18));
    expect(s.requests.every((r) => (r.query.query ?? '').length <= 512)).toBe(true);
    const published = accounts.map((a, i) => s.post(a, `statement ${i}`).id);
    const { results } = await drain(src, r1.cursor, fetchCtx());
    expect(ids(results).sort()).toEqual([...published].sort());
    expect(s.count('tweets/search/recent') - cycle1).toBe(cycle1);
  });

  it('drops retweets and other people\'s replies by default, keeps same-author threads linked', async () => {
    const s = await server();
    const src = new XSearchSource('sr', xSource({ mode: 'search', accounts: ['OIRSpox'] }), apiFor(s));
    cleanups.push(() => src.close());
    const r0 = await src.fetch(null, fetchCtx());
    const other = s.post('SomeoneElse', 'unrelated');
    const head = s.post('OIRSpox', 'Thread 1/2: rockets targeted the base');
    const tail = s.post('OIRSpox', 'Thread 2/2: no injuries', { replyTo: head.id });
    s.post('OIRSpox', 'replying to someone', { replyTo: other.id });
    s.retweet('OIRSpox', other.id);
    const r = await src.fetch(r0.cursor, fetchCtx());
    expect(r.posts.map((p) => p.text).sort()).toEqual(['Thread 1/2: rockets targeted the base', 'Thread 2/2: no injuries']);
    const reply = r.posts.find((p) => p.externalId === tail.id)!;
    expect(reply).toMatchObject({ kind: 'reply', inReplyTo: head.id, conversationId: head.id });
  });
});

describe('stream mode', () => {
  function collectingSink() {
    const live: string[] = [];
    const gapFound: string[] = [];
    const gaps: (string | null)[] = [];
    const states: string[] = [];
    const sink: StreamSink = {
      async deliver(b) {
        (b.live ? live : gapFound).push(...b.posts.map((p) => p.versionExternalId ?? p.externalId));
      },
      async gap(open) {
        gaps.push(open);
      },
      status(st) {
        states.push(st.state);
      },
    };
    return { sink, live, gapFound, gaps, states };
  }

  it('delivers live posts, and after a drop or a stall reconnects and fills the gap by search', async () => {
    // Two connections allowed: a reconnect right after a stall can reach the server before the old socket's close.
    const s = await server({ keepAliveMs: 100, maxStreamConnections: 2 });
    const src = new XStreamSource('st', xSource({ mode: 'stream', accounts: ['OIRSpox', 'CENTCOM'], stallTimeout: '800ms' }), apiFor(s));
    cleanups.push(() => src.close());
    const c = collectingSink();
    const handle = src.stream(c.sink, { signal: new AbortController().signal, log: fetchCtx().log, now: () => new Date() });
    cleanups.push(() => handle.stop());
    await waitUntil(() => s.openStreams === 1);
    expect([...s.rules.values()].map((r) => r.tag)).toEqual(['claimwatch:st']);

    const a = s.post('OIRSpox', 'live one').id;
    s.post('Unwatched', 'not ours');
    await waitUntil(() => c.live.includes(a));

    // X restarts: the connection drops, and the first reconnects fail at the network level.
    s.fail('tweets/search/stream', { hangup: true }, 2);
    s.dropStreams();
    const during = [s.post('CENTCOM', 'while down 1').id, s.post('OIRSpox', 'while down 2').id];
    await waitUntil(() => s.openStreams === 1);
    await waitUntil(() => during.every((id) => c.gapFound.includes(id)));

    // A wedged connection: no keep-alives, no data; detected after the stall timeout.
    s.stallStreams();
    const wedged = s.post('OIRSpox', 'while wedged').id;
    await waitUntil(() => c.gapFound.includes(wedged), 10_000);
    const after = s.post('CENTCOM', 'live again').id;
    await waitUntil(() => c.live.includes(after));

    const everything = [a, ...during, wedged, after];
    const delivered = new Set([...c.live, ...c.gapFound]);
    expect(everything.every((id) => delivered.has(id))).toBe(true);
    expect(c.gaps.at(-1)).toBeNull();
    expect(s.streamConnects).toBeGreaterThanOrEqual(3);
    expect(c.states).toContain('disconnected');
  });
});

describe('stream mode rules', () => {
  it('manages only its own tagged rules, serves extra keyword rules, and keeps their search cursors', async () => {
    const s = await server({ keepAliveMs: 100 });
    const api = apiFor(s);
    cleanups.push(() => api.close());
    await api.addStreamRules([{ value: 'from:SomeoneElsesRule', tag: 'other-tool' }, { value: 'from:Stale', tag: 'claimwatch:st' }]);
    const src = new XStreamSource('st', xSource({ mode: 'stream', accounts: ['OIRSpox'], rules: ['"Al Asad"'] }), apiFor(s));
    cleanups.push(() => src.close());
    const live: string[] = [];
    const handle = src.stream(
      { async deliver(b) { live.push(...b.posts.map((p) => p.text)); }, async gap() {}, status() {} },
      { signal: new AbortController().signal, log: fetchCtx().log, now: () => new Date() },
    );
    cleanups.push(() => handle.stop());
    await waitUntil(() => s.openStreams === 1);
    expect([...s.rules.values()].map((r) => `${r.tag}:${r.value}`).sort()).toEqual(['claimwatch:st:"Al Asad"', 'claimwatch:st:from:OIRSpox -is:retweet', 'other-tool:from:SomeoneElsesRule']);
    s.post('Reporter', 'Rockets hit Al Asad this morning');
    await waitUntil(() => live.includes('Rockets hit Al Asad this morning'));

    const r1 = await src.fetch(null, fetchCtx());
    const r2 = await src.fetch(r1.cursor, fetchCtx());
    expect(Object.keys((r2.cursor as { feeds: object }).feeds).sort()).toEqual(['oirspox', 'rule:"Al Asad"']);
    expect(s.requests.filter((r) => r.endpoint === 'tweets/search/recent').at(-1)!.query.since_id).toBeTruthy();
  });
});

async function waitUntil(check: () => boolean, timeoutMs = 8_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(25);
  }
}

describe('rate-limit guard', () => {
  it('never sends a request to an endpoint whose budget is spent before its reset', async () => {
    const s = await server({ limits: { 'tweets/search/recent': { limit: 2, windowMs: 1_000 } } });
    const api = apiFor(s);
    cleanups.push(() => api.close());
    await api.searchRecent('from:a', { maxResults: 10 });
    await api.searchRecent('from:a', { maxResults: 10 });
    const e = await api.searchRecent('from:a', { maxResults: 10 }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(XRateLimitedError);
    expect((e as XRateLimitedError).fromServer).toBe(false);
    expect(s.count('tweets/search/recent')).toBe(2);
    await sleep((e as XRateLimitedError).resetAt.getTime() - Date.now() + 20);
    await api.searchRecent('from:a', { maxResults: 10 });
    expect(s.earlyRequests).toBe(0);
  });
});
