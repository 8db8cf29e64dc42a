/**
 * deliver: POST one event to one webhook, signed the Standard Webhooks way. 2xx is success; anything else
 * (3xx included: redirects are never followed) is a failed attempt retried on the catalog's schedule.
 */
import { Webhook } from 'standardwebhooks';
import { request } from 'undici';
import { PermanentJobError, type Handler } from '../src/queue/runtime.ts';
import { getEvent } from '../src/store/events.ts';
import type { WorkerDeps } from './deps.ts';

const TIMEOUT_MS = 15_000;

export function deliverHandler(deps: WorkerDeps): Handler<'deliver'> {
  return async ({ deliveryId }, ctx) => {
    const db = deps.store.db;
    const d = await db
      .selectFrom('deliveries as d')
      .innerJoin('subscriptions as s', 's.id', 'd.subscription_id')
      .select(['d.id', 'd.event_id', 'd.webhook_id', 'd.status', 'd.attempts', 's.id as subscription_id', 's.webhook_url', 's.webhook_secret', 's.active'])
      .where('d.id', '=', deliveryId)
      .executeTakeFirst();
    if (!d) throw new PermanentJobError(`delivery ${deliveryId} does not exist`);
    if (d.status === 'succeeded') return { skipped: 'already delivered' };
    if (!d.active || !d.webhook_url || !d.webhook_secret) {
      await db.updateTable('deliveries').set({ status: 'skipped', last_error: 'subscription inactive or without webhook' }).where('id', '=', d.id).execute();
      return { skipped: 'subscription inactive' };
    }
    const event = await getEvent(db, d.event_id);
    if (!event) throw new PermanentJobError(`event ${d.event_id} does not exist`);
    const body = JSON.stringify({ type: event.type, timestamp: event.occurredAt.toISOString(), data: event.payload });
    const now = deps.now();
    const signature = new Webhook(d.webhook_secret).sign(d.webhook_id, now, body);
    let status = 0;
    let error: string | null = null;
    try {
      const res = await request(d.webhook_url, {
        method: 'POST',
        body,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'claimwatch-webhooks/1',
          'webhook-id': d.webhook_id,
          'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
          'webhook-signature': signature,
        },
        headersTimeout: TIMEOUT_MS,
        bodyTimeout: TIMEOUT_MS,
        signal: ctx.signal,
      });
      status = res.statusCode;
      await res.body.dump();
    } catch (e) {
      error = (e as Error).message;
    }
    const ok = status >= 200 && status < 300;
    await db
      .updateTable('deliveries')
      .set((eb) => ({
        attempts: eb('attempts', '+', 1),
        last_status: status || null,
        last_error: ok ? null : (error ?? `HTTP ${status}`),
        ...(ok ? { status: 'succeeded' as const, delivered_at: new Date() } : {}),
      }))
      .where('id', '=', d.id)
      .execute();
    if (!ok) throw new Error(`webhook ${d.webhook_id} to subscription ${d.subscription_id} failed: ${error ?? `HTTP ${status}`}`);
    ctx.log.info({ deliveryId, status }, 'delivered');
    return { status };
  };
}
