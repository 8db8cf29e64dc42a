/**
 * since_id catch-up for one feed (a user timeline or one packed search query), one page at a time, pure.
 * X returns posts newest first and pages backwards with next_token; the feed's `newestId` moves forward
 * only once every page down to the old since_id has been read, so a crash or a rate limit in the middle
 * resumes from the saved token instead of skipping what lies between.
 */
import { maxId } from './ids.ts';
import type { XPage } from './wire.ts';

export interface FeedCursor {
  /** Newest post id fully caught up to: the since_id of the next catch-up. */
  newestId?: string;
  /** When the last catch-up completed (ms): how old the feed's coverage is. */
  checkedAt?: number;
  /** A catch-up in progress. */
  pending?: { nextToken: string; newestId?: string; fetched: number; pages: number };
}

export interface PageRequest {
  sinceId?: string;
  token?: string;
}

export function nextRequest(c: FeedCursor): PageRequest {
  return { ...(c.newestId ? { sinceId: c.newestId } : {}), ...(c.pending ? { token: c.pending.nextToken } : {}) };
}

export interface Advance {
  cursor: FeedCursor;
  /** The catch-up ended with this page. */
  done: boolean;
  /** Posts and pages read by the whole catch-up so far (including this page). */
  fetched: number;
  pages: number;
}

/**
 * Folds one page into the cursor. Without a since_id (first poll) only the first page is read unless
 * `followFromStart` (backfill): the newest posts are enough to start from, history is the backfill's job.
 */
export function advance(c: FeedCursor, page: XPage, followFromStart = false, nowMs?: number): Advance {
  const pageNewest = page.meta.newestId ?? page.tweets.reduce<string | undefined>((m, t) => maxId(m, t.id), undefined);
  // The first page of a catch-up holds the newest post; later pages only go further back.
  const newest = c.pending ? maxId(c.pending.newestId, pageNewest) : pageNewest;
  const fetched = (c.pending?.fetched ?? 0) + page.tweets.length;
  const pages = (c.pending?.pages ?? 0) + 1;
  const follow = c.newestId !== undefined || followFromStart;
  if (page.meta.nextToken && follow) {
    return {
      cursor: { ...(c.newestId ? { newestId: c.newestId } : {}), ...(c.checkedAt !== undefined ? { checkedAt: c.checkedAt } : {}), pending: { nextToken: page.meta.nextToken, ...(newest ? { newestId: newest } : {}), fetched, pages } },
      done: false,
      fetched,
      pages,
    };
  }
  const done = maxId(c.newestId, newest);
  const checkedAt = nowMs ?? c.checkedAt;
  return { cursor: { ...(done ? { newestId: done } : {}), ...(checkedAt !== undefined ? { checkedAt } : {}) }, done: true, fetched, pages };
}

export function readFeedCursor(v: unknown): FeedCursor {
  if (!v || typeof v !== 'object') return {};
  const o = v as Record<string, unknown>;
  const out: FeedCursor = {};
  if (typeof o.newestId === 'string' && /^\d+$/.test(o.newestId)) out.newestId = o.newestId;
  if (typeof o.checkedAt === 'number' && Number.isFinite(o.checkedAt)) out.checkedAt = o.checkedAt;
  const p = o.pending as Record<string, unknown> | undefined;
  if (p && typeof p.nextToken === 'string' && p.nextToken) {
    out.pending = {
      nextToken: p.nextToken,
      ...(typeof p.newestId === 'string' ? { newestId: p.newestId } : {}),
      fetched: Number.isInteger(p.fetched) ? (p.fetched as number) : 0,
      pages: Number.isInteger(p.pages) ? (p.pages as number) : 0,
    };
  }
  return out;
}
