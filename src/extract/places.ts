/**
 * Places of a post: every distinct surface form that locates the event (target), its launch origin, or a
 * reference point, resolved against the gazetteer (eval/README.md "locations[]"). One scan over the words with
 * the gazetteer's n-gram index, then rules on the words around each name decide whether it is a location at all
 * (datelines, organisation/street/holiday names, demonyms, background clauses and source-only places are not).
 */
import type { Location, LocationRole } from '../domain/claim.ts';
import type { ExtractContext } from './context.ts';
import { defaultGazetteer, type Gazetteer } from './gazetteer/index.ts';
import { AliasFlag, type AliasHit, type PlaceRecord } from './gazetteer/types.ts';
import { scan, soleCountry } from './places/candidates.ts';
import { decide } from './places/decide.ts';
import {
  applyCountryside, applyFacilityPatterns, applyPluralRegions, applyRiverBanks, applyTownDistricts, countryAnaphors, dropForeignBeforeContainer, dropRestatedAcronyms, dropRouteNames, extendDirections, mergeDemonymBorders,
  resolveContextOnly, subplaces,
  surfaceFormKey, tripoints,
} from './places/patterns.ts';
import { analyse, type TextStructure } from './places/structure.ts';
import type { Candidate, Found, Votes } from './places/types.ts';
import type { PreparedText } from './prepare.ts';

/** Dedupe keeps the strongest role of a repeated form; zones look at targets first. */
const ROLE_RANK: Record<LocationRole, number> = { origin: 3, target: 2, reference: 1 };
const ROLE_RANK_ZONE: Record<LocationRole, number> = { target: 0, origin: 1, reference: 2 };

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

/** The extraction itself, on plain text with an explicit gazetteer (for tests and tools). */
export function findLocations(text: string, gaz: Gazetteer): Location[] {
  const s = analyse(text);
  const cands = scan(s, gaz);
  // Country context: distinct names that surely lie in one country (a country, a curated place, a town's own name).
  const votes: Votes = new Map();
  for (const c of cands) {
    const sure = soleCountry(c) ? c.hits.find((h) => h.place.source !== 'geonames' || h.flags & AliasFlag.Primary) : dominantTown(c);
    const only = sure?.place.country;
    // (A hamlet without a recorded population is thin evidence: a village missing from the data often has a
    // namesake like it across the border, "Jani Khel" in Afghanistan for the one near Bannu.)
    if (!sure || !only || (sure.place.source === 'geonames' && sure.place.population < 1000)) continue;
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
  dropForeignBeforeContainer(s, found);
  applyFacilityPatterns(s, gaz, found);
  applyTownDistricts(s, found);
  dropRestatedAcronyms(s, found);
  applyCountryside(s, gaz, found);
  extendDirections(s, found);
  applyRiverBanks(s, found, contextCountries);
  found.push(...subplaces(s, found, contextCountries), ...tripoints(s, gaz, found), ...countryAnaphors(s, gaz, found));
  found.sort((a, b) => a.from - b.from);
  mergeDemonymBorders(s, found);

  // Weak anchors ("Ukrainian targets", "sources in eastern Syria") stand in when nothing else locates the target.
  const chosen = found.filter((f) => f.status === 'keep');
  if (!chosen.some((f) => f.role === 'target')) chosen.push(...found.filter((f) => f.status === 'fallback'));
  chosen.sort((a, b) => a.from - b.from);
  return dedupe(s, chosen).map((f) => toLocation(s, f));
}

/**
 * A name shared by places of several countries still surely names a big town when that town carries it as its own
 * name and dwarfs the namesakes ("Haifa", not a hamlet of the same name elsewhere).
 */
function dominantTown(c: Candidate): AliasHit | undefined {
  let best: AliasHit | undefined;
  let runnerUp = 0;
  for (const h of c.hits) {
    const pop = h.place.population;
    if (!best || pop > best.place.population) {
      if (best) runnerUp = Math.max(runnerUp, best.place.population);
      best = h;
    } else runnerUp = Math.max(runnerUp, pop);
  }
  if (!best || best.place.source !== 'geonames' || !(best.flags & AliasFlag.Primary)) return undefined;
  return best.place.population >= 50000 && best.place.population >= 10 * runnerUp ? best : undefined;
}

/** Each surface form once; a form used as origin anywhere keeps the origin role. */
function dedupe(s: TextStructure, list: Found[]): Found[] {
  const byKey = new Map<string, Found>();
  for (const f of list) {
    const key = surfaceFormKey(s, f);
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


