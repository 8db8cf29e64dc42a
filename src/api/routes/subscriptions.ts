/**
 * Subscriptions API: researchers create, read, change and delete their own alert subscriptions (admins
 * see everyone's). A subscription is a filter (src/alerts/filter.ts) plus, optionally, a webhook endpoint
 * whose URL passes the SSRF check here and again at every connect. The signing secret is shown once, at
 * creation or rotation.
 *
 *   POST   /api/v1/subscriptions                    { name, filter?, webhook_url?, webhook_secret?, active? }
 *   GET    /api/v1/subscriptions[?owner=&limit=&before=]
 *   GET    /api/v1/subscriptions/:id
 *   PATCH  /api/v1/subscriptions/:id                { name?, filter?, active?, webhook_url?, webhook_enabled? }
 *   DELETE /api/v1/subscriptions/:id
 *   POST   /api/v1/subscriptions/:id/rotate-secret  { previous_valid_hours? (default 24, 0 = revoke now) }
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { parseFilter } from '../../alerts/filter.ts';
import { generateWebhookSecret, isWebhookSecret } from '../../alerts/signing.ts';
import { checkWebhookUrl, parseAllowlist, systemResolver, WebhookAddressError, type AddressPolicy, type HostResolver } from '../../alerts/ssrf.ts';
import { deliveryCounts } from '../../store/deliveries.ts';
import type { Db } from '../../store/schema.ts';
import {
  countSubscriptions,
  createSubscription,
  deleteSubscription,
  getSubscription,
  listSubscriptions,
  rotateSecret,
  toView,
  updateSubscription,
  type Subscription,
} from '../../store/subscriptions.ts';
import { requireRole } from '../auth.ts';
import type { ApiContext } from '../context.ts';
import { badRequest, HttpError, notFound } from '../errors.ts';
import { routeSchema } from '../openapi.ts';
import { idParam } from '../validate.ts';

export const MAX_SUBSCRIPTIONS_PER_OWNER = 100;

/** Same shape as server.ts's RouteModule (not imported, to keep route modules free of a cycle). */
export type AlertRouteModule = (app: FastifyInstance, ctx: ApiContext) => Promise<void>;

export function parseWith<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const r = schema.safeParse(value);
  if (!r.success) {
    const i = r.error.issues[0];
    throw badRequest(`${i?.path.join('.') || 'request'}: ${i?.message}`);
  }
  return r.data;
}


/** The subscription if the caller may see it: its owner, or an admin. Others get 404 (existence stays private). */
export async function ownedSubscription(db: Db, req: FastifyRequest, id: string): Promise<Subscription> {
  const s = await getSubscription(db, id);
  const p = req.principal!;
  if (!s || (s.owner !== p.userId && p.role !== 'admin')) throw notFound(`subscription ${id}`);
  return s;
}

const filterField = z.unknown().transform((raw, ctx) => {
  const r = parseFilter(raw);
  if (!r.ok) {
    ctx.addIssue({ code: 'custom', message: r.error });
    return z.NEVER;
  }
  return r.filter as Record<string, unknown>;
});

const secretField = z.string().refine(isWebhookSecret, 'webhook_secret must look like whsec_<base64 of at least 24 bytes>');

const createBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    filter: filterField.optional(),
    webhook_url: z.string().max(2000).nullable().optional(),
    webhook_secret: secretField.optional(),
    active: z.boolean().optional(),
  })
  .strict();

const patchBody = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    filter: filterField.optional(),
    active: z.boolean().optional(),
    webhook_url: z.string().max(2000).nullable().optional(),
    webhook_enabled: z.literal(true).optional(),
  })
  .strict();

const rotateBody = z.object({ previous_valid_hours: z.number().min(0).max(168).default(24) }).strict();

const listQuery = z.object({
  owner: z.string().regex(/^[0-9]{1,18}$/).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.string().regex(/^[0-9]{1,18}$/).optional(),
});

export interface SubscriptionRoutesOptions {
  /** DNS for the registration-time SSRF check (tests inject one). */
  resolve?: HostResolver;
}

export function makeSubscriptionRoutes(opts: SubscriptionRoutesOptions = {}): AlertRouteModule {
  return async function subscriptionRoutes(fastify: FastifyInstance, ctx: ApiContext): Promise<void> {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const db = ctx.store.db;
    const researcher = requireRole('researcher');
    const addresses: AddressPolicy = { allowlist: parseAllowlist(ctx.config.webhooks.allowlist), resolve: opts.resolve ?? systemResolver };

    async function checkedUrl(url: string): Promise<string> {
      try {
        return (await checkWebhookUrl(url, addresses, { requireHttps: ctx.config.env === 'production' })).href;
      } catch (e) {
        if (e instanceof WebhookAddressError) throw new HttpError(422, 'WEBHOOK_URL_REFUSED', e.message);
        throw e;
      }
    }

    app.post('/api/v1/subscriptions', { preValidation: researcher, schema: routeSchema({ tags: ['alerts'], summary: 'Create a subscription (a filter, optionally a webhook); the secret is shown once', access: 'researcher', body: createBody }) }, async (req, reply) => {
      const body = req.body;
      const owner = req.principal!.userId;
      if ((await countSubscriptions(db, owner)) >= MAX_SUBSCRIPTIONS_PER_OWNER) {
        throw new HttpError(409, 'SUBSCRIPTION_LIMIT', `at most ${MAX_SUBSCRIPTIONS_PER_OWNER} subscriptions per user; delete one first`);
      }
      const url = body.webhook_url ? await checkedUrl(body.webhook_url) : null;
      if (body.webhook_secret && !url) throw badRequest('webhook_secret needs a webhook_url');
      const secret = url ? (body.webhook_secret ?? generateWebhookSecret()) : null;
      let s = await createSubscription(db, { owner, name: body.name, filter: body.filter ?? {}, webhookUrl: url, webhookSecret: secret });
      if (body.active === false) s = (await updateSubscription(db, s.id, { active: false }, ctx.now()))!;
      req.log.info({ subscriptionId: s.id, webhook: !!url }, 'subscription created');
      return reply.code(201).send({ ...toView(s), ...(secret ? { webhook_secret: secret } : {}) });
    });

    app.get('/api/v1/subscriptions', { preValidation: researcher, schema: routeSchema({ tags: ['alerts'], summary: "Your subscriptions (an admin's: everyone's, or one owner's)", access: 'researcher', querystring: listQuery }) }, async (req) => {
      const q = req.query;
      const p = req.principal!;
      // Admins list everyone's (or one owner's); others only their own, whatever they ask for.
      const owner = p.role === 'admin' ? q.owner : p.userId;
      const rows = await listSubscriptions(db, { ...(owner !== undefined ? { owner } : {}), limit: q.limit, ...(q.before ? { before: q.before } : {}) });
      return { items: rows.map(toView), next: rows.length === q.limit ? (rows.at(-1)?.id ?? null) : null };
    });

    app.get('/api/v1/subscriptions/:id', { preValidation: researcher, schema: routeSchema({ tags: ['alerts'], summary: 'One subscription with its delivery counts', access: 'researcher', params: idParam }) }, async (req) => {
      const { id } = req.params;
      const s = await ownedSubscription(db, req, id);
      return { ...toView(s), deliveries: await deliveryCounts(db, s.id) };
    });

    app.patch('/api/v1/subscriptions/:id', { preValidation: researcher, schema: routeSchema({ tags: ['alerts'], summary: 'Change a subscription', access: 'researcher', params: idParam, body: patchBody }) }, async (req) => {
      const { id } = req.params;
      const body = req.body;
      const s = await ownedSubscription(db, req, id);
      const url = body.webhook_url === undefined ? undefined : body.webhook_url === null ? null : await checkedUrl(body.webhook_url);
      if (body.webhook_enabled && !s.webhookUrl && !url) throw badRequest('webhook_enabled needs a webhook_url');
      // A first webhook gets a fresh secret (shown once, below); an existing one keeps its secret.
      const newSecret = url && !s.secrets ? generateWebhookSecret() : undefined;
      const updated = await updateSubscription(
        db,
        s.id,
        {
          ...(body.name !== undefined ? { name: body.name } : {}),
          ...(body.filter !== undefined ? { filter: body.filter } : {}),
          ...(body.active !== undefined ? { active: body.active } : {}),
          ...(url !== undefined ? { webhookUrl: url } : {}),
          ...(url === null ? { webhookSecret: null } : newSecret ? { webhookSecret: newSecret } : {}),
          ...(body.webhook_enabled ? { reenableWebhook: true } : {}),
        },
        ctx.now(),
      );
      if (!updated) throw notFound(`subscription ${id}`);
      return { ...toView(updated), ...(newSecret ? { webhook_secret: newSecret } : {}) };
    });

    app.delete('/api/v1/subscriptions/:id', { preValidation: researcher, schema: routeSchema({ tags: ['alerts'], summary: 'Delete a subscription', access: 'researcher', params: idParam }) }, async (req, reply) => {
      const { id } = req.params;
      const s = await ownedSubscription(db, req, id);
      await deleteSubscription(db, s.id, ctx.now());
      return reply.code(204).send();
    });

    app.post('/api/v1/subscriptions/:id/rotate-secret', { preValidation: researcher, schema: routeSchema({ tags: ['alerts'], summary: 'Rotate the webhook secret (the previous one signs too for a while)', access: 'researcher', params: idParam, body: rotateBody }) }, async (req) => {
      const { id } = req.params;
      const body = req.body;
      const s = await ownedSubscription(db, req, id);
      if (!s.webhookUrl) throw new HttpError(409, 'NO_WEBHOOK', 'this subscription has no webhook endpoint');
      const now = ctx.now();
      const secret = generateWebhookSecret();
      const expires = new Date(now.getTime() + body.previous_valid_hours * 3600_000);
      const updated = await rotateSecret(ctx.store.db, s.id, secret, expires, now);
      if (!updated) throw notFound(`subscription ${id}`);
      req.log.info({ subscriptionId: s.id, previousValidHours: body.previous_valid_hours }, 'webhook secret rotated');
      return { ...toView(updated), webhook_secret: secret };
    });
  };
}

export const subscriptionRoutes: AlertRouteModule = makeSubscriptionRoutes();
