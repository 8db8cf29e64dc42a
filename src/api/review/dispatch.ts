/**
 * After a review step commits: enqueue its alert job (then mark the event dispatched) and, when the claim's
 * data changed, a fresh match job. Redis being down must not fail the request: the change and its event
 * are already stored, and the outbox relay enqueues the alert later (`followUpJobs` tells it what to add).
 */
import type { Logger } from 'pino';
import type { JobQueues } from '../../queue/runtime.ts';
import { markDispatched } from '../../store/events.ts';
import type { Db } from '../../store/schema.ts';

export interface ReviewFollowUp {
  claimId: string;
  revision: number;
  eventId: string;
  rematch: boolean;
}

/** Rejects after `ms` so a request never waits on Redis reconnecting; the job may still be added later. */
function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
    }),
  ]);
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
 * The follow-up of a stored `claim.reviewed` event, for the outbox relay: it should call
 * `followUpJobs(queues, reviewFollowUpOf(event))` for such events instead of adding only the alert job,
 * so a correction made while Redis was down is still matched again. Undefined for other events.
 */
export function reviewFollowUpOf(e: { id: string; type: string; payload: Record<string, unknown> }): ReviewFollowUp | undefined {
  if (e.type !== 'claim.reviewed') return undefined;
  const claimId = e.payload.claim_id;
  const review = e.payload.review as { revision?: unknown; rematch?: unknown } | undefined;
  if (typeof claimId !== 'string' || !/^[0-9]{1,19}$/.test(claimId) || typeof review?.revision !== 'number') return undefined;
  return { claimId, revision: review.revision, eventId: e.id, rematch: review.rematch === true };
}

export async function dispatchReview(
  deps: { db: Db; queues: JobQueues; log: Logger },
  f: ReviewFollowUp,
  timeoutMs = 2_000,
): Promise<{ dispatched: boolean }> {
  try {
    await within(followUpJobs(deps.queues, f), timeoutMs, 'enqueueing follow-up jobs');
    await markDispatched(deps.db, [f.eventId]);
    return { dispatched: true };
  } catch (e) {
    deps.log.warn({ eventId: f.eventId, err: { message: (e as Error).message } }, 'review stored; its jobs will be enqueued by the outbox relay');
    return { dispatched: false };
  }
}
