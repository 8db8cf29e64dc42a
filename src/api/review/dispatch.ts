/**
 * After a review step commits: enqueue its alert job (then mark the event dispatched) and, when the claim's
 * data changed, a fresh match job. Redis being down must not fail the request: the change and its event
 * are already stored, and the outbox relay enqueues the alert later (`followUpJobs` tells it what to add).
 */
import type { Logger } from 'pino';
import { followUpJobs, type ReviewFollowUp } from '../../queue/followUps.ts';
import type { JobQueues } from '../../queue/runtime.ts';

export { followUpJobs, reviewFollowUpOf, type ReviewFollowUp } from '../../queue/followUps.ts';
import { markDispatched } from '../../store/events.ts';
import type { Db } from '../../store/schema.ts';

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
