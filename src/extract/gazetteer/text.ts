/**
 * Word normalisation and tokenisation shared by the gazetteer index and the text scan, so a name written
 * "Ain al-Asad", "Ayn Al Asad" or "AIN AL-ASAD" produces the same keys in both places.
 */

export type Script = 'latin' | 'arabic' | 'hebrew' | 'cyrillic' | 'other';

/** One word of a text (or of a gazetteer name), with its span and its normalised key form. */
export interface Token {
  /** Offsets into the tokenised string; a merged Arabic article ("al-") is inside the span. */
  start: number;
  end: number;
  /** The word as written (article included when merged). */
  raw: string;
  /** Normalised key: lower case, no diacritics or apostrophes, transliteration variants folded. */
  norm: string;
  /** First letter of the name part is upper case (always true for scripts without case). */
  cap: boolean;
  /** Every letter is upper case and the word has two or more letters ("EAB", "KYIV"). */
  upper: boolean;
  script: Script;
  /** Followed by a possessive "'s" / "’s" (removed from the span). */
  poss: boolean;
  /** First word of a sentence, line, quotation or colon-introduced clause. */
  sentStart: boolean;
  /** The characters between the previous token and this one. */
  gap: string;
}

const ARTICLES = new Set(['al', 'el', 'ad', 'ar', 'as', 'an', 'at', 'ash', 'az', 'adh', 'ath', 'ez', 'es', 'er', 'ed', 'et', 'en', 'esh', 'ul', 'ut', 'ud', 'ur', 'us', 'un']);
/** Articles that may stand apart (not hyphenated) before a name: "al Asad", "El Arish". */
const FREE_ARTICLES = new Set(['al', 'el']);
/** Sun-letter articles written apart ("As Sulaymaniyah", "Ad Diwaniyah"): merged only before a name with the same initial. */
const ASSIMILATED = new Map([
  ['ad', 'd'], ['ar', 'r'], ['as', 's'], ['an', 'n'], ['at', 't'], ['ash', 'sh'], ['az', 'z'], ['adh', 'dh'], ['ath', 'th'],
]);

/** Whole-word spelling variants of common toponym elements, folded to one form. */
const CANON: Record<string, string> = {
  dair: 'deir', dayr: 'deir', deyr: 'deir', dhair: 'deir',
  bait: 'beit', beyt: 'beit', bet: 'beit',
  kafr: 'kfar', kafar: 'kfar', kefar: 'kfar', kufr: 'kfar',
  tal: 'tel',
  jebel: 'jabal', jabel: 'jabal', jbel: 'jabal', djebel: 'jabal', gebel: 'jabal',
  ein: 'ain', ayn: 'ain', en: 'ain',
  sheikh: 'shaikh', shaykh: 'shaikh', shekh: 'shaikh',
  mt: 'mount',
  medinat: 'madinat',
  khirbet: 'khirbat',
  kasr: 'qasr',
  airbase: 'airbase',
};

const LATIN_SPECIAL: Record<string, string> = { ı: 'i', ł: 'l', ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', đ: 'd', ħ: 'h', þ: 'th', ð: 'd' };

export function scriptOf(word: string): Script {
  const c0 = word.charCodeAt(0);
  if ((c0 >= 0x41 && c0 <= 0x5a) || (c0 >= 0x61 && c0 <= 0x7a)) return 'latin';
  for (const ch of word) {
    const c = ch.codePointAt(0)!;
    if ((c >= 0x41 && c <= 0x7a) || (c >= 0xc0 && c <= 0x24f) || (c >= 0x1e00 && c <= 0x1eff)) return 'latin';
    if ((c >= 0x600 && c <= 0x6ff) || (c >= 0x750 && c <= 0x77f) || (c >= 0xfb50 && c <= 0xfdff) || (c >= 0xfe70 && c <= 0xfeff)) return 'arabic';
    if (c >= 0x590 && c <= 0x5ff) return 'hebrew';
    if (c >= 0x400 && c <= 0x52f) return 'cyrillic';
    if (c >= 0x30 && c <= 0x39) continue;
  }
  return /^[0-9]+$/.test(word) ? 'latin' : 'other';
}

function foldArabic(s: string): string {
  let out = s
    .replace(/[\u0622\u0623\u0625\u0671]/g, '\u0627') // alef variants -> alef
    .replace(/\u0629/g, '\u0647') // ta marbuta -> ha
    .replace(/\u0649/g, '\u064a') // alef maksura -> ya
    .replace(/\u0624/g, '\u0648')
    .replace(/\u0626/g, '\u064a')
    .replace(/\u0640/g, ''); // tatweel
  // The definite article is written joined: "الجادرية" and "جادرية" are one name.
  if (out.length > 4 && out.startsWith('\u0627\u0644')) out = out.slice(2);
  return out;
}

const NON_ASCII = /[^\u0000-\u007f]/;
const DOUBLED = /([a-z])\1+/g;

// Every name of the gazetteer goes through here at load: each step runs only when its letters are present.
function foldLatin(s: string): string {
  let out = s;
  if (NON_ASCII.test(out)) {
    out = '';
    for (const ch of s) out += LATIN_SPECIAL[ch] ?? ch;
  }
  if (out.includes('ee')) out = out.replace(/ee/g, 'i');
  if (out.includes('ou')) out = out.replace(/ou/g, 'u');
  out = out.replace(DOUBLED, '$1');
  if (out.includes('ay')) out = out.replace(/ay/g, 'ai');
  if (out.endsWith('ah')) out = out.slice(0, -1);
  // Own keys only: a word like "constructor" must not find Object.prototype's.
  if (Object.hasOwn(CANON, out)) out = CANON[out]!;
  // Ukrainian and Russian romanisations write one sound as y or i ("Izium"/"Izyum", "Oleksandriia"/"Oleksandriya",
  // "Khmelnytskyi"/"Khmelnitsky"): every y after the first letter is an i, and a doubled i is one.
  if (out.length > 2 && out.includes('y', 1)) out = out[0] + out.slice(1).replace(/y/g, 'i');
  if (out.includes('ii')) out = out.replace(/ii+/g, 'i');
  // Arabic and Hebrew qaf/qof is written q or k ("Qiryat"/"Kiryat", "Qalqilya"/"Kalkilya"); tsadi tz or ts.
  if (out.includes('q')) out = out.replace(/q/g, 'k');
  if (out.includes('tz')) out = out.replace(/tz/g, 'ts');
  return out;
}

/** Words repeat across posts and names: normalising each distinct word once is most of the tokeniser's speed. */
const memo = new Map<string, string>();
const MEMO_LIMIT = 200_000;

/** Normalised key of one word (no spaces inside). */
export function normWord(word: string): string {
  let out = memo.get(word);
  if (out === undefined) {
    out = computeNorm(word);
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(word, out);
  }
  return out;
}

function computeNorm(word: string): string {
  let s = NON_ASCII.test(word) ? word.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase() : word.toLowerCase();
  s = s.replace(/['’ʼʻʿʾ`‘´]/g, '');
  switch (scriptOf(s)) {
    case 'arabic':
      return foldArabic(s);
    case 'latin':
      return foldLatin(s);
    case 'cyrillic':
      return s.replace(/ё/g, 'е').replace(/ґ/g, 'г');
    case 'hebrew':
      // Plene and defective spellings ("קריית" / "קרית") differ only by doubled vav/yod.
      return s.replace(/יי/g, 'י').replace(/וו/g, 'ו');
    default:
      return s;
  }
}

const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’ʼʻʿʾ`‘][\p{L}\p{M}]+)*/gu;
const SENTENCE_GAP = /(?:[.!?]["”’)\]]*\s+|\n|[:;]\s+|["“(]\s*)$/;

function isUpperLetter(ch: string): boolean {
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

function hasCase(s: Script): boolean {
  return s === 'latin' || s === 'cyrillic';
}

/**
 * Splits text into words. Hyphens and apostrophes inside names are handled here: "al-Asad" is one token whose
 * key is "asad", "Iraq's" is the token "Iraq" with `poss`, "Mo’asasa" is one word.
 * @param asName true for gazetteer names: a leading sun-letter article is always merged.
 */
export function tokenize(text: string, asName = false): Token[] {
  const raw: Token[] = [];
  let last = 0;
  for (const m of text.matchAll(WORD)) {
    const start = m.index!;
    let word = m[0];
    let end = start + word.length;
    let poss = false;
    const lastCh = word.charCodeAt(word.length - 1);
    if ((lastCh === 115 || lastCh === 83) && word.length > 2 && APOSTROPHES.has(word[word.length - 2]!)) {
      word = word.slice(0, -2);
      end -= 2;
      poss = true;
    }
    const gap = text.slice(last, start);
    // "Yemen 's Houthis": a detached possessive belongs to the previous word.
    if ((word === 's' || word === 'S') && raw.length && (gap === "'" || gap === ' \'' || gap === '’' || gap === ' ’')) {
      raw[raw.length - 1]!.poss = true;
      last = end;
      continue;
    }
    const script = scriptOf(word);
    const cased = script === 'latin' || script === 'cyrillic';
    const upperForm = word.toUpperCase();
    raw.push({
      start,
      end,
      raw: word,
      norm: normWord(word),
      cap: cased ? isUpperLetter(word[0]!) : true,
      upper: cased && word.length >= 2 && word === upperForm && word !== word.toLowerCase(),
      script,
      poss,
      sentStart: raw.length === 0 || (gap !== ' ' && SENTENCE_GAP.test(gap)),
      gap,
    });
    last = end;
  }
  return mergeArticles(raw, text, asName);
}

const APOSTROPHES = new Set(["'", '’', 'ʼ']);

function mergeArticles(tokens: Token[], text: string, asName: boolean): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const next = tokens[i + 1];
    if (next && t.raw.length <= 3 && !t.poss && next.script === 'latin') {
      const key = t.raw.toLowerCase().normalize('NFKD').replace(/\p{M}+/gu, '');
      if (ARTICLES.has(key)) {
        const hyphenated = next.gap === '-' || next.gap === '‐' || next.gap === '‑';
        const spaced = next.gap === ' ';
        const sun = ASSIMILATED.get(key);
        const merge =
          hyphenated ||
          (spaced && FREE_ARTICLES.has(key) && (next.cap || asName)) ||
          (spaced && sun !== undefined && next.cap && (t.cap || asName) && (asName || !t.sentStart) && next.raw.toLowerCase().startsWith(sun));
        if (merge) {
          out.push({ ...next, start: t.start, raw: text.slice(t.start, next.end), gap: t.gap, sentStart: t.sentStart });
          i++;
          continue;
        }
      }
    }
    out.push(t);
  }
  return out;
}

/** Normalised key of a multi-word name: token keys joined by single spaces. */
export function nameKey(name: string): string {
  return tokenize(name, true)
    .map((t) => t.norm)
    .join(' ');
}
