/**
 * Deliveries and their attempt log. A delivery is unique per (event, subscription): the alert job's
 * idempotency, and the Standard Webhooks message id receivers deduplicate on. Every attempt (automatic or
 * manual) leaves a `delivery_attempts` row, written together with the delivery's new state.
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database, Db, DeliveryStatus } from './schema.ts';

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

export interface Delivery {
  id: string;
  eventId: string;
  subscriptionId: string;
  webhookId: string;
  status: DeliveryStatus;
  attempts: number;
  throttles: number;
  redeliveries: number;
  lastStatus: number | null;
  lastError: string | null;
  nextAttemptAt: Date | null;
  createdAt: Date;
  deliveredAt: Date | null;
}

const DELIVERY_COLUMNS = [
  'id',
  'event_id',
  'subscription_id',
  'webhook_id',
  'status',
  'attempts',
  'throttles',
  'redeliveries',
  'last_status',
  'last_error',
  'next_attempt_at',
  'created_at',
  'delivered_at',
] as const;

type DeliveryRow = {
  id: string;
  event_id: string;
  subscription_id: string;
  webhook_id: string;
  status: DeliveryStatus;
  attempts: number;
  throttles: number;
  redeliveries: number;
  last_status: number | null;
  last_error: string | null;
  next_attempt_at: Date | null;
  created_at: Date;
  delivered_at: Date | null;
};

function toDelivery(r: DeliveryRow): Delivery {
  return {
    id: r.id,
    eventId: r.event_id,
    subscriptionId: r.subscription_id,
    webhookId: r.webhook_id,
    status: r.status,
    attempts: r.attempts,
    throttles: r.throttles,
    redeliveries: r.redeliveries,
    lastStatus: r.last_status,
    lastError: r.last_error,
    nextAttemptAt: r.next_attempt_at,
    createdAt: r.created_at,
    deliveredAt: r.delivered_at,
  };
}

export async function getDelivery(db: Db, id: string): Promise<Delivery | undefined> {
  const r = await db.selectFrom('deliveries').select(DELIVERY_COLUMNS).where('id', '=', id).executeTakeFirst();
  return r ? toDelivery(r) : undefined;
}

export async function listDeliveries(db: Db, q: { subscriptionId: string; status?: DeliveryStatus; limit: number; before?: string }): Promise<Delivery[]> {
  let query = db.selectFrom('deliveries').select(DELIVERY_COLUMNS).where('subscription_id', '=', q.subscriptionId).orderBy('id', 'desc').limit(q.limit);
  if (q.status) query = query.where('status', '=', q.status);
  if (q.before) query = query.where('id', '<', q.before);
  return (await query.execute()).map(toDelivery);
}

export interface AttemptRecord {
  deliveryId: string;
  subscriptionId: string;
  attempt: number;
  trigger: 'auto' | 'manual';
  url: string;
  startedAt: Date;
  durationMs: number;
  statusCode: number | null;
  error: string | null;
  outcome: 'succeeded' | 'retry' | 'failed' | 'disabled';
  nextAttemptAt: Date | null;
  responseExcerpt: string | null;
}

export async function listAttempts(db: Db, q: { deliveryId?: string; subscriptionId?: string; limit: number }) {
  let query = db.selectFrom('delivery_attempts').selectAll().orderBy('id', 'desc').limit(q.limit);
  if (q.deliveryId) query = query.where('delivery_id', '=', q.deliveryId);
  if (q.subscriptionId) query = query.where('subscription_id', '=', q.subscriptionId);
  return query.execute();
}

/** The delivery's state after an attempt, stored with the attempt's log row in one transaction. */
export async function recordAttempt(
  db: Kysely<Database>,
  a: AttemptRecord,
  next: { status: DeliveryStatus; attempts: number; throttles: number; nextAttemptAt: Date | null },
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('delivery_attempts')
      .values({
        delivery_id: a.deliveryId,
        subscription_id: a.subscriptionId,
        attempt: a.attempt,
        trigger: a.trigger,
        url: a.url,
        started_at: a.startedAt,
        duration_ms: Math.max(0, Math.round(a.durationMs)),
        status_code: a.statusCode,
        error: a.error?.slice(0, 2000) ?? null,
        outcome: a.outcome,
        next_attempt_at: a.nextAttemptAt,
        response_excerpt: a.responseExcerpt ? a.responseExcerpt.replace(/\u0000/g, '').slice(0, 1024) : null,
      })
      .execute();
    await tx
      .updateTable('deliveries')
      .set({
        status: next.status,
        attempts: next.attempts,
        throttles: next.throttles,
        last_status: a.statusCode,
        last_error: a.outcome === 'succeeded' ? null : (a.error?.slice(0, 2000) ?? null),
        next_attempt_at: next.nextAttemptAt,
        updated_at: a.startedAt,
        ...(a.outcome === 'succeeded' ? { delivered_at: a.startedAt } : {}),
      })
      .where('id', '=', a.deliveryId)
      .execute();
  });
}

/** Closes a delivery without an attempt (subscription inactive, endpoint disabled). */
export async function closeDelivery(db: Db, id: string, status: 'failed' | 'skipped', reason: string, now: Date): Promise<void> {
  await db
    .updateTable('deliveries')
    .set({ status, last_error: reason, next_attempt_at: null, updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute();
}

/** Counts one more manual redelivery; returns its number (each gets its own job id). */
export async function nextRedelivery(db: Db, id: string, now: Date): Promise<number | undefined> {
  const r = await db
    .updateTable('deliveries')
    .set({ redeliveries: sql<number>`redeliveries + 1`, updated_at: now })
    .where('id', '=', id)
    .returning('redeliveries')
    .executeTakeFirst();
  return r?.redeliveries;
}

/** Per-status counts of a subscription's deliveries (for the endpoint overview). */
export async function deliveryCounts(db: Db, subscriptionId: string): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('deliveries')
    .select(['status', (eb) => eb.fn.countAll<string>().as('n')])
    .where('subscription_id', '=', subscriptionId)
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}
