/**
 * Numbers as people write them in incident reports: numerals ("2,500"), number words ("one hundred and
 * twelve", "twenty-five"), dozens and scores ("two dozen", "a score"), and the vague plurals that count
 * without a number ("dozens of", "tens of").
 */
import type { Token } from './tokens.ts';

const UNITS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19,
};
const TENS: Record<string, number> = {
  twenty: 20, thirty: 30, forty: 40, fourty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const SCALES: Record<string, number> = { hundred: 100, thousand: 1000, million: 1_000_000 };
/** Multipliers that follow a number: "two dozen", "three score". */
const GROUPS: Record<string, number> = { dozen: 12, score: 20 };

/** Plural number words that count without a number ("dozens of rockets", "killed dozens"). */
export const VAGUE_PLURALS = new Set(['dozens', 'scores', 'tens', 'hundreds', 'thousands', 'millions']);

export interface ParsedNumber {
  value: number;
  /** Token index after the number. */
  end: number;
  /** True when written as a numeral. */
  numeral: boolean;
}

/** Value of a plain numeral token ("2,500" -> 2500); null for decimals and malformed groupings. */
export function numeralValue(text: string): number | null {
  if (/^\d{1,3}(?:,\d{3})+$/.test(text)) return Number(text.replace(/,/g, ''));
  if (/^\d+$/.test(text)) return Number(text);
  if (/^\d+\.\d+$/.test(text)) return Number(text);
  return null;
}

/** Value of a one-token number word, including hyphenated compounds ("twenty-five"). */
function smallWord(tok: Token | undefined): number | null {
  if (!tok || tok.kind !== 'word') return null;
  const parts = tok.parts;
  if (parts.length === 1) {
    const w = parts[0]!;
    if (w in UNITS) return UNITS[w]!;
    if (w in TENS) return TENS[w]!;
    return null;
  }
  if (parts.length === 2 && parts[0]! in TENS && parts[1]! in UNITS && UNITS[parts[1]!]! < 10 && UNITS[parts[1]!]! > 0) {
    return TENS[parts[0]!]! + UNITS[parts[1]!]!;
  }
  return null;
}

/** A "tens units" pair written with a space ("twenty five") or one word. */
function smallPhrase(toks: readonly Token[], i: number): { value: number; end: number } | null {
  const v = smallWord(toks[i]);
  if (v === null) return null;
  const t = toks[i]!;
  if (t.parts.length === 1 && t.lower in TENS) {
    const u = toks[i + 1];
    if (u && u.kind === 'word' && u.parts.length === 1 && u.lower in UNITS && UNITS[u.lower]! > 0 && UNITS[u.lower]! < 10) {
      return { value: v + UNITS[u.lower]!, end: i + 2 };
    }
  }
  return { value: v, end: i + 1 };
}

/**
 * Parses a number starting at token `i`: a numeral, number words, "a dozen", "two dozen", "a score",
 * "half a dozen", "1.5 million". Decimals are accepted only with a scale word. Returns null otherwise.
 */
export function parseNumber(toks: readonly Token[], i: number): ParsedNumber | null {
  const t = toks[i];
  if (!t) return null;
  const l = t.lower;
  // "a dozen", "a score", "a hundred", "half a dozen"
  if ((l === 'a' || l === 'an') && toks[i + 1]) {
    const n = toks[i + 1]!.lower;
    if (n in GROUPS) return withScale(toks, GROUPS[n]!, i + 2, false);
    if (n === 'hundred' || n === 'thousand') return withScale(toks, SCALES[n]!, i + 2, false);
    return null;
  }
  if (l === 'half' && toks[i + 1]?.lower === 'a' && toks[i + 2]?.lower === 'dozen') return { value: 6, end: i + 3, numeral: false };
  if (t.kind === 'num') {
    const v = numeralValue(t.text);
    if (v === null) return null;
    const next = toks[i + 1]?.lower;
    if (next && (next in SCALES || next in GROUPS) && toks[i + 1]!.sent === t.sent) {
      const mult = SCALES[next] ?? GROUPS[next]!;
      return { value: Math.round(v * mult), end: i + 2, numeral: true };
    }
    if (!Number.isInteger(v)) return null;
    return { value: v, end: i + 1, numeral: true };
  }
  const small = smallPhrase(toks, i);
  if (!small) return null;
  return withScale(toks, small.value, small.end, false);
}

/** Continues a number with scale and group words: "two dozen", "one hundred and twelve", "three thousand". */
function withScale(toks: readonly Token[], value: number, i: number, numeral: boolean): ParsedNumber {
  let total = 0;
  let current = value;
  let j = i;
  for (;;) {
    const w = toks[j]?.lower;
    if (!w) break;
    if (w in GROUPS && current < 100) {
      current *= GROUPS[w]!;
      j++;
      continue;
    }
    if (w === 'hundred' && current < 100) {
      current *= 100;
      j++;
      // "one hundred and twelve", "one hundred twelve"
      const k = toks[j]?.lower === 'and' ? j + 1 : j;
      const rest = smallPhrase(toks, k);
      if (rest) {
        current += rest.value;
        j = rest.end;
      }
      continue;
    }
    if ((w === 'thousand' || w === 'million') && current < 1000) {
      total += current * SCALES[w]!;
      current = 0;
      j++;
      const k = toks[j]?.lower === 'and' ? j + 1 : j;
      const rest = smallPhrase(toks, k);
      if (rest) {
        current = rest.value;
        j = rest.end;
      }
      continue;
    }
    break;
  }
  return { value: total + current, end: j, numeral };
}

/** Ordinal words, so "A thirteenth service member" is read as one person and "26th" never as a count. */
export const ORDINAL_WORDS = new Set([
  'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh',
  'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth', 'nineteenth',
  'twentieth', 'thirtieth', 'fortieth', 'fiftieth', 'hundredth',
]);
