/**
 * Incident matching over a list of claims held in memory, in arrival order: what the cluster verb and
 * the tests use, and the reference behaviour for the match worker (same candidate query, same applyClaim).
 */
import type { CompareContext } from './evidence.ts';
import type { IncidentEvent } from './events.ts';
import type { IncidentState } from './incident.ts';
import { applyClaim, candidateWindow, isCandidate } from './match.ts';
import { postKey, type ClaimRecord } from './records.ts';

/** Incidents built from a list of records. */
export interface ClusterResult {
  /** Incidents in creation order. */
  incidents: IncidentState[];
  /** Record id -> incident id, after all merges. */
  assignment: Map<string, string>;
  events: IncidentEvent[];
}

export interface ClusterOptions extends CompareContext {
  /** Id for the n-th incident created (1-based); default "inc-n". */
  incidentId?: (n: number) => string;
  threshold?: number;
}

/** Applies the records one by one, as the match worker would against a store. */
export function clusterRecords(records: readonly ClaimRecord[], options: ClusterOptions = {}): ClusterResult {
  let incidents: IncidentState[] = [];
  const events: IncidentEvent[] = [];
  let created = 0;
  const naming = options.incidentId ?? ((n: number) => `inc-${n}`);
  const ctx = {
    placeInfo: options.placeInfo,
    placeAncestors: options.placeAncestors,
    ...(options.threshold !== undefined ? { threshold: options.threshold } : {}),
    newIncidentId: () => naming(++created),
  };
  for (const record of records) {
    const q = candidateWindow(record, ctx);
    // As the store must: the incident already holding this claim or an earlier version of its post is always a candidate.
    const pk = postKey(record);
    const holds = (i: IncidentState): boolean => i.members.some((m) => m.id === record.id || (pk !== undefined && postKey(m) === pk));
    const candidates = incidents.filter((i) => holds(i) || isCandidate(i, q));
    const out = applyClaim(record, candidates, ctx);
    if (!out.changed) continue;
    events.push(...out.events);
    const gone = new Set(out.absorbed.map((a) => a.id));
    const at = incidents.findIndex((i) => i.id === out.incident.id);
    incidents = incidents.filter((i) => !gone.has(i.id) || i.id === out.incident.id);
    if (at >= 0) incidents = incidents.map((i) => (i.id === out.incident.id ? out.incident : i));
    else incidents.push(out.incident);
  }
  const assignment = new Map<string, string>();
  for (const i of incidents) for (const m of i.members) assignment.set(m.id, i.id);
  return { incidents, assignment, events };
}
