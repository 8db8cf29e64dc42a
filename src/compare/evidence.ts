/**
 * Evidence that two claims describe the same incident: one score from event type, place, time, author
 * and counts, or a veto when they cannot (different days, different places, different kinds of attack).
 */
import { EVENT_TYPES, type Claim } from '../domain/claim.ts';
import { claimFigures, compareFigures, type Figure } from './quantities.ts';
import { PLACE, placeSetRelation, toComparePlace, type ComparePlace, type PlaceKnowledge } from './places.ts';
import { sameSource, type ClaimRecord } from './records.ts';
import { claimTimes, timeRelation, type ClaimTimes, type TimeRelation } from './time.ts';
import { typeRelation } from './eventTypes.ts';

/**
 * Injected knowledge the comparison may use: the gazetteer's `placeById` as `placeInfo` and
 * `(id) => ancestorsOf(id).map((p) => p.id)` as `placeAncestors` (src/extract/gazetteer). Without them
 * the claim's own country, coordinates and names are used.
 */
export type CompareContext = PlaceKnowledge;

/** A record with everything the comparisons need computed once. */
export interface PreparedRecord {
  record: ClaimRecord;
  /** The record's claim with malformed parts dropped, so bad input never throws. */
  claim: Claim;
  times: ClaimTimes | null;
  places: ComparePlace[];
  figures: Map<string, Figure>;
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;

/** The parts of a claim the comparison reads, with anything malformed dropped. */
export function safeClaim(c: unknown): Claim {
  const o = isObject(c) ? (c as Partial<Claim>) : {};
  return {
    event_type: (EVENT_TYPES as readonly string[]).includes(String(o.event_type)) ? o.event_type! : 'other',
    quantities: Array.isArray(o.quantities) ? o.quantities.filter(isObject) : [],
    event_time: isObject(o.event_time) ? o.event_time : null,
    locations: Array.isArray(o.locations) ? o.locations.filter(isObject) : [],
  };
}

/** Computes a record's time windows, places and figures once, for many comparisons. */
export function prepareRecord(record: ClaimRecord, ctx: CompareContext = {}): PreparedRecord {
  const claim = safeClaim(record?.claim);
  return {
    record,
    claim,
    times: claimTimes({ ...record, claim }),
    places: claim.locations.map((l) => toComparePlace(l, ctx)),
    figures: claimFigures(claim),
  };
}

/** Evidence that two claims report one incident, with the score's parts for debugging. */
export interface PairEvidence {
  /** Why the two cannot be one incident, or null. */
  veto: 'time' | 'place' | 'origin' | 'event_type' | null;
  score: number;
  parts: { type: number; place: number; origin: number; time: number; author: number; counts: number; time_relation: TimeRelation };
}

/** Score at or above which two claims (or a claim and an incident) are one incident. */
export const MATCH_THRESHOLD = 4;

const TIME_SCORE: Record<TimeRelation, number> = { precise: 3, day: 2, loose: 1, far: -1, unknown: 0, conflict: 0 };

/**
 * Evidence that two claims report one incident. Symmetric. Vetoes: times that cannot overlap, event
 * places that cannot be the same, launch origins that differ, kinds of attack that differ. Counts are
 * weak evidence either way: agreeing specific figures help, different figures count a little against
 * (reports of one incident often disagree, which is what the comparison is for).
 */
export function pairEvidence(a: PreparedRecord, b: PreparedRecord): PairEvidence {
  const t = typeRelation(a.claim, b.claim);
  const tr = timeRelation(a.times, b.times);
  const pr = placeSetRelation(a.places, b.places);
  const sameAuthor = sameSource(a.record, b.record);
  const fig = compareFigures(a.figures, b.figures);
  const parts: PairEvidence['parts'] = {
    type: t === 'conflict' ? 0 : t,
    place: pr.level === 'none' ? 0 : Math.max(0, pr.level),
    origin: pr.origin === 'agree' ? 1 : 0,
    time: TIME_SCORE[tr],
    author: sameAuthor ? 2 : 0,
    counts: Math.min(2, fig.specific.length) - Math.min(1, fig.conflicts.length * 0.5),
    time_relation: tr,
  };
  let veto: PairEvidence['veto'] = null;
  if (tr === 'conflict') veto = 'time';
  else if (pr.level === PLACE.unrelated) veto = 'place';
  else if (pr.origin === 'conflict') veto = 'origin';
  else if (t === 'conflict') veto = 'event_type';
  const score = parts.type + parts.place + parts.origin + parts.time + parts.author + parts.counts;
  return { veto, score, parts };
}

/**
 * Link between two groups of claims: vetoed if any pair is vetoed (so an incident never spans two days
 * or two places), otherwise the strongest pair.
 */
export function groupLink(a: readonly PreparedRecord[], b: readonly PreparedRecord[]): { veto: boolean; score: number } {
  let score = -Infinity;
  for (const x of a) {
    for (const y of b) {
      const e = pairEvidence(x, y);
      if (e.veto) return { veto: true, score: -Infinity };
      score = Math.max(score, e.score);
    }
  }
  return { veto: false, score };
}
