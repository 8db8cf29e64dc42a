/**
 * Domain events for alerts, found by diffing an incident's summary before and after a claim was applied.
 * Ids are `<type>:<incidentId>:<revision>`, so applying the same claim again (same revision) gives the
 * same ids and the store's unique key makes re-emitting a no-op.
 */
import type { IncidentStatus, IncidentSummary } from './summary.ts';
import type { IncidentState } from './incident.ts';

export const INCIDENT_EVENT_TYPES = ['incident.created', 'incident.corroborated', 'incident.disputed', 'incident.updated'] as const;
export type IncidentEventType = (typeof INCIDENT_EVENT_TYPES)[number];

/** One outbox event (events table: id, type, subject, payload). */
export interface IncidentEvent {
  /** `<type>:<incidentId>:<revision>`. */
  id: string;
  type: IncidentEventType;
  /** The incident id. */
  subject: string;
  revision: number;
  payload: Record<string, unknown>;
}

/** `<type>:<incidentId>:<revision>`: the same change always gets the same id. */
export function eventId(type: IncidentEventType, incidentId: string, revision: number): string {
  return `${type}:${incidentId}:${revision}`;
}

/** What triggered the change, for the payloads. */
export interface ChangeCause {
  /** The claim record that was applied. */
  recordId?: string;
  /** Incidents folded into this one by a bridging claim. */
  mergedFrom?: string[];
}

function brief(s: IncidentSummary): Record<string, unknown> {
  return {
    status: s.status,
    event_type: s.event_type,
    window: s.window,
    countries: s.countries,
    time: s.time,
    places: s.places,
    sources: s.sources.map((x) => x.label),
  };
}

/** Human-readable lines describing what changed between two summaries. */
export function summaryDiff(before: IncidentSummary, after: IncidentSummary): string[] {
  const lines: string[] = [];
  if (before.status !== after.status) lines.push(`status ${before.status} -> ${after.status}`);
  const oldSources = new Set(before.sources.map((s) => s.label));
  for (const s of after.sources) if (!oldSources.has(s.label)) lines.push(`new source ${s.label}`);
  const oldVersions = new Set(before.versions.map((v) => `${v.fromRecordId}>${v.toRecordId}`));
  for (const v of after.versions) {
    if (oldVersions.has(`${v.fromRecordId}>${v.toRecordId}`)) continue;
    for (const c of v.changes) lines.push(`${v.source}: ${c.text}`);
  }
  const oldDisc = new Set(before.discrepancies.map((d) => d.id));
  for (const d of after.discrepancies) {
    if (oldDisc.has(d.id)) continue;
    lines.push(`${d.label}: ${d.a.map((s) => `${s.source} says ${s.value}`).join(', ')} vs ${d.b.map((s) => `${s.source} says ${s.value}`).join(', ')}`);
  }
  const newDisc = new Set(after.discrepancies.map((d) => d.id));
  for (const d of before.discrepancies) if (!newDisc.has(d.id)) lines.push(`resolved: ${d.label}`);
  return lines;
}

const corroborated = (s: IncidentStatus | undefined): boolean => s === 'corroborated';

/**
 * Events for one applied change: created for a new incident; corroborated when the status becomes
 * corroborated; disputed when a new discrepancy appears; updated for any other change of an existing
 * incident (with the diff).
 */
export function incidentEvents(before: IncidentState | null, after: IncidentState, cause: ChangeCause = {}): IncidentEvent[] {
  const events: IncidentEvent[] = [];
  const make = (type: IncidentEventType, payload: Record<string, unknown>): void => {
    events.push({ id: eventId(type, after.id, after.revision), type, subject: after.id, revision: after.revision, payload: { incident_id: after.id, revision: after.revision, ...payload } });
  };
  const s = after.summary;
  if (!before) {
    make('incident.created', { record_id: cause.recordId ?? null, merged_from: cause.mergedFrom ?? [], summary: brief(s) });
  }
  if (!corroborated(before?.summary.status) && corroborated(s.status)) {
    make('incident.corroborated', { agreements: s.agreements, sources: s.sources.map((x) => x.label) });
  }
  const oldDisc = new Set(before?.summary.discrepancies.map((d) => d.id) ?? []);
  const added = s.discrepancies.filter((d) => !oldDisc.has(d.id));
  if (added.length) make('incident.disputed', { discrepancies: added, status: s.status });
  if (before) {
    const diff = summaryDiff(before.summary, s);
    const oldMembers = new Set(before.members.map((m) => m.id));
    const addedRecords = after.members.filter((m) => !oldMembers.has(m.id)).map((m) => m.id);
    make('incident.updated', {
      record_id: cause.recordId ?? null,
      added_records: addedRecords,
      merged_from: cause.mergedFrom ?? [],
      status: { from: before.summary.status, to: s.status },
      versions: s.versions.filter((v) => !before.summary.versions.some((o) => o.fromRecordId === v.fromRecordId && o.toRecordId === v.toRecordId)),
      diff,
    });
  }
  return events;
}
