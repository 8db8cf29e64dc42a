/**
 * alert: event -> its alert view -> the active subscriptions whose filter it matches -> one delivery row
 * per webhook subscription (unique per event and subscription) -> a deliver job each (deterministic id);
 * then the event is published to live streams. Re-running changes nothing but a repeated publish, which
 * stream connections drop by event id.
 */
import { parseFilter, matchesFilter } from '../src/alerts/filter.ts';
import { alertViewOf } from '../src/domain/alertView.ts';
import { PermanentJobError, type Handler } from '../src/queue/runtime.ts';
import { ensureDelivery } from '../src/store/deliveries.ts';
import { getEvent } from '../src/store/events.ts';
import { markAlerted } from '../src/store/reconcile.ts';
import { activeSubscriptions } from '../src/store/subscriptions.ts';
import type { WorkerDeps } from './deps.ts';

export function alertHandler(deps: WorkerDeps): Handler<'alert'> {
  return async ({ eventId }, ctx) => {
    const db = deps.store.db;
    const event = await getEvent(db, eventId);
    if (!event) throw new PermanentJobError(`event ${eventId} does not exist`);
    const view = alertViewOf(event);
    let matched = 0;
    let queued = 0;
    for (const sub of await activeSubscriptions(db)) {
      const filter = parseFilter(sub.filter);
      if (!filter.ok) {
        ctx.log.warn({ subscriptionId: sub.id, why: filter.error }, 'subscription has an invalid filter; skipped');
        continue;
      }
      if (!matchesFilter(filter.filter, view)) continue;
      matched++;
      if (!sub.webhookUrl || !sub.secrets || sub.webhookDisabledAt) continue;
      const deliveryId = await ensureDelivery(db, eventId, sub.id);
      await deps.queues.add('deliver', { deliveryId });
      queued++;
    }
    await deps.alerts?.publish(event);
    // Done: deliveries exist and have jobs. The reconcile sweep re-enqueues events without this mark.
    await markAlerted(db, eventId);
    ctx.log.debug({ eventId, matched, queued }, 'alerts matched');
    return { matched, queued };
  };
}
