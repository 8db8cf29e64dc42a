/**
 * outbox: every event still undispatched after a minute gets the jobs it implies (its alert; for a review,
 * also the re-match). Deterministic job ids make a repeat harmless.
 */
import { relayEvent } from '../src/queue/followUps.ts';
import type { Handler } from '../src/queue/runtime.ts';
import { getEvent, markDispatched, undispatchedEvents } from '../src/store/events.ts';
import { overdueDeliveries } from '../src/store/staleDeliveries.ts';
import type { WorkerDeps } from './deps.ts';

export const OUTBOX_GRACE_MS = 60_000;
/** A pending delivery this late has no live job (its schedule keeps the job delayed until it is due). */
export const OVERDUE_DELIVERY_GRACE_MS = 10 * 60_000;

export function outboxHandler(deps: WorkerDeps): Handler<'outbox'> {
  return async (_payload, ctx) => {
    const ids = await undispatchedEvents(deps.store.db, OUTBOX_GRACE_MS);
    for (const eventId of ids) {
      const event = await getEvent(deps.store.db, eventId);
      if (event) await relayEvent(deps.queues, event);
    }
    await markDispatched(deps.store.db, ids);
    if (ids.length) ctx.log.info({ relayed: ids.length }, 'relayed undispatched events');

    // Deliveries whose job vanished or failed for good while the row still waits: give them a job again.
    let revived = 0;
    for (const deliveryId of await overdueDeliveries(deps.store.db, OVERDUE_DELIVERY_GRACE_MS)) {
      const existing = await deps.queues.queue('deliver').getJob(`deliver-${deliveryId}`);
      const state = existing ? await existing.getState() : 'missing';
      if (state === 'failed') await existing!.retry();
      else if (state === 'missing' || state === 'unknown') await deps.queues.add('deliver', { deliveryId });
      else continue;
      revived++;
    }
    if (revived) ctx.log.warn({ revived }, 're-enqueued overdue webhook deliveries');
    return { relayed: ids.length, revived };
  };
}
