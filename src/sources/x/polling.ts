/**
 * Shared engine of the polling X modes (timeline and search): a cycle walks the source's feeds in order,
 * each one caught up since its own newest id page by page, within a page budget per poll. A rate limit in
 * the middle hands back what was read with `notBefore` = the reset, so the poller stores it and resumes
 * from the saved position after the reset instead of starting over; a deletion check runs when due.
 */
import type { XSourceConfig } from '../../config/sources.ts';
import type { IncomingPost, PostDeletion } from '../../domain/post.ts';
import { SourcePermanentError, SourceRateLimitedError, type FetchContext, type FetchResult, type SourceAdapter } from '../types.ts';
import { XPermanentError, XRateLimitedError, type XApi } from './api.ts';
import { advance, nextRequest, readFeedCursor, type FeedCursor, type PageRequest } from './catchup.ts';
import { checkDue, deletionsFrom, forget, lookupBatches, readDeletionState, remember, type DeletionState, type RecentEntry } from './deletions.ts';
import { msToId } from './ids.ts';
import { mapTweets, type MapOptions } from './map.ts';
import type { XPage } from './wire.ts';

/** Search indexes posts a little after they are published: an empty first poll starts this far back. */
export const FIRST_POLL_MARGIN_MS = 60_000;

export interface XFeed {
  /** Cursor key (lower-cased handle, or the account set of a packed query). */
  key: string;
  /** For warnings and progress: "@OIRSpox", "search 2/24 (21 accounts)". */
  label: string;
  fetchPage(req: PageRequest): Promise<XPage>;
  mapOptions: MapOptions;
  /** How far back the endpoint reaches, in posts (user timelines: 3,200, or 800 without replies). */
  window?: number;
}

export interface XPollCursor {
  v: 1;
  feeds: Record<string, FeedCursor>;
  /** Index of the next feed of the current cycle. */
  next: number;
  /** Timeline mode: handle (lower case) -> user id, or when the handle was last found missing. */
  users: Record<string, { id: string; name?: string } | { missingAt: number }>;
  deletions: DeletionState;
}

export function readPollCursor(v: unknown): XPollCursor {
  const o = (v && typeof v === 'object' ? v : {}) as Record<string, unknown>;
  const feeds: Record<string, FeedCursor> = {};
  if (o.feeds && typeof o.feeds === 'object') for (const [k, f] of Object.entries(o.feeds as Record<string, unknown>)) feeds[k] = readFeedCursor(f);
  const users: XPollCursor['users'] = {};
  if (o.users && typeof o.users === 'object') {
    for (const [k, u] of Object.entries(o.users as Record<string, unknown>)) {
      const r = (u ?? {}) as Record<string, unknown>;
      if (typeof r.id === 'string') users[k] = { id: r.id, ...(typeof r.name === 'string' ? { name: r.name } : {}) };
      else if (typeof r.missingAt === 'number') users[k] = { missingAt: r.missingAt };
    }
  }
  return { v: 1, feeds, next: Number.isInteger(o.next) && (o.next as number) >= 0 ? (o.next as number) : 0, users, deletions: readDeletionState(o.deletions) };
}

export abstract class XPollingSource implements SourceAdapter {
  readonly type = 'x' as const;

  constructor(
    readonly id: string,
    readonly config: XSourceConfig,
    readonly api: XApi,
  ) {}

  /** Work before the cycle (timeline: resolve handles to user ids). May throw XRateLimitedError. */
  protected async prepare(_c: XPollCursor, _ctx: FetchContext, _warnings: string[]): Promise<void> {}

  /** The feeds of this source, in a stable order. */
  protected abstract feeds(c: XPollCursor, ctx: FetchContext, warnings: string[]): XFeed[];

  /** Endpoint whose budget the progress lines report. */
  protected abstract readonly endpoint: string;

  /** Warning for a finished catch-up that may have left a gap (mode-specific). */
  protected abstract gapWarning(feed: XFeed, before: FeedCursor, done: { fetched: number; pages: number }, ctx: FetchContext): string | undefined;

  async fetch(cursor: unknown, ctx: FetchContext): Promise<FetchResult> {
    const c = readPollCursor(cursor);
    const warnings: string[] = [];
    const posts: IncomingPost[] = [];
    let deletions: PostDeletion[] = [];
    let pagesRead = 0;
    const partial = (extra: { notBefore?: Date }): FetchResult => this.result(c, posts, deletions, warnings, ctx, { more: true, ...extra });

    try {
      await this.prepare(c, ctx, warnings);
    } catch (e) {
      if (e instanceof XRateLimitedError) throw new SourceRateLimitedError(this.id, e.resetAt);
      throw this.permanentOr(e);
    }
    const feeds = this.feeds(c, ctx, warnings);
    if (c.next >= feeds.length) c.next = 0;
    let budget = this.config.pagesPerPoll;

    for (; c.next < feeds.length; c.next++) {
      const feed = feeds[c.next]!;
      const start = c.feeds[feed.key] ?? {};
      let f: FeedCursor = start;
      let skip = false;
      while (!skip) {
        if (budget <= 0) {
          c.feeds[feed.key] = f;
          return partial({});
        }
        ctx.signal.throwIfAborted();
        let page: XPage;
        try {
          page = await feed.fetchPage(nextRequest(f));
        } catch (e) {
          c.feeds[feed.key] = f;
          if (e instanceof XRateLimitedError) {
            if (!pagesRead) throw new SourceRateLimitedError(this.id, e.resetAt);
            return partial({ notBefore: e.resetAt });
          }
          if (e instanceof XPermanentError && e.status !== 401) {
            // One feed X refuses (a suspended account, a query it rejects) must not stop the others.
            warnings.push(`${feed.label}: ${e.message}; skipped this cycle`);
            skip = true;
            continue;
          }
          if (!pagesRead || e instanceof XPermanentError) throw this.permanentOr(e);
          warnings.push(`${feed.label}: ${(e as Error).message}; the rest of the cycle follows in another poll`);
          return partial({});
        }
        budget--;
        pagesRead++;
        if (page.dropped) warnings.push(`${feed.label}: ${page.dropped} item(s) of an X response did not have the expected shape; dropped`);
        posts.push(...mapTweets(page.tweets, page.includes, feed.mapOptions).posts);
        const r = advance(f, page, false, ctx.now().getTime());
        f = r.cursor;
        // A first poll that found nothing still marks where watching began, so the next poll pages
        // through everything since then instead of reading only the newest page again.
        if (r.done && !f.newestId) f = { ...f, newestId: msToId(ctx.now().getTime() - FIRST_POLL_MARGIN_MS) };
        if (r.done) {
          const w = this.gapWarning(feed, start, r, ctx);
          if (w) warnings.push(w);
          break;
        }
      }
      c.feeds[feed.key] = f;
    }
    c.next = 0;
    deletions = await this.checkDeletions(c, posts, ctx, warnings);
    return this.result(c, posts, deletions, warnings, ctx, { more: false });
  }

  private permanentOr(e: unknown): Error {
    if (e instanceof XPermanentError) return new SourcePermanentError(this.id, e.message);
    return e instanceof Error ? e : new Error(String(e));
  }

  /** Looks recently delivered posts up again when the check is due; a rate limit postpones the check only. */
  private async checkDeletions(c: XPollCursor, posts: IncomingPost[], ctx: FetchContext, warnings: string[]): Promise<PostDeletion[]> {
    const options = this.config.deletions;
    const nowMs = ctx.now().getTime();
    this.track(c, posts, ctx);
    const due = ctx.recentPosts ? options.check && (c.deletions.checkedAt === undefined || nowMs - c.deletions.checkedAt >= options.every) : checkDue(c.deletions, options, nowMs);
    if (!due) return [];
    const out: PostDeletion[] = [];
    const deletedAt = ctx.now().toISOString();
    try {
      // The store knows every post this source brought in (streamed ones too); the cursor's list is the
      // fallback when there is no store (tests, one-off runs).
      const candidates: DeletionState = ctx.recentPosts
        ? { recent: (await ctx.recentPosts(new Date(nowMs - options.window), options.max)).map((p): RecentEntry => [p.externalId, p.versionId, nowMs]) }
        : c.deletions;
      for (const batch of lookupBatches(candidates)) {
        ctx.signal.throwIfAborted();
        const { errors } = await this.api.lookup(batch);
        out.push(...deletionsFrom(candidates, errors, deletedAt));
      }
      c.deletions = { ...forget(c.deletions, out), checkedAt: nowMs };
    } catch (e) {
      if (!(e instanceof Error) || e.name === 'AbortError') throw e;
      warnings.push(`deletion check postponed: ${e.message}`);
      c.deletions = forget(c.deletions, out);
    }
    return out;
  }

  /** Keeps the cursor's own list of delivered posts only when the store cannot provide it. */
  private track(c: XPollCursor, posts: IncomingPost[], ctx: FetchContext): void {
    const nowMs = ctx.now().getTime();
    c.deletions = ctx.recentPosts ? { recent: [], checkedAt: c.deletions.checkedAt ?? nowMs } : remember(c.deletions, posts, this.config.deletions, nowMs);
  }

  private result(c: XPollCursor, posts: IncomingPost[], deletions: PostDeletion[], warnings: string[], ctx: FetchContext, extra: { more: boolean; notBefore?: Date }): FetchResult {
    if (extra.more) this.track(c, posts, ctx);
    const limit = this.api.limitOf(this.endpoint);
    return {
      posts: dedupe(posts),
      deletions,
      cursor: c,
      more: extra.more,
      warnings,
      ...(extra.notBefore ? { notBefore: extra.notBefore } : {}),
      ...(limit ? { rateLimit: { remaining: limit.remaining, ...(limit.limit !== undefined ? { limit: limit.limit } : {}), resetAt: limit.resetAt } } : {}),
    };
  }

  async close(): Promise<void> {
    this.api.close();
  }
}

/** A post delivered twice in one fetch (pages shifting under new posts) is handed over once. */
export function dedupe(posts: IncomingPost[]): IncomingPost[] {
  const seen = new Set<string>();
  return posts.filter((p) => {
    const k = `${p.externalId}#${p.version}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
