import type { FastifyInstance } from 'fastify';
import type { ApiContext } from '../context.ts';

/** Liveness is the process answering; readiness needs the store and Redis. */
export async function healthRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
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
