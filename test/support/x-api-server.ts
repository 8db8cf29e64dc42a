/**
 * A local X API v2 server for tests and benchmarks: the outside world claimwatch talks to, speaking the
 * real protocol so the real twitter-api-v2 client drives it. It keeps users and posts in memory (snowflake
 * ids from its clock, edits as new ids with edit_history_tweet_ids, deletions), and serves
 *   GET  /2/users/by                      usernames -> users (unknown ones as errors)
 *   GET  /2/users/:id/tweets              user timeline: since_id, until_id, start_time, exclude, max_results,
 *                                         pagination_token; only the newest 3,200 posts (800 without replies)
 *   GET  /2/tweets/search/recent          query (<= 512 chars, from:/OR/()/-is:), since_id, start_time,
 *                                         next_token, max_results; the last 7 days only
 *   GET  /2/tweets                        lookup by ids; deleted posts as resource-not-found errors
 *   GET  /2/tweets/search/stream          filtered stream: matching posts as JSON lines, "\r\n" keep-alives
 *   GET|POST /2/tweets/search/stream/rules
 * with tweet.fields / user.fields / expansions, meta.result_count / newest_id / oldest_id / next_token,
 * x-rate-limit-limit / -remaining / -reset on every response, 429 when a window is spent, and injectable
 * faults (5xx, 429 with a reset, malformed JSON, a hung-up socket). It counts requests per endpoint and
 * every request that arrived while the client had been told the budget was spent ("early" requests).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { hasPositiveClause, matches, parseQuery, QuerySyntaxError, type QueryNode } from './x-query.ts';

const X_EPOCH = 1_288_834_974_657n;
export const TEST_BEARER = 'test-bearer-token-for-the-local-x-api-server';

export type Endpoint = 'users/by' | 'users/:id/tweets' | 'tweets/search/recent' | 'tweets' | 'tweets/search/stream' | 'tweets/search/stream/rules';

export interface WindowSpec {
  limit: number;
  windowMs: number;
}

export type Fault =
  | { status: number; body?: unknown }
  | { status: 429; resetInMs: number }
  | { malformed: true }
  | { hangup: true };

export interface XServerOptions {
  token?: string;
  /** Clock in ms (tests may inject one); default Date.now. */
  now?: () => number;
  /** Rate-limit windows per endpoint; endpoints not listed are unlimited (a large budget is still reported). */
  limits?: Partial<Record<Endpoint, WindowSpec>>;
  keepAliveMs?: number;
  timelineWindow?: number;
  searchWindowMs?: number;
  queryLimit?: number;
  /** Simultaneous stream connections allowed (X: 1 on most access levels). */
  maxStreamConnections?: number;
}

export interface StoredUser {
  id: string;
  username: string;
  name: string;
}

export interface StoredTweet {
  id: string;
  authorId: string;
  text: string;
  createdAtMs: number;
  conversationId: string;
  inReplyToUserId?: string;
  refs: { type: 'retweeted' | 'quoted' | 'replied_to'; id: string }[];
  /** Every version id of the edit chain, oldest first (shared by all versions). */
  chain: string[];
  deleted: boolean;
  lang: string;
}

interface WindowState {
  remaining: number;
  resetAtMs: number;
}

interface StreamConn {
  res: ServerResponse;
  socket: Socket;
  query: URLSearchParams;
  timer: NodeJS.Timeout | undefined;
  stalled: boolean;
}

export interface RequestRecord {
  method: string;
  endpoint: Endpoint | 'unknown';
  path: string;
  query: Record<string, string>;
  at: number;
  status: number;
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

function problem(status: number, title: string, detail: string, type = 'about:blank', extra: Record<string, unknown> = {}): unknown {
  return { title, detail, type, status, ...extra };
}

function invalidRequest(message: string, parameter: string): unknown {
  return {
    errors: [{ parameters: { [parameter]: [] }, message }],
    title: 'Invalid Request',
    detail: 'One or more parameters to your request was invalid.',
    type: 'https://api.twitter.com/2/problems/invalid-request',
  };
}

function cmpId(a: string, b: string): number {
  return a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0;
}

function encodeToken(beforeId: string): string {
  return Buffer.from(`b:${beforeId}`).toString('base64url');
}

function decodeToken(t: string): string | undefined {
  const s = Buffer.from(t, 'base64url').toString('utf8');
  return /^b:\d+$/.test(s) ? s.slice(2) : undefined;
}

function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '.000Z');
}

export class XApiServer {
  readonly users = new Map<string, StoredUser>();
  readonly tweets = new Map<string, StoredTweet>();
  readonly rules = new Map<string, { id: string; value: string; tag?: string; node: QueryNode }>();
  readonly requests: RequestRecord[] = [];
  /** Requests received while the client had been told the endpoint's budget was spent. */
  earlyRequests = 0;
  /** Stream connections accepted so far. */
  streamConnects = 0;
  private readonly opts: Required<Omit<XServerOptions, 'limits'>> & { limits: Partial<Record<Endpoint, WindowSpec>> };
  private readonly windows = new Map<Endpoint, WindowState>();
  private readonly faults = new Map<Endpoint, Fault[]>();
  private readonly streams = new Set<StreamConn>();
  private readonly sockets = new Set<Socket>();
  private server: Server | undefined;
  private lastMs = 0n;
  private seq = 0n;
  private nextRuleId = 1;
  private nextUserId = 1000;
  url = '';

  constructor(options: XServerOptions = {}) {
    this.opts = {
      token: options.token ?? TEST_BEARER,
      now: options.now ?? Date.now,
      limits: options.limits ?? {},
      keepAliveMs: options.keepAliveMs ?? 20_000,
      timelineWindow: options.timelineWindow ?? 3_200,
      searchWindowMs: options.searchWindowMs ?? 7 * 24 * 3_600_000,
      queryLimit: options.queryLimit ?? 512,
      maxStreamConnections: options.maxStreamConnections ?? 1,
    };
  }

  async start(port = 0): Promise<string> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((e: unknown) => {
        if (!res.headersSent) json(res, 500, problem(500, 'Internal Error', String(e)));
        else res.destroy();
      });
    });
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async close(): Promise<void> {
    for (const c of this.streams) this.endStream(c, true);
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  // ---- world ----

  addUser(username: string, name = username): StoredUser {
    const existing = this.userByName(username);
    if (existing) return existing;
    const u = { id: String(this.nextUserId++), username, name };
    this.users.set(u.id, u);
    return u;
  }

  userByName(username: string): StoredUser | undefined {
    for (const u of this.users.values()) if (u.username.toLowerCase() === username.toLowerCase()) return u;
    return undefined;
  }

  private newId(atMs: number): string {
    let ms = BigInt(Math.floor(atMs));
    if (ms < this.lastMs) ms = this.lastMs;
    this.seq = ms === this.lastMs ? this.seq + 1n : 0n;
    this.lastMs = ms;
    return (((ms - X_EPOCH) << 22n) | (this.seq & 0x3fffffn)).toString();
  }

  /** Publishes a post (and pushes it to matching streams). */
  post(username: string, text: string, o: { replyTo?: string; quote?: string; retweetOf?: string; at?: number; lang?: string } = {}): StoredTweet {
    const u = this.addUser(username);
    const at = o.at ?? this.opts.now();
    const id = this.newId(at);
    const parent = o.replyTo ? this.tweets.get(o.replyTo) : undefined;
    const refs: StoredTweet['refs'] = [];
    if (o.retweetOf) refs.push({ type: 'retweeted', id: o.retweetOf });
    if (o.quote) refs.push({ type: 'quoted', id: o.quote });
    if (o.replyTo) refs.push({ type: 'replied_to', id: o.replyTo });
    const t: StoredTweet = {
      id,
      authorId: u.id,
      text,
      createdAtMs: at,
      conversationId: parent?.conversationId ?? id,
      ...(parent ? { inReplyToUserId: parent.authorId } : {}),
      refs,
      chain: [id],
      deleted: false,
      lang: o.lang ?? 'en',
    };
    this.tweets.set(id, t);
    this.pushToStreams(t);
    return t;
  }

  retweet(username: string, tweetId: string): StoredTweet {
    const orig = this.tweets.get(tweetId);
    if (!orig) throw new Error(`no post ${tweetId}`);
    const author = this.users.get(orig.authorId)!;
    return this.post(username, `RT @${author.username}: ${orig.text}`.slice(0, 140), { retweetOf: tweetId });
  }

  /** Edits a post: a new id joins the chain; every version then lists the whole chain. */
  edit(tweetId: string, text: string, at?: number): StoredTweet {
    const prev = this.tweets.get(tweetId);
    if (!prev) throw new Error(`no post ${tweetId}`);
    const now = at ?? this.opts.now();
    const id = this.newId(now);
    const chain = [...prev.chain, id];
    const t: StoredTweet = { ...prev, id, text, createdAtMs: now, chain, refs: [...prev.refs] };
    for (const v of prev.chain) {
      const old = this.tweets.get(v);
      if (old) old.chain = chain;
    }
    this.tweets.set(id, t);
    this.pushToStreams(t);
    return t;
  }

  /** Deletes a post with every version of it. */
  delete(tweetId: string): void {
    const t = this.tweets.get(tweetId);
    if (!t) throw new Error(`no post ${tweetId}`);
    for (const v of t.chain) {
      const x = this.tweets.get(v);
      if (x) x.deleted = true;
    }
  }

  /** Newest version of each chain, not deleted. */
  private visible(): StoredTweet[] {
    return [...this.tweets.values()].filter((t) => !t.deleted && t.chain[t.chain.length - 1] === t.id);
  }

  // ---- controls ----

  /** The next `times` requests to `endpoint` fail with `fault`. */
  fail(endpoint: Endpoint, fault: Fault, times = 1): void {
    const list = this.faults.get(endpoint) ?? [];
    for (let i = 0; i < times; i++) list.push(fault);
    this.faults.set(endpoint, list);
  }

  /** Closes every open stream from the server side (an X restart). */
  dropStreams(): void {
    for (const c of [...this.streams]) this.endStream(c, true);
  }

  /** Open streams go silent: no keep-alives, no posts (a wedged connection the client must detect). */
  stallStreams(): void {
    for (const c of this.streams) {
      c.stalled = true;
      if (c.timer) clearInterval(c.timer);
      c.timer = undefined;
    }
  }

  /** When the endpoint's current rate-limit window resets (ms), if one is open. */
  windowReset(endpoint: Endpoint): number | undefined {
    return this.windows.get(endpoint)?.resetAtMs;
  }

  get openStreams(): number {
    return this.streams.size;
  }

  count(endpoint: Endpoint): number {
    return this.requests.filter((r) => r.endpoint === endpoint).length;
  }

  resetCounts(): void {
    this.requests.length = 0;
    this.earlyRequests = 0;
  }

  // ---- HTTP ----

  private route(method: string, path: string): { endpoint: Endpoint; params: Record<string, string> } | undefined {
    if (method === 'GET' && path === '/2/users/by') return { endpoint: 'users/by', params: {} };
    const m = /^\/2\/users\/([^/]+)\/tweets$/.exec(path);
    if (method === 'GET' && m) return { endpoint: 'users/:id/tweets', params: { id: decodeURIComponent(m[1]!) } };
    if (method === 'GET' && path === '/2/tweets/search/recent') return { endpoint: 'tweets/search/recent', params: {} };
    if (method === 'GET' && path === '/2/tweets') return { endpoint: 'tweets', params: {} };
    if (method === 'GET' && path === '/2/tweets/search/stream') return { endpoint: 'tweets/search/stream', params: {} };
    if ((method === 'GET' || method === 'POST') && path === '/2/tweets/search/stream/rules') return { endpoint: 'tweets/search/stream/rules', params: {} };
    return undefined;
  }

  /** Consumes one request of the endpoint's window; returns the headers, or undefined when spent. */
  private spend(endpoint: Endpoint): { headers: Record<string, string>; ok: boolean } {
    const spec = this.opts.limits[endpoint] ?? { limit: 1_000_000, windowMs: 15 * 60_000 };
    const now = this.opts.now();
    let w = this.windows.get(endpoint);
    if (!w || now >= w.resetAtMs) {
      w = { remaining: spec.limit, resetAtMs: Math.ceil((now + spec.windowMs) / 1000) * 1000 };
      this.windows.set(endpoint, w);
    }
    const ok = w.remaining > 0;
    if (ok) w.remaining--;
    else this.earlyRequests++;
    return {
      ok,
      headers: {
        'x-rate-limit-limit': String(spec.limit),
        'x-rate-limit-remaining': String(w.remaining),
        'x-rate-limit-reset': String(Math.floor(w.resetAtMs / 1000)),
      },
    };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method ?? 'GET';
    const r = this.route(method, url.pathname);
    const record: RequestRecord = { method, endpoint: r?.endpoint ?? 'unknown', path: url.pathname, query: Object.fromEntries(url.searchParams), at: this.opts.now(), status: 0 };
    this.requests.push(record);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      record.status = status;
      json(res, status, body, headers);
    };
    if (!r) return send(404, problem(404, 'Not Found', `no route ${method} ${url.pathname}`));
    if (req.headers.authorization !== `Bearer ${this.opts.token}`) return send(401, problem(401, 'Unauthorized', 'Unauthorized'));
    const budget = this.spend(r.endpoint);
    if (!budget.ok) return send(429, problem(429, 'Too Many Requests', 'Too Many Requests'), budget.headers);
    const fault = this.faults.get(r.endpoint)?.shift();
    if (fault) {
      record.status = 'status' in fault ? fault.status : 200;
      if ('hangup' in fault) return void req.socket.destroy();
      if ('malformed' in fault) {
        res.writeHead(200, { 'content-type': 'application/json', ...budget.headers });
        return void res.end('{"data":[{"id":"1","text":"trunc');
      }
      if (fault.status === 429) {
        const resetAtMs = Math.ceil((this.opts.now() + ('resetInMs' in fault ? fault.resetInMs : 60_000)) / 1000) * 1000;
        // The client now knows nothing may be sent before this reset.
        this.windows.set(r.endpoint, { remaining: 0, resetAtMs });
        return send(429, problem(429, 'Too Many Requests', 'Too Many Requests'), {
          ...budget.headers,
          'x-rate-limit-remaining': '0',
          'x-rate-limit-reset': String(Math.floor(resetAtMs / 1000)),
        });
      }
      return send(fault.status, 'body' in fault && fault.body !== undefined ? fault.body : problem(fault.status, 'Service Unavailable', 'injected failure'), budget.headers);
    }
    const q = url.searchParams;
    switch (r.endpoint) {
      case 'users/by':
        return send(200, this.usersBy(q), budget.headers);
      case 'users/:id/tweets': {
        const out = this.timeline(r.params.id!, q);
        return send(out.status, out.body, budget.headers);
      }
      case 'tweets/search/recent': {
        const out = this.search(q);
        return send(out.status, out.body, budget.headers);
      }
      case 'tweets':
        return send(200, this.lookup(q), budget.headers);
      case 'tweets/search/stream/rules':
        if (method === 'GET') return send(200, this.listRules(), budget.headers);
        return send(200, this.changeRules(await readBody(req)), budget.headers);
      case 'tweets/search/stream':
        return this.openStream(req, res, q, budget.headers, record);
    }
  }

  private usersBy(q: URLSearchParams): unknown {
    const names = (q.get('usernames') ?? '').split(',').filter(Boolean);
    const data: unknown[] = [];
    const errors: unknown[] = [];
    for (const n of names) {
      const u = this.userByName(n);
      if (u) data.push({ id: u.id, name: u.name, username: u.username });
      else
        errors.push({
          value: n,
          detail: `Could not find user with usernames: [${n}].`,
          title: 'Not Found Error',
          resource_type: 'user',
          parameter: 'usernames',
          resource_id: n,
          type: 'https://api.twitter.com/2/problems/resource-not-found',
        });
    }
    return { ...(data.length ? { data } : {}), ...(errors.length ? { errors } : {}) };
  }

  private maxResults(q: URLSearchParams, min: number, dflt: number): number | string {
    const raw = q.get('max_results');
    if (raw === null) return dflt;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > 100) return `The \`max_results\` query parameter value [${raw}] is not between ${min} and 100`;
    return n;
  }

  private timeline(userId: string, q: URLSearchParams): { status: number; body: unknown } {
    const u = this.users.get(userId);
    if (!u) return { status: 200, body: { errors: [{ value: userId, detail: `Could not find user with id: [${userId}].`, title: 'Not Found Error', resource_type: 'user', parameter: 'id', resource_id: userId, type: 'https://api.twitter.com/2/problems/resource-not-found' }] } };
    const max = this.maxResults(q, 5, 10);
    if (typeof max === 'string') return { status: 400, body: invalidRequest(max, 'max_results') };
    const exclude = new Set((q.get('exclude') ?? '').split(',').filter(Boolean));
    const window = exclude.has('replies') ? Math.min(800, this.opts.timelineWindow) : this.opts.timelineWindow;
    // The window holds the newest posts of every kind; exclusions apply inside it, page by page.
    let list = this.visible()
      .filter((t) => t.authorId === userId)
      .sort((a, b) => cmpId(b.id, a.id))
      .slice(0, window);
    const bounded = this.bounds(list, q);
    if (typeof bounded === 'string') return { status: 400, body: invalidRequest(bounded, 'pagination_token') };
    list = bounded;
    const pageRaw = list.slice(0, max);
    const rest = list.length > max;
    const page = pageRaw.filter((t) => !(exclude.has('retweets') && t.refs.some((r) => r.type === 'retweeted')) && !(exclude.has('replies') && t.refs.some((r) => r.type === 'replied_to')));
    return { status: 200, body: this.pageBody(page, q, rest ? encodeToken(pageRaw[pageRaw.length - 1]!.id) : undefined) };
  }

  /** since_id, until_id, start_time, end_time and the page token (a "before this id" position). */
  private bounds(list: StoredTweet[], q: URLSearchParams, tokenParam = 'pagination_token'): StoredTweet[] | string {
    const since = q.get('since_id');
    const until = q.get('until_id');
    const start = q.get('start_time');
    const end = q.get('end_time');
    const token = q.get(tokenParam);
    let before: string | undefined;
    if (token) {
      before = decodeToken(token);
      if (!before) return `The \`${tokenParam}\` query parameter value [${token}] is not valid`;
    }
    if (since && !/^\d+$/.test(since)) return `since_id [${since}] is not a post id`;
    return list.filter(
      (t) =>
        (!since || cmpId(t.id, since) > 0) &&
        (!until || cmpId(t.id, until) < 0) &&
        (!before || cmpId(t.id, before) < 0) &&
        (!start || t.createdAtMs >= Date.parse(start)) &&
        (!end || t.createdAtMs <= Date.parse(end)),
    );
  }

  private queryTweet(t: StoredTweet): { text: string; authorUsername: string; isRetweet: boolean; isReply: boolean; isQuote: boolean } {
    return {
      text: t.text,
      authorUsername: this.users.get(t.authorId)?.username ?? '',
      isRetweet: t.refs.some((r) => r.type === 'retweeted'),
      isReply: t.refs.some((r) => r.type === 'replied_to'),
      isQuote: t.refs.some((r) => r.type === 'quoted'),
    };
  }

  private parse(query: string, param: string): QueryNode | string {
    if (!query.trim()) return `The \`${param}\` parameter can not be empty`;
    if (query.length > this.opts.queryLimit) return `There were errors processing your request: Query is longer than ${this.opts.queryLimit} characters (${query.length})`;
    try {
      const node = parseQuery(query);
      if (!hasPositiveClause(node)) return 'There were errors processing your request: Rules must contain a non-negation term';
      return node;
    } catch (e) {
      if (e instanceof QuerySyntaxError) return `There were errors processing your request: ${e.message}`;
      throw e;
    }
  }

  private search(q: URLSearchParams): { status: number; body: unknown } {
    const node = this.parse(q.get('query') ?? '', 'query');
    if (typeof node === 'string') return { status: 400, body: invalidRequest(node, 'query') };
    const max = this.maxResults(q, 10, 10);
    if (typeof max === 'string') return { status: 400, body: invalidRequest(max, 'max_results') };
    const now = this.opts.now();
    const edge = now - this.opts.searchWindowMs;
    const since = q.get('since_id');
    if (since && /^\d+$/.test(since) && Number((BigInt(since) >> 22n) + X_EPOCH) < edge) {
      return { status: 400, body: invalidRequest(`Invalid 'since_id':'${since}'. 'since_id' must be a tweet id created after ${isoSeconds(edge)}.`, 'since_id') };
    }
    const start = q.get('start_time');
    if (start && Date.parse(start) < edge) {
      return { status: 400, body: invalidRequest(`Invalid 'start_time':'${start}'. 'start_time' must be on or after ${isoSeconds(edge)}`, 'start_time') };
    }
    let list = this.visible()
      .filter((t) => t.createdAtMs >= edge && matches(node, this.queryTweet(t)))
      .sort((a, b) => cmpId(b.id, a.id));
    const bounded = this.bounds(list, q, 'next_token');
    if (typeof bounded === 'string') return { status: 400, body: invalidRequest(bounded, 'next_token') };
    list = bounded;
    const page = list.slice(0, max);
    return { status: 200, body: this.pageBody(page, q, list.length > max ? encodeToken(page[page.length - 1]!.id) : undefined, 'next_token') };
  }

  private lookup(q: URLSearchParams): unknown {
    const ids = (q.get('ids') ?? '').split(',').filter(Boolean);
    const data: StoredTweet[] = [];
    const errors: unknown[] = [];
    for (const id of ids) {
      const t = this.tweets.get(id);
      if (t && !t.deleted) data.push(t);
      else
        errors.push({
          value: id,
          detail: `Could not find tweet with ids: [${id}].`,
          title: 'Not Found Error',
          resource_type: 'tweet',
          parameter: 'ids',
          resource_id: id,
          type: 'https://api.twitter.com/2/problems/resource-not-found',
        });
    }
    const body = data.length ? (this.pageBody(data, q) as Record<string, unknown>) : {};
    delete body.meta;
    return { ...body, ...(errors.length ? { errors } : {}) };
  }

  /** A post as X renders it for the requested tweet.fields. */
  private render(t: StoredTweet, fields: Set<string>): Record<string, unknown> {
    const long = t.text.length > 280;
    const out: Record<string, unknown> = { id: t.id, text: long ? t.text.slice(0, 279) + '…' : t.text, edit_history_tweet_ids: t.chain };
    if (fields.has('author_id')) out.author_id = t.authorId;
    if (fields.has('created_at')) out.created_at = isoSeconds(t.createdAtMs);
    if (fields.has('conversation_id')) out.conversation_id = t.conversationId;
    if (fields.has('in_reply_to_user_id') && t.inReplyToUserId) out.in_reply_to_user_id = t.inReplyToUserId;
    if (fields.has('referenced_tweets') && t.refs.length) out.referenced_tweets = t.refs;
    if (fields.has('lang')) out.lang = t.lang;
    if (fields.has('note_tweet') && long) out.note_tweet = { text: t.text };
    return out;
  }

  private includes(tweets: StoredTweet[], q: URLSearchParams): Record<string, unknown> | undefined {
    const exp = new Set((q.get('expansions') ?? '').split(',').filter(Boolean));
    const fields = new Set((q.get('tweet.fields') ?? '').split(',').filter(Boolean));
    const userIds = new Set<string>();
    const refTweets = new Map<string, StoredTweet>();
    if (exp.has('author_id')) for (const t of tweets) userIds.add(t.authorId);
    if (exp.has('referenced_tweets.id')) {
      for (const t of tweets) {
        for (const r of t.refs) {
          const x = this.tweets.get(r.id);
          if (x && !x.deleted) refTweets.set(x.id, x);
        }
      }
    }
    if (exp.has('referenced_tweets.id.author_id')) for (const x of refTweets.values()) userIds.add(x.authorId);
    const out: Record<string, unknown> = {};
    const users = [...userIds].map((id) => this.users.get(id)).filter((u): u is StoredUser => !!u);
    if (users.length) out.users = users.map((u) => ({ id: u.id, name: u.name, username: u.username }));
    if (refTweets.size) out.tweets = [...refTweets.values()].map((x) => this.render(x, fields));
    return Object.keys(out).length ? out : undefined;
  }

  private pageBody(page: StoredTweet[], q: URLSearchParams, nextToken?: string, _tokenName = 'pagination_token'): unknown {
    const fields = new Set((q.get('tweet.fields') ?? '').split(',').filter(Boolean));
    const meta: Record<string, unknown> = { result_count: page.length };
    if (page.length) {
      meta.newest_id = page[0]!.id;
      meta.oldest_id = page[page.length - 1]!.id;
    }
    if (nextToken) meta.next_token = nextToken;
    const includes = this.includes(page, q);
    return { ...(page.length ? { data: page.map((t) => this.render(t, fields)) } : {}), ...(includes ? { includes } : {}), meta };
  }

  // ---- stream ----

  private listRules(): unknown {
    const data = [...this.rules.values()].map((r) => ({ id: r.id, value: r.value, ...(r.tag ? { tag: r.tag } : {}) }));
    return { ...(data.length ? { data } : {}), meta: { sent: new Date(this.opts.now()).toISOString(), result_count: data.length } };
  }

  private changeRules(body: unknown): unknown {
    const b = (body ?? {}) as { add?: { value?: string; tag?: string }[]; delete?: { ids?: string[] } };
    const sent = new Date(this.opts.now()).toISOString();
    if (b.delete) {
      let deleted = 0;
      for (const id of b.delete.ids ?? []) if (this.rules.delete(id)) deleted++;
      return { meta: { sent, summary: { deleted, not_deleted: (b.delete.ids ?? []).length - deleted } } };
    }
    const data: unknown[] = [];
    const errors: unknown[] = [];
    for (const r of b.add ?? []) {
      const value = r.value ?? '';
      const dup = [...this.rules.values()].find((x) => x.value === value);
      if (dup) {
        errors.push({ value, id: dup.id, title: 'DuplicateRule', type: 'https://api.twitter.com/2/problems/duplicate-rules' });
        continue;
      }
      const node = this.parse(value, 'value');
      if (typeof node === 'string') {
        errors.push({ value, details: [node], title: 'UnprocessableEntity', type: 'https://api.twitter.com/2/problems/invalid-rules' });
        continue;
      }
      const id = String(this.nextRuleId++);
      this.rules.set(id, { id, value, ...(r.tag ? { tag: r.tag } : {}), node });
      data.push({ id, value, ...(r.tag ? { tag: r.tag } : {}) });
    }
    const created = data.length;
    return {
      ...(data.length ? { data } : {}),
      ...(errors.length ? { errors } : {}),
      meta: { sent, summary: { created, not_created: errors.length, valid: created, invalid: errors.length } },
    };
  }

  private openStream(req: IncomingMessage, res: ServerResponse, q: URLSearchParams, headers: Record<string, string>, record: RequestRecord): void {
    if (this.streams.size >= this.opts.maxStreamConnections) {
      record.status = 429;
      return json(res, 429, { title: 'ConnectionException', detail: 'This stream is currently at the maximum allowed connection limit.', connection_issue: 'TooManyConnections', type: 'https://api.twitter.com/2/problems/streaming-connection' }, headers);
    }
    record.status = 200;
    this.streamConnects++;
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.flushHeaders();
    const conn: StreamConn = { res, socket: req.socket, query: q, timer: undefined, stalled: false };
    conn.timer = setInterval(() => {
      if (!conn.stalled) res.write('\r\n');
    }, this.opts.keepAliveMs);
    this.streams.add(conn);
    const gone = () => this.endStream(conn, false);
    res.on('close', gone);
    req.on('close', gone);
  }

  private endStream(c: StreamConn, destroy: boolean): void {
    if (c.timer) clearInterval(c.timer);
    c.timer = undefined;
    this.streams.delete(c);
    if (destroy) c.socket.destroy();
  }

  private pushToStreams(t: StoredTweet): void {
    if (!this.streams.size) return;
    const qt = this.queryTweet(t);
    const matched = [...this.rules.values()].filter((r) => matches(r.node, qt));
    if (!matched.length) return;
    for (const c of this.streams) {
      if (c.stalled) continue;
      const fields = new Set((c.query.get('tweet.fields') ?? '').split(',').filter(Boolean));
      const includes = this.includes([t], c.query);
      const msg = { data: this.render(t, fields), ...(includes ? { includes } : {}), matching_rules: matched.map((r) => ({ id: r.id, ...(r.tag ? { tag: r.tag } : {}) })) };
      c.res.write(JSON.stringify(msg) + '\r\n');
    }
  }
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return text ? JSON.parse(text) : {};
  } catch {
    return {};
  }
}
