/**
 * Timeline mode: one user-timeline request per account per cycle (plus pages when an account posted more
 * than a page since its since_id). Handles are resolved to user ids once (100 per request) and kept in the
 * cursor. X serves only the newest 3,200 posts of a timeline (800 without replies): a catch-up that comes
 * close to that is reported, since posts beyond it can no longer be fetched here.
 */
import type { FetchContext } from '../types.ts';
import type { FeedCursor } from './catchup.ts';
import { XPollingSource, type XFeed, type XPollCursor } from './polling.ts';

/** A handle X did not know is looked up again after this long (it may have been created or renamed back). */
const MISSING_RECHECK_MS = 24 * 3_600_000;

export const TIMELINE_WINDOW = 3_200;
export const TIMELINE_WINDOW_WITHOUT_REPLIES = 800;

export class XTimelineSource extends XPollingSource {
  protected readonly endpoint = '/2/users/:id/tweets';

  protected override async prepare(c: XPollCursor, ctx: FetchContext, warnings: string[]): Promise<void> {
    const nowMs = ctx.now().getTime();
    const wanted = this.config.accounts.filter((h) => {
      const u = c.users[h.toLowerCase()];
      return !u || ('missingAt' in u && nowMs - u.missingAt >= MISSING_RECHECK_MS);
    });
    if (!wanted.length) return;
    const { users, missing } = await this.api.usersByUsernames(wanted);
    for (const u of users) c.users[u.username.toLowerCase()] = { id: u.id, ...(u.name ? { name: u.name } : {}) };
    for (const h of missing) {
      c.users[h.toLowerCase()] = { missingAt: nowMs };
      warnings.push(`@${h}: X knows no such account (renamed, suspended or mistyped); skipped, looked up again in 24 h`);
    }
  }

  private exclude(): string[] {
    const inc = this.config.include;
    return [...(inc.retweets ? [] : ['retweets']), ...(inc.replies === 'none' ? ['replies'] : [])];
  }

  protected feeds(c: XPollCursor): XFeed[] {
    const exclude = this.exclude();
    const window = exclude.includes('replies') ? TIMELINE_WINDOW_WITHOUT_REPLIES : TIMELINE_WINDOW;
    const out: XFeed[] = [];
    for (const handle of this.config.accounts) {
      const u = c.users[handle.toLowerCase()];
      if (!u || !('id' in u)) continue;
      const userId = u.id;
      out.push({
        key: handle.toLowerCase(),
        label: `@${handle}`,
        window,
        mapOptions: { sourceKind: this.config.sourceKind, include: this.config.include, fallbackAuthor: { id: userId, username: handle, name: u.name } },
        fetchPage: (req) => this.api.userTweets(userId, { sinceId: req.sinceId, paginationToken: req.token, maxResults: this.config.maxResults, exclude }),
      });
    }
    return out;
  }

  protected gapWarning(feed: XFeed, before: FeedCursor, done: { fetched: number; pages: number }): string | undefined {
    const window = feed.window ?? TIMELINE_WINDOW;
    if (!before.newestId) return undefined;
    // Excluded posts still count against the window, so a short page count is the better signal when filtering.
    const nearWindow = done.fetched >= window - this.config.maxResults || done.pages >= Math.ceil(window / this.config.maxResults);
    if (!nearWindow) return undefined;
    return (
      `${feed.label}: ${done.fetched} posts in ${done.pages} pages since the last poll, close to the ${window}-post timeline window; ` +
      `posts older than the oldest page may be out of reach (poll more often, or use search mode)`
    );
  }
}
