/**
 * The HTTP API (fastify). Route modules register on one instance and share one context; every request
 * logs through a child carrying its request id.
 */
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { installAuth, type SessionResolver } from './auth.ts';
import type { ApiContext } from './context.ts';
import { HttpError } from './errors.ts';
import { aliasRoutes } from './routes/aliases.ts';
import { healthRoutes } from './routes/health.ts';
import { metricsRoutes } from './routes/metrics.ts';
import { adminQueueRoutes } from './routes/adminQueues.ts';
import { exportRoutes } from './routes/export.ts';
import { readRoutes } from './routes/read.ts';
import { reviewRoutes } from './routes/review.ts';
import { sessionRoutes } from './routes/session.ts';
import { streamRoutes } from './routes/stream.ts';
import { subscriptionRoutes } from './routes/subscriptions.ts';
import { uiRoutes } from './routes/ui.ts';
import { userRoutes } from './routes/users.ts';
import { webhookRoutes } from './routes/webhooks.ts';
import { installCsrfGuard, installSessionSupport } from './sessions.ts';

export type RouteModule = (app: FastifyInstance, ctx: ApiContext) => Promise<void>;

/** Route modules in registration order; later issues add theirs here. */
export const ROUTE_MODULES: RouteModule[] = [
  healthRoutes,
  metricsRoutes,
  adminQueueRoutes,
  readRoutes,
  exportRoutes,
  sessionRoutes(),
  reviewRoutes,
  aliasRoutes,
  userRoutes,
  subscriptionRoutes,
  webhookRoutes,
  streamRoutes,
  uiRoutes,
];

/** A registered route, as the role-matrix test enumerates them. */
export interface RouteEntry {
  method: string;
  url: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered on this instance, in registration order. */
    routeTable: RouteEntry[];
  }
}

export async function buildServer(ctx: ApiContext, modules: RouteModule[] = ROUTE_MODULES, sessionResolver?: SessionResolver): Promise<FastifyInstance> {
  const app: FastifyInstance = Fastify({
    loggerInstance: ctx.log.child({ component: 'api' }) as FastifyBaseLogger,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[A-Za-z0-9_.-]{1,64}$/.test(given) ? given : randomUUID();
    },
    bodyLimit: 1024 * 1024,
    trustProxy: false,
  });
  const routeTable: RouteEntry[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) routeTable.push({ method, url: r.url });
  });
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  app.setErrorHandler((err: Error & { statusCode?: number; code?: string; validation?: unknown }, req, reply) => {
    if (err instanceof HttpError) return reply.code(err.statusCode).send({ error: { code: err.code, message: err.message, request_id: req.id } });
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 600 ? err.statusCode : 500;
    if (status >= 500) req.log.error({ err }, 'request failed');
    const message = status >= 500 ? 'internal error; the request id is in the server log' : err.message;
    return reply.code(status).send({ error: { code: err.code ?? (status >= 500 ? 'INTERNAL' : 'BAD_REQUEST'), message, request_id: req.id } });
  });
  app.setNotFoundHandler((req, reply) =>
    reply.code(404).send({ error: { code: 'NOT_FOUND', message: `no route ${req.method} ${req.url.split('?')[0]}`, request_id: req.id } }),
  );
  const sessions = await installSessionSupport(app, ctx);
  installAuth(app, ctx, sessionResolver ?? sessions);
  installCsrfGuard(app);
  for (const m of modules) await m(app, ctx);
  return app;
}
