/** Finding gazetteer names in a post's words and choosing among same-named places. */
import { AliasFlag, type AliasHit, type PlaceRecord } from '../gazetteer/types.ts';
import { distanceKm, type Gazetteer } from '../gazetteer/gazetteer.ts';
import { nameKey, normWord } from '../gazetteer/text.ts';
import type { TextStructure } from './structure.ts';
import type { Candidate } from './types.ts';
import { ARABIC_PLACE_NOUNS } from './vocab.ts';

/** Countries the rules treat as "the region" (a tie between same-named towns goes to them). */
const REGION = new Set(['IQ', 'SY', 'JO', 'IL', 'PS', 'LB', 'YE', 'AF', 'IR', 'KW', 'SA', 'AE', 'QA', 'BH', 'OM', 'UA', 'RU', 'PK', 'SO']);
/** Population a seat of a province or district counts for when the data records none. */
export const SEAT_POPULATION = 10000;

/** The one country all readings of a name share, or null. */
export function soleCountry(c: Candidate): string | null {
  const first = c.hits[0]?.place.country ?? null;
  return first !== null && c.hits.every((h) => h.place.country === first) ? first : null;
}

/** Hebrew nouns before a place name ("באזור קריית שמונה": in the area of; "אזור" is also the town Azor). */
const HEBREW_PLACE_NOUNS = ['אזור', 'העיר', 'עיר', 'היישוב', 'יישוב', 'מחוז', 'שכונת'];
let placeNounKeys: Set<string> | undefined;
/** "مدينة" (city), "منطقة" (area) alone: the noun before a name, not a name ("المدينة" is also Medina). */
function isPlaceNoun(word: string): boolean {
  placeNounKeys ??= new Set([...ARABIC_PLACE_NOUNS, ...HEBREW_PLACE_NOUNS].map(normWord));
  return placeNounKeys.has(normWord(word));
}

export function scan(s: TextStructure, gaz: Gazetteer): Candidate[] {
  const out: Candidate[] = [];
  const { tokens } = s;
  for (let i = 0; i < tokens.length; ) {
    if (s.blocked[i]) {
      i++;
      continue;
    }
    let m = gaz.matchAt(tokens, i);
    if (!m) {
      i++;
      continue;
    }
    // "eastern Gaza City": a directional region ("eastern Gaza") that cuts a longer name short yields to it.
    if (m.end - m.start > 1 && m.hits.every((h) => h.place.source === 'derived')) {
      const inner = gaz.matchAt(tokens, m.start + 1);
      if (inner && inner.end > m.end) m = inner;
    }
    const script = tokens[i]!.script;
    if (m.end - m.start === 1 && (script === 'arabic' || script === 'hebrew') && isPlaceNoun(tokens[i]!.raw.slice(m.prefixChars))
      && tokens[i + 1]?.script === script) {
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

export function caseFits(s: TextStructure, start: number, end: number, prefixChars: number, h: AliasHit): boolean {
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
  // "ArtemM", "iPhone": camel-case words are handles and brands, not names.
  if (/\p{Ll}\p{Lu}+$/u.test(first.raw)) return false;
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
      // (A seat with no recorded population is still a town: Al Qamishli, not a namesake hamlet abroad.)
      score = 1 + Math.log10(Math.max(p.population, p.seat ? SEAT_POPULATION : 0) + 10) / 2;
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

/** Within this distance of another place of the text, a same-named place is taken for the one meant. */
const ANCHOR_KM = 150;

/**
 * The reading of a name that fits the text best: by kind, size and country; among same-named places ("the
 * Shevchenkivskyi district" of Kyiv, Kharkiv or Zaporizhzhia) the one nearest another place of the text.
 */
export function choose(hits: AliasHit[], contextCountries: Set<string>, anchors: readonly PlaceRecord[] = []): AliasHit {
  let nearest: AliasHit | undefined;
  if (hits.length > 1 && anchors.length) {
    let best = ANCHOR_KM;
    for (const h of hits) {
      // (A province's centre says nothing about nearness: "قاعدة حرير في أربيل" is the town, not the governorate.)
      if (h.place.lat === null || h.place.lon === null || h.place.kind === 'province' || h.place.kind === 'country') continue;
      for (const a of anchors) {
        const d = a.id === h.place.parent ? 0 : distanceKm(a.lat!, a.lon!, h.place.lat, h.place.lon);
        if (d < best) {
          best = d;
          nearest = h;
        }
      }
    }
  }
  const score = (h: AliasHit) => hitScore(h, contextCountries) + (h === nearest ? 2.5 : 0);
  let best = hits[0]!;
  let bestScore = score(best);
  for (const h of hits.slice(1)) {
    const sc = score(h);
    if (sc > bestScore) {
      best = h;
      bestScore = sc;
    }
  }
  // "Parwan" is a province and an old name of its capital Jabal os Saraj: a town reached by another town's name
  // yields to the province of that name (but "Irbil" stays Erbil, whose own name the province shares).
  if (best.place.source === 'geonames' && !(best.flags & AliasFlag.Primary)) {
    const own = nameKey(best.place.name);
    const province = hits.find((h) => h.place.source === 'province' && h.place.country === best.place.country && !h.place.aliases.some((a) => nameKey(a) === own));
    if (province) return province;
  }
  return best;
}

