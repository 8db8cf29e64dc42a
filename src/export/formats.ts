/**
 * The claim record in the three export formats researchers asked for. Pure: rows in, text out, so the
 * API and the CLI stream the same bytes. CSV cells that a spreadsheet would run as a formula are
 * defused, because post text is written by strangers.
 */
import type { Claim, Quantity } from '../domain/claim.ts';

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

export const CSV_COLUMNS = [
  'claim_id',
  'status',
  'current',
  'incident_id',
  'revision',
  'event_type',
  'event_time_local',
  'event_time_tz',
  'event_time_utc',
  'event_time_precision',
  'event_time_approximate',
  'quantities',
  'places',
  'countries',
  'lat',
  'lon',
  'author',
  'source_kind',
  'source_name',
  'platform',
  'external_id',
  'version',
  'posted_at',
  'url',
  'hedges',
  'correction',
] as const;

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

export function csvLine(r: ExportRow): string {
  const c = r.claim;
  const t = c.event_time;
  const first = c.locations.find((l) => l.lat !== null && l.lon !== null);
  const values: Record<(typeof CSV_COLUMNS)[number], unknown> = {
    claim_id: r.claimId,
    status: r.status,
    current: r.isCurrent,
    incident_id: r.incidentId,
    revision: r.revision,
    event_type: c.event_type,
    event_time_local: t?.local,
    event_time_tz: t?.tz,
    event_time_utc: t?.utc,
    event_time_precision: t?.precision,
    event_time_approximate: t ? t.approximate : null,
    quantities: c.quantities.map((q) => `${quantityLabel(q)}=${formatQuantity(q)}`).join('; '),
    places: c.locations.map((l) => `${l.name} (${l.kind}${l.role ? `, ${l.role}` : ''})`).join('; '),
    countries: [...new Set(c.locations.map((l) => l.country).filter(Boolean))].join(' '),
    lat: first?.lat,
    lon: first?.lon,
    author: r.post.author,
    source_kind: r.post.sourceKind,
    source_name: r.post.sourceName,
    platform: r.post.platform,
    external_id: r.post.externalId,
    version: r.post.version,
    posted_at: r.post.postedAt.toISOString(),
    url: r.post.url,
    hedges: (c.hedges ?? []).join('; '),
    correction: c.correction ?? false,
  };
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

/** GeoJSON features for a claim: one Point per located place (places without coordinates are skipped). */
export function geojsonFeatures(r: ExportRow): string[] {
  const c = r.claim;
  return c.locations
    .filter((l) => typeof l.lat === 'number' && typeof l.lon === 'number' && Number.isFinite(l.lat) && Number.isFinite(l.lon))
    .map((l) =>
      JSON.stringify({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [l.lon, l.lat] },
        properties: {
          claim_id: r.claimId,
          status: r.status,
          incident_id: r.incidentId,
          event_type: c.event_type,
          place: l.name,
          place_kind: l.kind,
          place_role: l.role ?? null,
          country: l.country,
          event_time_utc: c.event_time?.utc ?? null,
          event_time_local: c.event_time?.local ?? null,
          event_time_precision: c.event_time?.precision ?? null,
          quantities: Object.fromEntries(c.quantities.map((q) => [quantityLabel(q), formatQuantity(q)])),
          author: r.post.author,
          source_kind: r.post.sourceKind,
          posted_at: r.post.postedAt.toISOString(),
          url: r.post.url,
        },
      }),
    );
}

/** Streams rows as one format; `first` tells the GeoJSON writer whether a comma is due. */
export function* encode(format: ExportFormat, rows: Iterable<ExportRow>, state: { features: number }): Generator<string> {
  for (const r of rows) {
    if (format === 'csv') yield csvLine(r);
    else if (format === 'jsonl') yield jsonlLine(r);
    else
      for (const f of geojsonFeatures(r)) {
        yield (state.features++ ? ',\n' : '') + f;
      }
  }
}
