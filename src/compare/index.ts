/**
 * Claims -> incidents and discrepancies. Pure: no I/O, no clock.
 *
 * The match worker, per claim:
 * 1. Build a `ClaimRecord` from the claim row and its post (id = claims.id, postId, author, source kind
 *    and name, postedAt, platform/externalId/version, seq = claims.id as a number).
 * 2. `candidateWindow(record)` -> load incidents whose window overlaps [start, end] and, when `countries`
 *    is not null, whose `summary.eventCountries` is null or shares a country (`isCandidate` is the rule);
 *    always add the incident already holding the claim or an earlier version of its post. Pass them in
 *    creation order, each as an `IncidentState` (all member records, superseded versions included).
 * 3. `applyClaim(record, candidates, ctx)`; when `changed`, in one transaction: upsert `incident`
 *    (status = summary.status, window_start/end = summary.window, summary JSON, revision), set
 *    incident_id of its members, move the claims of `absorbed` incidents and drop or tombstone those,
 *    insert `events` (ids are deterministic: insert ... on conflict do nothing).
 * Run matching one claim at a time (queue concurrency 1 or an advisory lock): two claims of one incident
 * matched concurrently would each found an incident.
 */
export type { ClaimRecord } from './records.ts';
export { sameSource, normSourceName, postKey } from './records.ts';
export type { CompareContext, PreparedRecord, PairEvidence } from './evidence.ts';
export { prepareRecord, pairEvidence, groupLink, MATCH_THRESHOLD } from './evidence.ts';
export type { PlaceInfo, PlaceInfoLookup, PlaceAncestorsLookup, PlaceKnowledge, PlaceLevel } from './places.ts';
export { PLACE, placeRelation, placeSetRelation, toComparePlace } from './places.ts';
export type { ClaimTimes, TimeRelation, Window } from './time.ts';
export { claimTimes, timeRelation, timesConsistent } from './time.ts';
export type { Figure, FigureComparison, FigureConflict, Interval } from './quantities.ts';
export { claimFigures, compareFigures, quantityInterval } from './quantities.ts';
export { typeRelation } from './eventTypes.ts';
export type { FigureChange, VersionChange, MemberVersion } from './versions.ts';
export type { IncidentStatus, IncidentSummary, Discrepancy, Agreement, Statement } from './summary.ts';
export { summarize } from './summary.ts';
export type { IncidentState } from './incident.ts';
export { buildIncident } from './incident.ts';
export type { IncidentEvent, IncidentEventType } from './events.ts';
export { incidentEvents, eventId, summaryDiff, INCIDENT_EVENT_TYPES } from './events.ts';
export type { MatchContext, MatchOutcome, CandidateQuery, AbsorbedIncident } from './match.ts';
export { applyClaim, candidateWindow, isCandidate } from './match.ts';
export type { ClusterResult, ClusterOptions } from './memory.ts';
export { clusterRecords } from './memory.ts';
