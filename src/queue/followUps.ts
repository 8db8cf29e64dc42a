/**
 * The jobs an outbox event implies. Shared by the API (right after a review commits) and the outbox relay
 * (for events whose jobs were never enqueued), so both add exactly the same deterministic jobs.
 */
import type { JobQueues } from './runtime.ts';

export interface ReviewFollowUp {
  claimId: string;
  revision: number;
  eventId: string;
  rematch: boolean;
}

/**
 * The jobs a `claim.reviewed` event implies, by its stored payload: the alert, and for a correction the
 * re-match (job id `match-<claim>-r<revision>`, distinct from the extractor's `match-<claim>`).
 * Deterministic ids make adding them again harmless; the outbox relay may call this for old events.
 */
export async function followUpJobs(queues: JobQueues, f: ReviewFollowUp): Promise<void> {
  if (f.rematch) await queues.add('match', { claimId: f.claimId, revision: f.revision });
  await queues.add('alert', { eventId: f.eventId });
}

/**
 * The follow-up of a stored `claim.reviewed` event (undefined for other events), so the outbox relay
 * re-matches a correction made while Redis was down instead of only alerting on it.
 */
export function reviewFollowUpOf(e: { id: string; type: string; payload: Record<string, unknown> }): ReviewFollowUp | undefined {
  if (e.type !== 'claim.reviewed') return undefined;
  const claimId = e.payload.claim_id;
  const review = e.payload.review as { revision?: unknown; rematch?: unknown } | undefined;
  if (typeof claimId !== 'string' || !/^[0-9]{1,19}$/.test(claimId) || typeof review?.revision !== 'number') return undefined;
  return { claimId, revision: review.revision, eventId: e.id, rematch: review.rematch === true };
}

/** Enqueues what a stored event implies: the review follow-ups for claim.reviewed, the alert for any other. */
export async function relayEvent(queues: JobQueues, e: { id: string; type: string; payload: Record<string, unknown> }): Promise<void> {
  const review = reviewFollowUpOf(e);
  if (review) await followUpJobs(queues, review);
  else await queues.add('alert', { eventId: e.id });
}
