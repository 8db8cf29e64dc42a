/**
 * X posts -> IncomingPost, pure. An edited post is a new version of the first post of its edit chain;
 * retweets, quotes and replies are kept or dropped by the source's `include` options; a reply to the
 * same author is a thread continuation and keeps its parent and conversation ids so threads stay linked.
 */
import type { SourceKind } from '../../domain/claim.ts';
import type { IncomingPost } from '../../domain/post.ts';
import { idToMs } from './ids.ts';
import type { XIncludes, XTweet, XUser } from './wire.ts';

export interface IncludeOptions {
  retweets: boolean;
  quotes: boolean;
  replies: 'none' | 'same_author' | 'all';
}

export interface MapOptions {
  sourceKind: SourceKind;
  include: IncludeOptions;
  /** Handle to use when the author is not in the includes (timeline mode knows whose timeline it reads). */
  fallbackAuthor?: { id: string; username: string; name?: string | undefined };
}

export type MapOutcome = { post: IncomingPost } | { skipped: 'retweet' | 'quote' | 'reply' | 'other_author_reply' };

export interface EditPosition {
  /** Id of the first post of the edit chain: the stable external id. */
  rootId: string;
  /** 1 for the original, n for the (n-1)th edit. */
  version: number;
}

/** Where a post sits in its edit chain; a post without history (or not in it) is its own root. */
export function editPosition(t: Pick<XTweet, 'id' | 'edit_history_tweet_ids'>): EditPosition {
  const chain = t.edit_history_tweet_ids ?? [];
  const i = chain.indexOf(t.id);
  if (i < 0 || !chain[0]) return { rootId: t.id, version: 1 };
  return { rootId: chain[0], version: i + 1 };
}

function fullText(t: XTweet): string {
  return t.note_tweet?.text || t.text;
}

export class IncludesIndex {
  readonly users = new Map<string, XUser>();
  readonly tweets = new Map<string, XTweet>();
  constructor(includes?: XIncludes) {
    if (includes) this.add(includes);
  }
  add(includes: XIncludes): void {
    for (const u of includes.users) this.users.set(u.id, u);
    for (const t of includes.tweets) this.tweets.set(t.id, t);
  }
}

export function mapTweet(t: XTweet, index: IncludesIndex, options: MapOptions): MapOutcome {
  const refs = t.referenced_tweets ?? [];
  const retweeted = refs.find((r) => r.type === 'retweeted');
  const replied = refs.find((r) => r.type === 'replied_to');
  const quoted = refs.find((r) => r.type === 'quoted');
  const inc = options.include;

  let kind: IncomingPost['kind'] = 'original';
  if (retweeted) {
    if (!inc.retweets) return { skipped: 'retweet' };
    kind = 'retweet';
  } else if (replied) {
    if (inc.replies === 'none') return { skipped: 'reply' };
    const parentAuthor = t.in_reply_to_user_id ?? index.tweets.get(replied.id)?.author_id;
    if (inc.replies === 'same_author' && (!parentAuthor || parentAuthor !== t.author_id)) return { skipped: 'other_author_reply' };
    kind = 'reply';
  } else if (quoted) {
    if (!inc.quotes) return { skipped: 'quote' };
    kind = 'quote';
  }

  const user = (t.author_id ? index.users.get(t.author_id) : undefined) ?? options.fallbackAuthor;
  const author = user?.username ?? t.author_id ?? 'unknown';
  // A retweet's own text is cut to "RT @x: ..."; the retweeted post carries the whole statement.
  const original = retweeted ? index.tweets.get(retweeted.id) : undefined;
  const text = original ? fullText(original) : fullText(t);
  const { rootId, version } = editPosition(t);
  const createdMs = t.created_at ? Date.parse(t.created_at) : NaN;
  const postedMs = Number.isFinite(createdMs) ? createdMs : (idToMs(t.id) ?? NaN);
  const target = replied?.id ?? quoted?.id ?? retweeted?.id;

  return {
    post: {
      platform: 'x',
      externalId: rootId,
      version,
      ...(t.id !== rootId ? { versionExternalId: t.id } : {}),
      author,
      sourceKind: options.sourceKind,
      ...(user?.name ? { sourceName: user.name } : {}),
      text,
      postedAt: Number.isFinite(postedMs) ? new Date(postedMs).toISOString() : '',
      url: `https://x.com/${author}/status/${t.id}`,
      ...(t.lang ? { lang: t.lang } : {}),
      ...(target ? { inReplyTo: target } : {}),
      ...(t.conversation_id ? { conversationId: t.conversation_id } : {}),
      kind,
      raw: original ? { tweet: t, retweeted: original } : { tweet: t },
    },
  };
}

export interface MappedPage {
  posts: IncomingPost[];
  skipped: Record<string, number>;
}

/** Maps a page's posts (newest first, as X sends them), counting what the include options dropped. */
export function mapTweets(tweets: readonly XTweet[], includes: XIncludes, options: MapOptions): MappedPage {
  const index = new IncludesIndex(includes);
  const posts: IncomingPost[] = [];
  const skipped: Record<string, number> = {};
  for (const t of tweets) {
    const r = mapTweet(t, index, options);
    if ('post' in r) posts.push(r.post);
    else skipped[r.skipped] = (skipped[r.skipped] ?? 0) + 1;
  }
  return { posts, skipped };
}
