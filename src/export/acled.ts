/**
 * ACLED-style coding of a claim, so researchers can load our exports next to ACLED data: the event date
 * and its precision, the event's location and its precision, and fatality counts as low / best / high.
 * Pure; the rules are documented in README.md ("CSV columns") and follow ACLED's codebook where it has
 * one (time_precision 1-3, geo_precision 1-3, the most conservative count as the best estimate).
 */
import worldCountries, { type Country } from 'world-countries';
import type { Claim, EventTime, Location, PlaceKind, Quantity } from '../domain/claim.ts';

/** ACLED time_precision: 1 the day is known, 2 within about a week, 3 only the month. */
export type TimePrecision = 1 | 2 | 3;
/** ACLED geo_precision: 1 the town or site, 2 near a town / part of a region, 3 a province or a country. */
export type GeoPrecision = 1 | 2 | 3;

const DAY_MS = 86_400_000;

function dateOnly(s: string | null | undefined): string | null {
  if (!s) return null;
  if (/^\d{4}-\d{2}$/.test(s)) return `${s}-01`;
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(s);
  return m ? m[1]! : null;
}

/**
 * The event's date (YYYY-MM-DD): the UTC date when the event time is known to the minute or hour, the
 * local calendar date for a day or part of a day (a day has no single UTC date), the 1st for a month, and
 * the post's UTC date when the claim has no event time (ACLED likewise dates an event by its report).
 */
export function eventDate(t: EventTime | null, postedAt: Date): { date: string; fromPost: boolean } {
  const d = dateOnly(t?.utc) ?? dateOnly(t?.local);
  return d ? { date: d, fromPost: false } : { date: postedAt.toISOString().slice(0, 10), fromPost: true };
}

/**
 * Our precision -> ACLED's: minute, hour, part of day and day give 1 (the day is known); an approximate
 * day ("around Tuesday") or a span of up to a week gives 2; a month, or a span longer than a week, gives
 * 3; no event time (dated by the post) gives 2, as the event happened on or shortly before the report.
 * An approximate clock time ("at approx 7:20") still names its day, so it stays 1.
 */
export function timePrecision(t: EventTime | null): TimePrecision {
  if (!t || !t.precision) return 2;
  if (t.precision === 'month') return 3;
  const start = dateOnly(t.local);
  const end = dateOnly(t.local_end);
  if (start && end) {
    const days = (Date.parse(end) - Date.parse(start)) / DAY_MS;
    if (days > 7) return 3;
    if (days >= 1) return 2;
  }
  if (t.precision === 'day' && t.approximate) return 2;
  return 1;
}

const GEO_PRECISION: Record<PlaceKind, GeoPrecision> = { base: 1, site: 1, city: 1, region: 2, province: 3, country: 3 };

export function geoPrecision(kind: PlaceKind): GeoPrecision {
  return GEO_PRECISION[kind];
}

const ROLE_RANK: Record<string, number> = { target: 0, none: 1, reference: 2, origin: 3 };

/**
 * Where the event happened: a target first, then a place without a role, then a reference point, and a
 * launch origin last (rockets fired from A at B happened at B); within a rank, a place with coordinates
 * before one without, then text order.
 */
export function primaryLocation(locations: readonly Location[]): Location | undefined {
  const hasCoords = (l: Location) => (typeof l.lat === 'number' && typeof l.lon === 'number' && Number.isFinite(l.lat) && Number.isFinite(l.lon) ? 0 : 1);
  return locations
    .map((l, i) => ({ l, i }))
    .sort((a, b) => ROLE_RANK[a.l.role ?? 'none']! - ROLE_RANK[b.l.role ?? 'none']! || hasCoords(a.l) - hasCoords(b.l) || a.i - b.i)[0]?.l;
}

export interface CountRange {
  low: number | null;
  best: number | null;
  /** null: no upper bound was stated ("at least 10"). */
  high: number | null;
}

/**
 * One count as low / best / high. The best is the number the source states, and ACLED's conservative
 * end where it states two: exact and "about" n give n/n/n; "at least" n gives n/n/-; "more than" n
 * gives n+1/n+1/-; "up to" n gives 0/n/n; "fewer than" n gives 0/n-1/n-1; a range a-b gives a/a/b;
 * a vague count ("several") gives 1/-/-.
 */
export function countRange(q: Quantity): CountRange {
  switch (q.qualifier) {
    case 'exact':
    case 'approximately':
      return q.value === null ? { low: null, best: null, high: null } : { low: q.value, best: q.value, high: q.value };
    case 'at_least':
      return { low: q.min, best: q.min, high: null };
    case 'more_than':
      return q.min === null ? { low: null, best: null, high: null } : { low: q.min + 1, best: q.min + 1, high: null };
    case 'at_most':
      return { low: 0, best: q.max, high: q.max };
    case 'fewer_than':
      return q.max === null ? { low: 0, best: null, high: null } : { low: 0, best: Math.max(0, q.max - 1), high: Math.max(0, q.max - 1) };
    case 'range':
      return { low: q.min, best: q.min, high: q.max };
    case 'vague':
      return { low: 1, best: null, high: null };
  }
}

function add(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : a + b;
}

function sum(ranges: CountRange[]): CountRange {
  return ranges.reduce((acc, r) => ({ low: add(acc.low, r.low), best: add(acc.best, r.best), high: add(acc.high, r.high) }), { low: 0, best: 0, high: 0 });
}

/** The larger of two bounds; null (unbounded / unknown) wins for `high`, loses otherwise. */
function larger(a: number | null, b: number | null, nullWins: boolean): number | null {
  if (a === null || b === null) return nullWins ? null : (a ?? b);
  return Math.max(a, b);
}

/**
 * The total of one kind of count (`killed`, `injured`) over a claim: counts of different groups add up
 * (3 civilians and 2 soldiers killed: 5); a count without a group is a total, so it is not added to a
 * breakdown ("5 killed, including 3 civilians": 5) and the larger of the two stands. Null when the claim
 * says nothing about this count (an empty cell, unlike "no casualties", which is 0).
 */
export function totalOf(quantities: readonly Quantity[], what: string): CountRange | null {
  const qs = quantities.filter((q) => q.what === what);
  if (!qs.length) return null;
  const grouped = qs.filter((q) => q.group && q.group !== 'unspecified').map(countRange);
  const totals = qs.filter((q) => !q.group || q.group === 'unspecified').map(countRange);
  const breakdown = grouped.length ? sum(grouped) : null;
  const total = totals.length ? totals.reduce((a, b) => ({ low: larger(a.low, b.low, false), best: larger(a.best, b.best, false), high: larger(a.high, b.high, true) })) : null;
  if (!breakdown) return total;
  if (!total) return breakdown;
  return { low: larger(total.low, breakdown.low, false), best: larger(total.best, breakdown.best, false), high: larger(total.high, breakdown.high, true) };
}

// The package is CommonJS: typed as a namespace under NodeNext, an array at run time.
const countries: Country[] = Array.isArray(worldCountries) ? (worldCountries as Country[]) : (worldCountries as unknown as { default: Country[] }).default;
let names: Map<string, string> | undefined;

/** English short name of an ISO 3166-1 alpha-2 code ("IQ" -> "Iraq"); the code itself when unknown. */
export function countryName(code: string | null): string | null {
  if (!code) return null;
  names ??= new Map(countries.map((c) => [c.cca2, c.name.common]));
  return names.get(code.toUpperCase()) ?? code;
}

/** A short English summary for ACLED's `notes`: counts, places, hedges; not the post's text. */
export function notesOf(claim: Claim, formatQuantity: (q: Quantity) => string): string {
  const parts: string[] = [];
  const label = (q: Quantity) => (q.group && q.group !== 'unspecified' ? `${q.what} (${q.group})` : q.what);
  if (claim.quantities.length) parts.push(`Counts: ${claim.quantities.map((q) => `${label(q)} ${formatQuantity(q)}`).join(', ')}.`);
  if (claim.locations.length) parts.push(`Places: ${claim.locations.map((l) => (l.role ? `${l.name} (${l.role})` : l.name)).join(', ')}.`);
  if (claim.hedges?.length) parts.push(`Hedged: ${claim.hedges.join('; ')}.`);
  if (claim.correction) parts.push('Corrects an earlier report.');
  return parts.join(' ');
}
