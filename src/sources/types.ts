/**
 * One interface for every platform: fetch what is new since a cursor. The poller persists the cursor it
 * gets back, so a restart continues where it stopped; adapters never touch the store or the queues.
 */
import type { Logger } from 'pino';
import type { IncomingPost, PostDeletion } from '../domain/post.ts';

export interface FetchContext {
  signal: AbortSignal;
  log: Logger;
  /** Injected clock, so rate-limit and window arithmetic is testable. */
  now: () => Date;
  /**
   * Posts this source delivered since `since` (by any path: polls, the stream, gap fills) that are not
   * deleted, newest first, from the store: what a deletion check looks up again. Absent in store-less runs.
   */
  recentPosts?: (since: Date, limit: number) => Promise<{ externalId: string; versionId: string }[]>;
}

export interface FetchResult {
  posts: IncomingPost[];
  deletions: PostDeletion[];
  /** Adapter-owned position (JSON-serialisable), handed back on the next fetch. */
  cursor: unknown;
  /** True when more is ready now (another page, the rest of a backlog): poll again without waiting. */
  more?: boolean;
  /** Problems worth a warning that did not stop the fetch (e.g. the 3,200-post timeline window may be exceeded). */
  warnings?: string[];
  /** Remaining request budget as the platform reported it, for progress and logs. */
  rateLimit?: { remaining: number; limit?: number; resetAt: Date } | undefined;
  /**
   * With `more`: the rest is ready but not before this instant (a rate limit hit mid-fetch). The poller
   * stores what was fetched, saves the cursor and polls again at that time, never earlier.
   */
  notBefore?: Date | undefined;
  /**
   * Posts whose version the store decides (feeds that rewrite items in place): stored as the next version
   * when the text differs from the newest stored version, otherwise nothing changes.
   */
  revisions?: IncomingPost[] | undefined;
}

/** Where a push source (X filtered stream) hands its posts: the same idempotent path as a poll. */
export interface StreamSink {
  /** Posts as they arrive (`live`), or found by a gap fill (`live` false). */
  deliver(batch: { posts: IncomingPost[]; deletions: PostDeletion[]; live: boolean }): Promise<void>;
  /**
   * The oldest post id after which posts may still be missing (a disconnect, a restart, a failed store),
   * or null once every gap is filled. Persist it: after a restart the adapter fills it again.
   */
  gap(openSinceId: string | null, reason?: string): Promise<void>;
  /** Liveness for monitoring and persistence: connected (data or keep-alive), disconnected, or waiting to reconnect. */
  status(s: { state: 'connected' | 'disconnected' | 'waiting'; reason?: string; until?: Date; lastSeenId?: string }): void;
}

export interface StreamContext {
  signal: AbortSignal;
  log: Logger;
  now: () => Date;
  /** What the previous run left (persisted by the sink): the stream fills the gap since then first. */
  lastSeenId?: string | undefined;
  aliveAt?: Date | undefined;
  gapSinceId?: string | undefined;
}

export interface StreamHandle {
  /** Resolves when the stream has stopped for good (stopped, or a failure reconnecting cannot fix). */
  readonly done: Promise<void>;
  stop(): Promise<void>;
}

export interface SourceAdapter {
  readonly id: string;
  readonly type: 'x' | 'rss' | 'replay';
  fetch(cursor: unknown, ctx: FetchContext): Promise<FetchResult>;
  /**
   * Long-running push capability (X filtered stream), started by the poller role next to the scheduled
   * polls: posts go to the sink as they arrive; after a disconnect the adapter reconnects by the platform's
   * backoff rules and asks the sink to fill the gap.
   */
  stream?(sink: StreamSink, ctx: StreamContext): StreamHandle;
  close?(): Promise<void>;
}

/** The platform said "not before resetAt": the poll job is delayed until then instead of failing. */
export class SourceRateLimitedError extends Error {
  readonly code = 'SOURCE_RATE_LIMITED';
  constructor(
    readonly sourceId: string,
    readonly resetAt: Date,
    message = `source ${sourceId} is rate limited until ${resetAt.toISOString()}`,
  ) {
    super(message);
  }
}

/** A failure retrying cannot fix (bad credentials, unknown account, malformed config): the job fails at once. */
export class SourcePermanentError extends Error {
  readonly code = 'SOURCE_PERMANENT';
  constructor(
    readonly sourceId: string,
    message: string,
  ) {
    super(message);
  }
}
