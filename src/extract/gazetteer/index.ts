/**
 * Public API of the gazetteer for other modules (incidents, alerts, moderation).
 *
 * - `placeById(id)`, `ancestorsOf(id)`, `isWithin(inner, outer)`: a place and the places containing it
 *   (base -> province -> country), for clustering claims whose places nest ("Al Asad Airbase" lies in
 *   "Anbar Governorate" in "Iraq"). Ids: "IQ" (country), "IQ.anbar" (province or curated place),
 *   "gn:98182" (GeoNames town), "IQ~west" (directional region, no coordinates).
 * - `addAliases(entries)`: teach the process-wide gazetteer new names at run time (a moderator's reviewed
 *   correction). For an isolated instance, construct `new Gazetteer(places, { extraAliases })`.
 *
 * The data is loaded lazily, once per process, on the first call of any of these functions.
 */
import { defaultGazetteer } from './loader.ts';
import type { AliasEntry, Place } from './types.ts';

export { Gazetteer, distanceKm, type GazetteerOptions, type DirectionalSpec, type NameMatch } from './gazetteer.ts';
export { defaultGazetteer, loadGazetteer, gazetteerLoadStats, type LoadStats } from './loader.ts';
export { buildRecords, type GazetteerFiles } from './data.ts';
export { tokenize, normWord, nameKey, type Token } from './text.ts';
export { AliasFlag, type AliasEntry, type AliasHit, type Facility, type Place, type PlaceKind, type PlaceRecord } from './types.ts';

/** The place with this gazetteer id ("IQ.al-asad-airbase", "gn:98182", "IQ"), or undefined. */
export function placeById(id: string): Place | undefined {
  return defaultGazetteer().placeById(id);
}

/** Places containing the given one, nearest first (e.g. province, region, country); [] for unknown ids. */
export function ancestorsOf(id: string): Place[] {
  return defaultGazetteer().ancestorsOf(id);
}

/** True when place `inner` is `outer` or lies inside it (e.g. a base inside its country). */
export function isWithin(inner: string, outer: string): boolean {
  return defaultGazetteer().isWithin(inner, outer);
}

/** Adds names to places of the process-wide gazetteer; returns how many were new. Unknown ids are skipped. */
export function addAliases(entries: readonly AliasEntry[]): number {
  return defaultGazetteer().addAliases(entries);
}
