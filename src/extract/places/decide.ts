/** The rules that decide whether a found name locates the event, and in which role. */
import type { LocationRole } from '../../domain/claim.ts';
import { distanceKm, type Gazetteer } from '../gazetteer/gazetteer.ts';
import { normWord } from '../gazetteer/text.ts';
import { AliasFlag } from '../gazetteer/types.ts';
import { caseFits, choose, SEAT_POPULATION } from './candidates.ts';
import { eventInSentence, governorOf, inBackgroundClause, inTimeGloss, isDistanceBefore, launchInSentence, locatesOnly } from './context.ts';
import type { TextStructure } from './structure.ts';
import { isSpaceGap, type Candidate, type Found, type Votes } from './types.ts';
import {
  ADJECTIVE_LIKE, ARABIC_GEO_HEADS, ATTRIBUTIVE_HEADS, FACILITY_MODIFIERS, FACILITY_NOUNS, AUXILIARIES, CALENDAR, DEMONYM_ADJECTIVES, DEMONYM_FALLBACK_HEADS, DEMONYM_GEO_HEADS,
  EVENT_PREPS, FUNCTION_WORDS, INSTITUTION_ADJECTIVES, INSTITUTION_NOUNS, LOCATIVE_PREPS, LOWER_NAME_HEADS, MUNITION_NOUNS, NAME_HEADS, NAME_OF_HEADS,
  NEIGHBOURHOOD_NOUNS, NUMBER_WORDS, ORIGIN_VERBS, OWNER_NOUNS, PERSON_TITLES, PLACE_HEAD_WORDS, POSSESSIVE_GEO_HEADS, QUANTITY_LEAD, SOURCE_NOUNS, SPEECH_LEADS, SPEECH_VERBS, SUBDIVISION_WORDS, WATER_MODIFIED_NOUNS,
  WEAPON_NAMES,
} from './vocab.ts';

/** Heads of a country's infrastructure ("Ukraine's energy system", "the country's power grid"). */
const INFRASTRUCTURE_HEADS = /^(?:energy|power|infrastructure|grid)$/;
/** Participles that make "in X" where something was made. */
const MADE_IN = /^(?:built|made|manufactured|produced|assembled|designed|developed)$/;
/** Offices that speak for a government abroad ("the embassy in Yemen said"). */
const SPEAKING_OFFICES = /^(?:embassy|embassies|consulate|mission|legation|office|bureau)$/;
/** "support from X", "together with X": X is a partner of the operation. */
const PARTNER_FROM = /^(?:support|help|assistance|backing|contributions?|participation)$/;
const PARTNER_WITH = /^(?:together|along|alongside|jointly|coordination|cooperation|partnership|conjunction|concert)$/;

/** Beyond this distance from every other place of the text, a small town is taken for a namesake. */
const FAR_KM = 400;
/** Within this distance another place of the text supports a word-like town name. */
const NEAR_KM = 150;

/** Words after token i (skipping up to `skip` words of the given set) and the index of the first other word. */
function nextWord(s: TextStructure, i: number, skippable?: ReadonlySet<string>, skip = 0): number {
  let k = i;
  for (let n = 0; n < skip && k < s.tokens.length && skippable?.has(s.lower[k]!) && !s.breakBefore[k]; n++) k++;
  return k;
}

/**
 * Reads one found name in its context, in this order: which same-named place it is; demonyms; names built on a
 * place (modifiers, organisation/street/holiday heads, "X of" names, people); possessives; kind-specific needs
 * (a country needs a locative word or an origin verb, a small or word-like town needs a locative word, a capital
 * that speaks is a government); background clauses; source-only places (kept as fallback); finally the role.
 * @param endIndex found names by their last token (lists share their governor: "Kyiv, Odesa and Lviv").
 * @param candidateStarts token indices where another name begins ("Kharkiv Monday" vs "Anna Henningsen").
 */
export function decide(s: TextStructure, gaz: Gazetteer, c: Candidate, votes: Votes, endIndex: Map<number, Found>, candidateStarts: Set<number>): Found {
  const contextCountries = new Set(votes.keys());
  const ownKey = s.tokens.slice(c.start, c.end).map((t) => t.norm).join(' ');
  /** Another name of the text (not this one) surely lies in the country. */
  const otherVotes = (cc: string | null) => cc !== null && [...(votes.get(cc)?.keys() ?? [])].some((k) => k !== ownKey);
  /** Other sure places of the text with coordinates. */
  const otherAnchors = () => [...votes.values()].flatMap((m) => [...m].filter(([k, p]) => k !== ownKey && p.lat !== null && p.kind !== 'country').map(([, p]) => p));
  const { tokens, lower } = s;
  const hit = choose(c.hits, contextCountries, c.hits.length > 1 ? otherAnchors() : []);
  const place = hit.place;
  const first = tokens[c.start]!;
  const last = tokens[c.end - 1]!;
  // The attached preposition is the letter right before the name ("וב" + "מטולה": in).
  const prefixChar = c.prefixChars ? first.raw[c.prefixChars - 1]! : '';
  let gov = governorOf(s, c.start, prefixChar, (k) => {
    const f = endIndex.get(k);
    return f !== undefined && f.status !== 'drop';
  });
  // "Huliaipole, Orikhiv and Stepnohirsk": a village listed after kept places is as located as they are.
  const listed = gov.kind === 'list' && endIndex.get(gov.index)?.status === 'keep';
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

  // "الأجواء الأردنية" (Jordanian airspace), "الأراضي السورية" (Syrian territory): the country itself.
  if (place.kind === 'country' && first.script === 'arabic' && !c.prefixChars && prev && !s.breakBefore[c.start] && isArabicGeoHead(prev.raw)) {
    if (inBackgroundClause(s, c.start)) return drop();
    const out: Found = { ...f, from: prev.start, confidence: 0.75 };
    out.role = roleOf(s, out, false);
    return out;
  }
  // "Bannu's Jani Khel area": a town reached through another town's possessive lies in that town's country; a
  // namesake abroad means the place is not in the gazetteer (the sub-place rules name it after the container).
  const owner = prev?.poss ? endIndex.get(c.start - 1) : undefined;
  if (owner?.place?.country && place.source === 'geonames' && place.country !== owner.place.country) return drop();
  const demonymOnly = c.hits.every((h) => h.flags & AliasFlag.Demonym);
  if (demonymOnly) return demonymReading(s, gaz, f);
  // "Syrian" is the demonym, not a variant spelling of a small town abroad ("Siryan" in Iran).
  const demonymHit = c.hits.find((h) => h.flags & AliasFlag.Demonym);
  if (demonymHit && place.source === 'geonames' && !(hit.flags & AliasFlag.Primary)) return demonymReading(s, gaz, { ...f, place: demonymHit.place, flags: demonymHit.flags });

  // Modifiers and names built on a place: "U.S.-led", "Iran-backed", "Kyiv Day", "Israel Defense Forces", "Sanaa time".
  if (next && /^[-‐‑]$/.test(gapAfter) && !next.cap) return drop();
  if (spaceAfter && next.cap && NAME_HEADS.has(nextLower)) return drop();
  if (spaceAfter && LOWER_NAME_HEADS.has(nextLower)) return drop();
  if (gov.kind === 'of' && prev?.raw === 'of' && tokens[c.start - 2]?.cap && NAME_OF_HEADS.has(lower[c.start - 2] ?? '')) return drop();
  // ("the west bank of the Euphrates" is a river's side, not a bank's name.)
  const ofHead = tokens[gov.index - 1];
  if (gov.kind === 'of' && NAME_OF_HEADS.has(lower[gov.index - 1] ?? '') && !(ofHead && !ofHead.cap && /^banks?$/.test(ofHead.raw))) return drop();

  // People named after places or with an article-surname: "President Assad", "Tahseen al-Khafaji".
  if (prev && !s.breakBefore[c.start] && PERSON_TITLES.has(prevLower.replace(/\.$/, '')) && prev.cap && prev.script === 'latin') return drop();
  const prevCased = prev !== undefined && (prev.script === 'latin' || prev.script === 'cyrillic');
  // (A Ukrainian sentence may open with a noun: "Обстріл Харкова".)
  if (prev && prevCased && prev.cap && !s.breakBefore[c.start] && isSpaceGap(first.gap) && place.source === 'geonames' && !endIndex.has(c.start - 1)
    && !LOCATIVE_PREPS.has(prevLower) && !FUNCTION_WORDS.has(prevLower) && !(prev.sentStart && prev.script === 'cyrillic')) return drop();
  if (prev && prevCased && prev.cap && !prev.sentStart && /^(al|el|ad|as|ar|an|at|ash|az)[-‐‑\s]/i.test(first.raw) && !s.breakBefore[c.start]
    && !endIndex.has(c.start - 1) && !LOCATIVE_PREPS.has(prevLower) && place.kind !== 'country') return drop();

  // Possessives: "Iraq's Ain al-Asad air base" (container), "Syria's territory" (the country), "Yemen's Houthis".
  if (last.poss) {
    let k = nextWord(s, c.end, ADJECTIVE_LIKE, 3);
    const headLower = lower[k] ?? '';
    if (nameStartsAt(s, gaz, k)) return drop();
    // "Kabul's military airport", "Erbil's airport": the town's facility.
    const fk = nextWord(s, c.end, FACILITY_MODIFIERS, 2);
    const facilityType = FACILITY_NOUNS.get(lower[fk] ?? '');
    if (facilityType && place.kind === 'city' && place.lat !== null && place.lon !== null) {
      const fac = gaz.facilitiesNear(place.lat, place.lon, 35).find((r) => r.country === place.country && (r.facility === facilityType || r.facility === 'airport'));
      if (fac) return { ...f, place: fac, to: tokens[fk]!.end, role: roleOf(s, f, false), confidence: 0.8 };
    }
    // "Gaza's Civil Defence", "Ukraine's General Staff": a capitalised owner that is not a place.
    if (tokens[k]?.cap && tokens[k]!.script === 'latin') return drop();
    if (place.kind === 'country') {
      // "pounded Ukraine's energy system", "Israel's power grid": the country's infrastructure under attack.
      const infra = INFRASTRUCTURE_HEADS.test(headLower) && (headLower !== 'energy' && headLower !== 'power' ? true : /^(?:system|systems|infrastructure|grid|facilities|sector|plants?|stations?)$/.test(lower[k + 1] ?? ''));
      if (!POSSESSIVE_GEO_HEADS.has(headLower) && !(infra && eventInSentence(s, c.start))) return drop();
      if (infra && headLower !== 'infrastructure' && headLower !== 'grid') k = k + 1;
      f.to = tokens[k]!.end;
    } else if (OWNER_NOUNS.has(headLower)) return drop();
  }

  // "the Kurdistan region's counter-terrorism service": the possessive sits on the name's descriptor word.
  if (!last.poss && next?.poss && spaceAfter && /^(region|province|governorate|oblast|district|city|town|emirate)$/.test(nextLower)) {
    const k = nextWord(s, c.end + 1, ADJECTIVE_LIKE, 3);
    if (OWNER_NOUNS.has(lower[k] ?? '') || (tokens[k]?.cap && tokens[k]!.script === 'latin' && !nameStartsAt(s, gaz, k))) return drop();
  }

  const speechAt = nextWord(s, c.end, SPEECH_LEADS, 3);
  const speech = SPEECH_VERBS.has(lower[speechAt] ?? '') && spaceAfter;
  // "DI Khan: a police van was hit ...", "Odesa. The enemy attacked ...": a place that labels an official post.
  const label = (c.start === 0 || /\n/.test(first.gap)) && /^[:.]\s/.test(gapAfter) && !abbrevDot;
  const strongGov = gov.kind === 'prep' || gov.kind === 'verb' || gov.kind === 'compass' || gov.kind === 'border' || gov.viaGeoOf || label;
  const origin = subjectOrigin(s, c.end);

  // "the British embassy in Yemen said": the place locates the source that speaks, not the event.
  const headBeforeGov = gov.kind === 'prep' ? lower[gov.index - 1] ?? '' : '';
  if (speech && gov.kind === 'prep' && gov.word === 'in' && SPEAKING_OFFICES.test(headBeforeGov)) return drop();
  // "the drone had been built in Iran": where a weapon was made, not where it struck.
  if (gov.kind === 'prep' && gov.word === 'in' && MADE_IN.test(headBeforeGov)) return drop();
  if (place.kind === 'country') {
    // "with support from Australia, Bahrain and Canada", "together with the United Kingdom": partners of the
    // operation, not places it hit (a list after the first shares its governor).
    if (gov.kind === 'prep' && ((gov.word === 'from' && PARTNER_FROM.test(headBeforeGov)) || (gov.word === 'with' && PARTNER_WITH.test(headBeforeGov)))) return drop();
    // "launched from the Primorsko-Akhtarsk area (Russian Federation)": a country glossing the place before it.
    const glossed = /^\s*\(\s*$/.test(first.gap) && /^\s*\)/.test(s.text.slice(last.end, last.end + 4)) ? glossedPlace(s, c.start, endIndex) : undefined;
    if (glossed?.place?.country === place.country && glossed.place !== place) {
      if (inBackgroundClause(s, c.start)) return drop();
      return { ...f, role: glossed.role, status: glossed.status, confidence: 0.7 };
    }
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
    // (A base or an airport keeps its name: "Erbil airport officials" are at the airport.)
    const facilityLike = place.kind === 'base' || (place.kind === 'site' && place.facility !== undefined);
    if (spaceAfter && !next.cap && INSTITUTION_NOUNS.has(nextLower) && !facilityLike) return drop();
    // "Parwan provincial officials", "Kirkuk security sources": an institution of the place, not the place.
    const afterAdj = lower[c.end + 1] ?? '';
    if (spaceAfter && !next.cap && INSTITUTION_ADJECTIVES.has(nextLower) && isSpaceGap(tokens[c.end + 1]?.gap)
      && (INSTITUTION_NOUNS.has(afterAdj) || SOURCE_NOUNS.has(afterAdj)) && !facilityLike) return drop();
    // "Ein al-Hilweh", "Beit al-Hanoun": a one-word name before an "al-" word is the start of a longer, unlisted name.
    if (c.end - c.start === 1 && spaceAfter && next.cap && next.script === 'latin' && /^(al|el|ad|as|ar|an|at|ash|az|ez|es|ed|en)[-‐‑]/i.test(next.raw)
      && !candidateStarts.has(c.end)) return drop();
    // "the Black Sea port city of Odesa": the sea describes the town.
    if (place.country === null && spaceAfter && WATER_MODIFIED_NOUNS.has(nextLower)) {
      let k = c.end;
      while (k < c.end + 3 && WATER_MODIFIED_NOUNS.has(lower[k] ?? '')) k++;
      if (lower[k] === 'of' || (tokens[k]?.cap && candidateStarts.has(k))) return drop();
    }
    if (place.minor && !strongGov && !listed) return drop();
    if (place.source === 'geonames') {
      // "near the village of Murom in the Shebekino district": a village, not the big town of that name.
      if (lower[c.start - 1] === 'of' && /^(village|villages|hamlet|settlement)$/.test(lower[c.start - 2] ?? '') && place.population >= 20000) return drop();
      // "the Zhuravlivka neighbourhood" of the town the text is about, not a namesake village elsewhere.
      if (spaceAfter && NEIGHBOURHOOD_NOUNS.has(nextLower) && place.population < 50000) return drop();
      const size = Math.max(place.population, place.seat ? SEAT_POPULATION : 0);
      const weak = place.common || size < 5000 || (first.script !== 'latin' && size < 20000);
      if (weak && !strongGov && !listed) return drop();
      // A small town far from every other place of the text: a namesake, not the place.
      if (place.population < 50000 && place.lat !== null && !otherVotes(place.country)) {
        const anchors = otherAnchors();
        if (anchors.length && anchors.every((p) => distanceKm(p.lat!, p.lon!, place.lat!, place.lon!) > FAR_KM)) return drop();
      }
      // An alternative name ("Irbil", "Save" for Saveh) needs support: a locative word or another place of the country.
      if (!(hit.flags & AliasFlag.Primary) && first.script === 'latin' && !strongGov && !otherVotes(place.country)) return drop();
      // "Anna Henningsen", "Abdullah Atta": a town name followed by an unknown capitalised word is a person's name.
      // ("Bannu District", "Kherson Oblast": a subdivision word, not a surname.) After a locative word, "in Bulo Marer":
      // another spelling of a town before an unknown capitalised word is the start of an unlisted longer name.
      if ((!strongGov || !(hit.flags & AliasFlag.Primary)) && spaceAfter && next.cap && next.script === 'latin' && !candidateStarts.has(c.end)
        && !CALENDAR.has(nextLower) && !SUBDIVISION_WORDS.has(nextLower) && !(strongGov && PLACE_HEAD_WORDS.has(nextLower)) && !next.upper) return drop();
      // Paths and zone ids: "Europe/London".
      if (/\/$/.test(first.gap) || (next && /^\//.test(gapAfter))) return drop();
      // A word-like name ("Hit", "Ariel") needs another place of the text in its country or nearby.
      const near = otherVotes(place.country) || (place.lat !== null && otherAnchors().some((p) => distanceKm(p.lat!, p.lon!, place.lat!, place.lon!) <= NEAR_KM));
      // (A big town after a locative word is the town: "near Tyre".)
      // (So is a town right after "in"/"near" written with a capital mid-sentence: "landed in Hit", "a blast in Tank".)
      const townAfterIn = gov.kind === 'prep' && gov.index === c.start - 1 && /^(in|near|at|outside|into)$/.test(gov.word) && first.cap && !first.upper
        && size >= 10000;
      const bigAfterPrep = strongGov && (place.population >= 100000 || townAfterIn) && !first.sentStart;
      if (place.common && (first.sentStart || /^[0-9]/.test(nextLower) || (!near && !bigAfterPrep))) return drop();
      if (MUNITION_NOUNS.has(nextLower) && (place.common || place.population < 100000) && gov.kind !== 'prep') return drop();
    }
    if (c.end - c.start === 1 && WEAPON_NAMES.has(first.norm) && !(gov.kind === 'prep' && !MUNITION_NOUNS.has(nextLower))) return drop();
  }

  if (inBackgroundClause(s, c.start) || inTimeGloss(s, c.start)) return drop();
  // "residents of Shejaiya in eastern Gaza City": a place right before "in" makes this one its container.
  const containsPlace = gov.kind === 'prep' && gov.word === 'in' && endIndex.get(gov.index - 1)?.status === 'keep';
  const only = containsPlace ? null : locatesOnly(s, gov);
  if (only) {
    f.status = 'fallback';
    f.confidence = 0.4;
  }
  f.role = roleOf(s, f, origin);
  if (hit.flags & AliasFlag.Descriptor || place.source === 'curated') f.confidence = Math.max(f.confidence, 0.9);
  if (place.source === 'geonames' && !strongGov) f.confidence = Math.min(f.confidence, 0.7);
  return f;
}

let arabicGeoHeads: Set<string> | undefined;
function isArabicGeoHead(word: string): boolean {
  arabicGeoHeads ??= new Set([...ARABIC_GEO_HEADS].map(normWord));
  return arabicGeoHeads.has(normWord(word));
}

/** Head nouns between a place and a bracketed gloss ("the Izium area (Ukraine)"). */
const GLOSSED_HEADS = new Set(['area', 'region', 'district', 'oblast', 'province', 'governorate', 'city', 'town', 'village', 'airfield', 'base']);

/** The kept place right before a bracket at token `start` (its head noun aside). */
function glossedPlace(s: TextStructure, start: number, endIndex: Map<number, Found>): Found | undefined {
  let k = start - 1;
  if (GLOSSED_HEADS.has(s.lower[k] ?? '')) k--;
  const f = endIndex.get(k);
  return f && f.status !== 'drop' && f.place ? f : undefined;
}

/** A place name starts at token k (after a possessive): the possessor is only its container. */
function nameStartsAt(s: TextStructure, gaz: Gazetteer, k: number): boolean {
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
function demonymReading(s: TextStructure, gaz: Gazetteer, f: Found): Found {
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
  // "the Ukrainian capital" is Kyiv.
  if (head === 'capital' && lower[f.start - 1] === 'the' && f.place?.capitalId) {
    const capital = gaz.record(f.place.capitalId);
    // "the Afghan capital's Dasht-e-Barchi area": a container, like "Kabul's" (and "the capital's mayor" an owner).
    const after = nextWord(s, k + 1, ADJECTIVE_LIKE, 3);
    if (tokens[k]!.poss && (nameStartsAt(s, gaz, after) || OWNER_NOUNS.has(lower[after] ?? ''))) return { ...f, status: 'drop' };
    if (capital) {
      const out: Found = { ...f, place: capital, from: tokens[f.start - 1]!.start, to: tokens[k]!.end, confidence: 0.7 };
      out.role = roleOf(s, out, false);
      return inBackgroundClause(s, f.start) ? { ...out, status: 'drop' } : out;
    }
  }
  if (DEMONYM_GEO_HEADS.has(head)) {
    if (inBackgroundClause(s, f.start)) return { ...f, status: 'drop' };
    const out: Found = { ...f, to: tokens[k]!.end, confidence: 0.75 };
    out.role = roleOf(s, out, false);
    return out;
  }
  // "near the Iraqi border": a reference point, as "near the Iraq border" is.
  if ((head === 'border' || head === 'frontier') && f.gov.kind === 'prep' && !inBackgroundClause(s, f.start)) {
    // (The mention keeps its article, as the annotation writes it: "the Syrian border".)
    const from = lower[f.start - 1] === 'the' && isSpaceGap(tokens[f.start]!.gap) ? tokens[f.start - 1]!.start : f.from;
    return { ...f, from, to: tokens[k]!.end, role: 'reference', confidence: 0.6 };
  }
  if (DEMONYM_FALLBACK_HEADS.has(head)) {
    return { ...f, to: tokens[k]!.end, status: 'fallback', confidence: 0.4 };
  }
  return { ...f, status: 'drop' };
}

