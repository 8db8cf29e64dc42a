/**
 * Search mode: the accounts packed into `from:a OR from:b ...` recent-search queries of at most 512
 * characters (about 20 accounts each), so a cycle costs about N/20 requests instead of N. Each query keeps
 * its own since_id; when the account list changes, a new query starts from the oldest since_id of the
 * queries it replaces, so nothing between is skipped (what is fetched twice is stored once).
 */
import type { FetchContext } from '../types.ts';
import type { FeedCursor } from './catchup.ts';
import { idToMs, minId } from './ids.ts';
import { XPollingSource, type XFeed, type XPollCursor } from './polling.ts';
import { groupKey, packFromQueries, type PackedQuery } from './query.ts';

/** Recent search reaches back seven days. */
export const SEARCH_WINDOW_MS = 7 * 24 * 3_600_000;

export function searchSuffix(include: { retweets: boolean; quotes: boolean; replies: string }): string {
  return [include.retweets ? '' : '-is:retweet', include.quotes ? '' : '-is:quote', include.replies === 'none' ? '-is:reply' : '']
    .filter(Boolean)
    .join(' ');
}

/** Seeds cursors of new queries from the ones they replace; drops cursors of queries no longer used. */
export function regroup(feeds: Record<string, FeedCursor>, groups: readonly PackedQuery[]): Record<string, FeedCursor> {
  const current = new Map(groups.map((g) => [groupKey(g.accounts), g]));
  const stale = Object.entries(feeds).filter(([k]) => !current.has(k));
  const out: Record<string, FeedCursor> = {};
  for (const [key, g] of current) {
    const existing = feeds[key];
    if (existing) {
      out[key] = existing;
      continue;
    }
    const members = new Set(g.accounts.map((a) => a.toLowerCase()));
    let seed: string | undefined;
    for (const [k, f] of stale) {
      if (!k.split(',').some((a) => members.has(a))) continue;
      // An unfinished catch-up of the old query has not covered past its since_id yet.
      seed = minId(seed, f.newestId);
    }
    out[key] = seed ? { newestId: seed } : {};
  }
  return out;
}

/**
 * X refuses a since_id older than the search window (400); past it, the query starts at the window's
 * edge instead (a minute inside, for clock skew) and pages through everything it still reaches.
 */
export function searchBounds(sinceId: string | undefined, nowMs: number): { sinceId?: string; startTime?: string } {
  if (!sinceId) return {};
  const at = idToMs(sinceId);
  const edge = nowMs - SEARCH_WINDOW_MS + 60_000;
  if (at === undefined || at >= edge) return { sinceId };
  return { startTime: new Date(edge).toISOString().replace(/\.\d{3}Z$/, 'Z') };
}

export class XSearchSource extends XPollingSource {
  protected readonly endpoint = '/2/tweets/search/recent';

  protected queries(): PackedQuery[] {
    return packFromQueries(this.config.accounts, { limit: this.config.queryLimit, suffix: searchSuffix(this.config.include) });
  }

  protected feeds(c: XPollCursor, ctx: FetchContext): XFeed[] {
    const groups = this.queries();
    c.feeds = regroup(c.feeds, groups);
    return groups.map((g, i) => ({
      key: groupKey(g.accounts),
      label: `search ${i + 1}/${groups.length} (${g.accounts.length} accounts)`,
      mapOptions: { sourceKind: this.config.sourceKind, include: this.config.include },
      fetchPage: (req) => this.api.searchRecent(g.query, { ...searchBounds(req.sinceId, ctx.now().getTime()), nextToken: req.token, maxResults: this.config.maxResults }),
    }));
  }

  protected gapWarning(feed: XFeed, before: FeedCursor, _done: { fetched: number; pages: number }, ctx: FetchContext): string | undefined {
    if (before.checkedAt === undefined || ctx.now().getTime() - before.checkedAt <= SEARCH_WINDOW_MS) return undefined;
    return `${feed.label}: last caught up more than the 7 days recent search covers; posts in between may be missing (backfill the accounts' timelines)`;
  }
}
