/**
 * One account's history since a date, through the same timeline endpoint and mapping as the timeline
 * mode: a page per fetch, oldest page last, with start_time bounding it. The cursor holds the page
 * token, so a backfill interrupted by a rate limit (or a crash) resumes where it stopped. X serves only
 * the newest 3,200 posts of a timeline; when the pages run out before the start date, that is reported.
 */
import type { XSourceConfig } from '../../config/sources.ts';
import { SourcePermanentError, SourceRateLimitedError, type FetchContext, type FetchResult, type SourceAdapter } from '../types.ts';
import { XPermanentError, XRateLimitedError, type XApi } from './api.ts';
import { idToMs } from './ids.ts';
import { mapTweets } from './map.ts';
import { TIMELINE_WINDOW, TIMELINE_WINDOW_WITHOUT_REPLIES } from './timeline.ts';

export interface BackfillCursor {
  userId?: string;
  name?: string;
  token?: string;
  pages: number;
  fetched: number;
  /** Oldest post read so far (ms). */
  oldestMs?: number;
  done: boolean;
}

export function readBackfillCursor(v: unknown): BackfillCursor {
  const o = (v && typeof v === 'object' ? v : {}) as Record<string, unknown>;
  return {
    ...(typeof o.userId === 'string' ? { userId: o.userId } : {}),
    ...(typeof o.name === 'string' ? { name: o.name } : {}),
    ...(typeof o.token === 'string' && o.token ? { token: o.token } : {}),
    pages: Number.isInteger(o.pages) ? (o.pages as number) : 0,
    fetched: Number.isInteger(o.fetched) ? (o.fetched as number) : 0,
    ...(typeof o.oldestMs === 'number' ? { oldestMs: o.oldestMs } : {}),
    done: o.done === true,
  };
}

export class XTimelineBackfill implements SourceAdapter {
  readonly type = 'x' as const;

  constructor(
    readonly id: string,
    readonly api: XApi,
    private readonly handle: string,
    private readonly config: Pick<XSourceConfig, 'include' | 'sourceKind' | 'maxResults'>,
    private readonly since: Date,
    private readonly until?: Date,
  ) {}

  async fetch(cursor: unknown, ctx: FetchContext): Promise<FetchResult> {
    const c = readBackfillCursor(cursor);
    ctx.signal.throwIfAborted();
    if (c.done) return { posts: [], deletions: [], cursor: c, more: false };
    try {
      if (!c.userId) {
        const { users } = await this.api.usersByUsernames([this.handle]);
        const u = users[0];
        if (!u) throw new SourcePermanentError(this.id, `X knows no account @${this.handle}`);
        c.userId = u.id;
        if (u.name) c.name = u.name;
      }
      const exclude = [...(this.config.include.retweets ? [] : ['retweets']), ...(this.config.include.replies === 'none' ? ['replies'] : [])];
      const page = await this.api.userTweets(c.userId, {
        maxResults: this.config.maxResults,
        startTime: this.since.toISOString().replace(/\.\d{3}Z$/, 'Z'),
        ...(c.token ? { paginationToken: c.token } : {}),
        ...(this.until ? { endTime: this.until.toISOString().replace(/\.\d{3}Z$/, 'Z') } : {}),
        exclude,
      });
      const mapped = mapTweets(page.tweets, page.includes, {
        sourceKind: this.config.sourceKind,
        include: this.config.include,
        fallbackAuthor: { id: c.userId, username: this.handle, name: c.name },
      });
      const posts = mapped.posts;
      c.pages++;
      c.fetched += page.tweets.length;
      for (const t of page.tweets) {
        const ms = idToMs(t.id);
        if (ms !== undefined && (c.oldestMs === undefined || ms < c.oldestMs)) c.oldestMs = ms;
      }
      const warnings: string[] = [];
      if (page.dropped) warnings.push(`${page.dropped} item(s) of an X response did not have the expected shape; dropped`);
      if (page.meta.nextToken) c.token = page.meta.nextToken;
      else {
        delete c.token;
        c.done = true;
        const window = exclude.includes('replies') ? TIMELINE_WINDOW_WITHOUT_REPLIES : TIMELINE_WINDOW;
        const reachedWindow = c.fetched >= window - this.config.maxResults || c.pages >= Math.ceil(window / this.config.maxResults);
        if (reachedWindow && c.oldestMs !== undefined && c.oldestMs > this.since.getTime() + 86_400_000) {
          warnings.push(
            `@${this.handle}: X serves only the newest ${window} posts of a timeline; posts between ${this.since.toISOString().slice(0, 10)} and ` +
              `${new Date(c.oldestMs).toISOString().slice(0, 10)} are out of reach here (full-archive search needs a higher access level)`,
          );
        }
      }
      const limit = this.api.limitOf('/2/users/:id/tweets');
      return {
        posts,
        deletions: [],
        cursor: c,
        more: !c.done,
        warnings,
        ...(limit ? { rateLimit: { remaining: limit.remaining, ...(limit.limit !== undefined ? { limit: limit.limit } : {}), resetAt: limit.resetAt } } : {}),
      };
    } catch (e) {
      if (e instanceof XRateLimitedError) throw new SourceRateLimitedError(this.id, e.resetAt);
      if (e instanceof XPermanentError) throw new SourcePermanentError(this.id, e.message);
      throw e;
    }
  }

  async close(): Promise<void> {
    this.api.close();
  }
}
