/**
 * deliver: POST one event to one webhook endpoint, signed the Standard Webhooks way, and decide what next
 * (src/alerts/retry.ts). The delivery row owns the retry state, so the schedule survives restarts, shows
 * in the delivery log and is the same for every worker: a failed attempt is recorded and the job sleeps
 * (BullMQ delayed job, via PostponeJobError) until its next attempt; BullMQ's own retries only cover
 * unexpected errors (the store unreachable). Before its request the job takes one of the endpoint's
 * slots (src/alerts/limiter.ts) or steps aside, so a slow endpoint never holds every worker slot.
 *
 * `redelivery` marks a manual redelivery: one attempt, same webhook-id, no automatic retries.
 */
import { endpointKey } from '../src/alerts/limiter.ts';
import { postWebhook, type PostOutcome } from '../src/alerts/http.ts';
import { shapeBody } from '../src/alerts/payload.ts';
import { classify, decide } from '../src/alerts/retry.ts';
import { createAlertServices, type AlertServices } from '../src/alerts/services.ts';
import { liveSecrets, webhookHeaders } from '../src/alerts/signing.ts';
import { PermanentJobError, PostponeJobError, type Handler } from '../src/queue/runtime.ts';
import { closeDelivery, getDelivery, recordAttempt } from '../src/store/deliveries.ts';
import { getEvent } from '../src/store/events.ts';
import { notify } from '../src/store/notifications.ts';
import type { DeliveryOutcome } from '../src/ops/metrics.ts';
import type { DeliveryStatus } from '../src/store/schema.ts';
import { disableEndpoint, getSubscription, setEndpointHealth } from '../src/store/subscriptions.ts';
import type { WorkerDeps } from './deps.ts';

/** A job woken this much before its delivery's next attempt goes back to sleep (a duplicate job). */
const EARLY_WAKE_SLACK_MS = 1_000;

export function deliverHandler(deps: WorkerDeps): Handler<'deliver'> {
  let fallback: AlertServices | undefined;
  const services = () => deps.alerts ?? (fallback ??= createAlertServices({ log: deps.log }));

  const count = (outcome: DeliveryOutcome) => deps.metrics?.deliveries.inc({ outcome });
  return async ({ deliveryId, redelivery }, ctx) => {
    const svc = services();
    const db = deps.store.db;
    const manual = redelivery !== undefined;
    const d = await getDelivery(db, deliveryId);
    if (!d) throw new PermanentJobError(`delivery ${deliveryId} does not exist`);
    if (!manual && d.status !== 'pending') return { skipped: `delivery is ${d.status}` };

    const sub = await getSubscription(db, d.subscriptionId);
    if (!sub || !sub.active) {
      await closeDelivery(db, d.id, 'skipped', 'subscription paused or deleted', deps.now());
      count('skipped');
      return { skipped: 'subscription paused or deleted' };
    }
    if (!sub.webhookUrl || !sub.secrets) {
      await closeDelivery(db, d.id, 'skipped', 'subscription has no webhook', deps.now());
      count('skipped');
      return { skipped: 'no webhook' };
    }
    if (sub.webhookDisabledAt) {
      await closeDelivery(db, d.id, 'failed', `endpoint disabled: ${sub.disabledReason ?? 'no reason recorded'}`, deps.now());
      count('skipped');
      if (manual) throw new PermanentJobError(`endpoint of subscription ${sub.id} is disabled; re-enable it first`);
      return { skipped: 'endpoint disabled' };
    }
    const now = deps.now();
    if (!manual && d.nextAttemptAt && d.nextAttemptAt.getTime() > now.getTime() + EARLY_WAKE_SLACK_MS) {
      throw new PostponeJobError(d.nextAttemptAt, `delivery ${d.id} is not due yet`);
    }

    const event = await getEvent(db, d.eventId);
    if (!event) throw new PermanentJobError(`event ${d.eventId} does not exist`);
    const shaped = shapeBody(event);

    // A failing endpoint gets one request at a time: it should not hold several worker slots while it times out.
    const slot = await svc.limiter.acquire(endpointKey(sub.webhookUrl), sub.failingSince ? 1 : undefined);
    if (!slot) {
      count('endpoint_busy');
      throw new PostponeJobError(new Date(now.getTime() + svc.busyDelayMs()), `endpoint of subscription ${sub.id} is busy`);
    }
    const sentAt = deps.now();
    let outcome: PostOutcome;
    try {
      const headers = webhookHeaders(d.webhookId, sentAt, shaped.body, liveSecrets(sub.secrets, sentAt));
      outcome = await postWebhook(sub.webhookUrl, shaped.body, headers, { dispatcher: svc.agent, timeoutMs: svc.policy.timeoutMs, signal: ctx.signal });
    } finally {
      await slot.release();
    }
    // Shutting down or out of time: not the receiver's fault, so no attempt is spent; BullMQ retries the job.
    if (ctx.signal.aborted) throw new Error(`delivery ${d.id} interrupted: ${String((ctx.signal.reason as Error | undefined)?.message ?? 'aborted')}`);

    const after = deps.now();
    const result = classify(outcome, after);
    const next = decide(result, { attempts: d.attempts, throttles: d.throttles, failingSince: sub.failingSince, manual }, after, svc.policy);
    const { decision } = next;
    const outcomeName = decision.next === 'succeeded' ? 'succeeded' : decision.next === 'retry' ? 'retry' : decision.next === 'disable' ? 'disabled' : 'failed';
    // A manual attempt that fails leaves the delivery's own state (and any scheduled retry) alone.
    const keep = manual && decision.next !== 'succeeded';
    const status: DeliveryStatus = keep ? d.status : decision.next === 'succeeded' ? 'succeeded' : decision.next === 'retry' ? 'pending' : 'failed';
    const error = outcome.kind === 'error' ? outcome.error : decision.next === 'succeeded' ? null : 'reason' in decision ? decision.reason : null;
    await recordAttempt(
      db,
      {
        deliveryId: d.id,
        subscriptionId: sub.id,
        attempt: keep ? d.attempts : next.attempts,
        trigger: manual ? 'manual' : 'auto',
        url: sub.webhookUrl,
        startedAt: sentAt,
        durationMs: outcome.ms,
        statusCode: outcome.kind === 'response' ? outcome.status : null,
        error,
        outcome: outcomeName,
        nextAttemptAt: decision.next === 'retry' ? decision.at : null,
        responseExcerpt: outcome.kind === 'response' ? outcome.bodyExcerpt : null,
      },
      {
        status,
        attempts: keep ? d.attempts : next.attempts,
        throttles: keep ? d.throttles : next.throttles,
        nextAttemptAt: keep ? d.nextAttemptAt : decision.next === 'retry' ? decision.at : null,
      },
    );
    await setEndpointHealth(db, sub.id, next.failingSince);

    const log = ctx.log.child({ deliveryId: d.id, subscriptionId: sub.id, webhookId: d.webhookId });
    count(decision.next === 'succeeded' ? 'delivered' : keep ? 'manual_failed' : decision.next === 'retry' ? 'retry_scheduled' : decision.next === 'disable' ? 'disabled' : 'failed');
    switch (decision.next) {
      case 'succeeded':
        log.info({ status: outcome.kind === 'response' ? outcome.status : null, ms: outcome.ms, manual, bytes: shaped.bytes }, 'webhook delivered');
        return { status: outcome.kind === 'response' ? outcome.status : null };
      case 'retry':
        throw new PostponeJobError(decision.at, `webhook attempt failed (${decision.reason}); next attempt at ${decision.at.toISOString()}`);
      case 'failed':
        throw new PermanentJobError(`webhook delivery ${d.webhookId} failed for good after ${next.attempts} attempt(s): ${decision.reason}`);
      case 'disable': {
        if (await disableEndpoint(db, sub.id, decision.reason, after)) {
          await notify(db, {
            owner: sub.owner,
            kind: 'webhook.disabled',
            subscriptionId: sub.id,
            message: `The webhook endpoint of subscription "${sub.name}" (${sub.webhookUrl}) was disabled: ${decision.reason}. Fix the receiver, then re-enable it (PATCH /api/v1/subscriptions/${sub.id} {"webhook_enabled": true}).`,
          });
          log.warn({ reason: decision.reason }, 'webhook endpoint disabled; owner notified');
        }
        throw new PermanentJobError(`webhook endpoint of subscription ${sub.id} disabled: ${decision.reason}`);
      }
    }
  };
}
