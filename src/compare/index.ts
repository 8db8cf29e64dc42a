/**
 * Claims -> incidents and discrepancies. Pure: no I/O, no clock.
 *
 * The match worker: `candidateWindow(record)` -> query the store for incidents (`isCandidate` states the
 * rule) -> `applyClaim(record, candidates, ctx)` -> persist `incident` (state JSON, status, window),
 * the claim's incident_id, `absorbed` incidents, and `events` (ids are deterministic).
 */
export type { ClaimRecord } from './records.ts';
export { sameSource, normSourceName, postKey } from './records.ts';
export type { CompareContext, PreparedRecord, PairEvidence } from './evidence.ts';
export { prepareRecord, pairEvidence, groupLink, MATCH_THRESHOLD } from './evidence.ts';
export type { PlaceInfo, PlaceInfoLookup, PlaceLevel } from './places.ts';
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
