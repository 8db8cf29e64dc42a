/**
 * The word-level view of a post the place rules read: tokens, sentence and clause boundaries, and spans that
 * can never hold a location (datelines, organisation and media names, ship and operation names).
 */
import { normWord, tokenize, type Token } from '../gazetteer/text.ts';
import { ORG_NAMES, SHIP_PREFIXES } from './vocab.ts';

export interface TextStructure {
  text: string;
  tokens: Token[];
  /** Lower-cased word as written (article included), for vocabulary checks. */
  lower: string[];
  /** Sentence number of each token. */
  sentence: number[];
  /** Clause punctuation (or a sentence end) in the gap before token i. */
  breakBefore: boolean[];
  /** 1 for tokens inside a dateline, an organisation, media, ship or operation name. */
  blocked: Uint8Array;
}

const ABBREVIATIONS = new Set(['col', 'gen', 'lt', 'maj', 'capt', 'sgt', 'adm', 'mr', 'mrs', 'ms', 'dr', 'st', 'mt', 'no', 'vs', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'gov', 'sen', 'rep', 'approx', 'est', 'inc', 'corp', 'co', 'ltd']);
/** Words around a media name written like a town that make it the town. */
const MEDIA_TOWN_LEADS = new Set(['in', 'near', 'around', 'outside', 'into', 'toward', 'towards', 'inside']);
const MEDIA_TOWN_HEADS = new Set(['countryside', 'area', 'city', 'town', 'district', 'desert', 'outskirts', 'region', 'subdistrict']);
/** Capitalised heads of street names. */
const STREET_HEADS = new Set(['street', 'st', 'road', 'rd', 'avenue', 'ave', 'boulevard', 'blvd', 'lane', 'alley']);
const CLAUSE_PUNCT = /[,;:()[\]"“”«»—–!?|]/;

/**
 * "BAGHDAD (Reuters) -", "Jerusalem, Israel - Oct. 1 -", "KYIV, Ukraine (AP) —", "KYIV, July 17 (Reuters) -" at the
 * start of a line.
 */
const DATELINE_NAME = String.raw`[\p{Lu}][\p{L}'’.-]*(?:[ \t]+[\p{Lu}][\p{L}'’.-]*){0,2}`;
const DATELINE_DATE = String.raw`[\p{Lu}][\p{Ll}]{2,8}\.?[ \t]+[0-9]{1,2}(?:,?[ \t]+[0-9]{4})?`;
const DATELINE = new RegExp(
  String.raw`^[ \t]*[\p{Lu}][\p{L}'’.-]*(?:[ \t]+[\p{Lu}][\p{L}'’.-]*){0,3}(?:,[ \t]*${DATELINE_NAME}){0,2}(?:,[ \t]*${DATELINE_DATE})?[ \t]*(?:\([^)\n]{1,40}\)[ \t]*)?(?:--?|[–—])[ \t]`,
  'u',
);

/**
 * Key of a word as written, its article kept: "Al Mayadeen" (the channel) is "al maiadin", not the town
 * "Mayadin" ("maiadin").
 */
function surfaceKey(t: Token): string {
  // Only a merged article ("al-", "Al ") makes the written form differ from the token's key.
  return /[\s\-‐‑]/.test(t.raw) ? t.raw.split(/[\s\-‐‑]+/).map(normWord).join(' ') : t.norm;
}

let orgIndex: Map<string, string[][]> | undefined;
function orgPhrases(): Map<string, string[][]> {
  if (!orgIndex) {
    orgIndex = new Map();
    for (const name of ORG_NAMES) {
      const words = tokenize(name, true).map(surfaceKey);
      const list = orgIndex.get(words[0]!) ?? [];
      list.push(words);
      orgIndex.set(words[0]!, list);
    }
  }
  return orgIndex;
}

export function analyse(text: string): TextStructure {
  const tokens = tokenize(text);
  const n = tokens.length;
  const lower = tokens.map((t) => t.raw.toLowerCase());
  const sentence = new Array<number>(n);
  const breakBefore = new Array<boolean>(n);
  let sid = 0;
  for (let i = 0; i < n; i++) {
    const t = tokens[i]!;
    const gap = t.gap;
    let sentenceEnd = false;
    if (i > 0) {
      const prev = lower[i - 1]!;
      const ends = /[.!?]["”’)\]]*\s+$/.test(gap) && !(gap.startsWith('.') && (ABBREVIATIONS.has(prev) || prev.length === 1));
      sentenceEnd = gap.includes('\n') || (ends && (t.cap || t.script !== 'latin'));
    }
    if (sentenceEnd) sid++;
    sentence[i] = sid;
    breakBefore[i] = i === 0 || sentenceEnd || CLAUSE_PUNCT.test(gap) || /\s[-–]\s/.test(gap);
  }
  const blocked = new Uint8Array(n);
  blockDatelines(text, tokens, blocked);
  blockNames(tokens, lower, blocked);
  return { text, tokens, lower, sentence, breakBefore, blocked };
}

function blockDatelines(text: string, tokens: Token[], blocked: Uint8Array): void {
  const lineStarts = [0];
  for (let k = text.indexOf('\n'); k >= 0; k = text.indexOf('\n', k + 1)) lineStarts.push(k + 1);
  for (const ls of lineStarts) {
    const m = DATELINE.exec(text.slice(ls, ls + 120));
    if (!m) continue;
    const end = ls + m[0].length;
    for (let i = 0; i < tokens.length; i++) if (tokens[i]!.start >= ls && tokens[i]!.end <= end) blocked[i] = 1;
  }
}

function blockNames(tokens: Token[], lower: string[], blocked: Uint8Array): void {
  const orgs = orgPhrases();
  const keys = tokens.map(surfaceKey);
  for (let i = 0; i < tokens.length; i++) {
    const phrases = orgs.get(keys[i]!);
    if (phrases) {
      for (const words of phrases) {
        if (i + words.length > tokens.length) continue;
        if (!words.every((w, k) => keys[i + k] === w)) continue;
        // "near Al-Mayadin", "Al-Mayadeen countryside": a channel named after a town is the town in a place phrase.
        if (words.length <= 2 && (MEDIA_TOWN_LEADS.has(lower[i - 1] ?? '') || MEDIA_TOWN_HEADS.has(lower[i + words.length] ?? ''))) continue;
        for (let k = 0; k < words.length; k++) blocked[i + k] = 1;
      }
    }
    // Street names: "Tel Hai Street", "Jerusalem Boulevard", "Abu Nuwas St." (every capitalised word before the head).
    // ("St. Petersburg": a saint before a name.)
    if (STREET_HEADS.has(lower[i]!) && tokens[i]!.cap && i > 0 && !(tokens[i + 1]?.cap && tokens[i + 1]!.script === 'latin')) {
      for (let k = i - 1; k >= 0 && k >= i - 4 && tokens[k]!.cap && !CLAUSE_PUNCT.test(tokens[k + 1]!.gap); k--) blocked[k] = 1;
      blocked[i] = 1;
    }
    // Ship names ("USS Mason", "HMS Diamond") and operation names ("Operation Inherent Resolve").
    const isShip = SHIP_PREFIXES.has(lower[i]!) && tokens[i]!.upper;
    const isOperation = tokens[i]!.raw === 'Operation';
    if (isShip || isOperation) {
      if (isShip) blocked[i] = 1;
      for (let k = i + 1; k < tokens.length && k <= i + 5; k++) {
        const t = tokens[k]!;
        if (!(t.cap || /^[0-9]/.test(t.raw)) || CLAUSE_PUNCT.test(t.gap)) break;
        blocked[k] = 1;
      }
    }
  }
}
