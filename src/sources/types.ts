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
}

export interface SourceAdapter {
  readonly id: string;
  readonly type: 'x' | 'rss' | 'replay';
  fetch(cursor: unknown, ctx: FetchContext): Promise<FetchResult>;
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
