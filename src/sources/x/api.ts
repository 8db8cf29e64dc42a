/**
 * The X API v2 as claimwatch uses it, over the real twitter-api-v2 client. One plugin does three things on
 * every request: sends it to X_API_BASE_URL when set (a local stand-in in tests), refuses to send it before
 * the endpoint's rate-limit reset, and records the x-rate-limit-* headers of every response (errors too).
 * Errors come out translated: rate limited (with the reset), permanent (credentials, bad query), or
 * transient (5xx, network, malformed body) for the job's retries.
 */
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import {
  ApiPartialResponseError,
  ApiRequestError,
  ApiResponseError,
  TwitterApi,
  type ITwitterApiClientPlugin,
  type TweetStream,
  type TwitterApiReadOnly,
} from 'twitter-api-v2';
import { RateLimitBook, readRateLimitHeaders, resetOf429, type EndpointLimit, type HeaderBag } from './rateLimits.ts';
import { readPage, XMalformedResponseError, type XError, type XPage, type XUser, xUserSchema } from './wire.ts';

const X_ORIGIN = 'https://api.x.com';

/** Fields and expansions every post request asks for: enough to map posts, edits, threads and retweets. */
export const TWEET_FIELDS = [
  'created_at',
  'author_id',
  'conversation_id',
  'in_reply_to_user_id',
  'referenced_tweets',
  'edit_history_tweet_ids',
  'lang',
  'note_tweet',
].join(',');
export const EXPANSIONS = ['author_id', 'referenced_tweets.id', 'referenced_tweets.id.author_id'].join(',');
export const USER_FIELDS = ['username', 'name'].join(',');
const POST_QUERY = { 'tweet.fields': TWEET_FIELDS, expansions: EXPANSIONS, 'user.fields': USER_FIELDS } as const;

/** The endpoint's budget is spent: nothing may be sent to it before `resetAt`. */
export class XRateLimitedError extends Error {
  readonly code = 'X_RATE_LIMITED';
  constructor(
    readonly endpoint: string,
    readonly resetAt: Date,
    /** True when X answered 429; false when the request was held back because the budget was known to be spent. */
    readonly fromServer: boolean,
  ) {
    super(`X rate limit on ${endpoint} until ${resetAt.toISOString()}`);
  }
}

/** Retrying cannot help: bad credentials, forbidden, malformed query, unknown endpoint. */
export class XPermanentError extends Error {
  readonly code = 'X_PERMANENT';
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** A 5xx, a network failure or an unreadable body: the next attempt may well succeed. */
export class XTransientError extends Error {
  readonly code = 'X_TRANSIENT';
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export interface XApiOptions {
  bearerToken: string;
  /** Where the API lives; default https://api.x.com. */
  baseUrl?: string | undefined;
  now?: () => Date;
  /** Per-request deadline. */
  timeoutMs?: number;
  /** Shared across the adapters of one process so they respect one another's spent budgets. */
  book?: RateLimitBook;
}

export interface XRule {
  id: string;
  value: string;
  tag?: string | undefined;
}

/** Endpoint key for rate limits: the path template as X documents it (e.g. /2/users/:id/tweets). */
export function endpointOf(url: string): string {
  try {
    return new URL(url.startsWith('http') ? url : `https://${url}`).pathname;
  } catch {
    return url;
  }
}

export class XApi {
  readonly book: RateLimitBook;
  /** Requests sent, by endpoint (benchmarks and progress lines). */
  readonly sent = new Map<string, number>();
  private readonly client: TwitterApiReadOnly;
  private readonly now: () => Date;
  private readonly timeoutMs: number;
  private readonly agent: HttpAgent | HttpsAgent;

  constructor(options: XApiOptions) {
    this.now = options.now ?? (() => new Date());
    this.book = options.book ?? new RateLimitBook();
    this.timeoutMs = options.timeoutMs ?? 30_000;
    const base = options.baseUrl ? new URL(options.baseUrl) : undefined;
    const rewrite = (url: string): string => (base && url.startsWith(X_ORIGIN) ? base.origin + base.pathname.replace(/\/$/, '') + url.slice(X_ORIGIN.length) : url);
    // twitter-api-v2 has no base-URL option and uses https.request; an http.Agent lets it speak plain http.
    this.agent = base?.protocol === 'http:' ? new HttpAgent({ keepAlive: true }) : new HttpsAgent({ keepAlive: true });
    const book = this.book;
    const now = this.now;
    const sent = this.sent;
    const timeoutMs = this.timeoutMs;
    const plugin: ITwitterApiClientPlugin = {
      onBeforeRequestConfig({ params }) {
        const endpoint = endpointOf(params.url);
        const until = book.blockedUntil(endpoint, now());
        if (until) throw new XRateLimitedError(endpoint, until, false);
        sent.set(endpoint, (sent.get(endpoint) ?? 0) + 1);
        params.url = rewrite(params.url);
        // A request that hangs is a transient failure, not a stuck poll job.
        params.timeout ??= timeoutMs;
      },
      onBeforeStreamRequestConfig({ params }) {
        const endpoint = endpointOf(params.url);
        sent.set(endpoint, (sent.get(endpoint) ?? 0) + 1);
        params.url = rewrite(params.url);
      },
      onAfterRequest({ params, response }) {
        book.record(endpointOf(params.url), readRateLimitHeaders(response.headers as HeaderBag));
      },
      onResponseError({ params, error }) {
        const endpoint = endpointOf(params.url);
        const headers = (error.headers ?? {}) as HeaderBag;
        if (error.code === 429 || error.code === 420) {
          const r = resetOf429(headers, now());
          book.exhausted(endpoint, r.resetAt, r.limit);
        } else book.record(endpoint, readRateLimitHeaders(headers));
      },
    };
    this.client = new TwitterApi(options.bearerToken, { plugins: [plugin], httpAgent: this.agent }).readOnly;
  }

  /** Total requests sent so far (all endpoints). */
  get requestCount(): number {
    let n = 0;
    for (const v of this.sent.values()) n += v;
    return n;
  }

  /** The budget X last reported for an endpoint. */
  limitOf(endpoint: string): EndpointLimit | undefined {
    return this.book.get(endpoint);
  }

  private async call<T>(endpoint: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (e) {
      throw this.translate(endpoint, e);
    }
  }

  /** Maps a client error onto rate limited / permanent / transient. */
  translate(endpoint: string, e: unknown): Error {
    if (e instanceof XRateLimitedError || e instanceof XPermanentError || e instanceof XTransientError || e instanceof XMalformedResponseError) return e;
    if (e instanceof ApiResponseError) {
      if (e.code === 429 || e.code === 420) {
        const now = this.now();
        const { resetAt } = resetOf429((e.headers ?? {}) as HeaderBag, now);
        return new XRateLimitedError(endpoint, this.book.blockedUntil(endpoint, now) ?? resetAt, true);
      }
      const detail = describe(e.data);
      if (e.code >= 500) return new XTransientError(`X API ${endpoint} answered ${e.code}${detail}`, e.code);
      if (e.code === 408) return new XTransientError(`X API ${endpoint} timed out (408)`, e.code);
      const hint = e.code === 401 ? '; check X_BEARER_TOKEN' : e.code === 403 ? '; the token lacks access to this endpoint (check the app\'s access level)' : '';
      return new XPermanentError(`X API ${endpoint} answered ${e.code}${detail}${hint}`, e.code);
    }
    if (e instanceof ApiPartialResponseError) return new XTransientError(`X API ${endpoint}: unreadable response (${e.message})`);
    if (e instanceof ApiRequestError) return new XTransientError(`X API ${endpoint}: request failed (${e.requestError?.message ?? e.message})`);
    if (e instanceof SyntaxError) return new XTransientError(`X API ${endpoint}: malformed JSON (${e.message})`);
    return e instanceof Error ? e : new Error(String(e));
  }

  /** Handles -> user objects, 100 per request; unknown handles come back in `missing`. */
  async usersByUsernames(handles: readonly string[]): Promise<{ users: XUser[]; missing: string[] }> {
    const users: XUser[] = [];
    const found = new Set<string>();
    for (let i = 0; i < handles.length; i += 100) {
      const batch = handles.slice(i, i + 100);
      const body = await this.call('/2/users/by', () => this.client.v2.usersByUsernames(batch, { 'user.fields': USER_FIELDS }));
      const data = (body as { data?: unknown }).data;
      if (data !== undefined && !Array.isArray(data)) throw new XMalformedResponseError('X API /2/users/by: "data" is not an array');
      for (const u of (data as unknown[] | undefined) ?? []) {
        const r = xUserSchema.safeParse(u);
        if (r.success) {
          users.push(r.data);
          found.add(r.data.username.toLowerCase());
        }
      }
    }
    return { users, missing: handles.filter((h) => !found.has(h.toLowerCase())) };
  }

  /** One page of a user's posts, newest first. */
  async userTweets(
    userId: string,
    q: { sinceId?: string | undefined; paginationToken?: string | undefined; maxResults: number; exclude?: string[]; startTime?: string | undefined; endTime?: string | undefined },
  ): Promise<XPage> {
    const paginator = await this.call('/2/users/:id/tweets', () =>
      this.client.v2.userTimeline(userId, {
        ...POST_QUERY,
        max_results: q.maxResults,
        ...(q.sinceId ? { since_id: q.sinceId } : {}),
        ...(q.paginationToken ? { pagination_token: q.paginationToken } : {}),
        ...(q.exclude?.length ? { exclude: q.exclude.join(',') as 'retweets' } : {}),
        ...(q.startTime ? { start_time: q.startTime } : {}),
        ...(q.endTime ? { end_time: q.endTime } : {}),
      }),
    );
    return readPage(paginator.data);
  }

  /** One page of a recent search (the last 7 days), newest first. */
  async searchRecent(query: string, q: { sinceId?: string | undefined; startTime?: string | undefined; nextToken?: string | undefined; maxResults: number }): Promise<XPage> {
    const paginator = await this.call('/2/tweets/search/recent', () =>
      this.client.v2.search(query, {
        ...POST_QUERY,
        max_results: q.maxResults,
        ...(q.sinceId ? { since_id: q.sinceId } : {}),
        ...(q.startTime ? { start_time: q.startTime } : {}),
        ...(q.nextToken ? { next_token: q.nextToken } : {}),
      }),
    );
    return readPage(paginator.data);
  }

  /** Looks posts up by id (at most 100); deleted ones come back as resource-not-found errors. */
  async lookup(ids: readonly string[]): Promise<{ found: string[]; errors: XError[] }> {
    const body = await this.call('/2/tweets', () => this.client.v2.tweets([...ids], { 'tweet.fields': 'edit_history_tweet_ids' }));
    const page = readPage(body);
    return { found: page.tweets.map((t) => t.id), errors: page.errors };
  }

  async streamRules(): Promise<XRule[]> {
    const body = await this.call('/2/tweets/search/stream/rules', () => this.client.v2.streamRules());
    const data = (body as { data?: unknown }).data;
    if (data !== undefined && !Array.isArray(data)) throw new XMalformedResponseError('X API stream rules: "data" is not an array');
    return ((data as { id?: unknown; value?: unknown; tag?: unknown }[] | undefined) ?? [])
      .filter((r) => typeof r?.id === 'string' && typeof r.value === 'string')
      .map((r) => ({ id: r.id as string, value: r.value as string, ...(typeof r.tag === 'string' ? { tag: r.tag } : {}) }));
  }

  async addStreamRules(rules: { value: string; tag: string }[]): Promise<void> {
    if (!rules.length) return;
    const body = await this.call('/2/tweets/search/stream/rules', () => this.client.v2.updateStreamRules({ add: rules }));
    const errors = (body as { errors?: { title?: string; value?: string; details?: string[] }[] }).errors ?? [];
    // A rule that already exists is not a failure: another process (or an earlier attempt) added it.
    const real = errors.filter((e) => e.title !== 'DuplicateRule');
    if (real.length) throw new XPermanentError(`X refused stream rules: ${real.map((e) => `${e.title ?? 'error'} ${e.value ?? ''} ${(e.details ?? []).join(' ')}`.trim()).join('; ')}`, 400);
  }

  async deleteStreamRules(ids: string[]): Promise<void> {
    if (!ids.length) return;
    await this.call('/2/tweets/search/stream/rules', () => this.client.v2.updateStreamRules({ delete: { ids } }));
  }

  /** Opens the filtered stream (no auto-reconnect: the caller applies X's backoff rules). */
  async openStream(keepAliveTimeoutMs: number): Promise<TweetStream> {
    const endpoint = '/2/tweets/search/stream';
    const until = this.book.blockedUntil(endpoint, this.now());
    if (until) throw new XRateLimitedError(endpoint, until, false);
    const stream = this.client.v2.searchStream({ ...POST_QUERY, autoConnect: false });
    try {
      await stream.connect({ autoReconnect: false, keepAliveTimeout: keepAliveTimeoutMs });
    } catch (e) {
      if (e instanceof ApiResponseError && (e.code === 429 || e.code === 420)) {
        const r = resetOf429((e.headers ?? {}) as HeaderBag, this.now());
        this.book.exhausted(endpoint, r.resetAt, r.limit);
      }
      throw this.translate(endpoint, e);
    }
    const origin = (stream as unknown as { originalResponse?: { headers?: HeaderBag } }).originalResponse;
    if (origin?.headers) this.book.record(endpoint, readRateLimitHeaders(origin.headers));
    return stream;
  }

  close(): void {
    this.agent.destroy();
  }
}

function describe(data: unknown): string {
  if (!data || typeof data !== 'object') return '';
  const d = data as { title?: unknown; detail?: unknown; errors?: { message?: unknown }[] };
  const parts = [d.title, d.detail].filter((x): x is string => typeof x === 'string');
  return parts.length ? ` (${parts.join(': ')})` : '';
}
