/**
 * Count phrases: a qualifier, a number (or an article, or a vague quantifier) and the noun it counts.
 * "at least 10 rockets", "approx. 14 107 mm rockets", "more than a dozen ballistic missiles", "three to four
 * drones", "52 of 54 Shahed-136/131", "a number of U.S. service members", "an unmanned aerial surveillance system".
 * Pure token scans: no NLP parse, so the whole extractor stays cheap.
 */
import type { Qualifier } from '../domain/claim.ts';
import {
  DRONE_SYSTEM_HEADS,
  DRONE_SYSTEM_MODIFIERS,
  MODEL_PREFIXES,
  MONTHS,
  MUNITION_BLOCKERS,
  MUNITION_HEADS,
  NON_COUNT_FOLLOWERS,
  NON_COUNT_LEADERS,
  ONE_BLOCKERS,
  PERSON_HEADS,
  SITE_HEADS,
} from './lexicon.ts';
import { numeralValue, parseNumber, VAGUE_PLURALS } from './numbers.ts';
import { rightPredicate } from './predicates.ts';
import type { Token } from './tokens.ts';

/** `outcome`: a noun that is itself what happened ("more than 40 injuries", "several impacts"). */
export type HeadCat = 'munition' | 'person' | 'site' | 'outcome';

export interface Head {
  /** Token index of the head noun. */
  idx: number;
  /** Token index after the head (and after "of the Iraqi air force" for "members"). */
  end: number;
  cat: HeadCat;
  /** munition `what`, person group, or site noun. */
  what: string;
  /** Lower-case modifier words between the number and the head. */
  modifiers: string[];
  /** Lower-case words of an "of ..." complement ("members of the Iraqi air force"). */
  complement: string[];
}

export interface CountPhrase {
  /** First token (qualifier included). */
  i0: number;
  /** Token after the number (or article / vague word). */
  numEnd: number;
  /** Token after the whole phrase. */
  iEnd: number;
  sent: number;
  qualifier: Qualifier;
  value: number | null;
  min: number | null;
  max: number | null;
  source: 'numeral' | 'word' | 'article' | 'vague';
  /** Surface of the number itself, for de-duplicating repeated claims. */
  numSurface: string;
  head: Head | null;
  /** "all 36 drones": the outcome covers every launched one. */
  all: boolean;
  total: boolean;
  /** "another 17", "4 additional". */
  additive: boolean;
  /** "rose from 4 to 8": the later figure. */
  updated: boolean;
  /** The Y of "X of Y" / "X out of Y" (a count of its own). */
  ofY: CountPhrase | null;
  /** "of them", "of which", "of the projectiles": counts a part of something named before. */
  partitive: boolean;
}

const HEAD_STOP = new Set([
  'the', 'a', 'an', 'this', 'that', 'these', 'those', 'its', 'their', 'his', 'her', 'our', 'your', 'my',
  'of', 'in', 'on', 'at', 'from', 'to', 'into', 'onto', 'by', 'with', 'for', 'near', 'toward', 'towards', 'against',
  'over', 'under', 'after', 'before', 'during', 'since', 'between', 'across', 'within', 'outside', 'inside', 'around',
  'through', 'about', 'upon', 'via', 'per', 'than', 'as', 'like', 'along', 'among', 'amid', 'beyond', 'behind',
  'and', 'or', 'but', 'while', 'whereas', 'if', 'when', 'where', 'because', 'so', 'yet', 'nor', 'then',
  'were', 'was', 'are', 'is', 'be', 'been', 'being', 'have', 'has', 'had', 'will', 'would', 'could', 'should', 'may',
  'might', 'can', 'did', 'do', 'does', 'not', 'no',
  'it', 'they', 'them', 'which', 'who', 'whom', 'whose', 'he', 'she', 'we', 'you', 'i', 'there', 'here',
  'including', 'included', 'includes', 'also', 'all', 'each', 'both', 'said', 'says', 'say', 'told', 'according',
  'reportedly', 'reported', 'allegedly', 'only', 'just', 'including', 'plus', 'till', 'until', 'out',
  // "an attack using fixed-wing drones": what follows says how, it is not part of the counted noun.
  'using', 'involving', 'carrying',
]);

/** Words that end a noun phrase as a verb would (predicates, reporting verbs). */
const VERBISH = new Set([
  'killed', 'dead', 'died', 'injured', 'wounded', 'hurt', 'harmed', 'detained', 'arrested', 'captured',
  'intercepted', 'downed', 'destroyed', 'neutralized', 'neutralised', 'eliminated', 'landed', 'struck', 'hit',
  'impacted', 'impacting', 'fell', 'fallen', 'falling', 'exploded', 'failed', 'malfunctioned', 'lost', 'jammed',
  'suppressed', 'fired', 'launched', 'targeted', 'targeting', 'aimed', 'used', 'shot', 'perished', 'slain',
  'martyred', 'succumbed', 'hospitalized', 'hospitalised', 'evaluated', 'hosting', 'hosts', 'host', 'remain',
  'remained', 'remains', 'crashed', 'hitting', 'striking', 'headed', 'heading', 'flew', 'flying', 'caused',
  'causing', 'left', 'leaving', 'damaged',
]);

/** Singular words that are heads only at the end of a noun phrase ("missile boats", "American warships"). */
const AMBIGUOUS_SINGULAR = new Set([
  'rocket', 'missile', 'drone', 'mortar', 'shell', 'bomb', 'launch', 'strike', 'american', 'israeli', 'palestinian',
  'civilian', 'lebanese', 'militant', 'terrorist', 'child', 'military', 'member', 'other', 'fighter', 'uav', 'blast',
  'explosion', 'air', 'site', 'base', 'aircraft', 'guard', 'dog', 'animal', 'individual', 'death', 'injury',
  'casualty', 'fatality', 'impact', 'arrest', 'police',
]);

/** Nouns that count an outcome themselves: "more than 40 injuries", "12 deaths", "several impacts". */
const OUTCOME_NOUNS: Record<string, string> = {
  injuries: 'injured', injury: 'injured', deaths: 'killed', death: 'killed', fatalities: 'killed', fatality: 'killed',
  casualties: 'casualties', casualty: 'casualties', arrests: 'detained', arrest: 'detained', detentions: 'detained',
  impacts: 'impacted', impact: 'impacted', hits: 'impacted', interceptions: 'intercepted', martyrs: 'killed',
  bodies: 'killed',
};

/** Vehicles turned into bombs: "an explosives-laden car", "a booby-trapped truck". */
const BOMB_VEHICLES = new Set(['car', 'cars', 'truck', 'trucks', 'vehicle', 'vehicles', 'van', 'vans', 'motorcycle', 'motorbike', 'lorry', 'tanker', 'bus']);
// "a car packed with explosives", "a truck laden with explosives".
const BOMB_VEHICLE_AFTER = /^(?:packed|laden|loaded|rigged|filled|stuffed|fitted|wired)\s+with\s+(?:\w+\s+)?explosives?\b/;
const BOMB_VEHICLE_MODIFIER = /^(?:explosives?|bomb|ied)-(?:laden|packed|filled|rigged)$|^booby-trapped$|^vehicle-borne$|^rigged$/;

/** Words after "of the" that name people already counted: "two of the wounded died". */
const PEOPLE_ADJECTIVE_NOUNS = new Set(['wounded', 'injured', 'dead', 'victims', 'casualties', 'hostages', 'detainees', 'missing']);

/** Adverbs that may follow a singular head ("a ballistic missile late on Monday") without making it a modifier. */
const NOT_NOUNS = new Set([
  'late', 'early', 'overnight', 'yesterday', 'today', 'tonight', 'earlier', 'later', 'shortly', 'just', 'again',
  'nearby', 'too', 'alone', 'apiece', 'each', 'first', 'last', 'instead', 'reportedly', 'allegedly',
  // Participles of a reduced relative: "a bomb hidden in a cart", "a shell left over from ...".
  'hidden', 'concealed', 'planted', 'placed', 'fitted', 'strapped', 'attached', 'left', 'thrown', 'driven', 'set',
  'went', 'blew', 'ripped', 'tore',
]);
const AGE_DECADE = /^(?:\d0s|teens|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)$/;
const CALIBRE_UNITS = new Set(['mm', 'millimeter', 'millimetre', 'cm', 'inch', 'caliber', 'calibre']);
const CHANGE_VERBS = new Set([
  'rose', 'risen', 'rises', 'rising', 'increased', 'increases', 'climbed', 'climbs', 'jumped', 'grew', 'grown',
  'went', 'revised', 'raised', 'updated', 'dropped', 'decreased', 'fell', 'lowered', 'corrected',
]);
const PERSON_OF_HEADS = new Set(['members', 'member', 'personnel', 'staff', 'employees', 'officers']);

interface HeadWord {
  cat: HeadCat;
  what: string;
}

const AGE_APPROX = new Set(['about', 'around', 'approximately', 'roughly', 'some', 'nearly', 'almost']);

/** A singular people noun ("man", "woman", "boy"), after which "of N" gives an age. */
function isSingularPerson(t: Token | undefined): boolean {
  if (!t || t.kind !== 'word') return false;
  const l = t.lower;
  return !!PERSON_HEADS[l] && !l.endsWith('s') && !['police', 'personnel', 'staff', 'other', 'military', 'elderly'].includes(l);
}

const AGE_UNITS: Record<string, number> = { year: 1, years: 1, month: 1 / 12, months: 1 / 12, week: 1 / 52, weeks: 1 / 52, day: 0, days: 0 };

/** Age in years of an "N-year-old" token ("19-year-old", "six-month-old"); null for other tokens. */
export function ageOf(t: Token): number | null {
  const p = t.parts;
  if (p.length !== 3 || p[2] !== 'old' || AGE_UNITS[p[1]!] === undefined) return null;
  const n = /^\d+$/.test(p[0]!) ? Number(p[0]) : WORD_AGES[p[0]!];
  return n === undefined ? null : n * AGE_UNITS[p[1]!]!;
}
const WORD_AGES: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
};

/** What a single token names as a head noun, given the modifiers seen so far (and the words after it, lower-case). */
function headWord(t: Token, modifiers: readonly string[], after?: string): HeadWord | null {
  if (t.kind !== 'word') return null;
  const l = t.lower;
  if (t.parts.length > 1) {
    if (PERSON_HEADS[l]) return { cat: 'person', what: PERSON_HEADS[l]! }; // "passers-by"
    // "a 14-year-old", "a six-month-old": a person named by age (a child below 18).
    const age = ageOf(t);
    if (age !== null) return { cat: 'person', what: age < 18 ? 'civilian' : 'unspecified' };
    // "Shahed-136/131", "Kh-101", "one-way" (not a head)
    const model = MODEL_PREFIXES[t.parts[0]!];
    if (model && t.parts.slice(1).some((p) => /^\d/.test(p))) return { cat: 'munition', what: model };
    const lastPart = t.parts[t.parts.length - 1]!;
    if (MUNITION_HEADS[lastPart] && !/^\d/.test(lastPart)) return { cat: 'munition', what: MUNITION_HEADS[lastPart]! };
    return null;
  }
  if ((l === 'bombers' || l === 'bomber') && modifiers.includes('suicide')) return { cat: 'person', what: 'perpetrator' };
  if (BOMB_VEHICLES.has(l) && modifiers.some((m) => BOMB_VEHICLE_MODIFIER.test(m))) return { cat: 'munition', what: 'ied' };
  if (BOMB_VEHICLES.has(l) && after && BOMB_VEHICLE_AFTER.test(after)) return { cat: 'munition', what: 'ied' };
  if (OUTCOME_NOUNS[l]) return { cat: 'outcome', what: OUTCOME_NOUNS[l]! };
  if (MUNITION_HEADS[l]) return { cat: 'munition', what: MUNITION_HEADS[l]! };
  if (DRONE_SYSTEM_HEADS.has(l) && modifiers.some((m) => DRONE_SYSTEM_MODIFIERS.has(m))) return { cat: 'munition', what: 'drone' };
  if ((l === 'device' || l === 'devices') && modifiers.includes('explosive')) return { cat: 'munition', what: 'ied' };
  // "a suicide vest", "an explosive belt": a bomb worn by its bomber.
  if (/^(?:vests?|belts?|jackets?)$/.test(l) && modifiers.some((m) => m === 'suicide' || m === 'explosive' || m === 'explosives')) return { cat: 'munition', what: 'ied' };
  if (l === 'grad' && t.text === 'Grad') return { cat: 'munition', what: 'rocket' };
  // Ukrainian Air Force tallies count "air targets" and "air attack assets/weapons": munitions, not places.
  if ((l === 'targets' || l === 'target') && modifiers.some((m) => m === 'air' || m === 'aerial')) return { cat: 'munition', what: 'projectile' };
  if ((l === 'assets' || l === 'weapons' || l === 'means') && modifiers.includes('attack') && modifiers.some((m) => m === 'air' || m === 'aerial')) {
    return { cat: 'munition', what: 'projectile' };
  }
  if (PERSON_HEADS[l]) return { cat: 'person', what: PERSON_HEADS[l]! };
  if (SITE_HEADS.has(l)) return { cat: 'site', what: l };
  return null;
}

const DRONE_WORDS = new Set(['drone', 'uav', 'uas', 'kamikaze-drone', 'quadcopter']);

/** Refines a munition head by its modifiers: "ballistic missile", "roadside bomb", "drone strikes". */
function refineMunition(what: string, headLower: string, mods: readonly string[]): string {
  const has = (w: string) => mods.some((m) => m === w || m.split(/[-/]/).includes(w));
  if (what === 'missile') {
    if (has('ballistic') && has('cruise')) return 'missile';
    if (has('ballistic') || mods.some((m) => m.endsWith('ballistic'))) return 'ballistic_missile';
    if (has('cruise')) return 'cruise_missile';
    // "10 Kinzhal hypersonic missiles", "two Kalibr missiles": the model names the kind.
    const model = mods.map((m) => MODEL_PREFIXES[m.split(/[-/]/)[0]!] ?? MUNITION_HEADS[m]).find((w) => w === 'ballistic_missile' || w === 'cruise_missile');
    if (model) return model;
    return 'missile';
  }
  // "a drone strike", "two UAV strikes": each strike is one drone (event type drone_attack), not an air strike.
  if (what === 'air_strike' && /^strikes?$/.test(headLower) && mods.some((m) => DRONE_WORDS.has(m))) return 'drone';
  // "an IED blast", "a car bomb explosion": the blast of one bomb counts the bomb.
  if (what === 'explosion' && mods.some((m) => /^(?:ieds?|vbieds?|bombs?|car-bomb|suicide)$/.test(m))) return 'ied';
  if (what === 'ied' && (headLower === 'bomb' || headLower === 'bombs')) {
    // Bombs dropped from aircraft ("a guided aerial bomb", "two glide bombs") are air strikes, not IEDs.
    if (has('aerial') || has('guided') || has('glide') || has('cluster') || has('barrel') || has('air') || mods.some((m) => /^(?:kab|fab|odab|umpk)\b/.test(m))) return 'air_strike';
  }
  return what;
}

/** Scans the noun phrase after a number (from token j): modifiers, then the head noun; `mix` joins "drones and missiles". */
export function scanHead(toks: readonly Token[], j: number, sent: number, mix = true): Head | null {
  let k = j;
  if ((toks[k]?.lower === '(' || toks[k]?.lower === '[') && toks[k + 1] && headWord(toks[k + 1]!, [])) k++;
  const modifiers: string[] = [];
  let last = -1;
  let lastWhat: HeadWord | null = null;
  let before = 0;
  while (k < toks.length) {
    const t = toks[k]!;
    if (t.sent !== sent) break;
    // Calibre right after the number: "14 107 mm rockets", "122mm rockets".
    if (last < 0 && t.kind === 'num' && toks[k + 1] && CALIBRE_UNITS.has(toks[k + 1]!.lower)) {
      k += 2;
      continue;
    }
    if (last < 0 && t.kind === 'numsuf' && /^\d+(?:mm|cm)$/.test(t.lower)) {
      k++;
      continue;
    }
    if (t.kind !== 'word') break;
    const l = t.lower;
    // "ballistic and cruise missiles": coordinated modifiers of one head.
    // "Hamas and Islamic Jihad terrorists": two capitalised names of groups before one head.
    const twoWordName = /^[A-Z]/.test(toks[k + 1]?.text ?? '') && /^[A-Z]/.test(toks[k + 2]?.text ?? '') && toks[k + 3]?.sent === sent && !!toks[k + 3] && headWord(toks[k + 3]!, [])?.cat === 'person';
    if ((l === 'and' || l === 'or') && last < 0 && modifiers.length > 0 && toks[k + 1]?.kind === 'word' && !HEAD_STOP.has(toks[k + 1]!.lower) && toks[k + 2]?.sent === sent && (headWord(toks[k + 2]!, []) || twoWordName)) {
      modifiers.push(l);
      k++;
      continue;
    }
    if (HEAD_STOP.has(l)) break;
    const hw = headWord(t, modifiers, BOMB_VEHICLES.has(l) ? toks.slice(k + 1, k + 5).filter((x) => x.sent === sent).map((x) => x.lower).join(' ') : undefined);
    if (last >= 0) {
      // After a head, only a compound continues the phrase: another head ("Katyusha rockets") or a blocker
      // that turns the head into a modifier ("rocket attack", "militant groups").
      if (hw) {
        modifiers.push(toks[last]!.lower);
        last = k;
        lastWhat = hw;
        k++;
        continue;
      }
      if (MUNITION_BLOCKERS.has(l) && !VERBISH.has(l)) {
        modifiers.push(toks[last]!.lower, l);
        last = -1;
        lastWhat = null;
        k++;
        before++;
        continue;
      }
      // "Kh-101 cruise missiles", "Katyusha type rockets": one modifier between two head words.
      const after = toks[k + 1];
      if (after && after.sent === sent && !HEAD_STOP.has(l) && !VERBISH.has(l) && headWord(after, [...modifiers, l])) {
        modifiers.push(toks[last]!.lower, l);
        last = -1;
        lastWhat = null;
        k++;
        continue;
      }
      if (AMBIGUOUS_SINGULAR.has(toks[last]!.lower) && /^[a-z]/.test(t.text) && !VERBISH.has(l) && !/(?:ing|ed|ly)$/.test(l) && !NOT_NOUNS.has(l)) {
        // "missile boats", "American warships": the singular word was an adjective.
        return null;
      }
      break;
    }
    if (VERBISH.has(l) && !hw) break;
    // "184 means of air attack" (Ukrainian Air Force tallies).
    if (l === 'means' && toks[k + 1]?.lower === 'of' && /^(?:air|aerial)$/.test(toks[k + 2]?.lower ?? '') && toks[k + 3]?.lower === 'attack') {
      return { idx: k, end: k + 4, cat: 'munition', what: 'projectile', modifiers, complement: [] };
    }
    if (hw) {
      last = k;
      lastWhat = hw;
      k++;
      continue;
    }
    modifiers.push(l);
    before++;
    k++;
    if (before > 5) break;
  }
  if (last < 0 || !lastWhat) return null;
  const headTok = toks[last]!;
  let end = last + 1;
  const complement: string[] = [];
  if (lastWhat.cat === 'person' && PERSON_OF_HEADS.has(headTok.lower) && toks[end]?.lower === 'of') {
    let m = end + 1;
    while (m < toks.length && m < end + 7 && toks[m]!.kind === 'word' && toks[m]!.sent === sent) {
      const w = toks[m]!.lower;
      if (w === 'and' || w === 'or' || w === 'including' || VERBISH.has(w) || w === 'were' || w === 'was') break;
      complement.push(w);
      m++;
    }
    end = m;
  }
  // "a man in his 40s": an age range after a person.
  if (lastWhat.cat === 'person' && toks[end]?.lower === 'in' && /^(?:his|her|their)$/.test(toks[end + 1]?.lower ?? '') && AGE_DECADE.test(toks[end + 2]?.lower ?? '')) end += 3;
  // "a woman of about 60": her age belongs to the phrase.
  if (lastWhat.cat === 'person' && toks[end]?.lower === 'of' && isSingularPerson(headTok)) {
    const at = AGE_APPROX.has(toks[end + 1]?.lower ?? '') ? end + 2 : end + 1;
    const age = toks[at];
    if (age?.kind === 'num' && age.sent === sent && /^\d{1,3}$/.test(age.text)) end = at + 1;
  }
  // "a massive missile and drone attack": the singular munition word modifies the attack.
  if (lastWhat.cat === 'munition' && AMBIGUOUS_SINGULAR.has(headTok.lower) && ['and', 'or', '/'].includes(toks[end]?.lower ?? '')) {
    const other = toks[end + 1];
    if (other && headWord(other, [])?.cat === 'munition' && MUNITION_BLOCKERS.has(toks[end + 2]?.lower ?? '')) return null;
  }
  let what = lastWhat.what;
  if (lastWhat.cat === 'munition') what = refineMunition(what, headTok.lower, modifiers);
  // "10 rounds of indirect fire", "three rounds of IDF": indirect-fire rounds are rockets (or mortars) by convention.
  if (what === 'projectile' && /^rounds?$/.test(headTok.lower) && toks[end]?.lower === 'of' && toks[end + 1]?.sent === sent) {
    const a = toks[end + 1]!.lower;
    if (a === 'idf' || (a === 'indirect' && toks[end + 2]?.lower === 'fire')) {
      what = 'rocket';
      end += a === 'idf' ? 2 : 3;
    }
  }
  // "300 drones and missiles", "150 rockets, missiles and drones": one count over several kinds of munition.
  // "rockets and mortar rounds": a later noun may carry a modifier or two, but no number of its own.
  if (mix && lastWhat.cat === 'munition' && !AMBIGUOUS_SINGULAR.has(headTok.lower)) {
    let k = end;
    let mixed = false;
    while (k < toks.length && (toks[k]!.lower === 'and' || toks[k]!.lower === 'or' || toks[k]!.lower === ',')) {
      const other = toks[k + 1];
      // "three missiles and several drones": a noun with a quantifier of its own is a count of its own.
      if (!other || other.sent !== sent || other.kind !== 'word' || parseNumber(toks, k + 1) || HEAD_STOP.has(other.lower) || matchVague(toks, k + 1) !== null) break;
      const next = scanHead(toks, k + 1, sent, false);
      if (next?.cat !== 'munition' || next.idx - (k + 1) > 2 || !toks[next.idx]!.lower.endsWith('s')) break;
      if (next.what !== what) mixed = true;
      k = next.end;
    }
    if (mixed) {
      what = 'projectile';
      end = k;
    }
  }
  return { idx: last, end, cat: lastWhat.cat, what, modifiers, complement };
}

/** True when the number at tokens [i, end) is a count, not a date, time, measure, label or age. */
function isCountNumber(toks: readonly Token[], i: number, end: number, checkLeader: boolean): boolean {
  const t = toks[i]!;
  const prev = toks[i - 1];
  const next = toks[end];
  if (t.kind === 'num') {
    if (/^0\d/.test(t.text)) return false; // military clock times "0220"
    const v = numeralValue(t.text);
    if (v === null) return false;
    if (/^\d{4}$/.test(t.text) && v >= 1900 && v <= 2100) return false; // years
    if (/^\d{3,4}$/.test(t.text) && next && (next.lower === 'hours' || next.lower === 'hrs' || next.lower === 'gmt' || next.lower === 'utc' || next.lower === 'local' || next.lower === 'zulu' || next.lower === 'z')) return false;
    // Designators: "DDG 107", "CVN 69" (an all-capitals code right before the numeral).
    if (prev && prev.kind === 'word' && /^[A-Z]{2,5}$/.test(prev.text) && !['US', 'UK', 'UN', 'IDF'].includes(prev.text)) return false;
  }
  if (t.lower === 'one' && prev && ONE_BLOCKERS.has(prev.lower)) return false;
  if (t.lower === 'one' && next && (next.lower === 'another' || next.lower === 'day' || next.lower === 'point')) return false;
  if (prev && MONTHS.has(prev.lower)) return false;
  if (next && MONTHS.has(next.lower)) return false;
  if (next && NON_COUNT_FOLLOWERS.has(next.lower)) return false;
  if (next && next.kind === 'word' && next.parts[0] === 'year' && next.parts.includes('old')) return false;
  if (checkLeader && prev && NON_COUNT_LEADERS.has(prev.lower)) return false;
  if (prev && prev.lower === 'by' && toks[i - 2] && CHANGE_VERBS.has(toks[i - 2]!.lower)) return false;
  if (prev && (prev.lower === '#' || prev.lower === 'no.')) return false;
  // "One man, 41, was killed": an age set off by commas after a person.
  if (t.kind === 'num' && prev?.lower === ',' && next?.lower === ',' && toks[i - 2] && PERSON_HEADS[toks[i - 2]!.lower]) return false;
  // "aged 7 and 11", "aged 34, 41 and 60": every number of an age list is an age.
  if (prev && (prev.lower === 'and' || prev.lower === ',' || prev.lower === 'or')) {
    for (let k = i - 1; k >= Math.max(0, i - 8); k--) {
      const w = toks[k]!;
      if (w.lower === 'aged' || w.lower === 'ages') return false;
      if (w.kind !== 'num' && w.lower !== 'and' && w.lower !== ',' && w.lower !== 'or') break;
    }
  }
  // "aged 25", "(25)" after a name are ages; "Flash Update #2" handled above.
  return true;
}

interface NumSpan {
  value: number | null;
  min: number | null;
  max: number | null;
  qualifier: Qualifier;
  end: number;
  numeral: boolean;
  updated: boolean;
}

function parseRangeToken(toks: readonly Token[], i: number): NumSpan | null {
  const t = toks[i]!;
  if (t.kind !== 'range') return null;
  const [a, b] = t.parts.map(Number);
  if (a === undefined || b === undefined || !(b > a)) return null;
  const next = toks[i + 1];
  if (next && (MONTHS.has(next.lower) || NON_COUNT_FOLLOWERS.has(next.lower))) return null;
  if (a >= 1900 || b >= 1900) return null;
  return { value: null, min: a, max: b, qualifier: 'range', end: i + 1, numeral: true, updated: false };
}

/** Parses a count number at i, with a following range ("three to four", "5 - 7", "two or three"). */
function parseCountNumber(toks: readonly Token[], i: number, checkLeader: boolean): NumSpan | null {
  const t = toks[i];
  if (!t) return null;
  if (t.kind === 'range') return parseRangeToken(toks, i);
  const n = parseNumber(toks, i);
  if (!n || !isCountNumber(toks, i, n.end, checkLeader)) return null;
  const sep = toks[n.end];
  if (sep && ['to', '-', '–', '—', 'or'].includes(sep.lower) && toks[n.end + 1]) {
    const m = parseNumber(toks, n.end + 1);
    if (m && m.value > n.value) {
      if (!isCountNumber(toks, n.end + 1, m.end, false)) return null; // "25 to 26 February": a date range
      return { value: null, min: n.value, max: m.value, qualifier: 'range', end: m.end, numeral: n.numeral, updated: false };
    }
  }
  return { value: n.value, min: null, max: null, qualifier: 'exact', end: n.end, numeral: n.numeral, updated: false };
}

type QualKind = Qualifier | 'between' | 'from' | 'flag';
interface QualPattern {
  words: string[];
  kind: QualKind;
  flag?: 'all' | 'total' | 'additive';
}

const QUALIFIER_PATTERNS: QualPattern[] = (
  [
    [['at', 'least'], 'at_least'],
    [['no', 'fewer', 'than'], 'at_least'],
    [['no', 'less', 'than'], 'at_least'],
    [['not', 'less', 'than'], 'at_least'],
    [['a', 'minimum', 'of'], 'at_least'],
    [['at', 'minimum'], 'at_least'],
    [['more', 'than'], 'more_than'],
    [['greater', 'than'], 'more_than'],
    [['in', 'excess', 'of'], 'more_than'],
    [['upwards', 'of'], 'more_than'],
    [['well', 'over'], 'more_than'],
    [['just', 'over'], 'more_than'],
    [['over'], 'more_than'],
    [['above'], 'more_than'],
    [['up', 'to'], 'at_most'],
    [['as', 'many', 'as'], 'at_most'],
    [['as', 'much', 'as'], 'at_most'],
    [['no', 'more', 'than'], 'at_most'],
    [['not', 'more', 'than'], 'at_most'],
    [['at', 'most'], 'at_most'],
    [['at', 'the', 'most'], 'at_most'],
    [['a', 'maximum', 'of'], 'at_most'],
    [['fewer', 'than'], 'fewer_than'],
    [['less', 'than'], 'fewer_than'],
    [['just', 'under'], 'fewer_than'],
    [['under'], 'fewer_than'],
    [['below'], 'fewer_than'],
    [['about'], 'approximately'],
    [['approx'], 'approximately'],
    [['approx.'], 'approximately'],
    [['approximately'], 'approximately'],
    [['around'], 'approximately'],
    [['roughly'], 'approximately'],
    [['nearly'], 'approximately'],
    [['almost'], 'approximately'],
    [['some'], 'approximately'],
    [['an', 'estimated'], 'approximately'],
    [['estimated'], 'approximately'],
    [['close', 'to'], 'approximately'],
    [['circa'], 'approximately'],
    [['~'], 'approximately'],
    [['between'], 'between'],
    [['from'], 'from'],
    [['a', 'total', 'of'], 'flag', 'total'],
    [['total', 'of'], 'flag', 'total'],
    [['all'], 'flag', 'all'],
    [['another'], 'flag', 'additive'],
    [['an', 'additional'], 'flag', 'additive'],
    [['a', 'further'], 'flag', 'additive'],
    [['a', 'record'], 'flag'],
    [['a', 'reported'], 'flag'],
    [['only'], 'flag'],
    [['exactly'], 'flag'],
  ] as [string[], QualKind, QualPattern['flag']?][]
)
  .map(([words, kind, flag]) => ({ words, kind, ...(flag ? { flag } : {}) }))
  .sort((a, b) => b.words.length - a.words.length);

const QUAL_BY_FIRST = new Map<string, QualPattern[]>();
for (const q of QUALIFIER_PATTERNS) {
  const list = QUAL_BY_FIRST.get(q.words[0]!) ?? [];
  list.push(q);
  QUAL_BY_FIRST.set(q.words[0]!, list);
}

function matchWords(toks: readonly Token[], i: number, words: readonly string[]): boolean {
  for (let m = 0; m < words.length; m++) if (toks[i + m]?.lower !== words[m]) return false;
  return true;
}

const VAGUE_PATTERNS: string[][] = [
  ['a', 'large', 'number', 'of'],
  ['a', 'small', 'number', 'of'],
  ['an', 'unknown', 'number', 'of'],
  ['a', 'number', 'of'],
  ['a', 'handful', 'of'],
  ['a', 'few'],
  ['some', 'of'],
  ['the', 'majority', 'of'],
  ['a', 'majority', 'of'],
  // "tens of thousands of people" is one vague amount, not "tens of" something.
  ['tens', 'of', 'thousands', 'of'],
  ['hundreds', 'of', 'thousands', 'of'],
  ['tens', 'of', 'thousands'],
  ['hundreds', 'of', 'thousands'],
  ['dozens', 'of'],
  ['tens', 'of'],
  ['scores', 'of'],
  ['hundreds', 'of'],
  ['thousands', 'of'],
  ['several'],
  ['multiple'],
  ['numerous'],
  ['many'],
  ['countless'],
  ['various'],
  ['most'],
];

function matchVague(toks: readonly Token[], i: number): number | null {
  const t = toks[i]!;
  for (const words of VAGUE_PATTERNS) {
    if (words[0] !== t.lower) continue;
    if (!matchWords(toks, i, words)) continue;
    const prev = toks[i - 1]?.lower;
    if (t.lower === 'many' && (prev === 'how' || prev === 'so' || prev === 'too' || prev === 'as')) return null;
    return i + words.length;
  }
  // "killed dozens", "dozens were injured"
  if (VAGUE_PLURALS.has(t.lower) && t.lower !== 'tens') return i + 1;
  // "Some were intercepted": a bare "some" as the subject of a passive.
  if (t.lower === 'some' && ['were', 'was', 'had', 'have'].includes(toks[i + 1]?.lower ?? '') && (i === 0 || toks[i - 1]!.sent !== t.sent || [',', ';', 'and', 'while', 'but'].includes(toks[i - 1]!.lower))) return i + 1;
  return null;
}

function base(i0: number, sent: number): Omit<CountPhrase, 'numEnd' | 'iEnd' | 'qualifier' | 'value' | 'min' | 'max' | 'source' | 'numSurface'> {
  return { i0, sent, head: null, all: false, total: false, additive: false, updated: false, ofY: null, partitive: false };
}

/** "X of Y" / "X out of Y" / "X of them" / "X of the projectiles" after the number of X (at token j). */
function attachPartitive(toks: readonly Token[], phrase: CountPhrase, j: number): boolean {
  let k = j;
  if (toks[k]?.lower === 'out' && toks[k + 1]?.lower === 'of') k += 2;
  else if (toks[k]?.lower === 'of') k += 1;
  else return false;
  const w = toks[k]?.lower;
  if (w === 'them' || w === 'which' || w === 'whom' || w === 'these' || w === 'those') {
    phrase.partitive = true;
    phrase.iEnd = k + 1;
    // "four of whom were children", "four of them children": the subset is named after the pronoun.
    const be = toks[k + 1]?.lower;
    let at = be === 'were' || be === 'are' || be === 'was' ? k + 2 : k + 1;
    if (toks[at]?.lower === 'a' || toks[at]?.lower === 'an') at++; // "one of them a 14-year-old"
    const named = scanHead(toks, at, phrase.sent);
    if (named?.cat === 'person') {
      phrase.head = named;
      phrase.iEnd = named.end;
    }
    return true;
  }
  let m = k;
  if (w === 'the' || w === 'its' || w === 'their' || w === 'all' || w === 'his' || w === 'her' || w === 'our') m++;
  // "two of the wounded died": people named by what happened to them.
  if (m > k && PEOPLE_ADJECTIVE_NOUNS.has(toks[m]?.lower ?? '') && toks[m]!.sent === phrase.sent) {
    phrase.head = { idx: m, end: m + 1, cat: 'person', what: 'unspecified', modifiers: [], complement: [] };
    phrase.partitive = true;
    phrase.iEnd = m + 1;
    return true;
  }
  const y = parseCountNumber(toks, m, false);
  if (y && y.value !== null) {
    const head = scanHead(toks, y.end, phrase.sent);
    const yPhrase: CountPhrase = {
      ...base(m, phrase.sent),
      numEnd: y.end,
      iEnd: head ? head.end : y.end,
      qualifier: 'exact',
      value: y.value,
      min: null,
      max: null,
      source: y.numeral ? 'numeral' : 'word',
      numSurface: toks.slice(m, y.end).map((t) => t.lower).join(' '),
      head,
    };
    phrase.ofY = yPhrase;
    phrase.head = head;
    phrase.partitive = true;
    phrase.iEnd = yPhrase.iEnd;
    return true;
  }
  if (m > k) {
    const head = scanHead(toks, m, phrase.sent);
    if (head) {
      phrase.head = head;
      phrase.partitive = true;
      phrase.iEnd = head.end;
      return true;
    }
  }
  return false;
}

/** Tries to read a count phrase starting at token i. */
export function phraseAt(toks: readonly Token[], i: number): CountPhrase | null {
  const t = toks[i]!;
  const sent = t.sent;
  // "a woman of about 60", "a man of 45": the age of one person.
  let ofAt = i - 1;
  while (ofAt > i - 3 && AGE_APPROX.has(toks[ofAt]?.lower ?? '')) ofAt--;
  if (toks[ofAt]?.lower === 'of' && isSingularPerson(toks[ofAt - 1])) return null;
  // "Both Tochka missiles and 9 of the rockets were shot down": two munitions, counted only with an outcome (emit checks).
  if (t.lower === 'both') {
    const head = scanHead(toks, i + 1, sent);
    if (head?.cat === 'munition' && /s$/.test(toks[head.idx]!.lower)) {
      return { ...base(i, sent), numEnd: i + 1, iEnd: head.end, qualifier: 'exact', value: 2, min: null, max: null, source: 'word', numSurface: 'both', head };
    }
  }
  // Vague quantities: "a number of", "dozens of", "several".
  const vEnd = matchVague(toks, i);
  if (vEnd !== null) {
    const phrase: CountPhrase = {
      ...base(i, sent),
      numEnd: vEnd,
      iEnd: vEnd,
      qualifier: 'vague',
      value: null,
      min: null,
      max: null,
      source: 'vague',
      numSurface: toks.slice(i, vEnd).map((x) => x.lower).join(' '),
      head: null,
    };
    // "a number of them", "dozens of the drones": the pattern's own "of" starts a partitive.
    const ofAt = toks[vEnd - 1]?.lower === 'of' && vEnd - 1 > i ? vEnd - 1 : vEnd;
    if (!attachPartitive(toks, phrase, ofAt)) {
      phrase.head = scanHead(toks, vEnd, sent);
      if (phrase.head) phrase.iEnd = phrase.head.end;
    }
    return phrase;
  }
  // Qualifier + number.
  let qual: QualPattern | null = null;
  for (const q of QUAL_BY_FIRST.get(t.lower) ?? []) {
    if (matchWords(toks, i, q.words)) {
      qual = q;
      break;
    }
  }
  let start = qual ? i + qual.words.length : i;
  let num = parseCountNumber(toks, start, !qual);
  if (qual && !num) {
    // "a score of" is approximate ("a score" parsed as 20 below).
    qual = null;
    start = i;
    num = parseCountNumber(toks, i, true);
  }
  if (num) {
    let qualifier: Qualifier = num.qualifier;
    let { value, min, max } = num;
    let end = num.end;
    let updated = false;
    if (qual && num.qualifier !== 'range') {
      if (qual.kind === 'between') {
        if (toks[end]?.lower !== 'and') return null;
        const m = parseCountNumber(toks, end + 1, false);
        if (!m || m.value === null || value === null || m.value <= value) return null;
        qualifier = 'range';
        min = value;
        max = m.value;
        value = null;
        end = m.end;
      } else if (qual.kind === 'from') {
        if (toks[end]?.lower !== 'to') return null;
        const m = parseCountNumber(toks, end + 1, false);
        if (!m || m.value === null || value === null) return null;
        const before = toks[i - 1]?.lower;
        if (before && CHANGE_VERBS.has(before)) {
          // "rose from 4 to 8": the count is the new figure.
          value = m.value;
          start = end + 1;
          updated = true;
        } else if (m.value > value) {
          qualifier = 'range';
          min = value;
          max = m.value;
          value = null;
        } else return null;
        end = m.end;
      } else if (qual.kind !== 'flag') {
        qualifier = qual.kind;
        if (qualifier === 'at_least' || qualifier === 'more_than') {
          min = value;
          value = null;
        } else if (qualifier === 'at_most' || qualifier === 'fewer_than') {
          max = value;
          value = null;
        }
      }
    } else if (qual && (qual.kind === 'between' || qual.kind === 'from')) {
      // "between 5-7"
    }
    if (qualifier === 'exact' && (t.lower === 'a' || t.lower === 'an') && toks[i + 1]?.lower === 'score') qualifier = 'approximately';
    // "two more (over the Kursk region)": more of the same.
    let additiveMore = false;
    if (toks[end]?.lower === 'more' && toks[end + 1]?.lower !== 'than' && toks[end]!.sent === sent) {
      additiveMore = true;
      end += 1;
    }
    // Suffixes: "20 or more", "a dozen or so".
    if (qualifier === 'exact' && toks[end]?.lower === 'or' && toks[end + 1]?.lower === 'more') {
      qualifier = 'at_least';
      min = value;
      value = null;
      end += 2;
    } else if (qualifier === 'exact' && toks[end]?.lower === 'or' && toks[end + 1]?.lower === 'so') {
      qualifier = 'approximately';
      end += 2;
    }
    const phrase: CountPhrase = {
      ...base(i, sent),
      numEnd: end,
      iEnd: end,
      qualifier,
      value,
      min,
      max,
      source: num.numeral ? 'numeral' : 'word',
      numSurface: toks.slice(start, num.end).map((x) => x.lower).join(' '),
      all: qual?.flag === 'all',
      total: qual?.flag === 'total',
      additive: qual?.flag === 'additive' || additiveMore,
      updated,
    };
    // "a score of rockets", "two dozen of the drones" (partitive), "a hundred of them"
    let headFrom = end;
    const lastNum = toks[num.end - 1]?.lower ?? '';
    const afterOf = toks[end + 1]?.lower ?? '';
    if (['dozen', 'score', 'hundred', 'thousand', 'million'].includes(lastNum) && toks[end]?.lower === 'of' && !['the', 'them', 'which', 'these', 'those', 'whom'].includes(afterOf)) {
      headFrom = end + 1;
    }
    if (headFrom !== end || !attachPartitive(toks, phrase, end)) {
      const head = scanHead(toks, headFrom, sent);
      phrase.head = head;
      phrase.iEnd = head ? head.end : end;
      // "shot down over six regions", "under 3 km": a preposition before a number and a noun that is not counted.
      const nxt = toks[end];
      if (!head && qual && PREPOSITION_QUALIFIERS.has(qual.words.join(' ')) && nxt && nxt.sent === sent && nxt.kind === 'word' && /^[a-z]/.test(nxt.text) && !HEAD_STOP.has(nxt.lower) && !VERBISH.has(nxt.lower) && !rightPredicate(toks, end, sent)) {
        return null;
      }
    }
    return phrase;
  }
  // "one was intercepted and the other fell in an open area", "the second hit a warehouse", "another crashed":
  // one more of the things just counted, when a verb says what happened to it.
  const other = otherOne(toks, i);
  if (other) return other;
  // Indefinite article counting one attack element or one casualty ("a rocket", "a U.S. service member").
  if (t.lower === 'a' || t.lower === 'an') {
    let k = i + 1;
    if (toks[k]?.lower === 'single' || toks[k]?.lower === 'lone') k++;
    const head = scanHead(toks, k, sent);
    if (!head || head.cat === 'site') return null;
    // "a rocket impact", "a drone hit": one impact of the munition named before the noun.
    if (head.cat === 'outcome' && !(head.what === 'impacted' && head.modifiers.some((m) => MUNITION_HEADS[m]))) return null;
    // "an aircraft struck the car": an aircraft counts when the verb says it attacked; an explosion is
    // weighed later against the other munitions of the text.
    if (head.cat === 'munition' && head.what === 'aircraft' && !AIRCRAFT_ATTACK_VERBS.has(toks[head.end]?.lower ?? '')) return null;
    // "a terrorist attack using drones", "a rocket attack with three UAVs": the article counts the attack.
    if (head.modifiers.some((m, k) => k > 0 && MUNITION_BLOCKERS.has(m) && (MUNITION_HEADS[head.modifiers[k - 1]!] || PERSON_HEADS[head.modifiers[k - 1]!]))) return null;
    // "a police spokesman said", "a resident told AFP": a source, not a casualty.
    if (head.cat === 'person' && REPORTING_AFTER.has(toks[head.end]?.lower ?? '')) return null;
    // "an air strike", "an airstrike", "a drone strike" count one strike; a bare "a strike" does not say from where.
    if (head.what === 'air_strike' && !(/^(?:air|bomb)/.test(toks[head.idx]!.lower) || head.modifiers.some((m) => m === 'air' || m === 'drone' || m === 'aerial'))) return null;
    // The article must count the head directly: no numbers in between ("a record 54 drones").
    for (let m = i + 1; m < head.idx; m++) if (toks[m]!.kind === 'num') return null;
    return {
      ...base(i, sent),
      numEnd: i + 1,
      iEnd: head.end,
      qualifier: 'exact',
      value: 1,
      min: null,
      max: null,
      source: 'article',
      numSurface: toks[head.idx]!.lower,
      head,
    };
  }
  return null;
}

const AIRCRAFT_ATTACK_VERBS = new Set([
  'struck', 'hit', 'fired', 'bombed', 'targeted', 'attacked', 'launched', 'dropped', 'carried', 'conducted', 'strafed',
  'shelled', 'opened',
]);
const REPORTING_AFTER = new Set(['said', 'says', 'told', 'added', 'reported', 'stated', 'confirmed', 'announced', 'tweeted', 'wrote']);

const PREPOSITION_QUALIFIERS = new Set(['over', 'under', 'above', 'below', 'around', 'about']);
const OTHER_WORDS = new Set(['other', 'second', 'third', 'fourth', 'fifth']);
const PEOPLE_VERBS_BEFORE = new Set(['killed', 'killing', 'wounded', 'wounding', 'injured', 'injuring', 'hurt', 'detained', 'arrested']);
const NUMBER_WORDS_SMALL = new Set(['one', 'two', 'three', 'four', 'five', 'six', 'both']);
const OTHER_LEADS = new Set(['and', ',', ';', 'while', 'whereas', 'but', 'with', 'the']);

/** "the other (drone) impacted", "the second fell", "another hit the runway": one, with its verb after it. */
function otherOne(toks: readonly Token[], i: number): CountPhrase | null {
  const t = toks[i]!;
  let k: number;
  if ((t.lower === 'the' || t.lower === 'a') && OTHER_WORDS.has(toks[i + 1]?.lower ?? '') && !(t.lower === 'a' && toks[i + 1]!.lower === 'other')) k = i + 2;
  else if (t.lower === 'another' && (i === 0 || OTHER_LEADS.has(toks[i - 1]!.lower) || toks[i - 1]!.sent !== t.sent)) k = i + 1;
  else if (t.lower === 'another' && PEOPLE_VERBS_BEFORE.has(toks[i - 1]?.lower ?? '') && (!toks[i + 1] || toks[i + 1]!.kind === 'punct' || HEAD_STOP.has(toks[i + 1]!.lower))) {
    // "killed a staff member and wounded another": the verb before counts one more person.
    return { ...base(i, t.sent), numEnd: i + 1, iEnd: i + 1, qualifier: 'exact', value: 1, min: null, max: null, source: 'word', numSurface: 'another', head: null };
  } else return null;
  // Only after a count ("one was shot down and the other ...", "two of the four ... the third ..."), within the
  // last sentence or two.
  // "Another drone was intercepted": a noun after "another" says what one more is of; a bare "another" needs a count before.
  let one = t.lower === 'another' && !!toks[k] && /^[a-z]/.test(toks[k]!.text) && headWord(toks[k]!, [])?.cat === 'munition';
  for (let m = Math.max(0, i - 25); m < i && !one; m++) {
    const w = toks[m]!;
    one = w.sent >= t.sent - 1 && (w.kind === 'num' || NUMBER_WORDS_SMALL.has(w.lower));
  }
  if (!one) return null;
  const head = scanHead(toks, k, t.sent);
  if (head && head.cat !== 'munition' && head.cat !== 'person') return null;
  const end = head ? head.end : k;
  if (!rightPredicate(toks, end, t.sent)) return null;
  return {
    ...base(i, t.sent),
    numEnd: k,
    iEnd: end,
    qualifier: 'exact',
    value: 1,
    min: null,
    max: null,
    source: 'word',
    numSurface: toks.slice(i, k).map((x) => x.lower).join(' '),
    head,
  };
}
