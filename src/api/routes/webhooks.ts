/**
 * Webhook endpoint operations: the delivery log (per subscription, with every attempt), manual
 * redelivery, and the notifications that tell owners about their endpoints (e.g. one was disabled).
 *
 *   GET  /api/v1/subscriptions/:id/deliveries[?status=&limit=&before=]
 *   GET  /api/v1/subscriptions/:id/deliveries/:deliveryId          the delivery with its attempts
 *   GET  /api/v1/subscriptions/:id/attempts[?limit=]                the endpoint's attempt log, newest first
 *   POST /api/v1/subscriptions/:id/deliveries/:deliveryId/redeliver one more attempt, same webhook-id
 *   GET  /api/v1/notifications[?unread=true&limit=&before=]
 *   POST /api/v1/notifications/:id/read
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getDelivery, listAttempts, listDeliveries, nextRedelivery, type Delivery } from '../../store/deliveries.ts';
import { listNotifications, markNotificationRead } from '../../store/notifications.ts';
import { requireRole } from '../auth.ts';
import type { ApiContext } from '../context.ts';
import { HttpError, notFound } from '../errors.ts';
import { routeSchema } from '../openapi.ts';
import { idParam } from '../validate.ts';
import { ownedSubscription } from './subscriptions.ts';

const deliveryParams = idParam.extend({ deliveryId: z.string().regex(/^[0-9]{1,18}$/, 'deliveryId must be a number') });

const deliveriesQuery = z.object({
  status: z.enum(['pending', 'succeeded', 'failed', 'skipped']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  before: z.string().regex(/^[0-9]{1,18}$/).optional(),
});

const attemptsQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) });

const notificationsQuery = z.object({
  unread: z.enum(['true', 'false', '1', '0']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  before: z.string().regex(/^[0-9]{1,18}$/).optional(),
});

function deliveryView(d: Delivery) {
  return {
    id: d.id,
    event_id: d.eventId,
    webhook_id: d.webhookId,
    status: d.status,
    attempts: d.attempts,
    throttled: d.throttles,
    redeliveries: d.redeliveries,
    last_status: d.lastStatus,
    last_error: d.lastError,
    next_attempt_at: d.nextAttemptAt?.toISOString() ?? null,
    created_at: d.createdAt.toISOString(),
    delivered_at: d.deliveredAt?.toISOString() ?? null,
  };
}

type AttemptRow = Awaited<ReturnType<typeof listAttempts>>[number];

function attemptView(a: AttemptRow) {
  return {
    id: a.id,
    delivery_id: a.delivery_id,
    attempt: a.attempt,
    trigger: a.trigger,
    url: a.url,
    started_at: a.started_at.toISOString(),
    duration_ms: a.duration_ms,
    status_code: a.status_code,
    error: a.error,
    outcome: a.outcome,
    next_attempt_at: a.next_attempt_at?.toISOString() ?? null,
    response_excerpt: a.response_excerpt,
  };
}

export async function webhookRoutes(fastify: FastifyInstance, ctx: ApiContext): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const db = ctx.store.db;
  const researcher = requireRole('researcher');

  app.get('/api/v1/subscriptions/:id/deliveries', { preValidation: researcher, schema: routeSchema({ tags: ['alerts'], summary: "A subscription's webhook deliveries, newest first", access: 'researcher', params: idParam, querystring: deliveriesQuery }) }, async (req) => {
    const { id } = req.params;
    const q = req.query;
    const s = await ownedSubscription(db, req, id);
    const rows = await listDeliveries(db, { subscriptionId: s.id, limit: q.limit, ...(q.status ? { status: q.status } : {}), ...(q.before ? { before: q.before } : {}) });
    return { items: rows.map(deliveryView), next: rows.length === q.limit ? (rows.at(-1)?.id ?? null) : null };
  });

  app.get('/api/v1/subscriptions/:id/deliveries/:deliveryId', { preValidation: researcher, schema: routeSchema({ tags: ['alerts'], summary: 'One delivery with its attempts', access: 'researcher', params: deliveryParams }) }, async (req) => {
    const { id, deliveryId } = req.params;
    const s = await ownedSubscription(db, req, id);
    const d = await getDelivery(db, deliveryId);
    if (!d || d.subscriptionId !== s.id) throw notFound(`delivery ${deliveryId}`);
    const attempts = await listAttempts(db, { deliveryId: d.id, limit: 100 });
    return { ...deliveryView(d), attempt_log: attempts.reverse().map(attemptView) };
  });

  app.get('/api/v1/subscriptions/:id/attempts', { preValidation: researcher, schema: routeSchema({ tags: ['alerts'], summary: "The endpoint's attempt log, newest first", access: 'researcher', params: idParam, querystring: attemptsQuery }) }, async (req) => {
    const { id } = req.params;
    const q = req.query;
    const s = await ownedSubscription(db, req, id);
    return { items: (await listAttempts(db, { subscriptionId: s.id, limit: q.limit })).map(attemptView) };
  });

  app.post('/api/v1/subscriptions/:id/deliveries/:deliveryId/redeliver', { preValidation: researcher, schema: routeSchema({ tags: ['alerts'], summary: 'One more attempt of a delivery, with the same webhook-id', access: 'researcher', params: deliveryParams }) }, async (req, reply) => {
    const { id, deliveryId } = req.params;
    const s = await ownedSubscription(db, req, id);
    const d = await getDelivery(db, deliveryId);
    if (!d || d.subscriptionId !== s.id) throw notFound(`delivery ${deliveryId}`);
    if (!s.webhookUrl) throw new HttpError(409, 'NO_WEBHOOK', 'this subscription has no webhook endpoint');
    if (s.webhookDisabledAt) throw new HttpError(409, 'WEBHOOK_DISABLED', `the endpoint is disabled (${s.disabledReason ?? 'no reason recorded'}); re-enable it first (PATCH {"webhook_enabled": true})`);
    const n = await nextRedelivery(db, d.id, ctx.now());
    if (n === undefined) throw notFound(`delivery ${deliveryId}`);
    const jobId = await ctx.queues.add('deliver', { deliveryId: d.id, redelivery: n });
    req.log.info({ deliveryId: d.id, redelivery: n }, 'manual redelivery queued');
    return reply.code(202).send({ delivery_id: d.id, webhook_id: d.webhookId, redelivery: n, job_id: jobId });
  });

  app.get('/api/v1/notifications', { preValidation: researcher, schema: routeSchema({ tags: ['alerts'], summary: 'Your notifications (e.g. an endpoint was disabled), newest first', access: 'researcher', querystring: notificationsQuery }) }, async (req) => {
    const q = req.query;
    const rows = await listNotifications(db, {
      owner: req.principal!.userId,
      unreadOnly: q.unread === 'true' || q.unread === '1',
      limit: q.limit,
      ...(q.before ? { before: q.before } : {}),
    });
    return {
      items: rows.map((n) => ({
        id: n.id,
        kind: n.kind,
        subscription_id: n.subscriptionId,
        message: n.message,
        created_at: n.createdAt.toISOString(),
        read_at: n.readAt?.toISOString() ?? null,
      })),
      next: rows.length === q.limit ? (rows.at(-1)?.id ?? null) : null,
    };
  });

  app.post('/api/v1/notifications/:id/read', { preValidation: researcher, schema: routeSchema({ tags: ['alerts'], summary: 'Mark a notification read', access: 'researcher', params: idParam }) }, async (req, reply) => {
    const { id } = req.params;
    if (!(await markNotificationRead(db, req.principal!.userId, id, ctx.now()))) {
      const mine = (await listNotifications(db, { owner: req.principal!.userId, limit: 1, before: String(BigInt(id) + 1n) }))[0];
      if (!mine || mine.id !== id) throw notFound(`notification ${id}`);
    }
    return reply.code(204).send();
  });
}
