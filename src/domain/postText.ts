/**
 * The ingestion limit on a post's text. X posts hold at most 25,000 characters (long posts) and a feed
 * item's description is a summary or an article's opening; 100,000 characters is four times the longest
 * post and more than any statement the extractor reads. A longer text (a 1 MB or 10 MB item, a broken
 * feed) is cut to the limit rather than refused, so its claim is still extracted, and the original
 * length is stored with the post (posts.text_truncated_from) and logged: nothing is lost silently.
 */

export const MAX_POST_TEXT_CHARS = 100_000;

export interface LimitedText {
  text: string;
  /** The original length (UTF-16 code units) when the text was cut; null when it was kept whole. */
  truncatedFrom: number | null;
}

/** Cuts `text` to at most `max` code units, never between the two halves of a surrogate pair. */
export function limitPostText(text: string, max = MAX_POST_TEXT_CHARS): LimitedText {
  if (text.length <= max) return { text, truncatedFrom: null };
  let end = max;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return { text: text.slice(0, end), truncatedFrom: text.length };
}

/** The reason logged and shown for a cut text. */
export function truncationReason(truncatedFrom: number, max = MAX_POST_TEXT_CHARS): string {
  return `post text of ${truncatedFrom} characters is longer than the ingestion limit of ${max}; stored cut to the first ${max}`;
}
