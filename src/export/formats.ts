/**
 * The claim record in the three export formats researchers asked for. Pure: rows in, text out, so the
 * API and the CLI stream the same bytes. CSV cells that a spreadsheet would run as a formula are
 * defused, because post text is written by strangers.
 */
import type { Claim, Quantity } from '../domain/claim.ts';
import { countryName, eventDate, geoPrecision, notesOf, primaryLocation, timePrecision, totalOf } from './acled.ts';

export const EXPORT_FORMATS = ['csv', 'geojson', 'jsonl'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportRow {
  claimId: string;
  status: string;
  isCurrent: boolean;
  incidentId: string | null;
  revision: number;
  post: {
    id: string;
    platform: string;
    externalId: string;
    version: number;
    author: string;
    sourceKind: string;
    sourceName: string | null;
    url: string | null;
    postedAt: Date;
    deleted: boolean;
  };
  claim: Claim;
}

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  geojson: 'application/geo+json',
  jsonl: 'application/x-ndjson',
};

/** Interval notation for a count: "10", "~10", ">=10", ">10", "<=10", "<10", "3-4", "?". */
export function formatQuantity(q: Quantity): string {
  const n = (x: number | null) => (x === null ? '?' : String(x));
  switch (q.qualifier) {
    case 'exact':
      return n(q.value);
    case 'approximately':
      return `~${n(q.value)}`;
    case 'at_least':
      return `>=${n(q.min)}`;
    case 'more_than':
      return `>${n(q.min)}`;
    case 'at_most':
      return `<=${n(q.max)}`;
    case 'fewer_than':
      return `<${n(q.max)}`;
    case 'range':
      return `${n(q.min)}-${n(q.max)}`;
    case 'vague':
      return '?';
  }
}

function quantityLabel(q: Quantity): string {
  return q.group && q.group !== 'unspecified' ? `${q.what}(${q.group})` : q.what;
}

/**
 * ACLED-like columns first (a researcher's ACLED scripts read them by name), then ours. The meaning of
 * each, and how ours map onto ACLED's codes, is in README.md ("CSV columns") and src/export/acled.ts.
 */
export const CSV_COLUMNS = [
  'event_date',
  'time_precision',
  'event_type',
  'location',
  'country',
  'latitude',
  'longitude',
  'geo_precision',
  'fatalities_low',
  'fatalities_best',
  'fatalities_high',
  'injured_low',
  'injured_best',
  'injured_high',
  'source',
  'source_url',
  'notes',
  'claim_id',
  'incident_id',
  'status',
  'current',
  'revision',
  'posted_at',
  'event_date_from',
  'event_time_local',
  'event_time_tz',
  'event_time_utc',
  'event_time_precision',
  'event_time_approximate',
  'location_kind',
  'country_code',
  'places',
  'countries',
  'quantities',
  'hedges',
  'correction',
  'author',
  'source_kind',
  'platform',
  'external_id',
  'post_version',
  'post_deleted',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** RFC 4180 quoting; a leading = + - @ tab or CR gets a ' so spreadsheets show it as text. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (/^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvHeader(): string {
  return CSV_COLUMNS.join(',') + '\r\n';
}

/** The flat record of one claim: the CSV row, and the properties of its GeoJSON feature. */
export function flatRecord(r: ExportRow): Record<CsvColumn, string | number | boolean | null> {
  const c = r.claim;
  const t = c.event_time;
  const place = primaryLocation(c.locations);
  const located = place && typeof place.lat === 'number' && typeof place.lon === 'number';
  const date = eventDate(t, r.post.postedAt);
  const killed = totalOf(c.quantities, 'killed');
  const injured = totalOf(c.quantities, 'injured');
  return {
    event_date: date.date,
    time_precision: timePrecision(t),
    event_type: c.event_type,
    location: place?.name ?? null,
    country: countryName(place?.country ?? null),
    latitude: located ? place.lat : null,
    longitude: located ? place.lon : null,
    geo_precision: place ? geoPrecision(place.kind) : null,
    fatalities_low: killed?.low ?? null,
    fatalities_best: killed?.best ?? null,
    fatalities_high: killed?.high ?? null,
    injured_low: injured?.low ?? null,
    injured_best: injured?.best ?? null,
    injured_high: injured?.high ?? null,
    source: r.post.sourceName ?? r.post.author,
    source_url: r.post.url,
    notes: notesOf(c, formatQuantity),
    claim_id: r.claimId,
    incident_id: r.incidentId,
    status: r.status,
    current: r.isCurrent,
    revision: r.revision,
    posted_at: r.post.postedAt.toISOString(),
    event_date_from: date.fromPost ? 'posted_at' : 'event_time',
    event_time_local: t?.local ?? null,
    event_time_tz: t?.tz ?? null,
    event_time_utc: t?.utc ?? null,
    event_time_precision: t?.precision ?? null,
    event_time_approximate: t ? t.approximate : null,
    location_kind: place?.kind ?? null,
    country_code: place?.country ?? null,
    places: c.locations.map((l) => `${l.name} (${l.kind}${l.role ? `, ${l.role}` : ''})`).join('; '),
    countries: [...new Set(c.locations.map((l) => l.country).filter(Boolean))].join(' '),
    quantities: c.quantities.map((q) => `${quantityLabel(q)}=${formatQuantity(q)}`).join('; '),
    hedges: (c.hedges ?? []).join('; '),
    correction: c.correction ?? false,
    author: r.post.author,
    source_kind: r.post.sourceKind,
    platform: r.post.platform,
    external_id: r.post.externalId,
    post_version: r.post.version,
    post_deleted: r.post.deleted,
  };
}

export function csvLine(r: ExportRow): string {
  const values = flatRecord(r);
  return CSV_COLUMNS.map((k) => csvCell(values[k])).join(',') + '\r\n';
}

/** One JSON object per claim: the fixed claim format plus where it came from and its review state. */
export function jsonlLine(r: ExportRow): string {
  return (
    JSON.stringify({
      claim_id: r.claimId,
      status: r.status,
      current: r.isCurrent,
      incident_id: r.incidentId,
      revision: r.revision,
      post: {
        id: r.post.id,
        platform: r.post.platform,
        external_id: r.post.externalId,
        version: r.post.version,
        author: r.post.author,
        source_kind: r.post.sourceKind,
        source_name: r.post.sourceName,
        url: r.post.url,
        posted_at: r.post.postedAt.toISOString(),
        deleted: r.post.deleted,
      },
      claim: r.claim,
    }) + '\n'
  );
}

export const GEOJSON_HEAD = '{"type":"FeatureCollection","features":[\n';
export const GEOJSON_TAIL = '\n]}\n';

/**
 * The GeoJSON feature of a claim (RFC 7946): a Point at its event location ([lon, lat], WGS 84), or a null
 * geometry when that place has no coordinates (a directional region, an unlisted village) or the claim
 * names no place, so a layer keeps every claim and QGIS lists the unlocated ones without drawing them.
 * Properties are the CSV's columns, flat, as GIS tools want them.
 */
export function geojsonFeature(r: ExportRow): string {
  const props = flatRecord(r);
  const geometry = props.latitude !== null && props.longitude !== null ? { type: 'Point', coordinates: [props.longitude, props.latitude] } : null;
  return JSON.stringify({ type: 'Feature', id: r.claimId, geometry, properties: props });
}

/** Streams rows as one format; `first` tells the GeoJSON writer whether a comma is due. */
export function* encode(format: ExportFormat, rows: Iterable<ExportRow>, state: { features: number }): Generator<string> {
  for (const r of rows) {
    if (format === 'csv') yield csvLine(r);
    else if (format === 'jsonl') yield jsonlLine(r);
    else yield (state.features++ ? ',\n' : '') + geojsonFeature(r);
  }
}
