/** Invented reports at real places, built in the claim format, for the compare tests. */
import type { Claim, EventTime, EventType, Location, Quantity } from '../../../src/domain/claim.ts';
import type { PlaceInfo, PlaceInfoLookup } from '../../../src/compare/places.ts';
import type { ClaimRecord } from '../../../src/compare/records.ts';

type PlaceFixture = Omit<Location, 'mention' | 'role'> & { admin1?: string };

/** A few gazetteer entries (approximate real coordinates). */
export const PLACES = {
  alAsad: { place_id: 'iq-al-asad', name: 'Al Asad Air Base', country: 'IQ', kind: 'base', lat: 33.786, lon: 42.441, admin1: 'iq-anbar' },
  anbar: { place_id: 'iq-anbar', name: 'Anbar Governorate', country: 'IQ', kind: 'province', lat: 33.1, lon: 42.0 },
  westernIraq: { name: 'Western Iraq', country: 'IQ', kind: 'region', lat: null, lon: null },
  iraq: { place_id: 'iq', name: 'Iraq', country: 'IQ', kind: 'country', lat: 33.2, lon: 43.7 },
  erbil: { place_id: 'iq-erbil-city', name: 'Erbil', country: 'IQ', kind: 'city', lat: 36.191, lon: 44.009, admin1: 'iq-erbil' },
  erbilAirBase: { place_id: 'iq-erbil-airport', name: 'Erbil Air Base', country: 'IQ', kind: 'base', lat: 36.238, lon: 43.963, admin1: 'iq-erbil' },
  balad: { place_id: 'iq-balad', name: 'Balad Air Base', country: 'IQ', kind: 'base', lat: 33.94, lon: 44.361, admin1: 'iq-salahaddin' },
  taji: { place_id: 'iq-taji', name: 'Camp Taji', country: 'IQ', kind: 'base', lat: 33.529, lon: 44.276, admin1: 'iq-baghdad' },
  kharkiv: { place_id: 'ua-kharkiv', name: 'Kharkiv', country: 'UA', kind: 'city', lat: 49.994, lon: 36.231 },
} satisfies Record<string, PlaceFixture>;

export const lookup: PlaceInfoLookup = (id) => {
  const p = Object.values(PLACES).find((x: PlaceFixture) => x.place_id === id) as PlaceFixture | undefined;
  if (!p?.place_id) return undefined;
  const info: PlaceInfo = { id: p.place_id, kind: p.kind, country: p.country, lat: p.lat, lon: p.lon, admin1: p.admin1 ?? null };
  return info;
};

/** A claim location at a fixture place, under the mention the post used. */
export function at(place: PlaceFixture, mention = place.name, role: Location['role'] = 'target'): Location {
  const { admin1: _admin1, ...loc } = place;
  return { ...loc, mention, role };
}

export function count(what: string, value: number | null, qualifier: Quantity['qualifier'] = 'exact', group = 'unspecified', mention = ''): Quantity {
  const q: Quantity = { what, group, value: null, min: null, max: null, qualifier, mention: mention || `${value ?? 'some'} ${what}` };
  if (qualifier === 'at_least' || qualifier === 'more_than') q.min = value;
  else if (qualifier === 'at_most' || qualifier === 'fewer_than') q.max = value;
  else if (qualifier !== 'vague') q.value = value;
  return q;
}

/** Event time in a zone; utc is derived by the caller's precision (minute/hour only). */
export function time(local: string, tz: string | null, precision: EventTime['precision'], utc: string | null = null, approximate = false): EventTime {
  return { mention: local, local, tz, utc, precision, approximate };
}

export interface ReportSpec {
  id: string;
  author?: string;
  source?: string;
  kind?: string;
  postedAt: string;
  type?: EventType;
  time?: EventTime | null;
  places?: Location[];
  quantities?: Quantity[];
  seq?: number;
  version?: number;
  externalId?: string;
}

export function report(s: ReportSpec): ClaimRecord {
  const claim: Claim = {
    event_type: s.type ?? 'rocket_attack',
    quantities: s.quantities ?? [],
    event_time: s.time ?? null,
    locations: s.places ?? [],
  };
  const r: ClaimRecord = {
    id: s.id,
    postId: s.id,
    source: { kind: s.kind ?? 'news', name: s.source ?? s.author ?? s.id },
    postedAt: s.postedAt,
    claim,
  };
  if (s.author) r.author = s.author;
  if (s.seq !== undefined) r.seq = s.seq;
  if (s.externalId) {
    r.platform = 'x';
    r.externalId = s.externalId;
    r.version = s.version ?? 1;
  }
  return r;
}

/** Partition as sorted lists of record ids, to compare clusterings regardless of incident ids. */
export function partition(assignment: Map<string, string>): string[][] {
  const groups = new Map<string, string[]>();
  for (const [rec, inc] of assignment) groups.set(inc, [...(groups.get(inc) ?? []), rec]);
  return [...groups.values()].map((g) => g.sort()).sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
}

/** Every ordering of a short list. */
export function permutations<T>(xs: readonly T[]): T[][] {
  if (xs.length <= 1) return [xs.slice()];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((rest) => [x, ...rest]));
}
