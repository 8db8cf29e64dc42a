/** X posts -> IncomingPost: edit chains, retweets, quotes, replies and threads, long posts. */
import { describe, expect, it } from 'vitest';
import { editPosition, IncludesIndex, mapTweet, mapTweets, type MapOptions } from '../../../src/sources/x/map.ts';
import type { XTweet } from '../../../src/sources/x/wire.ts';

const users = [
  { id: '1', username: 'OIRSpox', name: 'OIR Spokesman' },
  { id: '2', username: 'Other', name: 'Someone else' },
];
const opts = (include: Partial<MapOptions['include']> = {}): MapOptions => ({
  sourceKind: 'social',
  include: { retweets: false, quotes: true, replies: 'same_author', ...include },
});
const tw = (t: Partial<XTweet> & { id: string }): XTweet => ({ text: `text ${t.id}`, author_id: '1', created_at: '2024-05-01T10:00:00.000Z', ...t });

describe('edit chains', () => {
  it('places a post in its edit history: the first id is the external id, the position the version', () => {
    expect(editPosition({ id: '30', edit_history_tweet_ids: ['10', '20', '30'] })).toEqual({ rootId: '10', version: 3 });
    expect(editPosition({ id: '10', edit_history_tweet_ids: ['10'] })).toEqual({ rootId: '10', version: 1 });
    expect(editPosition({ id: '10' })).toEqual({ rootId: '10', version: 1 });
    expect(editPosition({ id: '99', edit_history_tweet_ids: ['10'] })).toEqual({ rootId: '99', version: 1 });
  });

  it('maps an edited post as a new version of the same post', () => {
    const r = mapTweet(tw({ id: '20', text: 'corrected: 10 rockets', edit_history_tweet_ids: ['10', '20'] }), new IncludesIndex({ users, tweets: [] }), opts());
    expect(r).toMatchObject({ post: { platform: 'x', externalId: '10', version: 2, versionExternalId: '20', author: 'OIRSpox', sourceName: 'OIR Spokesman', text: 'corrected: 10 rockets', url: 'https://x.com/OIRSpox/status/20' } });
  });
});

describe('retweets, quotes, replies', () => {
  const original = tw({ id: '5', author_id: '2', text: 'The full original statement about the strike near Erbil, longer than a retweet shows.' });
  const index = new IncludesIndex({ users, tweets: [original] });
  const retweet = tw({ id: '6', text: 'RT @Other: The full original statement about the…', referenced_tweets: [{ type: 'retweeted', id: '5' }] });
  const quote = tw({ id: '7', text: 'We confirm this.', referenced_tweets: [{ type: 'quoted', id: '5' }] });
  const threadReply = tw({ id: '8', text: '2/2 no injuries', in_reply_to_user_id: '1', conversation_id: '3', referenced_tweets: [{ type: 'replied_to', id: '3' }] });
  const otherReply = tw({ id: '9', text: '@Other thanks', in_reply_to_user_id: '2', conversation_id: '5', referenced_tweets: [{ type: 'replied_to', id: '5' }] });

  it('drops retweets unless asked, and then stores the retweeted text in full', () => {
    expect(mapTweet(retweet, index, opts())).toEqual({ skipped: 'retweet' });
    const r = mapTweet(retweet, index, opts({ retweets: true }));
    expect(r).toMatchObject({ post: { kind: 'retweet', text: original.text, inReplyTo: '5', author: 'OIRSpox' } });
  });

  it('keeps quotes by default with their own text and a link to the quoted post', () => {
    expect(mapTweet(quote, index, opts())).toMatchObject({ post: { kind: 'quote', text: 'We confirm this.', inReplyTo: '5' } });
    expect(mapTweet(quote, index, opts({ quotes: false }))).toEqual({ skipped: 'quote' });
  });

  it('keeps same-author thread replies linked to their parent and conversation', () => {
    expect(mapTweet(threadReply, index, opts())).toMatchObject({ post: { kind: 'reply', inReplyTo: '3', conversationId: '3' } });
    expect(mapTweet(otherReply, index, opts())).toEqual({ skipped: 'other_author_reply' });
    expect(mapTweet(otherReply, index, opts({ replies: 'all' }))).toMatchObject({ post: { kind: 'reply' } });
    expect(mapTweet(threadReply, index, opts({ replies: 'none' }))).toEqual({ skipped: 'reply' });
  });

  it('counts what the options dropped', () => {
    const r = mapTweets([retweet, quote, threadReply, otherReply], { users, tweets: [original] }, opts());
    expect(r.posts.map((p) => p.externalId)).toEqual(['7', '8']);
    expect(r.skipped).toEqual({ retweet: 1, other_author_reply: 1 });
  });
});

describe('text and time', () => {
  it('takes the whole text of a long post from note_tweet', () => {
    const long = 'x'.repeat(400);
    const r = mapTweet(tw({ id: '11', text: long.slice(0, 279) + '…', note_tweet: { text: long } }), new IncludesIndex({ users, tweets: [] }), opts());
    expect(r).toMatchObject({ post: { text: long } });
  });

  it('falls back to the snowflake time and the timeline owner when fields are missing', () => {
    const r = mapTweet({ id: '1366934582710259712', text: 'no fields' }, new IncludesIndex(), { ...opts(), fallbackAuthor: { id: '1', username: 'OIRSpox' } });
    expect(r).toMatchObject({ post: { author: 'OIRSpox', postedAt: expect.stringMatching(/^2021-03-03T/) } });
  });
});
