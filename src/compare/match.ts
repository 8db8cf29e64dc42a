/**
 * Claim -> incident. The match worker asks the store for candidate incidents (`candidateWindow`,
 * `isCandidate`), calls `applyClaim`, and persists what it returns. Pure: ids for new incidents come
 * from the injected `newIncidentId`.
 */
import { groupLink, MATCH_THRESHOLD, prepareRecord, type CompareContext, type PreparedRecord } from './evidence.ts';
import { incidentEvents, eventId, type IncidentEvent } from './events.ts';
import { buildIncident, type IncidentState } from './incident.ts';
import { postKey, type ClaimRecord } from './records.ts';
import { claimTimes, toIso } from './time.ts';

/** What applyClaim needs besides the claims: gazetteer lookups and how to name a new incident. */
export interface MatchContext extends CompareContext {
  /**
   * Id for an incident founded by `record`. The store can derive it from the claim id so a retried job
   * creates the same incident; the cluster verb numbers them inc-1, inc-2, ...
   */
  newIncidentId(record: ClaimRecord): string;
  /** Override of MATCH_THRESHOLD (for experiments). */
  threshold?: number;
}

/** What the store must fetch: incidents whose window overlaps [start, end] and, when given, that share a country. */
export interface CandidateQuery {
  start: string;
  end: string;
  /**
   * Countries of the claim's event places; null when the claim has none or one without a country (then do
   * not filter by country). An incident with `summary.eventCountries === null` is never filtered out.
   */
  countries: string[] | null;
}

/** The time range (and countries) in which incidents this claim could join must lie. Null if the record has no usable time at all. */
export function candidateWindow(record: ClaimRecord, ctx: CompareContext = {}): CandidateQuery | null {
  const t = claimTimes(record);
  if (!t) return null;
  const w = t.far ?? t.match;
  const p = prepareRecord(record, ctx);
  const ev = p.places.filter((x) => x.role !== 'origin');
  const countries = ev.length && ev.every((x) => x.country) ? [...new Set(ev.map((x) => x.country!))].sort() : null;
  return { start: toIso(w.start), end: toIso(w.end), countries };
}

/** Whether an incident satisfies a candidate query (for in-memory stores, and to check a store's SQL). */
export function isCandidate(incident: IncidentState, q: CandidateQuery | null): boolean {
  if (!q) return true;
  const w = incident.summary.window;
  if (w && (w.end < q.start || w.start > q.end)) return false;
  const ic = incident.summary.eventCountries;
  if (q.countries && ic && !q.countries.some((c) => ic.includes(c))) return false;
  return true;
}

/** An incident merged into another because a claim bridged them. */
export interface AbsorbedIncident {
  id: string;
  mergedInto: string;
  /** Its final revision (the merge); delete it or keep it as a tombstone pointing at `mergedInto`. */
  revision: number;
}

/** What the match worker persists after applying one claim. */
export interface MatchOutcome {
  /** The incident the claim now belongs to, new or changed: upsert it (and set the claim's incident_id). */
  incident: IncidentState;
  created: boolean;
  /** Candidates folded into `incident` because the claim bridged them; move their claims to `incident.id`. */
  absorbed: AbsorbedIncident[];
  /** Events for the outbox (ids are deterministic). */
  events: IncidentEvent[];
  /** False when the claim was already applied with the same content: nothing to write. */
  changed: boolean;
}

/** JSON with sorted keys: a record reloaded from jsonb (which reorders keys) equals the one applied. */
function canonical(x: unknown): string {
  return JSON.stringify(x, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}
const sameJson = (a: unknown, b: unknown): boolean => canonical(a) === canonical(b);

/**
 * Applies one claim to the incidents it could belong to.
 *
 * - A claim already applied with the same content changes nothing; with new content (a moderator's
 *   correction) it replaces its old version in place.
 * - An edit of a post (same platform id, higher version) joins the incident of the earlier version.
 * - Otherwise it joins the candidate with the strongest link at or above the threshold, never one any of
 *   whose members it vetoes (another day, another place, another kind of attack); else it founds one.
 * - Then incidents it bridges (now linked to the grown incident without a veto) are merged into the
 *   oldest of them, so the outcome depends little on the order claims arrive in.
 *
 * `candidates` must be in creation order (oldest first): ties and merges keep the older incident. They
 * must include the incident already holding this claim (claims.incident_id) and, for an edited post, the
 * incident holding its earlier version, whatever the time window says.
 */
export function applyClaim(record: ClaimRecord, candidates: readonly IncidentState[], ctx: MatchContext): MatchOutcome {
  const threshold = ctx.threshold ?? MATCH_THRESHOLD;
  const prepCache = new Map<ClaimRecord, PreparedRecord>();
  const prep = (r: ClaimRecord): PreparedRecord => {
    let p = prepCache.get(r);
    if (!p) prepCache.set(r, (p = prepareRecord(r, ctx)));
    return p;
  };
  const self = prep(record);

  const holder = candidates.find((c) => c.members.some((m) => m.id === record.id));
  if (holder) {
    const old = holder.members.find((m) => m.id === record.id)!;
    if (sameJson(old, record)) return { incident: holder, created: false, absorbed: [], events: [], changed: false };
    const members = holder.members.map((m) => (m.id === record.id ? record : m));
    const next = buildIncident(holder.id, holder.revision + 1, members, ctx, members.map(prep));
    return { incident: next, created: false, absorbed: [], events: incidentEvents(holder, next, { recordId: record.id }), changed: true };
  }

  const pk = postKey(record);
  let target: IncidentState | undefined = pk ? candidates.find((c) => c.members.some((m) => postKey(m) === pk)) : undefined;
  if (!target) {
    let bestScore = -Infinity;
    for (const c of candidates) {
      const link = groupLink([self], c.members.map(prep));
      if (!link.veto && link.score >= threshold && link.score > bestScore) {
        bestScore = link.score;
        target = c;
      }
    }
  }

  // Grow the cluster, then fold in every candidate it now links to (strongest first).
  const cluster: PreparedRecord[] = [...(target?.members.map(prep) ?? []), self];
  const involved: IncidentState[] = target ? [target] : [];
  for (;;) {
    let best: { c: IncidentState; score: number } | null = null;
    for (const c of candidates) {
      if (involved.includes(c)) continue;
      const link = groupLink(cluster, c.members.map(prep));
      if (!link.veto && link.score >= threshold && (!best || link.score > best.score)) best = { c, score: link.score };
    }
    if (!best) break;
    involved.push(best.c);
    cluster.push(...best.c.members.map(prep));
  }

  const order = (c: IncidentState): number => candidates.indexOf(c);
  involved.sort((a, b) => order(a) - order(b));
  const survivor = involved[0];
  const id = survivor ? survivor.id : ctx.newIncidentId(record);
  const next = buildIncident(id, (survivor?.revision ?? 0) + 1, cluster.map((p) => p.record), ctx, cluster);
  const mergedFrom = involved.slice(1).map((c) => c.id);
  const events = incidentEvents(survivor ?? null, next, { recordId: record.id, mergedFrom });
  const absorbed: AbsorbedIncident[] = involved.slice(1).map((c) => ({ id: c.id, mergedInto: id, revision: c.revision + 1 }));
  for (const a of absorbed) {
    events.push({
      id: eventId('incident.updated', a.id, a.revision),
      type: 'incident.updated',
      subject: a.id,
      revision: a.revision,
      payload: { incident_id: a.id, revision: a.revision, merged_into: id, record_id: record.id, diff: [`merged into ${id}`] },
    });
  }
  return { incident: next, created: !survivor, absorbed, events, changed: true };
}
