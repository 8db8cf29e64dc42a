/**
 * Patterns over several found names: generic names resolved by nearby places, facility phrases ("the airport in
 * Kabul"), plural regions, road names, restated acronyms and unlisted sub-places.
 */
import { distanceKm, type Gazetteer } from '../gazetteer/gazetteer.ts';
import { nameKey, normWord } from '../gazetteer/text.ts';
import { AliasFlag } from '../gazetteer/types.ts';
import { eventInSentence, inBackgroundClause, launchInSentence } from './context.ts';
import { isEnglishWord } from './english.ts';
import type { TextStructure } from './structure.ts';
import { isSpaceGap, type Found } from './types.ts';
import {
  ACTOR_NAMES, ATTACK_VERBS, PLACE_ANAPHORS, SUBPLACE_UNNAMED, FACILITY_NOUNS, INSTITUTION_NOUNS, LOCATIVE_PREPS, POSSESSIVE_GEO_HEADS, ROUTE_NOUNS, SUBPLACE_NOUNS, SUBPLACE_OF_NOUNS,
} from './vocab.ts';

/** How near (km) another place of the text must be for a generic name ("the US embassy") to be resolved. */
const CONTEXT_KM = 40;
const FACILITY_KM = 35;

/** Generic names ("the US embassy") resolve only near another place of the same text. */
export function resolveContextOnly(found: Found[]): void {
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
export function applyFacilityPatterns(s: TextStructure, gaz: Gazetteer, found: Found[]): void {
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

/**
 * "general area Jani Khel, Bannu District": a town followed by the district, province or country that contains it
 * lies in that country; a namesake abroad means the town is not in the gazetteer (the sub-place rules name it).
 */
export function dropForeignBeforeContainer(s: TextStructure, found: Found[]): void {
  for (let k = 0; k + 1 < found.length; k++) {
    const a = found[k]!;
    const b = found[k + 1]!;
    if (a.status === 'drop' || b.status === 'drop' || !a.place || !b.place || a.place.source !== 'geonames') continue;
    if (b.start !== a.end || !/^\s*,\s*$/.test(s.tokens[b.start]!.gap)) continue;
    const container = b.place.kind === 'province' || b.place.kind === 'region' || b.place.kind === 'country';
    if (container && b.place.country && a.place.country !== b.place.country) a.status = 'drop';
  }
}

/** A demonym form of a country name ("Syrian", "Jordanian"), not the name itself ("Syria"). */
function isDemonymForm(s: TextStructure, f: Found): boolean {
  if (f.place?.kind !== 'country' || f.end - f.start !== 1) return false;
  const word = s.tokens[f.start]!.raw;
  return word !== f.place.name && /(?:ian|ean|an|i|ese|ish)$/.test(word);
}

/**
 * "the Syrian-Jordanian border", "the Syrian-Iraqi frontier": two demonyms joined by a hyphen name the border
 * between the two countries, one region without a point of its own (as "western Iraq" is), not each country.
 */
export function mergeDemonymBorders(s: TextStructure, found: Found[]): void {
  const sorted = [...found].sort((x, y) => x.start - y.start);
  for (let k = 0; k + 1 < sorted.length; k++) {
    const a = sorted[k]!;
    const b = sorted[k + 1]!;
    if (b.start !== a.end || !/^[-‐‑–]$/.test(s.tokens[b.start]!.gap)) continue;
    if (!isDemonymForm(s, a) || !isDemonymForm(s, b) || a.place === b.place) continue;
    const noun = s.lower[b.end] ?? '';
    if (!/^(?:border|borders|frontier|boundary)$/.test(noun) || !isSpaceGap(s.tokens[b.end]!.gap)) continue;
    if (inBackgroundClause(s, a.start)) continue;
    const the = s.lower[a.start - 1] === 'the' && isSpaceGap(s.tokens[a.start]!.gap);
    Object.assign(a, {
      end: b.end + 1, from: the ? s.tokens[a.start - 1]!.start : s.tokens[a.start]!.start, to: s.tokens[b.end]!.end,
      status: 'keep', role: 'reference', confidence: 0.7, place: null,
      name: `${a.place!.name}–${b.place!.name} border`, kind: 'region', country: null, lat: null, lon: null,
    } satisfies Partial<Found>);
    b.status = 'drop';
  }
}

/** "the Baghdad-Kirkuk highway": the pair names a road. */
export function dropRouteNames(s: TextStructure, found: Found[]): void {
  for (let k = 0; k + 1 < found.length; k++) {
    const a = found[k]!;
    const b = found[k + 1]!;
    if (b.start !== a.end || !/^[-‐‑–]$/.test(s.tokens[b.start]!.gap)) continue;
    const noun = s.lower[b.end] ?? '';
    if (!ROUTE_NOUNS.has(noun)) continue;
    // "the Lebanon-Israel border": both countries are reference points ("near the Syria border"); a road is neither.
    if ((noun === 'border' || noun === 'frontier' || noun === 'boundary') && a.status === 'keep' && a.place?.kind === 'country' && b.place?.kind === 'country') {
      a.role = b.role = 'reference';
      b.status = 'keep';
    } else a.status = b.status = 'drop';
  }
}

/** Plural subdivision words and the singular that names each member of the list. */
const PLURAL_REGION_WORDS = new Map([
  ['regions', 'region'], ['oblasts', 'oblast'], ['provinces', 'province'], ['governorates', 'governorate'], ['districts', 'district'],
  ['raions', 'raion'],
]);

/** "Kherson and Zaporizhzhia regions", "the Darnytskyi and Obolonskyi districts": every name of the list is one. */
export function applyPluralRegions(s: TextStructure, gaz: Gazetteer, found: Found[]): void {
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
    const singular = PLURAL_REGION_WORDS.get(s.lower[f.end]!)!;
    for (const g of group) {
      const key = `${mentionKey(s, g)} ${singular}`;
      const hits = gaz.lookupKey(key).filter((h) => h.place.source !== 'geonames' && (!g.place || h.place.country === g.place.country));
      // Among same-named districts, the one of the town the list's first member lies in.
      const sub = hits.find((h) => g.place && h.place.parent && h.place.parent === g.place.parent) ?? hits.find((h) => h.place.kind === 'province') ?? hits[0];
      if (sub) Object.assign(g, { place: sub.place, flags: sub.flags | AliasFlag.Descriptor });
    }
    f.to = s.tokens[f.end]!.end;
  }
}

/** "Ain Al-Asad Air Base (AAAB)": the bracketed acronym restates the name. */
export function dropRestatedAcronyms(s: TextStructure, found: Found[]): void {
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
export function subplaces(s: TextStructure, found: Found[], contextCountries: Set<string>): Found[] {
  const { tokens, lower } = s;
  const out: Found[] = [];
  // "the Al-Qadisiya neighborhood of Al-Baghdadi": a name before a sub-place noun and "of <place>" names the
  // sub-place, even when it is also the name of somewhere else (a province here).
  for (const f of found) {
    if (f.status === 'drop' || !f.place || f.place.source === 'curated' || !SUBPLACE_NOUNS.has(lower[f.end] ?? '') || lower[f.end + 1] !== 'of') continue;
    if (found.some((o) => o.start === f.end + 2 && o.status !== 'drop')) f.status = 'drop';
  }
  // "the Green area", "the Industrial zone": an English word is a description, not a name.
  const plainWord = (k: number) => isEnglishWord(lower[k]!);
  const inName = new Uint8Array(tokens.length);
  // (A demonym is no unlisted name: "the Iraqi market".)
  for (const f of found) if (f.status !== 'drop' || f.flags & AliasFlag.Demonym) inName.fill(1, f.start, f.end);
  const covered = (k: number) => s.blocked[k] === 1 || inName[k] === 1;
  const isName = (k: number) => {
    const t = tokens[k];
    return t !== undefined && t.cap && !t.poss && t.script === 'latin' && !NOT_NAMES.has(lower[k]!) && !covered(k) && !(t.sentStart && k === 0);
  };
  // "Kyiv's Solomianskyi district": the possessor (dropped as a mere container) names the sub-place's town.
  const possessor = (b: number) => found.find((f) => f.end === b && f.place && s.tokens[f.end - 1]!.poss);
  // The country of the places kept so far (demonyms, which also vote, aside: "Russian guided bombs hit ...").
  const kept = new Set(found.filter((f) => f.status === 'keep' && f.place?.country && !(f.flags & AliasFlag.Demonym)).map((f) => f.place!.country!));
  const soleCountry = kept.size === 1 ? [...kept][0]! : kept.size === 0 && contextCountries.size === 1 ? [...contextCountries][0]! : null;
  // "Kharkiv. ... struck the Saltivskyi district": the one town of the text contains an unlisted district.
  const towns = new Map(found.filter((f) => f.status === 'keep' && f.place?.kind === 'city' && !f.name).map((f) => [f.place!.id, f]));
  const soleTown = towns.size === 1 ? [...towns.values()][0] : undefined;
  for (let k = 1; k < tokens.length; k++) {
    const noun = lower[k]!;
    const kindAfter = SUBPLACE_NOUNS.get(noun);
    // ("the Kurram district's Parachinar": a possessive sub-place noun is a container, not listed.)
    if (kindAfter && !s.breakBefore[k] && isName(k - 1) && !tokens[k]!.poss) {
      let b = k - 1;
      while (b - 1 >= 0 && isName(b - 1) && !s.breakBefore[b] && k - b < 3) b--;
      const owner = possessor(b);
      // ("the Krasnopillia and Yunakivka communities": the last of a list of kept places.)
      const listed = (lower[b - 1] === 'and' || lower[b - 1] === 'or') && found.some((f) => f.end === b - 1 && f.status === 'keep');
      if (tokens[b]!.sentStart || (!owner && !listed && !SUBPLACE_LEADS.has(lower[b - 1] ?? '')) || /(ite|ian|ish|ese|nni)$/.test(lower[b]!) || COMMUNITY_WORDS.has(lower[b]!)) continue;
      let plain = true;
      for (let j = b; j < k; j++) if (!plainWord(j)) plain = false;
      if (plain) continue;
      // "in the Radwaniyah area": "area" names a place only as "<preposition> the X area"; the article is part of it.
      // "the Pecherskyi district court": an institution of the district.
      if (INSTITUTION_NOUNS.has(lower[k + 1] ?? '') && isSpaceGap(tokens[k + 1]!.gap)) continue;
      const isArea = noun === 'area';
      // ("Bannu's Jani Khel area": a town's possessive names the area's container.)
      // ("in Sariab area": a name no word of English, right after a locative word.)
      const bareArea = LOCATIVE_PREPS.has(lower[b - 1] ?? '') && !tokens[b - 1]!.cap;
      if (isArea && !owner && !bareArea && !(lower[b - 1] === 'the' && (LOCATIVE_PREPS.has(lower[b - 2] ?? '') || ATTACK_VERBS.has(lower[b - 2] ?? '')))) continue;
      if (inBackgroundClause(s, b)) continue;
      // (The one town of the text contains a neighbourhood, not a village: "Yunakivka" is no part of Krasnopillia.)
      const container = owner ?? (lower[k + 1] === 'of' ? found.find((f) => f.start === k + 2 && f.status !== 'drop' && f.place) : undefined)
        ?? (kindAfter === 'site' ? soleTown : undefined);
      const label = tokens.slice(b, k).map((t) => t.raw).join(' ');
      // (An "area" is named without the noun: "the Al-Bu Aitha area" is Al-Bu Aitha.)
      const unnamed = SUBPLACE_UNNAMED.has(noun);
      const nounName = unnamed ? '' : noun === 'neighborhood' ? ' neighbourhood' : ` ${noun}`;
      const base = container?.place ?? null;
      const lead = lower[b - 1] === 'the' ? b - 2 : b - 1;
      out.push({
        start: b, end: k + 1, place: base, flags: 0, gov: { kind: 'none', word: '', index: -1, viaGeoOf: false, phraseStart: b },
        status: 'keep', role: lower[lead] === 'from' && launchInSentence(s, b) ? 'origin' : 'target',
        // ("the Krasnopillia and Yunakivka communities": the plural noun belongs to the list.)
        from: tokens[isArea && lower[b - 1] === 'the' ? b - 1 : b]!.start, to: tokens[/s$/.test(noun) && unnamed ? k - 1 : k]!.end, confidence: 0.5,
        name: container ? `${label}${nounName} (${containerName(container)})` : `${label}${nounName}`,
        kind: kindAfter, country: base?.country ?? soleCountry, lat: null, lon: null,
      });
    }
    const unlisted = unlistedVillage(s, k, isName, plainWord, found, soleTown, soleCountry);
    if (unlisted) out.push(unlisted);
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

/** Words that may follow an unlisted village's name ("near Choudhwan on Monday"). */
/** Community words that describe a town rather than name it ("the Druze town of Majdal Shams", "a Bedouin village"). */
const COMMUNITY_WORDS = new Set(['druze', 'shia', 'shiite', 'yazidi', 'bedouin', 'arab', 'turkmen', 'kurd', 'maronite', 'jewish', 'muslim', 'border', 'frontline', 'front-line', 'coastal', 'mountain', 'desert']);

const AFTER_VILLAGE = new Set(['on', 'in', 'at', 'during', 'early', 'late', 'this', 'last', 'yesterday', 'today', 'tonight', 'overnight']);

/**
 * A village the gazetteer lacks, named after "near" or ISPR's "general area" in a sentence about an attack, in a
 * text that locates in one country: "targeted with an IED near Choudhwan", "a post in general area Jani Khel, Bannu
 * District". Every word must be unknown to English (so "near Ziv Medical Center" is not one); no coordinates.
 * @param k token index of "near"/"outside" or of "area" in "general area".
 */
function unlistedVillage(
  s: TextStructure, k: number, isName: (k: number) => boolean, plainWord: (k: number) => boolean, found: Found[],
  soleTown: Found | undefined, soleCountry: string | null,
): Found | null {
  const { tokens, lower } = s;
  const w = lower[k]!;
  // ("in Bulo Marer in Lower Shabelle": after "in" only with the place that contains it.)
  const inside = w === 'in' || w === 'at';
  if (!(inside || w === 'near' || w === 'outside' || (w === 'area' && lower[k - 1] === 'general'))) return null;
  const b = k + 1;
  let e = b;
  while (e < tokens.length && e - b < 3 && isName(e) && !tokens[e]!.upper && !plainWord(e) && (e === b || !s.breakBefore[e])) e++;
  // (A sentence may go on with a numeral: "near Choudhwan. 4 officials ...".)
  // ("near Synkivka and Petropavlivka": before another place of a list.)
  const beforeListed = (lower[e] === 'and' || lower[e] === 'or') && found.some((f) => f.start === e + 1 && f.status === 'keep');
  const ends = e === tokens.length || s.breakBefore[e] || /^[.!?]\s/.test(tokens[e]!.gap) || beforeListed;
  if (e === b || (!ends && !AFTER_VILLAGE.has(lower[e]!))) return null;
  for (let j = b; j < e; j++) if (ACTOR_NAMES.has(lower[j]!)) return null;
  if (tokens[e - 1]!.poss || !eventInSentence(s, k) || inBackgroundClause(s, k)) return null;
  // "general area Jani Khel, Bannu District": the place after the comma contains it.
  // "near Kotkai in South Waziristan": so does a place after "in".
  const at = /^\s*,\s*$/.test(tokens[e]?.gap ?? '') ? e : lower[e] === 'in' ? (lower[e + 1] === 'the' ? e + 2 : e + 1) : -1;
  const next = found.find((f) => f.start === at && f.status === 'keep' && f.place && f.place.kind !== 'country');
  if (inside && !next) return null;
  const container = next ?? soleTown;
  const country = container?.place?.country ?? soleCountry;
  if (!country) return null;
  const label = tokens.slice(b, e).map((t) => t.raw).join(' ');
  const from = w === 'area' ? k - 1 : b;
  return {
    start: from, end: e, place: null, flags: 0, gov: { kind: 'prep', word: w, index: k, viaGeoOf: false, phraseStart: from },
    status: 'keep', role: 'target', from: tokens[from]!.start, to: tokens[e - 1]!.end, confidence: 0.4,
    name: container ? `${label} (${containerName(container)})` : label, kind: 'site', country, lat: null, lon: null,
  };
}

/** A container as a sub-place's name cites it: "Bannu District" -> "Bannu". */
function containerName(f: Found): string {
  return (f.name ?? f.place!.name).replace(SUBDIVISION_WORDS, '');
}

export function mentionKey(s: TextStructure, f: Found): string {
  return s.tokens
    .slice(f.start, f.end)
    .map((t) => t.norm)
    .join(' ');
}

/** One key per surface form (its article aside): "southern Baghdad" and "Baghdad" are two forms. */
export function surfaceFormKey(s: TextStructure, f: Found): string {
  return s.text.slice(f.from, f.to).toLowerCase().replace(/^the\s+/, '').replace(/\s+/g, ' ');
}


const DIRECTION_ADJECTIVES = new Set(['northern', 'southern', 'eastern', 'western', 'central', 'northeastern', 'northwestern', 'southeastern', 'southwestern']);

/**
 * "southern Baghdad", "eastern Gaza City": a compass adjective right before a town or province belongs to the
 * mention (the place stays the town: the part of it lies within it).
 */
export function extendDirections(s: TextStructure, found: Found[]): void {
  const { tokens, lower } = s;
  for (const f of found) {
    if (f.status === 'drop' || !f.place || (f.place.kind !== 'city' && f.place.kind !== 'province') || f.from !== tokens[f.start]!.start) continue;
    let k = f.start - 1;
    if (k < 0 || s.breakBefore[f.start] || !isSpaceGap(tokens[f.start]!.gap) || !DIRECTION_ADJECTIVES.has(lower[k]!)) continue;
    if (found.some((o) => o !== f && o.status !== 'drop' && o.start <= k && o.end > k)) continue;
    // "north-eastern": two words joined by a hyphen.
    if ((lower[k] === 'eastern' || lower[k] === 'western') && /^[-‐‑]$/.test(tokens[k]!.gap) && (lower[k - 1] === 'north' || lower[k - 1] === 'south')) k--;
    f.from = tokens[k]!.start;
  }
}

/** Compass adjectives and the name each gives a part of a place ("southern" -> "Southern"). */
const COMPASS_NAMES = new Map([
  ['northern', 'Northern'], ['southern', 'Southern'], ['eastern', 'Eastern'], ['western', 'Western'], ['central', 'Central'],
  ['northeastern', 'Northeastern'], ['northwestern', 'Northwestern'], ['southeastern', 'Southeastern'], ['southwestern', 'Southwestern'],
  // Arabic adjectives after "ريف X" ("the southern countryside of X").
  ['الشمالي', 'Northern'], ['الجنوبي', 'Southern'], ['الشرقي', 'Eastern'], ['الغربي', 'Western'],
  ['الشمالي الشرقي', 'Northeastern'], ['الشمالي الغربي', 'Northwestern'], ['الجنوبي الشرقي', 'Southeastern'], ['الجنوبي الغربي', 'Southwestern'],
]);
/** Name words of a province that its countryside does not repeat ("Deir ez-Zor Governorate" -> "Deir ez-Zor"). */
const SUBDIVISION_WORDS = /\s+(?:Governorate|Province|Oblast|Region|District|Raion)$/i;

/** How a countryside names its town or province: the province's curated name where the two share it ("Hama"). */
function countrysideOwner(s: TextStructure, gaz: Gazetteer, f: Found): string {
  const p = f.place!;
  const province = p.kind === 'city' && p.admin1 ? gaz.record(p.admin1) : undefined;
  const short = (province ?? p).name.replace(SUBDIVISION_WORDS, '');
  if (province && !province.aliases.some((a) => nameKey(a) === mentionKey(s, f))) return p.name.normalize('NFKD').replace(/\p{M}+/gu, '');
  return short;
}

/** The compass adjective at token k, also written "north-eastern" (two words); returns its first token and name. */
function compassAt(s: TextStructure, k: number): { start: number; name: string } | null {
  const w = s.lower[k];
  if (w === undefined) return null;
  if ((w === 'eastern' || w === 'western') && /^[-‐‑]$/.test(s.tokens[k]!.gap) && (s.lower[k - 1] === 'north' || s.lower[k - 1] === 'south')) {
    return { start: k - 1, name: COMPASS_NAMES.get(`${s.lower[k - 1]}${w}`)! };
  }
  const name = COMPASS_NAMES.get(w);
  return name && s.tokens[k]!.script === 'latin' ? { start: k, name } : null;
}

/**
 * The countryside of a town or province, as Syrian monitors write it: "Al-Mayadeen countryside" is the town (the
 * mention takes the word); with a compass word it is a part of it, a region without coordinates: "southern Idlib
 * countryside", "the eastern countryside of Deir Ezzor", "Aleppo's western countryside", "ريف إدلب الجنوبي".
 */
export function applyCountryside(s: TextStructure, gaz: Gazetteer, found: Found[]): void {
  const { tokens, lower } = s;
  for (const f of found) {
    const p = f.place;
    if (f.status === 'drop' || !p || (p.kind !== 'city' && p.kind !== 'province') || f.name) continue;
    let from = f.from;
    let to = f.to;
    let compass: string | null = null;
    const k = f.end;
    if (tokens[f.start]!.script === 'arabic') {
      // "ريف إدلب الجنوبي": the countryside noun before, the compass adjective after.
      const before = tokens[f.start - 1];
      if (!before || normWord(before.raw) !== 'ريف' || f.from !== tokens[f.start]!.start) continue;
      from = before.start;
      const two = tokens[k + 1] ? `${lower[k]} ${lower[k + 1]}` : '';
      const adj = COMPASS_NAMES.has(two) ? 2 : COMPASS_NAMES.has(lower[k] ?? '') ? 1 : 0;
      if (adj) {
        compass = COMPASS_NAMES.get(adj === 2 ? two : lower[k]!)!;
        to = tokens[k + adj - 1]!.end;
      }
    } else if (tokens[f.end - 1]!.poss) {
      // "Aleppo's western countryside".
      // ("north-eastern" is read from its second word.)
      const c = compassAt(s, k + 1)?.start === k ? compassAt(s, k + 1) : compassAt(s, k);
      const at = c ? (c.start === k && COMPASS_NAMES.has(lower[k]!) ? k + 1 : k + 2) : k;
      if (lower[at] !== 'countryside' || !isSpaceGap(tokens[at]!.gap)) continue;
      compass = c?.name ?? null;
      to = tokens[at]!.end;
    } else if (lower[k] === 'countryside' && isSpaceGap(tokens[k]!.gap)) {
      // "southern Idlib countryside", "Al-Mayadeen countryside".
      to = tokens[k]!.end;
      const c = f.from === tokens[f.start]!.start && !s.breakBefore[f.start] ? compassAt(s, f.start - 1) : null;
      if (c) {
        compass = c.name;
        from = tokens[c.start]!.start;
      }
    } else if (lower[f.start - 1] === 'of' && lower[f.start - 2] === 'countryside' && f.from === tokens[f.start]!.start) {
      // "the eastern countryside of Deir Ezzor".
      let b = f.start - 2;
      const c = compassAt(s, b - 1);
      if (c) {
        compass = c.name;
        b = c.start;
      }
      if (lower[b - 1] === 'the') b--;
      from = tokens[b]!.start;
    } else continue;
    f.from = from;
    f.to = to;
    if (compass) Object.assign(f, { name: `${compass} ${countrysideOwner(s, gaz, f)} countryside`, kind: 'region', lat: null, lon: null });
  }
}

const BANK_SIDES = new Set(['west', 'east', 'north', 'south', 'western', 'eastern', 'northern', 'southern', 'left', 'right']);

/**
 * "the west bank of the Euphrates": one side of a river, a region without coordinates in the country the text is
 * about (the river alone crosses several).
 */
export function applyRiverBanks(s: TextStructure, found: Found[], contextCountries: Set<string>): void {
  const { tokens, lower } = s;
  for (const f of found) {
    const river = f.place;
    if (f.status === 'drop' || !river || river.kind !== 'region' || !/\bRiver$/.test(river.name)) continue;
    let k = f.start - 1;
    if (lower[k] === 'the') k--;
    if (lower[k] !== 'of' || !(lower[k - 1] === 'bank' || lower[k - 1] === 'banks') || !BANK_SIDES.has(lower[k - 2] ?? '')) continue;
    const side = lower[k - 2]!.replace(/ern$/, '');
    let begin = k - 2;
    if (lower[begin - 1] === 'the') begin--;
    const country = contextCountries.size === 1 ? [...contextCountries][0]! : river.country;
    Object.assign(f, {
      start: begin, from: tokens[begin]!.start, name: `${river.name.replace(/ River$/, '')} (${side} bank)`,
      kind: 'region', country, lat: null, lon: null, place: null,
    });
    if (lower[begin - 1] === 'from' && launchInSentence(s, begin)) f.role = 'origin';
  }
}

/** Words after a town that name the district around it ("the Tuz Khurmatu district", "Nad Ali district"). */
const DISTRICT_WORDS = new Set(['district', 'raion', 'subdistrict', 'sub-district', 'county', 'qada', 'nahiya', 'tehsil']);

/**
 * "the Tuz Khurmatu district": a town followed by "district" names the district it is the seat of (unless the
 * gazetteer lists that district): the mention takes the word, the place keeps the town's coordinates.
 */
export function applyTownDistricts(s: TextStructure, found: Found[]): void {
  const { tokens, lower } = s;
  for (const f of found) {
    const town = f.place;
    if (f.status === 'drop' || !town || town.source !== 'geonames' || town.kind !== 'city' || f.name) continue;
    if (!DISTRICT_WORDS.has(lower[f.end] ?? '') || !isSpaceGap(tokens[f.end]!.gap) || tokens[f.end - 1]!.poss) continue;
    // "Kyiv's Solomianskyi district", "the Al-Qadisiya district of Baghdad" are parts of another town (a tehsil is
    // a part of a district: "Dera Ismail Khan's Kulachi tehsil").
    const word = lower[f.end]!;
    if (tokens[f.start - 1]?.poss && word !== 'tehsil') continue;
    if (lower[f.end + 1] === 'of' && found.some((o) => o.status !== 'drop' && o.start >= f.end + 2 && o.start <= f.end + 3 && o.place?.kind === 'city')) continue;
    Object.assign(f, { end: f.end + 1, to: tokens[f.end]!.end, name: `${town.name} ${word === 'tehsil' ? 'tehsil' : 'district'}`, kind: 'region' });
  }
}

/**
 * "the Kingdom's airspace", "into the Kingdom", "across the Strip": the one kingdom (or the Gaza Strip) the text
 * names by a place, a demonym or an organisation ("the Jordanian army ... the Kingdom's airspace").
 */
export function countryAnaphors(s: TextStructure, gaz: Gazetteer, found: Found[]): Found[] {
  const { tokens, lower } = s;
  const out: Found[] = [];
  for (let k = 1; k < tokens.length; k++) {
    const ids = PLACE_ANAPHORS.get(lower[k]!);
    // ("the Kingdom of Saudi Arabia", "the Gaza Strip" are names of their own.)
    if (!ids || lower[k - 1] !== 'the' || !tokens[k]!.cap || tokens[k]!.script !== 'latin' || found.some((f) => f.start <= k && f.end > k)) continue;
    let to = tokens[k]!.end;
    // ("the Kingdom's northern border")
    const head = tokens[k]!.poss && DIRECTION_ADJECTIVES.has(lower[k + 1] ?? '') ? k + 2 : k + 1;
    if (tokens[k]!.poss && POSSESSIVE_GEO_HEADS.has(lower[head] ?? '')) to = tokens[head]!.end;
    else if (!LOCATIVE_PREPS.has(lower[k - 2] ?? '') || tokens[k]!.poss) continue;
    const meant = new Set<string>();
    for (const f of found) {
      const p = f.place;
      if (!p) continue;
      for (const id of ids) if (p.id === id || p.country === id || p.admin1 === id || p.parent === id) meant.add(id);
    }
    if (meant.size !== 1 || inBackgroundClause(s, k)) continue;
    const place = gaz.record([...meant][0]!);
    if (!place) continue;
    out.push({
      start: k - 1, end: k + 1, place, flags: 0, gov: { kind: 'none', word: '', index: -1, viaGeoOf: false, phraseStart: k - 1 },
      status: 'keep', role: 'target', from: tokens[k - 1]!.start, to, confidence: 0.6,
    });
  }
  return out;
}

/** Words after a list of countries that make the phrase the point where their borders meet. */
const MEET_WORDS = new Set(['meet', 'meets', 'converge', 'converges', 'intersect', 'intersects', 'join', 'joins']);
/** Nouns of "the point where ...". */
const POINT_NOUNS = new Set(['point', 'area', 'spot', 'place', 'junction', 'triangle', 'corner', 'region', 'zone']);

/**
 * "the point where the Syrian, Iraqi and Jordanian borders meet", "where Syria, Iraq and Jordan meet": the tripoint
 * of the three countries (regions.json ids `XX.tripoint.<CC>-<CC>-<CC>`), a reference point.
 */
export function tripoints(s: TextStructure, gaz: Gazetteer, found: Found[]): Found[] {
  const { tokens, lower } = s;
  const out: Found[] = [];
  for (let k = 0; k < tokens.length; k++) {
    if (!MEET_WORDS.has(lower[k]!)) continue;
    // The countries named in the same clause before the verb ("the Syrian, Iraqi and Jordanian borders").
    let w = k - 1;
    while (w > 0 && w > k - 16 && lower[w] !== 'where' && s.sentence[w] === s.sentence[k]) w--;
    if (lower[w] !== 'where' || s.sentence[w] !== s.sentence[k]) continue;
    const countries = new Set<string>();
    for (const f of found) if (f.start > w && f.end <= k && f.place?.kind === 'country' && f.place.country) countries.add(f.place.country);
    if (countries.size < 3) continue;
    const place = gaz.record(`XX.tripoint.${[...countries].sort().join('-')}`);
    if (!place) continue;
    let begin = w;
    if (POINT_NOUNS.has(lower[w - 1] ?? '')) begin = lower[w - 2] === 'the' ? w - 2 : w - 1;
    for (const f of found) if (f.start > w && f.end <= k) f.status = 'drop';
    out.push({
      start: begin, end: k + 1, place, flags: 0, gov: { kind: 'none', word: '', index: -1, viaGeoOf: false, phraseStart: begin },
      status: 'keep', role: 'reference', from: tokens[begin]!.start, to: tokens[k]!.end, confidence: 0.6,
    });
  }
  return out;
}
