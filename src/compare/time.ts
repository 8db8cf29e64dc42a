/**
 * When a claim says its event happened, as UTC windows that respect the claim's precision.
 * Pure: the post time comes from the record, zones are resolved with Intl.
 */
import type { EventTime } from '../domain/claim.ts';
import type { ClaimRecord } from './records.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
/** Any wall-clock time lies within these offsets of UTC (UTC-12 .. UTC+14). */
const MAX_WEST = 12 * HOUR;
const MAX_EAST = 14 * HOUR;

/** A closed interval of UTC milliseconds. */
export interface Window {
  start: number;
  end: number;
}

export type TimeBasis = 'minute' | 'hour' | 'part_of_day' | 'day' | 'month' | 'posted';

/** The windows one claim allows for its event. */
export interface ClaimTimes {
  basis: TimeBasis;
  /** Generous window used for matching: reports of one event differ by a few minutes or hours. */
  match: Window;
  /** Tight window used to call two reports' times consistent or conflicting. */
  strict: Window;
  /** Only for claims without a usable event time: the longer look-back a late report may need. */
  far: Window | null;
  /** The stated event time when it has no zone (its windows then allow every offset). */
  zoneless: EventTime | null;
  /** The zone of the stated event time. */
  zone: string | null;
}

const dtfCache = new Map<string, Intl.DateTimeFormat | null>();
function formatter(tz: string): Intl.DateTimeFormat | null {
  if (!dtfCache.has(tz)) {
    try {
      dtfCache.set(
        tz,
        new Intl.DateTimeFormat('en-US', {
          timeZone: tz,
          hourCycle: 'h23',
          year: 'numeric',
          month: '2-digit',
          day: '2-digit',
          hour: '2-digit',
          minute: '2-digit',
          second: '2-digit',
        }),
      );
    } catch {
      dtfCache.set(tz, null);
    }
  }
  return dtfCache.get(tz) ?? null;
}

/** Offset of `tz` from UTC at instant `utcMs`, in ms; null for an unknown zone. */
function zoneOffset(utcMs: number, tz: string): number | null {
  const f = formatter(tz);
  if (!f) return null;
  const parts: Record<string, number> = {};
  for (const p of f.formatToParts(new Date(utcMs))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const asUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour! % 24, parts.minute!, parts.second!);
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/** UTC instant of a wall-clock time (given as if it were UTC ms) in `tz`; null for an unknown zone. */
export function wallToUtc(wallMs: number, tz: string): number | null {
  const first = zoneOffset(wallMs, tz);
  if (first === null) return null;
  let t = wallMs - first;
  const second = zoneOffset(t, tz);
  if (second !== null && second !== first) t = wallMs - second;
  return t;
}

interface Local {
  /** Start of the named period, as if the wall clock were UTC. */
  wall: number;
  precisionOfText: 'minute' | 'day' | 'month';
  /** Length of the named period (a minute, a day, a month). */
  length: number;
}

function parseLocal(s: string | null | undefined): Local | null {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2}))?)?/.exec(String(s ?? '').trim());
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]) - 1;
  if (mo < 0 || mo > 11) return null;
  if (m[3] === undefined) return { wall: Date.UTC(y, mo, 1), precisionOfText: 'month', length: Date.UTC(y, mo + 1, 1) - Date.UTC(y, mo, 1) };
  const d = Number(m[3]);
  if (d < 1 || d > 31) return null;
  if (m[4] === undefined) return { wall: Date.UTC(y, mo, d), precisionOfText: 'day', length: DAY };
  return { wall: Date.UTC(y, mo, d, Number(m[4]), Number(m[5])), precisionOfText: 'minute', length: MIN };
}

/** UTC window of a wall-clock period; an unknown zone widens it by every possible offset. */
function periodToUtc(wall: number, length: number, tz: string | null): Window {
  const start = tz ? wallToUtc(wall, tz) : null;
  const end = tz ? wallToUtc(wall + length, tz) : null;
  if (start === null || end === null) return { start: wall - MAX_EAST, end: wall + length + MAX_WEST };
  return { start, end };
}

function widen(w: Window, before: number, after = before): Window {
  return { start: w.start - before, end: w.end + after };
}

/** Milliseconds of an ISO date or date-time; a date-time without a zone is read as UTC (never the machine's zone). */
export function parseInstant(s: string | null | undefined): number {
  const t = String(s ?? '').trim();
  if (/T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(t)) return Date.parse(t + 'Z');
  return Date.parse(t);
}

/** Earliest and latest instants the post may have been published (a bare date spans a day in an unknown zone). */
export function postedWindow(postedAt: string): Window | null {
  const s = String(postedAt ?? '').trim();
  const t = parseInstant(s);
  if (!Number.isFinite(t)) return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return { start: t - MAX_EAST, end: t + DAY + MAX_WEST };
  return { start: t, end: t };
}

/** How far back a report without an event time may refer: breaking reports within a day and a half, late briefings within two weeks. */
const FALLBACK_NEAR = 36 * HOUR;
const FALLBACK_FAR = 14 * DAY;

function eventWindows(et: EventTime): { basis: TimeBasis; match: Window; strict: Window } | null {
  const local = parseLocal(et.local);
  if (!local || !et.precision) return null;
  const approx = et.approximate === true;
  const tz = et.tz || null;
  const end = parseLocal(et.local_end ?? null);
  const span = (w: Window): Window => {
    if (!end) return w;
    const e = periodToUtc(end.wall, end.length, tz);
    return e.end > w.end ? { start: w.start, end: e.end } : w;
  };
  switch (et.precision) {
    case 'minute':
    case 'hour': {
      let point: Window | null = null;
      const utc = et.utc ? parseInstant(et.utc) : Number.NaN;
      if (Number.isFinite(utc)) point = { start: utc, end: utc };
      else if (local.precisionOfText === 'minute') point = periodToUtc(local.wall, 0, tz);
      else point = periodToUtc(local.wall, DAY, tz);
      const hour = et.precision === 'hour';
      const strictSlack = (hour ? HOUR : 15 * MIN) * (approx ? 1.5 : 1);
      const matchSlack = (hour ? 2 * HOUR : HOUR) * (approx ? 1.5 : 1);
      return { basis: et.precision, match: span(widen(point, matchSlack)), strict: span(widen(point, strictSlack)) };
    }
    case 'part_of_day':
    case 'day': {
      const day = periodToUtc(Math.floor(local.wall / DAY) * DAY, DAY, tz);
      // "Overnight"/"the night of D" is annotated as day D, so a part of day may start the evening before.
      const strict = et.precision === 'part_of_day' ? widen(day, 6 * HOUR, 0) : day;
      return { basis: et.precision, match: span(widen(strict, 3 * HOUR)), strict: span(strict) };
    }
    case 'month': {
      const d = new Date(local.wall);
      const wall = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
      const month = periodToUtc(wall, Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) - wall, tz);
      return { basis: 'month', match: span(widen(month, DAY)), strict: span(month) };
    }
    default:
      return null;
  }
}

/**
 * The windows a record allows for its event. A claim without a usable event time falls back to its post
 * time: the event happened before the post, most likely within a day and a half (`match`), at most two
 * weeks before (`far`). An event time later than the post (a misread year or date) is not trusted.
 */
export function claimTimes(record: ClaimRecord): ClaimTimes | null {
  const posted = postedWindow(record.postedAt);
  const et = record.claim?.event_time ?? null;
  const ev = et ? eventWindows(et) : null;
  const zone = et?.tz && formatter(et.tz) ? et.tz : null;
  const stated = (): ClaimTimes => ({ ...ev!, far: null, zone, zoneless: zone ? null : et });
  if (ev && (!posted || ev.strict.start <= posted.end + 12 * HOUR)) return stated();
  if (!posted) return ev ? stated() : null;
  const strict = { start: posted.start - FALLBACK_NEAR, end: posted.end };
  return { basis: 'posted', match: strict, strict, far: { start: posted.start - FALLBACK_FAR, end: posted.end }, zone: null, zoneless: null };
}

export type TimeRelation = 'precise' | 'day' | 'loose' | 'far' | 'conflict' | 'unknown';

const overlaps = (a: Window, b: Window): boolean => a.start <= b.end && b.start <= a.end;
const width = (w: Window): number => w.end - w.start;

/** Whether two claims' times allow one event, and how tightly they pin it. */
export function timeRelation(a: ClaimTimes | null, b: ClaimTimes | null): TimeRelation {
  if (!a || !b) return 'unknown';
  if (overlaps(a.match, b.match)) {
    // A post time only bounds the event; it never pins it to a day.
    if (a.basis === 'posted' || b.basis === 'posted') return 'loose';
    let am = a.match;
    let bm = b.match;
    if (a.zoneless || b.zoneless) {
      // A time without a zone allows every offset, which is enough not to rule a match out but too wide to
      // support one. Reports of one event usually share its zone: read the zoneless time in the other's.
      const zone = (a.zoneless ? b.zone : a.zone) ?? 'UTC';
      const ra = a.zoneless ? eventWindows({ ...a.zoneless, tz: zone, utc: null }) : a;
      const rb = b.zoneless ? eventWindows({ ...b.zoneless, tz: zone, utc: null }) : b;
      if (!ra || !rb || !overlaps(ra.match, rb.match)) return 'loose';
      am = ra.match;
      bm = rb.match;
    }
    const w = Math.max(width(am), width(bm));
    if (w <= 6 * HOUR) return 'precise';
    if (w <= 40 * HOUR) return 'day';
    return 'loose';
  }
  if ((a.far && overlaps(a.far, b.match)) || (b.far && overlaps(b.far, a.match))) return 'far';
  return 'conflict';
}

/** Whether two claims' stated times are consistent within their precision (both must state a time). */
export function timesConsistent(a: ClaimTimes, b: ClaimTimes): boolean {
  return overlaps(a.strict, b.strict);
}

/** Whether a claim pins its event to a day or better (so agreeing on it corroborates). */
export function isDated(t: ClaimTimes): boolean {
  return t.basis !== 'posted' && t.basis !== 'month' && width(t.strict) <= 40 * HOUR;
}

export function toIso(ms: number): string {
  return new Date(ms).toISOString();
}
