/** An incident as the store persists it: plain JSON, reloadable, recomputable from its members. */
import { prepareRecord, type CompareContext, type PreparedRecord } from './evidence.ts';
import { compareRecordsByTime, type ClaimRecord } from './records.ts';
import { summarize, type IncidentSummary } from './summary.ts';

export interface IncidentState {
  id: string;
  /** Bumped on every change; event ids carry it. 1 for a new incident. */
  revision: number;
  /** Every claim applied to the incident, superseded versions included, in publication order. */
  members: ClaimRecord[];
  /** Derived from `members`; stored so readers need not recompute it. */
  summary: IncidentSummary;
}

/** Builds an incident state from its members (sorted into publication order). */
export function buildIncident(id: string, revision: number, members: readonly ClaimRecord[], ctx: CompareContext = {}, prepared?: readonly PreparedRecord[]): IncidentState {
  const sorted = [...members].sort(compareRecordsByTime);
  const byId = new Map((prepared ?? []).map((p) => [p.record, p]));
  const preps = sorted.map((r) => byId.get(r) ?? prepareRecord(r, ctx));
  return { id, revision, members: sorted, summary: summarize(preps) };
}
