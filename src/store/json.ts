/**
 * PostgreSQL rejects NUL in text, and jsonb rejects the \u0000 escape and unpaired surrogate escapes
 * (\ud800 alone); untrusted posts, feeds and API bodies may carry any of them. Every write goes through
 * these (jsonb via toJsonb, every string parameter via SanitizeTextPlugin), so no job can fail on them.
 */

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const NEEDS_CLEANING = /[\u0000\uD800-\uDFFF]/;

export function stripNul(s: string): string {
  return s.includes('\u0000') ? s.replace(/\u0000/g, '') : s;
}

/**
 * Text PostgreSQL stores as given: NUL removed, an unpaired surrogate replaced by U+FFFD (what a UTF-8
 * encoder writes for it anyway, made explicit so the stored text and the text in hand agree).
 */
export function cleanText(s: string): string {
  if (!NEEDS_CLEANING.test(s)) return s;
  return stripNul(s).replace(LONE_SURROGATE, '\uFFFD');
}

/**
 * JSON text safe for a jsonb column: drops \u0000 escapes and turns unpaired surrogate escapes into
 * \ufffd (but leaves an escaped backslash before "u0000" alone). JSON.stringify writes paired surrogates
 * as the characters themselves, so any \ud800-\udfff escape it wrote is an unpaired one.
 */
export function toJsonb(value: unknown): string {
  const s = JSON.stringify(value) ?? 'null';
  if (!s.includes('\\u')) return s;
  return s.replace(/(?<!\\)((?:\\\\)*)\\u(0000|d[89a-f][0-9a-f]{2})/g, (_m, slashes: string, code: string) => (code === '0000' ? slashes : `${slashes}\\ufffd`));
}
