/**
 * A small, fast tokenizer for count and event rules: one regular-expression pass over the prepared text,
 * cheaper than a second NLP parse. Tokens keep offsets into `p.text` so every rule can return spans.
 */

/**
 * `num`: a bare numeral ("14", "2,500", "5.30"); `numsuf`: a numeral glued to letters ("107mm", "26th", "11pm");
 * `range`: two numerals joined by a dash ("5-7", "24–25"); `junk`: numerals joined by "/" or ":" (dates, clock times);
 * `word`: letters, possibly a compound joined without spaces ("anti-ship", "Shahed-136/131", "twenty-five");
 * `punct`: any other single character.
 */
export type TokenKind = 'num' | 'numsuf' | 'range' | 'junk' | 'word' | 'punct';

export interface Token {
  readonly text: string;
  /** Lower-cased text; compounds keep their joiners ("anti-ship"). */
  readonly lower: string;
  readonly start: number;
  readonly end: number;
  readonly kind: TokenKind;
  /** Sentence number, counted from 0. */
  readonly sent: number;
  /** Lower-cased alphabetic/numeric parts of a compound ("shahed", "136", "131"); one part for simple tokens. */
  readonly parts: readonly string[];
}

// Dotted abbreviations stay one token so their dots neither end sentences nor split words.
const ABBREV =
  /(?:[A-Za-z]\.){2,}(?![A-Za-z])|\b(?:approx|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Gen|Col|Lt|Maj|Capt|Sgt|Cpl|Pvt|Adm|Brig|Dr|Mr|Mrs|Ms|St|Mt|vs|Rep|Sen|Gov|Jr|Sr|Inc|Corp|Ltd)\.(?=[\s\d(,])|\bNo\.(?=\s?\d)/iy;
const NUMBER = /\d+(?:[.,]\d+)*/y;
const WORD = /[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*/uy;
const SPACE = /\s+/y;

interface Raw {
  text: string;
  start: number;
  end: number;
  kind: 'num' | 'word' | 'punct' | 'abbr';
}

function rawTokens(text: string): Raw[] {
  const out: Raw[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    SPACE.lastIndex = i;
    if (SPACE.test(text)) {
      i = SPACE.lastIndex;
      continue;
    }
    ABBREV.lastIndex = i;
    let m = ABBREV.exec(text);
    if (m) {
      out.push({ text: m[0], start: i, end: i + m[0].length, kind: 'abbr' });
      i += m[0].length;
      continue;
    }
    NUMBER.lastIndex = i;
    m = NUMBER.exec(text);
    if (m) {
      out.push({ text: m[0], start: i, end: i + m[0].length, kind: 'num' });
      i += m[0].length;
      continue;
    }
    WORD.lastIndex = i;
    m = WORD.exec(text);
    if (m) {
      out.push({ text: m[0], start: i, end: i + m[0].length, kind: 'word' });
      i += m[0].length;
      continue;
    }
    const cp = text.codePointAt(i)!;
    const len = cp > 0xffff ? 2 : 1;
    out.push({ text: text.slice(i, i + len), start: i, end: i + len, kind: 'punct' });
    i += len;
  }
  return out;
}

const JOINERS = new Set(['-', '/', '–', ':', '‑']);
const SENTENCE_END = new Set(['.', '!', '?', '…', '؟']);
const CLOSERS = new Set(['"', '”', '’', "'", ')', ']', '»']);

/** Tokens of `text` with sentence numbers; never throws. */
export function tokenize(text: string): Token[] {
  const raw = rawTokens(text);
  const tokens: Token[] = [];
  let sent = 0;
  let i = 0;
  while (i < raw.length) {
    const first = raw[i]!;
    // Glue a run of words/numerals joined without spaces, directly or through - / – : ("F/A-18s", "7:20", "D34").
    let j = i;
    const pieces: Raw[] = [first];
    if (first.kind !== 'punct' && first.kind !== 'abbr') {
      while (j + 1 < raw.length) {
        const next = raw[j + 1]!;
        const prev = raw[j]!;
        if (next.start !== prev.end) break;
        if (next.kind === 'num' || next.kind === 'word') {
          pieces.push(next);
          j++;
          continue;
        }
        const after = raw[j + 2];
        if (next.kind === 'punct' && JOINERS.has(next.text) && after && after.start === next.end && (after.kind === 'num' || after.kind === 'word')) {
          // A colon only glues numerals (clock times), never words ("Update:10").
          if (next.text === ':' && !(prev.kind === 'num' && after.kind === 'num')) break;
          pieces.push(next, after);
          j += 2;
          continue;
        }
        break;
      }
    }
    const start = first.start;
    const end = raw[j]!.end;
    const surface = text.slice(start, end);
    let kind: TokenKind;
    if (pieces.length === 1) {
      kind = first.kind === 'num' ? 'num' : first.kind === 'punct' ? 'punct' : 'word';
    } else {
      const nums = pieces.filter((p) => p.kind === 'num');
      const words = pieces.filter((p) => p.kind === 'word');
      const joins = pieces.filter((p) => p.kind === 'punct').map((p) => p.text);
      if (words.length === 0 && nums.length === 2 && joins.length === 1 && (joins[0] === '-' || joins[0] === '–' || joins[0] === '‑')) kind = 'range';
      else if (words.length === 0) kind = 'junk';
      else if (pieces[0]!.kind === 'num' && pieces.length === 2) kind = 'numsuf';
      else kind = 'word';
    }
    const parts = pieces.filter((p) => p.kind !== 'punct').map((p) => p.text.toLowerCase());
    tokens.push({ text: surface, lower: surface.toLowerCase(), start, end, kind, sent, parts });
    // A sentence ends at . ! ? (plus closing quotes/brackets) followed by whitespace or the end of the text.
    if (kind === 'punct' && SENTENCE_END.has(surface)) {
      let k = j + 1;
      while (k < raw.length && raw[k]!.kind === 'punct' && CLOSERS.has(raw[k]!.text) && raw[k]!.start === raw[k - 1]!.end) {
        const c = raw[k]!;
        tokens.push({ text: c.text, lower: c.text, start: c.start, end: c.end, kind: 'punct', sent, parts: [c.text] });
        k++;
      }
      const nxt = raw[k];
      if (!nxt || nxt.start > raw[k - 1]!.end) sent++;
      i = k;
      continue;
    }
    // Line breaks separate sentences in posts written as lists.
    const nxt = raw[j + 1];
    if (nxt && /\n/.test(text.slice(end, nxt.start))) sent++;
    i = j + 1;
  }
  return tokens;
}
