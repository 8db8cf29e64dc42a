/**
 * outbox: every event still undispatched after a minute gets the jobs it implies (its alert; for a review,
 * also the re-match). Deterministic job ids make a repeat harmless.
 */
import { relayEvent } from '../src/queue/followUps.ts';
import type { Handler } from '../src/queue/runtime.ts';
import { getEvent, markDispatched, undispatchedEvents } from '../src/store/events.ts';
import type { WorkerDeps } from './deps.ts';

export const OUTBOX_GRACE_MS = 60_000;

export function outboxHandler(deps: WorkerDeps): Handler<'outbox'> {
  return async (_payload, ctx) => {
    const ids = await undispatchedEvents(deps.store.db, OUTBOX_GRACE_MS);
    for (const eventId of ids) {
      const event = await getEvent(deps.store.db, eventId);
      if (event) await relayEvent(deps.queues, event);
    }
    await markDispatched(deps.store.db, ids);
    if (ids.length) ctx.log.info({ relayed: ids.length }, 'relayed undispatched events');
    return { relayed: ids.length };
  };
}
