import type { FastifyInstance } from 'fastify';
import type { ApiContext } from '../context.ts';
import { routeSchema } from '../openapi.ts';

/** Liveness is the process answering; readiness needs the store and Redis. */
export async function healthRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  app.get('/healthz', { schema: routeSchema({ tags: ['health'], summary: 'Liveness: the process answers', access: 'public' }) }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: routeSchema({ tags: ['health'], summary: 'Readiness: the store and Redis answer (503 when not)', access: 'public' }) }, async (_req, reply) => {
    const checks: Record<string, string> = {};
    try {
      await ctx.store.ping();
      checks.store = ctx.store.kind;
    } catch (e) {
      checks.store = `down: ${(e as Error).message}`;
    }
    try {
      await ctx.queues.ping();
      checks.redis = 'ok';
    } catch (e) {
      checks.redis = `down: ${(e as Error).message}`;
    }
    const ok = !Object.values(checks).some((v) => v.startsWith('down'));
    return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'degraded', checks });
  });
}
