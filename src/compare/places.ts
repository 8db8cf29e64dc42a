/**
 * Whether two claims' places can be one incident's place, and how precisely they agree.
 * Uses an injected gazetteer lookup (place id -> kind, country, province, coordinates) when the claim's
 * locations carry `place_id`; otherwise falls back to country, coordinates and normalised names.
 */
import type { Location } from '../domain/claim.ts';
import { countryCodeByName, countryInfo } from './countries.ts';
import { normText } from './records.ts';

/** What the matcher needs from a gazetteer entry. */
export interface PlaceInfo {
  id: string;
  kind: string;
  /** ISO 3166-1 alpha-2. */
  country: string | null;
  /** Gazetteer id of the province (first-level division) the place lies in. */
  admin1?: string | null;
  lat: number | null;
  lon: number | null;
}

/** Gazetteer lookup by place id; undefined for an unknown id. */
export type PlaceInfoLookup = (placeId: string) => PlaceInfo | undefined;

/** Ids of the places containing a place (its city, province, region, country); [] when unknown. */
export type PlaceAncestorsLookup = (placeId: string) => readonly string[];

/** What the gazetteer can tell the comparison; both parts optional. */
export interface PlaceKnowledge {
  placeInfo?: PlaceInfoLookup | undefined;
  placeAncestors?: PlaceAncestorsLookup | undefined;
}

/** How two places relate, from best to worst. */
export const PLACE = {
  /** Same place (same id, same name, or within a few km). */
  same: 3,
  /** One contains the other (base in its province or directional region) or they are close. */
  near: 2,
  /** Only the country is shared (or one of them is a whole country). */
  country: 1,
  /** Nothing to compare. */
  unknown: 0,
  /** Different places. */
  unrelated: -1,
} as const;
export type PlaceLevel = (typeof PLACE)[keyof typeof PLACE];

export interface ComparePlace {
  label: string;
  id: string | undefined;
  /** Normalised name without generic words ("air base", "province", the article "al-"). */
  name: string;
  tokens: string[];
  /** For a directional region ("western Iraq"): the name without the direction, and the compass bearing. */
  base: string;
  bearing: number | 'central' | null;
  /** A parent named in brackets ("al-Jadriya (Baghdad)"). */
  parent: string;
  /** Gazetteer ids of the places containing this one. */
  ancestors: readonly string[];
  kind: string;
  country: string | null;
  admin1: string | null;
  lat: number | null;
  lon: number | null;
  role: 'target' | 'origin' | 'reference';
}

const GENERIC =
  /\b(air ?base|airbase|airfield|air field|base|camp|refugee|city|town|province|governorate|oblast|region|district|county|the)\b/g;

function placeName(s: string): string {
  return normText(s)
    .replace(/\b(al|el|ad|ar|as|an|at|ash|ul)\s+(?=\w)/g, '')
    .replace(GENERIC, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const BEARINGS: Record<string, number | 'central'> = {
  north: 0,
  northern: 0,
  northeast: 45,
  northeastern: 45,
  east: 90,
  eastern: 90,
  southeast: 135,
  southeastern: 135,
  south: 180,
  southern: 180,
  southwest: 225,
  southwestern: 225,
  west: 270,
  western: 270,
  northwest: 315,
  northwestern: 315,
  central: 'central',
  middle: 'central',
};

function directional(name: string): { bearing: number | 'central'; base: string } | null {
  const n = name.replace(/\b(north|south) (east|west)(ern)?\b/g, '$1$2$3');
  const m = /^(\w+) (.+)$/.exec(n);
  if (!m) return null;
  const b = BEARINGS[m[1]!];
  return b === undefined ? null : { bearing: b, base: m[2]! };
}

const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/** A claim location, completed from the gazetteer when it has a known place_id. */
export function toComparePlace(loc: Location, knowledge: PlaceKnowledge = {}): ComparePlace {
  const info = loc.place_id && knowledge.placeInfo ? knowledge.placeInfo(loc.place_id) : undefined;
  const rawName = String(loc.name || loc.mention || '');
  const parentMatch = /\(([^)]*)\)/.exec(rawName);
  const name = placeName(rawName.replace(/\([^)]*\)/g, ' '));
  const dir = directional(name);
  const kind = String(info?.kind ?? loc.kind ?? 'site');
  const id = info?.id ?? loc.place_id;
  let admin1 = info?.admin1 ?? null;
  if (admin1 && admin1 === id) admin1 = null;
  const lat = info ? info.lat : loc.lat;
  const lon = info ? info.lon : loc.lon;
  return {
    label: rawName,
    id: id || undefined,
    name,
    tokens: name.split(' ').filter(Boolean),
    base: dir?.base ?? name,
    bearing: dir?.bearing ?? null,
    parent: parentMatch ? placeName(parentMatch[1]!) : '',
    ancestors: id && knowledge.placeAncestors ? [...knowledge.placeAncestors(id)] : [],
    kind,
    country: (info?.country ?? loc.country ?? null)?.toUpperCase() || null,
    admin1,
    lat: finite(lat) && finite(lon) ? lat : null,
    lon: finite(lat) && finite(lon) ? lon : null,
    role: loc.role ?? 'target',
  };
}

export function distanceKm(aLat: number, aLon: number, bLat: number, bLon: number): number {
  const r = Math.PI / 180;
  const dLat = (bLat - aLat) * r;
  const dLon = (bLon - aLon) * r;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(aLat * r) * Math.cos(bLat * r) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

function bearingDeg(aLat: number, aLon: number, bLat: number, bLon: number): number {
  const r = Math.PI / 180;
  const y = Math.sin((bLon - aLon) * r) * Math.cos(bLat * r);
  const x = Math.cos(aLat * r) * Math.sin(bLat * r) - Math.sin(aLat * r) * Math.cos(bLat * r) * Math.cos((bLon - aLon) * r);
  return ((Math.atan2(y, x) / r) + 360) % 360;
}

const angleDiff = (a: number, b: number): number => {
  const d = Math.abs(a - b) % 360;
  return d > 180 ? 360 - d : d;
};

const subset = (a: string[], b: string[]): boolean => a.length > 0 && a.every((t) => b.includes(t));
const nameContained = (a: ComparePlace, b: ComparePlace): boolean =>
  subset(a.tokens, b.tokens) || subset(b.tokens, a.tokens);

const hasCoords = (p: ComparePlace): p is ComparePlace & { lat: number; lon: number } => p.lat !== null && p.lon !== null;
const isArea = (p: ComparePlace): boolean => p.kind === 'province' || p.kind === 'region';

/** Radius within which a point counts as inside an area known only by its centre, km. */
const AREA_RADIUS_KM: Record<string, number> = { province: 200, region: 300 };

/** A directional region ("western Iraq", "southern Red Sea") against another place. */
function directionalRelation(d: ComparePlace, o: ComparePlace): PlaceLevel {
  const baseCountry = countryCodeByName(d.base) ?? (d.base === '' ? d.country ?? undefined : undefined);
  if (baseCountry) {
    if (o.country && o.country !== baseCountry) return PLACE.unrelated;
    if (o.kind === 'country') return PLACE.country;
    if (o.bearing !== null && (countryCodeByName(o.base) ?? o.country) === baseCountry) {
      if (d.bearing === 'central' || o.bearing === 'central') return PLACE.near;
      return angleDiff(d.bearing as number, o.bearing) <= 90 ? PLACE.near : PLACE.unrelated;
    }
    const c = countryInfo(baseCountry);
    if (!hasCoords(o) || !c) return PLACE.country;
    const dist = distanceKm(c.lat, c.lon, o.lat, o.lon);
    // Near the middle of the country any direction fits; "central" fits anything but the fringes.
    if (dist <= 0.2 * c.radiusKm) return PLACE.near;
    if (d.bearing === 'central') return dist <= c.radiusKm ? PLACE.near : PLACE.unrelated;
    return angleDiff(d.bearing as number, bearingDeg(c.lat, c.lon, o.lat, o.lon)) <= 67.5 ? PLACE.near : PLACE.unrelated;
  }
  // A named feature with a direction ("southern Red Sea"): compare the feature.
  const baseTokens = d.base.split(' ').filter(Boolean);
  if (o.base === d.base || subset(baseTokens, o.tokens) || subset(o.tokens, baseTokens)) {
    if (o.bearing !== null && o.bearing !== 'central' && d.bearing !== 'central' && angleDiff(d.bearing as number, o.bearing) > 90) {
      return PLACE.unrelated;
    }
    return PLACE.near;
  }
  if (hasCoords(o) && hasCoords(d)) return distanceKm(d.lat, d.lon, o.lat, o.lon) <= AREA_RADIUS_KM.region! ? PLACE.near : PLACE.unrelated;
  return d.country && o.country === d.country ? PLACE.country : PLACE.unknown;
}

/**
 * How two single places relate. Symmetric. A reference point ("west of Baghdad", "near the Syrian
 * border") supports a match when it is close, but is never evidence of a different place.
 */
export function placeRelation(p: ComparePlace, q: ComparePlace): PlaceLevel {
  const r = directRelation(p, q);
  return r === PLACE.unrelated && (p.role === 'reference' || q.role === 'reference') ? PLACE.unknown : r;
}

function directRelation(p: ComparePlace, q: ComparePlace): PlaceLevel {
  if (p.country && q.country && p.country !== q.country) return PLACE.unrelated;
  const pc = p.kind === 'country';
  const qc = q.kind === 'country';
  if ((p.id && q.id && p.id === q.id) || (p.name !== '' && p.name === q.name)) return pc || qc ? PLACE.country : PLACE.same;
  if (pc || qc) return p.country && q.country ? PLACE.country : PLACE.unknown;
  if ((p.id && q.ancestors.includes(p.id)) || (q.id && p.ancestors.includes(q.id))) return PLACE.near;
  if (p.bearing !== null) return directionalRelation(p, q);
  if (q.bearing !== null) return directionalRelation(q, p);
  if ((p.id && q.admin1 === p.id) || (q.id && p.admin1 === q.id)) return PLACE.near;
  if ((p.parent && (p.parent === q.name || p.parent === q.base)) || (q.parent && (q.parent === p.name || q.parent === p.base))) {
    return PLACE.near;
  }
  const dist = hasCoords(p) && hasCoords(q) ? distanceKm(p.lat, p.lon, q.lat, q.lon) : null;
  if (isArea(p) || isArea(q)) {
    if (isArea(p) && isArea(q)) {
      if (dist !== null) return dist <= 30 ? PLACE.same : dist <= AREA_RADIUS_KM.region! && (p.kind === 'region' || q.kind === 'region') ? PLACE.near : PLACE.unrelated;
      if (nameContained(p, q)) return PLACE.near;
      return p.country && p.country === q.country ? PLACE.country : PLACE.unknown;
    }
    const area = isArea(p) ? p : q;
    const point = isArea(p) ? q : p;
    // The gazetteer's province of a point is authoritative unless the two are right next to each other
    // (a city can be its own first-level division, e.g. Kyiv inside Kyiv Oblast's outline).
    if (area.kind === 'province' && area.id && point.admin1 && point.admin1 !== area.id && (dist === null || dist > 60)) {
      return PLACE.unrelated;
    }
    if (dist !== null) return dist <= (AREA_RADIUS_KM[area.kind] ?? 200) ? PLACE.near : PLACE.unrelated;
    if (nameContained(p, q)) return PLACE.near;
    return p.country && p.country === q.country ? PLACE.country : PLACE.unknown;
  }
  if (dist !== null) {
    if (dist <= 10) return PLACE.same;
    const reference = p.role === 'reference' || q.role === 'reference';
    // Two different bases or sites are different targets; a city name often locates a base on its outskirts.
    const limit = reference ? 150 : p.kind === 'city' || q.kind === 'city' ? 35 : 10;
    return dist <= limit ? PLACE.near : PLACE.unrelated;
  }
  if (nameContained(p, q)) return PLACE.near;
  return p.country && p.country === q.country ? PLACE.country : PLACE.unknown;
}

export interface PlaceSetRelation {
  /** Best relation between the two claims' event places (targets and reference points). */
  level: PlaceLevel | 'none';
  /** Launch origins: both name one and they fit, conflict, or there is nothing to compare. */
  origin: 'agree' | 'conflict' | 'none';
  /** The pair that gave `level`. */
  pair?: [ComparePlace, ComparePlace];
}

function best(a: ComparePlace[], b: ComparePlace[]): { level: PlaceLevel; pair?: [ComparePlace, ComparePlace] } {
  let level: PlaceLevel = PLACE.unrelated;
  let pair: [ComparePlace, ComparePlace] | undefined;
  for (const p of a) {
    for (const q of b) {
      const r = placeRelation(p, q);
      if (!pair || r > level) {
        level = r;
        pair = [p, q];
      }
    }
  }
  return pair ? { level, pair } : { level };
}

/**
 * How two claims' place lists relate. Any compatible pair of event places is enough (a claim may name a
 * base and its province, or two targets); `level` is 'none' when either claim names no event place.
 */
export function placeSetRelation(a: ComparePlace[], b: ComparePlace[]): PlaceSetRelation {
  const aEv = a.filter((p) => p.role !== 'origin');
  const bEv = b.filter((p) => p.role !== 'origin');
  const aOr = a.filter((p) => p.role === 'origin');
  const bOr = b.filter((p) => p.role === 'origin');
  let origin: PlaceSetRelation['origin'] = 'none';
  if (aOr.length && bOr.length) {
    if (best(aOr, bOr).level >= PLACE.country) origin = 'agree';
    // Roles are easy to misread ("rockets fell short in Lebanon"): only a launch site that fits nothing
    // the other claim names is a conflict.
    else if (best(aOr, b).level < PLACE.country && best(bOr, a).level < PLACE.country) origin = 'conflict';
  }
  if (!aEv.length || !bEv.length) return { level: 'none', origin };
  const r = best(aEv, bEv);
  return r.pair ? { level: r.level, origin, pair: r.pair } : { level: r.level, origin };
}
