/**
 * What the words around a place name say about it: the word that governs it ("in", "from", "north of",
 * "struck"), what follows it (an organisation head, a speech verb, a munition), and the clause it sits in
 * (background event, source-only, hospital-only).
 */
import type { TextStructure } from './structure.ts';
import {
  ARABIC_FROM, ARABIC_LOCATIVE, ARABIC_PLACE_NOUNS, ATTACK_VERBS, BACKGROUND_TRIGGERS, COMPASS, DISTANCE_UNITS,
  GEO_OF_HEADS, HOSPITAL_NOUNS, LAUNCH_WORDS, LOCATIVE_PREPS, SOURCE_INTRO, SOURCE_NOUNS,
} from './vocab.ts';

export type GovernorKind = 'prep' | 'verb' | 'compass' | 'border' | 'of' | 'list' | 'none';

export interface Governor {
  kind: GovernorKind;
  /** The governing word, lower case ("in", "from", "struck"); "" when none. */
  word: string;
  /** Token index of the governing word, -1 when none. */
  index: number;
  /** A "X of" construction was crossed ("areas of Yemen"). */
  viaGeoOf: boolean;
  /** Token index where the place phrase begins ("the", "منطقة" ...), for mentions that include them. */
  phraseStart: number;
}

const DETERMINERS = new Set(['the', 'a', 'an', 'this', 'that', 'these', 'those', 'its', 'their', 'his', 'her']);
/** Nouns standing in apposition before a name ("the capital Kyiv", "the capital, Baghdad", "the city of"). */
const APPOSITIVE_NOUNS = new Set(['capital', 'city', 'town', 'village', 'port', 'province', 'governorate', 'region', 'country', 'area', 'district', 'oblast', 'settlement', 'kibbutz', 'camp', 'base']);
/** Modifiers that may sit between a preposition and a name ("in semi-autonomous", "in Russian-occupied"). */
const MODIFIERS = /^(semi|autonomous|occupied|controlled|held|besieged|embattled|frontline|front|line|nearby|northern|southern|eastern|western|central|northeastern|northwestern|southeastern|southwestern|coastal|border|southernmost|northernmost|restive|contested|disputed|annexed|rebel|militant|israeli|russian|houthi|iranian|government|regime|kurdish|syrian|iraqi|ukrainian|palestinian|lebanese|rural|old|greater|upper|lower|so|called)$/;
/** Subdivision words a possessive container may end with ("the Kurram district's"). */
const CONTAINER_WORDS = new Set(['district', 'province', 'region', 'governorate', 'oblast', 'city', 'town', 'county', 'raion']);
const BORDER_WORDS = new Set(['border', 'borders', 'frontier', 'boundary']);
/** Organisations described by where they work ("the coalition in Iraq"): the place locates the organisation. */
const ORG_DESCRIPTOR_NOUNS = new Set(['coalition', 'mission', 'alliance', 'delegation', 'envoy', 'ambassador', 'representative']);

function isHyphenJoined(s: TextStructure, j: number): boolean {
  const next = s.tokens[j + 1];
  const here = s.tokens[j];
  return (next !== undefined && /^[-‐‑]$/.test(next.gap)) || (here !== undefined && /^[-‐‑]$/.test(here.gap));
}

/**
 * Walks back from the word before a name to the word that governs it, skipping determiners, modifiers,
 * appositive nouns and "areas of"-type heads. Stops at clause punctuation (but "X, Y and Z" lists continue).
 * @param endsAt token index -> true when a place name ends there (lists: "Kyiv, Odesa and Lviv").
 */
export function governorOf(s: TextStructure, start: number, prefixChar: string, endsAt: (i: number) => boolean): Governor {
  let viaGeoOf = false;
  const none = (word = '', index = -1, phraseStart = start): Governor => ({ kind: 'none', word, index, viaGeoOf, phraseStart });
  // Attached Arabic/Hebrew prepositions: "ببغداد" (in Baghdad), "מלבנון" (from Lebanon).
  if (prefixChar === 'ب' || prefixChar === 'ב') return { kind: 'prep', word: 'in', index: start, viaGeoOf: false, phraseStart: start };
  if (prefixChar === 'מ') return { kind: 'prep', word: 'from', index: start, viaGeoOf: false, phraseStart: start };
  let j = start - 1;
  let phraseStart = start;
  for (let steps = 0; j >= 0 && steps < 10; steps++) {
    const w = s.lower[j]!;
    if (s.breakBefore[j + 1] && j + 1 <= start) {
      const gap = s.tokens[j + 1]!.gap;
      // "Kyiv, Odesa": a list of places shares its governor; "the capital, Baghdad": apposition.
      if (/^\s*,\s*$/.test(gap) && endsAt(j)) return { kind: 'list', word: ',', index: j, viaGeoOf, phraseStart };
      if (!(/^\s*,\s*$/.test(gap) && APPOSITIVE_NOUNS.has(w))) return none('', -1, phraseStart);
    }
    const script = s.tokens[j]!.script;
    if (script === 'arabic') {
      if (ARABIC_PLACE_NOUNS.has(w)) {
        phraseStart = j;
        j--;
        continue;
      }
      if (ARABIC_FROM.has(w)) return { kind: 'prep', word: 'from', index: j, viaGeoOf, phraseStart };
      if (ARABIC_LOCATIVE.has(w)) return { kind: 'prep', word: 'in', index: j, viaGeoOf, phraseStart };
      return none(w, j, phraseStart);
    }
    // "from Russia's Kursk region", "in the Kurram district's Parachinar": the possessor is a container, the
    // preposition governs the name.
    if (s.tokens[j]!.poss && j === start - 1 && (s.tokens[j]!.cap || CONTAINER_WORDS.has(w))) {
      j--;
      while (j >= 0 && s.tokens[j]!.cap && s.tokens[j]!.script === 'latin' && !s.breakBefore[j + 1] && !DETERMINERS.has(s.lower[j]!)) j--;
      continue;
    }
    if (DETERMINERS.has(w)) {
      if (j === start - 1 || phraseStart === j + 1) phraseStart = j;
      j--;
      continue;
    }
    if ((w === 'and' || w === 'or') && endsAt(j - 1)) return { kind: 'list', word: w, index: j - 1, viaGeoOf, phraseStart };
    if (w === 'of') {
      const head = s.lower[j - 1] ?? '';
      if (COMPASS.has(head)) return { kind: 'compass', word: head, index: j - 1, viaGeoOf, phraseStart };
      if (GEO_OF_HEADS.has(head) || APPOSITIVE_NOUNS.has(head)) {
        viaGeoOf = true;
        j -= 2;
        continue;
      }
      return { kind: 'of', word: 'of', index: j, viaGeoOf, phraseStart };
    }
    if (w === 'with' && BORDER_WORDS.has(s.lower[j - 1] ?? '')) return { kind: 'border', word: 'with', index: j, viaGeoOf, phraseStart };
    if (w === 'bordering') return { kind: 'border', word: w, index: j, viaGeoOf, phraseStart };
    if (LOCATIVE_PREPS.has(w)) return { kind: 'prep', word: w, index: j, viaGeoOf, phraseStart };
    if (ATTACK_VERBS.has(w)) return { kind: 'verb', word: w, index: j, viaGeoOf, phraseStart };
    if (APPOSITIVE_NOUNS.has(w) || MODIFIERS.test(w) || isHyphenJoined(s, j) || GEO_OF_HEADS.has(w)) {
      j--;
      continue;
    }
    return none(w, j, phraseStart);
  }
  return none('', -1, phraseStart);
}

/** "80 km north of", "2km from", "over 2km from": a distance before the governing word. */
export function isDistanceBefore(s: TextStructure, index: number): boolean {
  for (let k = index - 1; k >= Math.max(0, index - 4); k--) {
    const w = s.lower[k]!;
    if (/^[0-9.,]+(km|kms|m|mi|miles)$/.test(w)) return true;
    if (DISTANCE_UNITS.has(w) && /^[0-9]/.test(s.lower[k - 1] ?? '')) return true;
    if (s.breakBefore[k + 1] && !/^\s*[()]\s*$/.test(s.tokens[k + 1]!.gap)) break;
  }
  return false;
}

/** A launch word anywhere in the sentence of token i ("fired", "launched", "rockets", "انطلقا"). */
export function launchInSentence(s: TextStructure, i: number): boolean {
  const sid = s.sentence[i];
  for (let k = i; k >= 0 && s.sentence[k] === sid; k--) if (LAUNCH_WORDS.has(s.lower[k]!)) return true;
  for (let k = i + 1; k < s.tokens.length && s.sentence[k] === sid; k++) if (LAUNCH_WORDS.has(s.lower[k]!)) return true;
  return false;
}

const EVENT_NOUNS = new Set(['attack', 'attacks', 'strike', 'strikes', 'airstrike', 'airstrikes', 'raid', 'raids', 'shelling', 'explosion', 'explosions', 'blast', 'blasts', 'bombardment', 'assault', 'offensive', 'incursion', 'barrage', 'fire', 'landed', 'intercepted', 'sirens', 'shot', 'downed', 'infiltration',
  'killed', 'wounded', 'injured', 'martyred', 'exploded', 'detonated', 'ambushed', 'ambush', 'overran', 'overrun', 'crashed', 'clashes', 'clashed',
  'bombing', 'blast', 'advance', 'advanced', 'fighting', 'battles', 'combat', 'assaults']);

/** A launch, attack or event word anywhere in the sentence of token i. */
export function eventInSentence(s: TextStructure, i: number): boolean {
  const sid = s.sentence[i];
  let from = i;
  while (from > 0 && s.sentence[from - 1] === sid) from--;
  for (let k = from; k < s.tokens.length && s.sentence[k] === sid; k++) {
    const w = s.lower[k]!;
    if (LAUNCH_WORDS.has(w) || ATTACK_VERBS.has(w) || EVENT_NOUNS.has(w)) return true;
  }
  return false;
}

/** Index of the first token of the clause containing token i. */
export function clauseStart(s: TextStructure, i: number): number {
  let k = i;
  while (k > 0 && !s.breakBefore[k]) k--;
  return k;
}

function matchesAt(s: TextStructure, k: number, words: readonly string[]): boolean {
  return words.every((w, d) => s.lower[k + d] === w);
}

/** The clause before the name talks about another event ("the latest in a series of attacks in Iraq"). */
export function inBackgroundClause(s: TextStructure, start: number): boolean {
  const from = clauseStart(s, start);
  for (let k = from; k < start; k++) {
    for (const t of BACKGROUND_TRIGGERS) if (matchesAt(s, k, t)) return true;
  }
  return false;
}

/**
 * The name only locates a source ("sources in eastern Syria", "reports from the coalition in Iraq") or a
 * hospital ("taken to a hospital in Baghdad"): returns which, or null.
 */
export function locatesOnly(s: TextStructure, gov: Governor): 'source' | 'hospital' | null {
  if (gov.kind !== 'prep' || !['in', 'at', 'from', 'near'].includes(gov.word)) return null;
  // "the coalition in Iraq", "the UN mission in Lebanon": the place describes an organisation.
  if (gov.word === 'in' && ORG_DESCRIPTOR_NOUNS.has(s.lower[gov.index - 1] ?? '')) return 'source';
  const from = Math.max(clauseStart(s, gov.index), gov.index - 6);
  for (let k = gov.index - 1; k >= from; k--) {
    const w = s.lower[k]!;
    if (ATTACK_VERBS.has(w) || LAUNCH_WORDS.has(w)) return null;
    if (k >= gov.index - 3 && HOSPITAL_NOUNS.has(w)) return 'hospital';
    if (k >= gov.index - 3 && SOURCE_NOUNS.has(w)) return 'source';
    for (const intro of SOURCE_INTRO) if (matchesAt(s, k, intro)) return 'source';
  }
  return null;
}

/**
 * "(1:40 a.m. Aug. 20 in Jordan)": a bracketed clock time glossed with the place whose time it is; the place
 * names a zone, not where the event happened.
 */
export function inTimeGloss(s: TextStructure, start: number): boolean {
  const at = s.tokens[start]!.start;
  const before = s.text.slice(Math.max(0, at - 60), at);
  const open = before.lastIndexOf('(');
  if (open < 0 || before.indexOf(')', open) >= 0) return false;
  const inside = before.slice(open + 1);
  return /\bin\s+(?:the\s+)?$/i.test(inside) && /[0-9]{1,2}[:.][0-9]{2}|\b[0-9]{3,4}\b|\b[ap]\.?m\b|\b(?:GMT|UTC)\b/i.test(inside);
}
