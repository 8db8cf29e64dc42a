/**
 * Field-by-field comparison of an incident's reports: where independent sources agree, where they
 * conflict (and who said what), the versions of each source's figures, and the resulting status.
 * The summary is plain JSON; the store keeps it in incidents.summary.
 */
import type { EventType } from '../domain/claim.ts';
import type { PreparedRecord } from './evidence.ts';
import { typeRelation } from './eventTypes.ts';
import { PLACE, placeSetRelation } from './places.ts';
import { compareFigures, keyLabel, type Figure } from './quantities.ts';
import { isDated, timesConsistent, toIso, type ClaimTimes } from './time.ts';
import { compareRecordsByTime } from './records.ts';
import { analyseVersions, type MemberVersion, type SourceState, type VersionChange } from './versions.ts';

/** single_source: one independent source; corroborated: two agree on a field; disputed: a field conflicts. */
export type IncidentStatus = 'single_source' | 'corroborated' | 'disputed';

/** What one report said about a field. */
export interface Statement {
  recordId: string;
  postId: string;
  author: string | null;
  source: string;
  /** "10", "at least 10", "2021-03-03T04:20Z (minute)", "Al Asad Airbase". */
  value: string;
  /** The words of the post it was read from. */
  mention: string;
}

export type FieldName = 'quantity' | 'time' | 'place' | 'event_type';

/** Two independent sources that cannot both be right about a field. */
export interface Discrepancy {
  /** Stable id: field, key and the reports involved. */
  id: string;
  field: FieldName;
  /** Count key ("killed/unspecified") or the field name. */
  key: string;
  /** "killed", "injured (contractor)", "time". */
  label: string;
  a: Statement[];
  b: Statement[];
}

/** A field at least two independent sources agree on. */
export interface Agreement {
  field: FieldName;
  key: string;
  label: string;
  sources: string[];
}

export interface SourceSummary {
  label: string;
  kind: string | null;
  authors: string[];
  recordIds: string[];
  postIds: string[];
  currentRecordIds: string[];
}

/** The comparison of an incident's reports, as stored in incidents.summary (plain JSON). */
export interface IncidentSummary {
  status: IncidentStatus;
  event_type: EventType;
  /** Union of the members' possible event times (ISO): what the store indexes as window_start/window_end. */
  window: { start: string; end: string } | null;
  /** Countries of all places the members name (any role). */
  countries: string[];
  /**
   * Countries of the members' event places, for the store's candidate query; null when some event place
   * has no country (then the incident must not be filtered out by country).
   */
  eventCountries: string[] | null;
  /** The most precise time a current report gives. */
  time: { start: string; end: string; precision: string; mention: string; recordId: string } | null;
  places: { name: string; country: string | null; kind: string; lat: number | null; lon: number | null; place_id?: string; role: string; reports: number }[];
  sources: SourceSummary[];
  members: (MemberVersion & { postId: string; sourceLabel: string })[];
  /** Current figures per count, one statement per source. */
  quantities: { key: string; label: string; statements: Statement[] }[];
  agreements: Agreement[];
  discrepancies: Discrepancy[];
  versions: VersionChange[];
}

function statement(p: PreparedRecord, value: string, mention: string): Statement {
  return {
    recordId: p.record.id,
    postId: p.record.postId,
    author: p.record.author || null,
    source: p.record.source?.name || p.record.author || p.record.postId,
    value,
    mention,
  };
}

function figureStatements(figs: Figure[], src: SourceState): Statement[] {
  return figs.map((f) => {
    const from = src.figures.get(f.key)?.from ?? src.records[0]!;
    return statement(from, `${keyLabel(f.key)} ${f.text}`, f.mention);
  });
}

function timeValue(t: ClaimTimes): string {
  return `${toIso(t.strict.start)}..${toIso(t.strict.end)} (${t.basis})`;
}

function placeValue(p: PreparedRecord): string {
  return p.places
    .filter((x) => x.role !== 'origin')
    .map((x) => x.label)
    .join('; ');
}

const TYPE_PRIORITY: EventType[] = ['rocket_attack', 'missile_attack', 'drone_attack', 'airstrike', 'ied', 'small_arms', 'interception_report', 'other'];

function incidentType(current: PreparedRecord[]): EventType {
  const counts = new Map<EventType, number>();
  for (const p of current) {
    const t = p.claim.event_type;
    if (t && t !== 'other') counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  let best: EventType = 'other';
  let n = 0;
  for (const t of TYPE_PRIORITY) {
    const c = counts.get(t) ?? 0;
    if (c > n) {
      best = t;
      n = c;
    }
  }
  return best;
}

const pairId = (a: PreparedRecord[], b: PreparedRecord[]): string =>
  [...a.map((p) => p.record.id), '|', ...b.map((p) => p.record.id)].join(',');

/** Compares two independent sources field by field. */
function compareSources(x: SourceState, y: SourceState, agreements: Agreement[], discrepancies: Discrepancy[]): void {
  const fx = new Map([...x.figures].map(([k, v]) => [k, v.figure]));
  const fy = new Map([...y.figures].map(([k, v]) => [k, v.figure]));
  const fig = compareFigures(fx, fy);
  for (const key of fig.agree) agreements.push({ field: 'quantity', key, label: keyLabel(key), sources: [x.label, y.label] });
  for (const c of fig.conflicts) {
    const a = figureStatements(c.a.figures, x);
    const b = figureStatements(c.b.figures, y);
    discrepancies.push({
      id: `quantity:${c.key}:${[...a, '|', ...b].map((s) => (typeof s === 'string' ? s : s.recordId)).join(',')}`,
      field: 'quantity',
      key: c.key,
      label: keyLabel(c.key),
      a,
      b,
    });
  }

  let timeAgree = false;
  let timeConflict: [PreparedRecord, PreparedRecord] | null = null;
  let placeAgree = false;
  let placeConflict: [PreparedRecord, PreparedRecord] | null = null;
  let typeFits = false;
  let typeConflict: [PreparedRecord, PreparedRecord] | null = null;
  for (const p of x.current) {
    for (const q of y.current) {
      const tp = p.times;
      const tq = q.times;
      if (tp && tq && tp.basis !== 'posted' && tq.basis !== 'posted') {
        if (!timesConsistent(tp, tq)) timeConflict ??= [p, q];
        else if (isDated(tp) && isDated(tq)) timeAgree = true;
      }
      const pr = placeSetRelation(p.places, q.places);
      if (pr.level !== 'none') {
        if (pr.level >= PLACE.near) placeAgree = true;
        else if (pr.level === PLACE.unrelated) placeConflict ??= [p, q];
      }
      const tr = typeRelation(p.claim, q.claim);
      if (p.claim.event_type !== 'other' && q.claim.event_type !== 'other') {
        if (tr === 'conflict' || tr < 0) typeConflict ??= [p, q];
        else typeFits = true;
      }
    }
  }
  if (timeAgree) agreements.push({ field: 'time', key: 'time', label: 'time', sources: [x.label, y.label] });
  else if (timeConflict) {
    const [p, q] = timeConflict;
    discrepancies.push({
      id: `time:${pairId([p], [q])}`,
      field: 'time',
      key: 'time',
      label: 'time',
      a: [statement(p, timeValue(p.times!), p.claim.event_time?.mention ?? '')],
      b: [statement(q, timeValue(q.times!), q.claim.event_time?.mention ?? '')],
    });
  }
  if (placeAgree) agreements.push({ field: 'place', key: 'place', label: 'place', sources: [x.label, y.label] });
  else if (placeConflict) {
    const [p, q] = placeConflict;
    discrepancies.push({
      id: `place:${pairId([p], [q])}`,
      field: 'place',
      key: 'place',
      label: 'place',
      a: [statement(p, placeValue(p), p.claim.locations.map((l) => l.mention).join('; '))],
      b: [statement(q, placeValue(q), q.claim.locations.map((l) => l.mention).join('; '))],
    });
  }
  if (!typeFits && typeConflict) {
    const [p, q] = typeConflict;
    discrepancies.push({
      id: `event_type:${pairId([p], [q])}`,
      field: 'event_type',
      key: 'event_type',
      label: 'event type',
      a: [statement(p, p.claim.event_type, '')],
      b: [statement(q, q.claim.event_type, '')],
    });
  }
}

/** The comparison of an incident's members: status, agreements, discrepancies, versions. */
export function summarize(unordered: readonly PreparedRecord[]): IncidentSummary {
  const members = [...unordered].sort((a, b) => compareRecordsByTime(a.record, b.record));
  const va = analyseVersions(members);
  const agreements: Agreement[] = [];
  const discrepancies: Discrepancy[] = [];
  for (let i = 0; i < va.sources.length; i++) {
    for (let j = i + 1; j < va.sources.length; j++) compareSources(va.sources[i]!, va.sources[j]!, agreements, discrepancies);
  }
  const current = va.sources.flatMap((s) => s.current);

  let start = Infinity;
  let end = -Infinity;
  let best: IncidentSummary['time'] = null;
  let bestWidth = Infinity;
  for (const m of members) {
    const t = m.times;
    if (!t) continue;
    const w = t.far ?? t.match;
    start = Math.min(start, w.start);
    end = Math.max(end, w.end);
  }
  for (const m of current) {
    const t = m.times;
    if (!t || t.basis === 'posted') continue;
    const width = t.strict.end - t.strict.start;
    if (width < bestWidth) {
      bestWidth = width;
      best = { start: toIso(t.strict.start), end: toIso(t.strict.end), precision: t.basis, mention: m.claim.event_time?.mention ?? '', recordId: m.record.id };
    }
  }

  const countries = [...new Set(members.flatMap((m) => m.places.map((p) => p.country).filter((c): c is string => !!c)))].sort();
  const eventPlaces = members.flatMap((m) => m.places.filter((p) => p.role !== 'origin'));
  const eventCountries =
    eventPlaces.length && eventPlaces.every((p) => p.country) ? [...new Set(eventPlaces.map((p) => p.country!))].sort() : null;
  const placeMap = new Map<string, IncidentSummary['places'][number]>();
  for (const m of current) {
    for (const l of m.claim.locations) {
      const k = `${l.place_id ?? l.name}|${l.country ?? ''}|${l.role ?? 'target'}`;
      const prev = placeMap.get(k);
      if (prev) prev.reports++;
      else {
        const entry: IncidentSummary['places'][number] = { name: l.name, country: l.country, kind: l.kind, lat: l.lat, lon: l.lon, role: l.role ?? 'target', reports: 1 };
        if (l.place_id) entry.place_id = l.place_id;
        placeMap.set(k, entry);
      }
    }
  }

  const quantities = new Map<string, Statement[]>();
  for (const s of va.sources) {
    for (const [key, cf] of s.figures) {
      quantities.set(key, [...(quantities.get(key) ?? []), statement(cf.from, cf.figure.text, cf.figure.mention)]);
    }
  }

  const sourceOf = new Map(va.members.map((m) => [m.recordId, m.source]));
  const status: IncidentStatus = discrepancies.length ? 'disputed' : agreements.length ? 'corroborated' : 'single_source';
  return {
    status,
    event_type: incidentType(current),
    window: Number.isFinite(start) ? { start: toIso(start), end: toIso(end) } : null,
    countries,
    eventCountries,
    time: best,
    places: [...placeMap.values()],
    sources: va.sources.map((s) => ({
      label: s.label,
      kind: s.records[0]?.record.source?.kind ?? null,
      authors: [...new Set(s.records.map((r) => r.record.author).filter((a): a is string => !!a))],
      recordIds: s.records.map((r) => r.record.id),
      postIds: s.records.map((r) => r.record.postId),
      currentRecordIds: s.current.map((r) => r.record.id),
    })),
    members: members.map((m, i) => ({
      ...va.members[i]!,
      postId: m.record.postId,
      sourceLabel: va.sources[sourceOf.get(m.record.id) ?? 0]?.label ?? '',
    })),
    quantities: [...quantities].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, statements]) => ({ key, label: keyLabel(key), statements })),
    agreements,
    discrepancies,
    versions: va.changes,
  };
}
