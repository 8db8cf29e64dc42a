/** Subscriptions and their deliveries. A delivery is unique per (event, subscription): the alert job's idempotency. */
import type { Db } from './schema.ts';

export interface SubscriptionRow {
  id: string;
  owner: string;
  name: string;
  filter: Record<string, unknown>;
  webhookUrl: string | null;
  webhookSecret: string | null;
  active: boolean;
}

export async function activeSubscriptions(db: Db): Promise<SubscriptionRow[]> {
  const rows = await db.selectFrom('subscriptions').selectAll().where('active', '=', true).orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    owner: r.owner,
    name: r.name,
    filter: r.filter,
    webhookUrl: r.webhook_url,
    webhookSecret: r.webhook_secret,
    active: r.active,
  }));
}

/** The Standard Webhooks message id: stable per (event, subscription), so a receiver can drop repeats. */
export function webhookIdFor(eventId: string, subscriptionId: string): string {
  return `msg_${Buffer.from(`${eventId}|${subscriptionId}`).toString('base64url')}`;
}

/** Creates the delivery once; returns its id either way. */
export async function ensureDelivery(db: Db, eventId: string, subscriptionId: string): Promise<string> {
  const inserted = await db
    .insertInto('deliveries')
    .values({ event_id: eventId, subscription_id: subscriptionId, webhook_id: webhookIdFor(eventId, subscriptionId), last_status: null, last_error: null, delivered_at: null })
    .onConflict((oc) => oc.columns(['event_id', 'subscription_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return inserted.id;
  const r = await db
    .selectFrom('deliveries')
    .select('id')
    .where('event_id', '=', eventId)
    .where('subscription_id', '=', subscriptionId)
    .executeTakeFirstOrThrow();
  return r.id;
}
