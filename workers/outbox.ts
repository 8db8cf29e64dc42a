/** outbox: every event still undispatched after a minute gets its alert job (deterministic id: no repeats). */
import type { Handler } from '../src/queue/runtime.ts';
import { markDispatched, undispatchedEvents } from '../src/store/events.ts';
import type { WorkerDeps } from './deps.ts';

export const OUTBOX_GRACE_MS = 60_000;

export function outboxHandler(deps: WorkerDeps): Handler<'outbox'> {
  return async (_payload, ctx) => {
    const ids = await undispatchedEvents(deps.store.db, OUTBOX_GRACE_MS);
    for (const eventId of ids) await deps.queues.add('alert', { eventId });
    await markDispatched(deps.store.db, ids);
    if (ids.length) ctx.log.info({ relayed: ids.length }, 'relayed undispatched events');
    return { relayed: ids.length };
  };
}
