/**
 * Places of a post: every distinct surface form that locates the event (target), its launch origin, or a
 * reference point, resolved against the gazetteer (eval/README.md "locations[]"). One scan over the words with
 * the gazetteer's n-gram index, then rules on the words around each name decide whether it is a location at all
 * (datelines, organisation/street/holiday names, demonyms, background clauses and source-only places are not).
 */
import type { Location, LocationRole, PlaceKind } from '../domain/claim.ts';
import type { ExtractContext } from './context.ts';
import { defaultGazetteer, distanceKm, type Gazetteer } from './gazetteer/index.ts';
import { AliasFlag, type AliasHit, type PlaceRecord } from './gazetteer/types.ts';
import { eventInSentence, governorOf, inBackgroundClause, isDistanceBefore, launchInSentence, locatesOnly, type Governor } from './places/context.ts';
import { analyse, type TextStructure } from './places/structure.ts';
import {
  ATTRIBUTIVE_HEADS, AUXILIARIES, DEMONYM_ADJECTIVES, DEMONYM_FALLBACK_HEADS, DEMONYM_GEO_HEADS, FACILITY_NOUNS,
  LOCATIVE_PREPS, LOWER_NAME_HEADS, MUNITION_NOUNS, NAME_HEADS, NAME_OF_HEADS, ORIGIN_VERBS, PERSON_TITLES,
  POSSESSIVE_GEO_HEADS, ROUTE_NOUNS, SPEECH_VERBS, SUBPLACE_NOUNS, SUBPLACE_OF_NOUNS, WEAPON_NAMES,
} from './places/vocab.ts';
import type { PreparedText } from './prepare.ts';

/** Countries the rules treat as "the region" (a tie between same-named towns goes to them). */
const REGION = new Set(['IQ', 'SY', 'JO', 'IL', 'PS', 'LB', 'YE', 'AF', 'IR', 'KW', 'SA', 'AE', 'QA', 'BH', 'OM', 'UA', 'RU']);
/** How near (km) another place of the text must be for a generic name ("the US embassy") to be resolved. */
const CONTEXT_KM = 40;
const FACILITY_KM = 35;
/** Beyond this distance from every other place of the text, a small town is taken for a namesake. */
const FAR_KM = 400;

type Votes = Map<string, Map<string, PlaceRecord>>;
const ROLE_RANK: Record<LocationRole, number> = { origin: 3, target: 2, reference: 1 };
/** Nouns after a town or province name that make it an institution's attribute ("a Kyiv court", "Baghdad officials"). */
const INSTITUTION_NOUNS = new Set(['court', 'government', 'officials', 'official', 'authorities', 'police', 'council', 'administration', 'mayor', 'governor', 'spokesman', 'spokesperson', 'native', 'university', 'club', 'newspaper', 'daily', 'prosecutor', 'prosecutors', 'regional', 'military', 'garrison', 'command']);

/** Nouns after a place's possessive that make it an owner, not a location ("Kyiv's mayor", "the region's counter-terrorism service"). */
const OWNER_NOUNS = new Set(['mayor', 'governor', 'military', 'administration', 'police', 'authorities', 'officials', 'official', 'council', 'government', 'army', 'leadership', 'president', 'ministry', 'counter', 'security', 'interior', 'health', 'civil', 'emergency', 'defence', 'defense', 'foreign', 'media', 'spokesman', 'spokesperson', 'prime', 'service', 'services', 'forces', 'air', 'navy', 'intelligence', 'leader', 'leaders', 'envoy', 'ambassador', 'people', 'residents', 'population', 'economy', 'history', 'response', 'allies', 'ally', 'position', 'stance', 'decision', 'request', 'request', 'war', 'top', 'chief', 'head', 'state', 'national', 'state-run', 'official']);

type Status = 'keep' | 'fallback' | 'drop';

interface Candidate {
  start: number;
  end: number;
  hits: AliasHit[];
  prefixChars: number;
}

interface Found {
  start: number;
  end: number;
  place: PlaceRecord | null;
  flags: number;
  gov: Governor;
  status: Status;
  role: LocationRole;
  /** Character span of the mention in the text. */
  from: number;
  to: number;
  confidence: number;
  /** Overrides for places built from a pattern (an unlisted neighbourhood, a town's airport). */
  name?: string;
  kind?: PlaceKind;
  country?: string | null;
  lat?: number | null;
  lon?: number | null;
}

/** Places that locate the event, its origin or a reference point; spans are offsets into `p.text`. */
export function extractLocations(p: PreparedText, _ctx: Omit<ExtractContext, 'zoneHint'>, gazetteer?: Gazetteer): Location[] {
  const text = typeof p?.text === 'string' ? p.text : '';
  if (!text.trim()) return [];
  return findLocations(text, gazetteer ?? defaultGazetteer());
}

/** IANA zone for the event's place (target first, then origin, then reference points). */
export function zoneForLocations(locations: Location[], gazetteer?: Gazetteer): string | null {
  if (!Array.isArray(locations) || !locations.length) return null;
  const gaz = gazetteer ?? defaultGazetteer();
  const ordered = [...locations].sort((a, b) => ROLE_RANK_ZONE[a.role ?? 'target'] - ROLE_RANK_ZONE[b.role ?? 'target']);
  for (const l of ordered) {
    const rec = l.place_id ? gaz.record(l.place_id) : undefined;
    if (rec?.tz) return rec.tz;
    const country = l.country ? gaz.record(l.country.toUpperCase()) : undefined;
    if (country?.tz) return country.tz;
  }
  return null;
}
const ROLE_RANK_ZONE: Record<LocationRole, number> = { target: 0, origin: 1, reference: 2 };

// ---------------------------------------------------------------------------------------------------------------

export function findLocations(text: string, gaz: Gazetteer): Location[] {
  const s = analyse(text);
  const cands = scan(s, gaz);
  // Country context: distinct names that surely lie in one country (a country, a curated place, a town's own name).
  const votes: Votes = new Map();
  for (const c of cands) {
    const only = soleCountry(c);
    const sure = c.hits.find((h) => h.place.source !== 'geonames' || h.flags & AliasFlag.Primary);
    if (!only || !sure) continue;
    const key = s.tokens.slice(c.start, c.end).map((t) => t.norm).join(' ');
    const byKey = votes.get(only) ?? new Map<string, PlaceRecord>();
    byKey.set(key, sure.place);
    votes.set(only, byKey);
  }
  const contextCountries = new Set(votes.keys());

  const found: Found[] = [];
  const endIndex = new Map<number, Found>();
  const candidateStarts = new Set(cands.map((c) => c.start));
  for (const c of cands) {
    const f = decide(s, gaz, c, votes, endIndex, candidateStarts);
    found.push(f);
    endIndex.set(c.end - 1, f);
  }
  resolveContextOnly(found);
  applyPluralRegions(s, gaz, found);
  dropRouteNames(s, found);
  applyFacilityPatterns(s, gaz, found);
  dropRestatedAcronyms(s, found);
  found.push(...subplaces(s, found, contextCountries));
  found.sort((a, b) => a.from - b.from);

  let chosen = found.filter((f) => f.status === 'keep');
  if (!chosen.length) chosen = found.filter((f) => f.status === 'fallback');
  return dedupe(s, chosen).map((f) => toLocation(s, f));
}

/** The one country all readings of a name share, or null. */
function soleCountry(c: Candidate): string | null {
  const first = c.hits[0]?.place.country ?? null;
  return first !== null && c.hits.every((h) => h.place.country === first) ? first : null;
}

function scan(s: TextStructure, gaz: Gazetteer): Candidate[] {
  const out: Candidate[] = [];
  const { tokens } = s;
  for (let i = 0; i < tokens.length; ) {
    if (s.blocked[i]) {
      i++;
      continue;
    }
    const m = gaz.matchAt(tokens, i);
    if (!m) {
      i++;
      continue;
    }
    let blocked = false;
    for (let k = m.start; k < m.end; k++) if (s.blocked[k]) blocked = true;
    const hits = blocked ? [] : m.hits.filter((h) => caseFits(s, m.start, m.end, m.prefixChars, h));
    if (!hits.length) {
      i++;
      continue;
    }
    out.push({ start: m.start, end: m.end, hits, prefixChars: m.prefixChars });
    i = m.end;
  }
  return out;
}

function caseFits(s: TextStructure, start: number, end: number, prefixChars: number, h: AliasHit): boolean {
  const first = s.tokens[start]!;
  if (first.script !== 'latin' && first.script !== 'cyrillic') return true;
  if (h.flags & AliasFlag.Acronym) {
    for (let k = start; k < end; k++) {
      const letters = s.tokens[k]!.raw.replace(/[^\p{L}]/gu, '');
      if (letters !== letters.toUpperCase()) return false;
    }
    return true;
  }
  if (h.flags & AliasFlag.LowerStart) return true;
  // "CIV", "HMS": a short word in capitals is an abbreviation unless it spells a place's own name ("KYIV").
  if (first.upper && end - start === 1 && !((h.flags & AliasFlag.Primary) && first.raw.length >= 4)) return false;
  return prefixChars > 0 || first.cap;
}

function hitScore(h: AliasHit, contextCountries: Set<string>): number {
  const p = h.place;
  let score: number;
  switch (p.source) {
    case 'country':
      score = 5;
      break;
    case 'curated':
    case 'derived':
      score = 3;
      break;
    case 'province':
      score = 1.5;
      break;
    default:
      score = 1 + Math.log10(p.population + 10) / 2;
  }
  if (h.flags & AliasFlag.Descriptor) score += 1.5;
  if (h.flags & AliasFlag.Primary) score += 1;
  else if (p.source === 'geonames') score -= 0.5;
  if (h.flags & AliasFlag.Demonym) score -= 2;
  if (h.flags & AliasFlag.ContextOnly) score -= 2;
  if (p.country && REGION.has(p.country)) score += 1;
  if (p.country && contextCountries.has(p.country)) score += 2;
  if (p.common) score -= 1;
  return score;
}

function choose(hits: AliasHit[], contextCountries: Set<string>): AliasHit {
  let best = hits[0]!;
  let bestScore = hitScore(best, contextCountries);
  for (const h of hits.slice(1)) {
    const sc = hitScore(h, contextCountries);
    if (sc > bestScore) {
      best = h;
      bestScore = sc;
    }
  }
  return best;
}

/** Words after token i (skipping up to `skip` words of the given set) and the index of the first other word. */
function nextWord(s: TextStructure, i: number, skippable?: ReadonlySet<string>, skip = 0): number {
  let k = i;
  for (let n = 0; n < skip && k < s.tokens.length && skippable?.has(s.lower[k]!) && !s.breakBefore[k]; n++) k++;
  return k;
}

function isSpaceGap(gap: string | undefined): boolean {
  return gap !== undefined && /^\s+$/.test(gap);
}

function decide(s: TextStructure, gaz: Gazetteer, c: Candidate, votes: Votes, endIndex: Map<number, Found>, candidateStarts: Set<number>): Found {
  const contextCountries = new Set(votes.keys());
  const ownKey = s.tokens.slice(c.start, c.end).map((t) => t.norm).join(' ');
  /** Another name of the text (not this one) surely lies in the country. */
  const otherVotes = (cc: string | null) => cc !== null && [...(votes.get(cc)?.keys() ?? [])].some((k) => k !== ownKey);
  /** Other sure places of the text with coordinates. */
  const otherAnchors = () => [...votes.values()].flatMap((m) => [...m].filter(([k, p]) => k !== ownKey && p.lat !== null && p.kind !== 'country').map(([, p]) => p));
  const { tokens, lower } = s;
  const hit = choose(c.hits, contextCountries);
  const place = hit.place;
  const first = tokens[c.start]!;
  const last = tokens[c.end - 1]!;
  const prefixChar = c.prefixChars ? first.raw[0]! : '';
  let gov = governorOf(s, c.start, prefixChar, (k) => {
    const f = endIndex.get(k);
    return f !== undefined && f.status !== 'drop';
  });
  if (gov.kind === 'list') gov = endIndex.get(gov.index)?.gov ?? gov;
  const f: Found = {
    start: c.start, end: c.end, place, flags: hit.flags, gov, status: 'keep', role: 'target',
    from: first.start + c.prefixChars, to: last.end, confidence: 0.8,
  };
  const drop = (): Found => ({ ...f, status: 'drop' });
  const next = tokens[c.end];
  const nextLower = lower[c.end] ?? '';
  // "U.S. facility": the abbreviation's final dot belongs to the name.
  const abbrevDot = last.raw.length === 1 && next !== undefined && next.gap.startsWith('.');
  if (abbrevDot) f.to += 1;
  const gapAfter = next ? (abbrevDot ? next.gap.slice(1) : next.gap) : '';
  const spaceAfter = next !== undefined && isSpaceGap(gapAfter);
  const prevLower = lower[c.start - 1] ?? '';
  const prev = tokens[c.start - 1];

  const demonymOnly = c.hits.every((h) => h.flags & AliasFlag.Demonym);
  if (demonymOnly) return demonymReading(s, f);

  // Modifiers and names built on a place: "U.S.-led", "Iran-backed", "Kyiv Day", "Israel Defense Forces", "Sanaa time".
  if (next && /^[-‐‑]$/.test(gapAfter) && !next.cap) return drop();
  if (spaceAfter && next.cap && NAME_HEADS.has(nextLower)) return drop();
  if (spaceAfter && LOWER_NAME_HEADS.has(nextLower)) return drop();
  if (gov.kind === 'of' && prev?.raw === 'of' && tokens[c.start - 2]?.cap && NAME_OF_HEADS.has(lower[c.start - 2] ?? '')) return drop();
  if (gov.kind === 'of' && NAME_OF_HEADS.has(lower[gov.index - 1] ?? '')) return drop();

  // People named after places or with an article-surname: "President Assad", "Tahseen al-Khafaji".
  if (prev && !s.breakBefore[c.start] && PERSON_TITLES.has(prevLower.replace(/\.$/, '')) && prev.cap && prev.script === 'latin') return drop();
  const prevCased = prev !== undefined && (prev.script === 'latin' || prev.script === 'cyrillic');
  if (prev && prevCased && prev.cap && !s.breakBefore[c.start] && isSpaceGap(first.gap) && place.source === 'geonames' && !endIndex.has(c.start - 1)
    && !LOCATIVE_PREPS.has(prevLower) && !FUNCTION_WORDS.has(prevLower)) return drop();
  if (prev && prevCased && prev.cap && !prev.sentStart && /^(al|el|ad|as|ar|an|at|ash|az)[-‐‑\s]/i.test(first.raw) && !s.breakBefore[c.start]
    && !endIndex.has(c.start - 1) && !LOCATIVE_PREPS.has(prevLower) && place.kind !== 'country') return drop();

  // Possessives: "Iraq's Ain al-Asad air base" (container), "Syria's territory" (the country), "Yemen's Houthis".
  if (last.poss) {
    const k = nextWord(s, c.end, ADJECTIVE_LIKE, 3);
    const headLower = lower[k] ?? '';
    if (endIndexStartsAt(s, gaz, k, contextCountries)) return drop();
    // "Gaza's Civil Defence", "Ukraine's General Staff": a capitalised owner that is not a place.
    if (tokens[k]?.cap && tokens[k]!.script === 'latin') return drop();
    if (place.kind === 'country') {
      if (!POSSESSIVE_GEO_HEADS.has(headLower)) return drop();
      f.to = tokens[k]!.end;
    } else if (OWNER_NOUNS.has(headLower)) return drop();
  }

  const speech = (SPEECH_VERBS.has(nextLower) || (AUXILIARIES.has(nextLower) && SPEECH_VERBS.has(lower[c.end + 1] ?? ''))) && spaceAfter;
  const strongGov = gov.kind === 'prep' || gov.kind === 'verb' || gov.kind === 'compass' || gov.kind === 'border' || gov.viaGeoOf;
  const origin = subjectOrigin(s, c.end);

  if (place.kind === 'country') {
    if (!strongGov && !origin && !(last.poss && f.to > last.end)) return drop();
    // "sanctions against Iran", "talks between Israel and Hamas", "a delegation from Iran": only with an attack.
    if (gov.kind === 'prep' && EVENT_PREPS.has(gov.word) && !origin && !eventInSentence(s, c.start)) return drop();
    if (spaceAfter && ATTRIBUTIVE_HEADS.has(nextLower) && !last.poss) return drop();
    // "US and coalition forces", "U.S. and Iraqi troops": a coordinated attribute.
    if (spaceAfter && (nextLower === 'and' || nextLower === 'or')) {
      for (let k = c.end + 1; k < Math.min(tokens.length, c.end + 4) && !s.breakBefore[k]; k++) {
        if (ATTRIBUTIVE_HEADS.has(lower[k]!)) return drop();
        if (LOCATIVE_PREPS.has(lower[k]!)) break;
      }
    }
    if (next && /^\s*\/\s*$/.test(gapAfter)) return drop();
  } else {
    if (speech && !strongGov && place.kind !== 'base' && place.kind !== 'site') return drop();
    if (spaceAfter && !next.cap && INSTITUTION_NOUNS.has(nextLower) && place.kind !== 'base' && place.kind !== 'site') return drop();
    if (place.minor && !strongGov) return drop();
    if (place.source === 'geonames') {
      const weak = place.common || place.population < 5000 || (first.script !== 'latin' && place.population < 20000);
      if (weak && !strongGov) return drop();
      // A small town far from every other place of the text: a namesake, not the place.
      if (place.population < 50000 && place.lat !== null && !otherVotes(place.country)) {
        const anchors = otherAnchors();
        if (anchors.length && anchors.every((p) => distanceKm(p.lat!, p.lon!, place.lat!, place.lon!) > FAR_KM)) return drop();
      }
      // An alternative name ("Irbil", "Save" for Saveh) needs support: a locative word or another place of the country.
      if (!(hit.flags & AliasFlag.Primary) && first.script === 'latin' && !strongGov && !otherVotes(place.country)) return drop();
      // "Anna Henningsen", "Abdullah Atta": a town name followed by an unknown capitalised word is a person's name.
      if (!strongGov && spaceAfter && next.cap && next.script === 'latin' && !candidateStarts.has(c.end) && !CALENDAR.has(nextLower)) return drop();
      // Paths and zone ids: "Europe/London".
      if (/\/$/.test(first.gap) || (next && /^\//.test(gapAfter))) return drop();
      if (place.common && (first.sentStart || /^[0-9]/.test(nextLower) || !otherVotes(place.country))) return drop();
      if (MUNITION_NOUNS.has(nextLower) && (place.common || place.population < 100000) && gov.kind !== 'prep') return drop();
    }
    if (c.end - c.start === 1 && WEAPON_NAMES.has(first.norm) && !(gov.kind === 'prep' && !MUNITION_NOUNS.has(nextLower))) return drop();
  }

  if (inBackgroundClause(s, c.start)) return drop();
  const only = locatesOnly(s, gov);
  if (only) {
    f.status = 'fallback';
    f.confidence = 0.4;
  }
  f.role = roleOf(s, f, origin);
  if (hit.flags & AliasFlag.Descriptor || place.source === 'curated') f.confidence = Math.max(f.confidence, 0.9);
  if (place.source === 'geonames' && !strongGov) f.confidence = Math.min(f.confidence, 0.7);
  return f;
}

const FUNCTION_WORDS = new Set(['the', 'a', 'an', 'and', 'or', 'but', 'this', 'that', 'both', 'as', 'while', 'when', 'after', 'before', 'if', 'then', 'by', 'to', 'for', 'of', 'with', 'between', 'about', 'like', 'including', 'via', 'than']);
/** Prepositions that locate a country only in a sentence about an attack. */
const EVENT_PREPS = new Set(['against', 'on', 'onto', 'upon', 'at', 'toward', 'towards', 'from', 'between', 'over']);
const CALENDAR = new Set(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec']);
const QUANTITY_LEAD = new Set(['a', 'an', 'more', 'than', 'at', 'least', 'about', 'around', 'nearly', 'some', 'total', 'of', 'over', 'up', 'to', 'approximately', 'approx', 'roughly', 'almost', 'another', 'dozens', 'several', 'multiple', 'two', 'three']);
const NUMBER_WORDS = new Set(['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'dozen', 'dozens', 'twenty', 'thirty', 'forty', 'fifty', 'hundred', 'hundreds', 'several', 'multiple', 'barrage', 'salvo', 'ballistic', 'cruise', 'drones', 'missiles', 'rockets']);
const ADJECTIVE_LIKE = new Set(['semi', 'autonomous', 'northern', 'southern', 'eastern', 'western', 'central', 'occupied', 'main', 'largest', 'second', 'biggest', 'key', 'strategic', 'southernmost', 'northernmost', 'restive', 'oil', 'port', 'industrial', 'coastal', 'frontline', 'capital']);

/** A place name starts at token k (after a possessive): the possessor is only its container. */
function endIndexStartsAt(s: TextStructure, gaz: Gazetteer, k: number, _ctx: Set<string>): boolean {
  const m = gaz.matchAt(s.tokens, k);
  return m !== null && m.hits.some((h) => !(h.flags & AliasFlag.Demonym) && caseFits(s, m.start, m.end, m.prefixChars, h));
}

/** "Iran launched more than a dozen ballistic missiles", "Lebanon fired 34 rockets": the subject is the origin. */
function subjectOrigin(s: TextStructure, end: number): boolean {
  let k = end;
  if (AUXILIARIES.has(s.lower[k] ?? '') && !s.breakBefore[k]) k++;
  if (!ORIGIN_VERBS.has(s.lower[k] ?? '') || s.breakBefore[k]) return false;
  // The object follows the verb: a count ("34 rockets", "more than a dozen", "a total of 15") or a munition.
  let d = k + 1;
  while (d < s.tokens.length && QUANTITY_LEAD.has(s.lower[d]!) && !s.breakBefore[d]) d++;
  const w = s.lower[d] ?? '';
  return !s.breakBefore[d] && (MUNITION_NOUNS.has(w) || /^[0-9]/.test(w) || NUMBER_WORDS.has(w));
}

function roleOf(s: TextStructure, f: Found, subjectIsOrigin: boolean): LocationRole {
  const gov = f.gov;
  if (subjectIsOrigin) return 'origin';
  if (gov.kind === 'compass' || gov.kind === 'border') return 'reference';
  if (gov.kind === 'prep' && gov.word === 'from') {
    if (isDistanceBefore(s, gov.index)) return 'reference';
    if (launchInSentence(s, f.start)) return 'origin';
  }
  const next = s.lower[f.end] ?? '';
  if ((next === 'border' || next === 'borders' || next === 'frontier') && isSpaceGap(s.tokens[f.end]?.gap)) return 'reference';
  return 'target';
}

/** "Israeli territory" is Israel; "an Iraqi airbase" is Iraq only when nothing better locates the event. */
function demonymReading(s: TextStructure, f: Found): Found {
  const { tokens, lower } = s;
  const next = tokens[f.end];
  if (!next || !isSpaceGap(next.gap)) return { ...f, status: 'drop' };
  let k = f.end;
  for (let n = 0; n < 2 && DEMONYM_ADJECTIVES.has(lower[k] ?? '') && isSpaceGap(tokens[k + 1]?.gap); n++) k++;
  let head = lower[k] ?? '';
  if (head === 'air' && lower[k + 1] === 'base') {
    k++;
    head = 'base';
  }
  if (DEMONYM_GEO_HEADS.has(head)) {
    if (inBackgroundClause(s, f.start)) return { ...f, status: 'drop' };
    const out: Found = { ...f, to: tokens[k]!.end, confidence: 0.75 };
    out.role = roleOf(s, out, false);
    return out;
  }
  if (DEMONYM_FALLBACK_HEADS.has(head)) {
    return { ...f, to: tokens[k]!.end, status: 'fallback', confidence: 0.4 };
  }
  return { ...f, status: 'drop' };
}

/** Generic names ("the US embassy") resolve only near another place of the same text. */
function resolveContextOnly(found: Found[]): void {
  for (const f of found) {
    if (f.status === 'drop' || !f.place || !(f.flags & AliasFlag.ContextOnly)) continue;
    const anchors = found.filter((o) => o !== f && o.status !== 'drop' && o.place && o.place.lat !== null && !(o.flags & AliasFlag.ContextOnly));
    const near = anchors.some((o) => distanceKm(o.place!.lat!, o.place!.lon!, f.place!.lat ?? 0, f.place!.lon ?? 0) <= CONTEXT_KM);
    if (!near) f.status = 'drop';
  }
}

/**
 * "the airport in Kabul" -> Kabul's airport (one mention); "Mosul airport" without a listed airport -> the
 * town's airport at the town's coordinates.
 */
function applyFacilityPatterns(s: TextStructure, gaz: Gazetteer, found: Found[]): void {
  const { tokens, lower } = s;
  for (const f of found) {
    const city = f.place;
    if (f.status === 'drop' || !city || city.kind !== 'city' || city.lat === null || city.lon === null) continue;
    // Facility noun before: "the airport in Kabul", "the air base of Balad".
    const g = f.gov;
    if (g.kind === 'prep' && (g.word === 'in' || g.word === 'at' || g.word === 'near') || (g.kind === 'of')) {
      const ni = g.index - 1;
      const noun = lower[ni] ?? '';
      const type = FACILITY_NOUNS.get(noun);
      const inOther = found.some((o) => o !== f && o.start <= ni && o.end > ni);
      if (type && !inOther && g.index === f.start - 1 - (lower[f.start - 1] === 'the' ? 1 : 0)) {
        const fac = gaz.facilitiesNear(city.lat, city.lon, FACILITY_KM).find((r) => r.country === city.country && (r.facility === type || (type === 'airbase' && r.facility === 'airport')));
        if (fac) {
          const begin = lower[ni - 1] === 'the' ? ni - 1 : ni;
          Object.assign(f, { place: fac, start: begin, from: tokens[begin]!.start, confidence: 0.8 });
          continue;
        }
      }
    }
    // Facility noun after: "Mosul airport", "Kirkuk air base".
    const a = lower[f.end] ?? '';
    const b = lower[f.end + 1] ?? '';
    const two = a === 'air' && (b === 'base' || b === 'field') ? 2 : a === 'military' && b === 'base' ? 2 : 0;
    const type = two ? 'airbase' : FACILITY_NOUNS.get(a);
    if (type && isSpaceGap(tokens[f.end]?.gap) && !tokens[f.end - 1]!.poss) {
      const width = two || 1;
      const fac = gaz.facilitiesNear(city.lat, city.lon, FACILITY_KM).find((r) => r.country === city.country && r.facility === type);
      const end = f.end + width;
      if (fac) Object.assign(f, { place: fac, end, to: tokens[end - 1]!.end, confidence: 0.8 });
      else {
        const label = type === 'airport' ? 'airport' : 'air base';
        Object.assign(f, { end, to: tokens[end - 1]!.end, name: `${city.name} ${label}`, kind: type === 'airport' ? 'site' : 'base', confidence: 0.5 });
      }
    }
  }
}

/** "the Baghdad-Kirkuk highway": the pair names a road. */
function dropRouteNames(s: TextStructure, found: Found[]): void {
  for (let k = 0; k + 1 < found.length; k++) {
    const a = found[k]!;
    const b = found[k + 1]!;
    if (b.start !== a.end || !/^[-‐‑–]$/.test(s.tokens[b.start]!.gap)) continue;
    if (ROUTE_NOUNS.has(s.lower[b.end] ?? '')) a.status = b.status = 'drop';
  }
}

const PLURAL_REGION_WORDS = new Set(['regions', 'oblasts', 'provinces', 'governorates']);

/** "Kherson and Zaporizhzhia regions": every name of the list is a province. */
function applyPluralRegions(s: TextStructure, gaz: Gazetteer, found: Found[]): void {
  for (let k = 0; k < found.length; k++) {
    const f = found[k]!;
    if (f.status === 'drop' || !PLURAL_REGION_WORDS.has(s.lower[f.end] ?? '') || !isSpaceGap(s.tokens[f.end]?.gap)) continue;
    const group = [f];
    for (let j = k - 1; j >= 0; j--) {
      const g = found[j]!;
      const between = s.lower.slice(g.end, group[0]!.start);
      if (g.status === 'drop' || between.length > 1 || (between.length === 1 && between[0] !== 'and' && between[0] !== 'or') || (between.length === 0 && !/,/.test(s.tokens[group[0]!.start]!.gap))) break;
      group.unshift(g);
    }
    for (const g of group) {
      const key = mentionKey(s, g) + ' region';
      const prov = gaz.lookupKey(key).find((h) => h.place.kind === 'province' && (!g.place || h.place.country === g.place.country));
      if (prov) Object.assign(g, { place: prov.place, flags: prov.flags | AliasFlag.Descriptor });
    }
    f.to = s.tokens[f.end]!.end;
  }
}

/** "Ain Al-Asad Air Base (AAAB)": the bracketed acronym restates the name. */
function dropRestatedAcronyms(s: TextStructure, found: Found[]): void {
  for (let k = 1; k < found.length; k++) {
    const f = found[k]!;
    const before = found[k - 1]!;
    if (f.status === 'drop' || !f.place || before.place !== f.place) continue;
    if (/^\s*\(\s*$/.test(s.tokens[f.start]!.gap) && before.end === f.start) f.status = 'drop';
  }
}

/** Words before a named sub-place: "the Karkh district", "in Al-Mo’asasa neighborhood". */
const SUBPLACE_LEADS = new Set(['the', 'in', 'of', 'at', 'near', 'from', 'into', 'toward', 'towards']);
const NOT_NAMES = new Set(['the', 'a', 'an', 'this', 'that', 'in', 'on', 'at', 'of', 'and', 'or', 'for', 'to', 'from', 'by', 'with']);

/**
 * Named places the gazetteer lacks, recognised by their head noun: "the Al-Mo’asasa neighborhood of
 * Al-Baghdadi", "the village of Shtula". No coordinates; the containing place gives the country.
 */
function subplaces(s: TextStructure, found: Found[], contextCountries: Set<string>): Found[] {
  const { tokens, lower } = s;
  const out: Found[] = [];
  // "the Al-Qadisiya neighborhood of Al-Baghdadi": a name before a sub-place noun and "of <place>" names the
  // sub-place, even when it is also the name of somewhere else (a province here).
  for (const f of found) {
    if (f.status === 'drop' || !f.place || f.place.source === 'curated' || !SUBPLACE_NOUNS.has(lower[f.end] ?? '') || lower[f.end + 1] !== 'of') continue;
    if (found.some((o) => o.start === f.end + 2 && o.status !== 'drop')) f.status = 'drop';
  }
  const covered = (k: number) => s.blocked[k] === 1 || found.some((f) => f.status !== 'drop' && k >= f.start && k < f.end);
  const isName = (k: number) => {
    const t = tokens[k];
    return t !== undefined && t.cap && t.script === 'latin' && !NOT_NAMES.has(lower[k]!) && !covered(k) && !(t.sentStart && k === 0);
  };
  const soleCountry = contextCountries.size === 1 ? [...contextCountries][0]! : null;
  for (let k = 1; k < tokens.length; k++) {
    const noun = lower[k]!;
    const kindAfter = SUBPLACE_NOUNS.get(noun);
    if (kindAfter && !s.breakBefore[k] && isName(k - 1)) {
      let b = k - 1;
      while (b - 1 >= 0 && isName(b - 1) && !s.breakBefore[b] && k - b < 3) b--;
      if (tokens[b]!.sentStart || !SUBPLACE_LEADS.has(lower[b - 1] ?? '') || /(ite|ian|ish|ese|nni)$/.test(lower[b]!)) continue;
      if (inBackgroundClause(s, b)) continue;
      const container = lower[k + 1] === 'of' ? found.find((f) => f.start === k + 2 && f.status !== 'drop' && f.place) : undefined;
      const label = tokens.slice(b, k).map((t) => t.raw).join(' ');
      const nounName = noun === 'neighborhood' ? 'neighbourhood' : noun;
      const base = container?.place ?? null;
      out.push({
        start: b, end: k + 1, place: base, flags: 0, gov: { kind: 'none', word: '', index: -1, viaGeoOf: false, phraseStart: b },
        status: 'keep', role: 'target', from: tokens[b]!.start, to: tokens[k]!.end, confidence: 0.5,
        name: container ? `${label} ${nounName} (${container.name ?? container.place!.name})` : `${label} ${nounName}`,
        kind: kindAfter, country: base?.country ?? soleCountry, lat: null, lon: null,
      });
    }
    const kindOf = SUBPLACE_OF_NOUNS.get(noun);
    if (kindOf && lower[k + 1] === 'of' && isName(k + 2) && (lower[k - 1] === 'the' || lower[k - 1] === 'a')) {
      let e = k + 3;
      while (e < tokens.length && isName(e) && !s.breakBefore[e] && e - (k + 2) < 3) e++;
      if (inBackgroundClause(s, k)) continue;
      const label = tokens.slice(k + 2, e).map((t) => t.raw).join(' ');
      out.push({
        start: k + 2, end: e, place: null, flags: 0, gov: { kind: 'none', word: '', index: -1, viaGeoOf: false, phraseStart: k },
        status: 'keep', role: 'target', from: tokens[k + 2]!.start, to: tokens[e - 1]!.end, confidence: 0.4,
        name: label, kind: kindOf, country: soleCountry, lat: null, lon: null,
      });
    }
  }
  return out;
}

function mentionKey(s: TextStructure, f: Found): string {
  return s.tokens
    .slice(f.start, f.end)
    .map((t) => t.norm)
    .join(' ');
}

/** Each surface form once; a form used as origin anywhere keeps the origin role. */
function dedupe(s: TextStructure, list: Found[]): Found[] {
  const byKey = new Map<string, Found>();
  for (const f of list) {
    const key = mentionKey(s, f);
    const seen = byKey.get(key);
    if (!seen) byKey.set(key, f);
    else if (ROLE_RANK[f.role] > ROLE_RANK[seen.role]) seen.role = f.role;
  }
  return [...byKey.values()];
}

function toLocation(s: TextStructure, f: Found): Location {
  const p = f.place;
  const loc: Location = {
    mention: s.text.slice(f.from, f.to),
    name: f.name ?? p?.name ?? s.text.slice(f.from, f.to),
    country: f.country !== undefined ? f.country : p?.country ?? null,
    lat: f.lat !== undefined ? f.lat : p?.lat ?? null,
    lon: f.lon !== undefined ? f.lon : p?.lon ?? null,
    kind: f.kind ?? p?.kind ?? 'site',
    role: f.role,
    span: { start: f.from, end: f.to },
    confidence: Math.round(f.confidence * 100) / 100,
  };
  if (p) loc.place_id = p.id;
  return loc;
}

