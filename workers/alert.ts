/**
 * alert: event -> the subscriptions it matches -> one delivery row each (unique per event and
 * subscription) -> a deliver job each, with deterministic ids.
 */
import { matchesFilter, subscriptionFilterSchema } from '../src/alerts/filter.ts';
import { PermanentJobError, type Handler } from '../src/queue/runtime.ts';
import { activeSubscriptions, ensureDelivery } from '../src/store/deliveries.ts';
import { getEvent } from '../src/store/events.ts';
import type { WorkerDeps } from './deps.ts';

export function alertHandler(deps: WorkerDeps): Handler<'alert'> {
  return async ({ eventId }, ctx) => {
    const db = deps.store.db;
    const event = await getEvent(db, eventId);
    if (!event) throw new PermanentJobError(`event ${eventId} does not exist`);
    let matched = 0;
    for (const sub of await activeSubscriptions(db)) {
      const filter = subscriptionFilterSchema.safeParse(sub.filter);
      if (!filter.success) {
        ctx.log.warn({ subscriptionId: sub.id }, 'subscription has an invalid filter; skipped');
        continue;
      }
      if (!matchesFilter(filter.data, event)) continue;
      matched++;
      if (!sub.webhookUrl) continue;
      const deliveryId = await ensureDelivery(db, eventId, sub.id);
      await deps.queues.add('deliver', { deliveryId });
    }
    ctx.log.debug({ eventId, matched }, 'alerts matched');
    return { matched };
  };
}
