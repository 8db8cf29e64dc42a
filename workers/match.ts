/**
 * match: claim -> incident. Loads the candidates the incident engine asks for, applies the claim (pure,
 * src/compare), and writes the new incident state, its members and its events in one transaction, under
 * an advisory lock so two workers never found two incidents for one event. A rejected claim or a deleted
 * post leaves its incident, which is recomputed without it.
 */
import { applyClaim, buildIncident, candidateWindow, incidentEvents, type CompareContext, type IncidentEvent } from '../src/compare/index.ts';
import { PermanentJobError, type Handler } from '../src/queue/runtime.ts';
import { markDispatched, recordEvent } from '../src/store/events.ts';
import { candidateIncidents, claimRecord, getIncidentState, lockMatching, nextIncidentId, saveIncident } from '../src/store/incidents.ts';
import { incidentAlertFields, type ReviewStatus } from '../src/domain/alertView.ts';
import type { IncidentState } from '../src/compare/index.ts';
import type { Db } from '../src/store/schema.ts';
import type { WorkerDeps } from './deps.ts';

/**
 * What alert filters read from an incident event (accounts, countries, places, figures, review status),
 * from the incident's current, not rejected, member claims.
 */
async function withAlertFields(tx: Db, incident: IncidentState, events: IncidentEvent[]): Promise<IncidentEvent[]> {
  if (!events.length) return events;
  const ids = incident.members.map((m) => m.id);
  const rows = ids.length
    ? await tx.selectFrom('claims').select(['id', 'status', 'is_current']).where('id', 'in', ids).execute()
    : [];
  const state = new Map(rows.map((r) => [r.id, r]));
  const claims = incident.members
    .filter((m) => state.get(m.id)?.is_current !== false && state.get(m.id)?.status !== 'rejected')
    .map((m) => ({ claim: m.claim, author: m.author ?? null, status: (state.get(m.id)?.status ?? 'pending') as ReviewStatus }));
  const alert = incidentAlertFields({ status: incident.summary.status, claims });
  return events.map((e) => ({ ...e, payload: { ...e.payload, alert } }));
}

export function matchHandler(deps: WorkerDeps, compare: CompareContext = {}): Handler<'match'> {
  return async ({ claimId }, ctx) => {
    const db = deps.store.db;
    const result = await db.transaction().execute(async (tx) => {
      await lockMatching(tx);
      const found = await claimRecord(tx, claimId);
      if (!found) throw new PermanentJobError(`claim ${claimId} does not exist`);
      const { record } = found;
      let events: IncidentEvent[] = [];
      let incidentId: string | null;

      if (found.status === 'rejected' || found.postDeleted) {
        // Withdraw: the incident is recomputed from its other members.
        const holder = found.incidentId ? await getIncidentState(tx, found.incidentId) : undefined;
        if (!holder || !holder.members.some((m) => m.id === record.id)) return { incidentId: null, events, action: 'none' as const };
        const rest = holder.members.filter((m) => m.id !== record.id);
        const next = buildIncident(holder.id, holder.revision + 1, rest, compare);
        events = await withAlertFields(tx, next, incidentEvents(holder, next, { recordId: record.id }));
        await saveIncident(tx, next);
        await tx.updateTable('claims').set({ incident_id: null }).where('id', '=', record.id).execute();
        for (const e of events) await recordEvent(tx, { id: e.id, type: e.type, subject: `incident:${e.subject}`, payload: e.payload });
        return { incidentId: null, events, action: 'withdrawn' as const };
      }

      const q = candidateWindow(record, compare);
      const candidates = await candidateIncidents(tx, record, q);
      const freshId = await nextIncidentId(tx);
      const outcome = applyClaim(record, candidates, { ...compare, newIncidentId: () => freshId });
      incidentId = outcome.incident.id;
      if (!outcome.changed) {
        if (found.incidentId !== incidentId) await tx.updateTable('claims').set({ incident_id: incidentId }).where('id', '=', record.id).execute();
        return { incidentId, events, action: 'unchanged' as const };
      }
      await saveIncident(tx, outcome.incident, outcome.absorbed);
      events = await withAlertFields(tx, outcome.incident, outcome.events);
      for (const e of events) await recordEvent(tx, { id: e.id, type: e.type, subject: `incident:${e.subject}`, payload: e.payload });
      return { incidentId, events, action: outcome.created ? ('created' as const) : ('joined' as const), absorbed: outcome.absorbed.length, candidates: candidates.length };
    });
    for (const e of result.events) await deps.queues.add('alert', { eventId: e.id });
    await markDispatched(db, result.events.map((e) => e.id));
    ctx.log.info({ claimId, incidentId: result.incidentId, action: result.action, events: result.events.map((e) => e.type) }, 'matched');
    return { incidentId: result.incidentId, action: result.action, events: result.events.length };
  };
}
