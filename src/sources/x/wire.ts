/**
 * The parts of X API v2 payloads claimwatch reads, validated at the boundary. Items that do not fit are
 * dropped one by one (reported), so one odd post never loses a page. No twitter-api-v2 import: the pure
 * mapping code depends on these shapes only.
 */
import { z } from 'zod';

export const xTweetSchema = z.looseObject({
  id: z.string().regex(/^[0-9]{1,20}$/),
  text: z.string(),
  author_id: z.string().optional(),
  created_at: z.string().optional(),
  conversation_id: z.string().optional(),
  in_reply_to_user_id: z.string().optional(),
  lang: z.string().optional(),
  referenced_tweets: z.array(z.object({ type: z.enum(['retweeted', 'quoted', 'replied_to']), id: z.string() })).optional(),
  edit_history_tweet_ids: z.array(z.string()).optional(),
  /** Posts longer than 280 characters: `text` is cut, the whole text is here. */
  note_tweet: z.looseObject({ text: z.string() }).optional(),
});
export type XTweet = z.infer<typeof xTweetSchema>;

export const xUserSchema = z.looseObject({ id: z.string(), username: z.string(), name: z.string().optional() });
export type XUser = z.infer<typeof xUserSchema>;

export const xErrorSchema = z.looseObject({
  title: z.string().optional(),
  detail: z.string().optional(),
  type: z.string().optional(),
  value: z.string().optional(),
  resource_id: z.string().optional(),
  resource_type: z.string().optional(),
  parameter: z.string().optional(),
});
export type XError = z.infer<typeof xErrorSchema>;

export interface XIncludes {
  users: XUser[];
  tweets: XTweet[];
}

export interface XPage {
  tweets: XTweet[];
  includes: XIncludes;
  meta: { resultCount: number; newestId?: string; oldestId?: string; nextToken?: string };
  errors: XError[];
  /** Items that failed validation (reported as warnings). */
  dropped: number;
}

/** A response body that is not the v2 shape at all (a proxy's HTML page, a truncated document). */
export class XMalformedResponseError extends Error {
  readonly code = 'X_MALFORMED';
}

function items<T>(schema: z.ZodType<T>, value: unknown): { ok: T[]; dropped: number } {
  if (value === undefined || value === null) return { ok: [], dropped: 0 };
  if (!Array.isArray(value)) return { ok: [], dropped: 1 };
  const ok: T[] = [];
  let dropped = 0;
  for (const v of value) {
    const r = schema.safeParse(v);
    if (r.success) ok.push(r.data);
    else dropped++;
  }
  return { ok, dropped };
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v ? v : undefined;
}

/** Reads a timeline/search/lookup body; throws XMalformedResponseError when it is not an object with v2 fields. */
export function readPage(body: unknown): XPage {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new XMalformedResponseError('X API response is not a JSON object');
  const b = body as Record<string, unknown>;
  if (b.data !== undefined && !Array.isArray(b.data)) throw new XMalformedResponseError('X API response "data" is not an array');
  const data = items(xTweetSchema, b.data);
  const inc = (b.includes && typeof b.includes === 'object' ? b.includes : {}) as Record<string, unknown>;
  const users = items(xUserSchema, inc.users);
  const tweets = items(xTweetSchema, inc.tweets);
  const errors = items(xErrorSchema, b.errors);
  const meta = (b.meta && typeof b.meta === 'object' ? b.meta : {}) as Record<string, unknown>;
  const count = Number(meta.result_count);
  return {
    tweets: data.ok,
    includes: { users: users.ok, tweets: tweets.ok },
    meta: {
      resultCount: Number.isFinite(count) ? count : data.ok.length,
      ...(str(meta.newest_id) ? { newestId: str(meta.newest_id)! } : {}),
      ...(str(meta.oldest_id) ? { oldestId: str(meta.oldest_id)! } : {}),
      ...(str(meta.next_token) ? { nextToken: str(meta.next_token)! } : {}),
    },
    errors: errors.ok,
    dropped: data.dropped + users.dropped + tweets.dropped,
  };
}

/** One filtered-stream message: a post with its expansions and the rules it matched. */
export interface XStreamMessage {
  tweet: XTweet;
  includes: XIncludes;
  matchingRules: { id: string; tag?: string }[];
}

export function readStreamMessage(body: unknown): XStreamMessage | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const b = body as Record<string, unknown>;
  const t = xTweetSchema.safeParse(b.data);
  if (!t.success) return undefined;
  const inc = (b.includes && typeof b.includes === 'object' ? b.includes : {}) as Record<string, unknown>;
  const rules = Array.isArray(b.matching_rules) ? b.matching_rules : [];
  return {
    tweet: t.data,
    includes: { users: items(xUserSchema, inc.users).ok, tweets: items(xTweetSchema, inc.tweets).ok },
    matchingRules: rules
      .filter((r): r is Record<string, unknown> => !!r && typeof r === 'object')
      .map((r) => ({ id: String(r.id ?? ''), ...(typeof r.tag === 'string' ? { tag: r.tag } : {}) })),
  };
}

/** X's "this resource does not exist" problem type, as returned for deleted posts in a lookup. */
export function isNotFound(e: XError): boolean {
  return (e.type ?? '').endsWith('/resource-not-found') || e.title === 'Not Found Error';
}
