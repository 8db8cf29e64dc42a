/**
 * GET /metrics: Prometheus text exposition of this process (src/ops/metrics.ts). It needs an API key of
 * any role (give the scraper a researcher user of its own: the lowest role, and it cannot change
 * anything), unless METRICS_PUBLIC=true opens it for a scraper on a private network.
 */
import type { FastifyInstance } from 'fastify';
import { requireRole } from '../auth.ts';
import type { ApiContext } from '../context.ts';

export async function metricsRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  const metrics = ctx.metrics;
  if (!metrics) return;
  app.get(
    '/metrics',
    {
      schema: { summary: 'Prometheus metrics of this process (text exposition format)', tags: ['operations'] },
      ...(ctx.config.metrics.public ? {} : { preHandler: requireRole('researcher') }),
    }, async (req, reply) => {
    try {
      const { contentType, body } = await metrics.exposition();
      return reply.header('content-type', contentType).header('cache-control', 'no-store').send(body);
    } catch (e) {
      // Queue depths are read from Redis at scrape time; without Redis the scrape fails loudly, not with zeros.
      req.log.warn({ err: { message: (e as Error).message } }, 'metrics scrape failed');
      return reply.code(503).send({ error: { code: 'METRICS_UNAVAILABLE', message: `metrics unavailable: ${(e as Error).message}`, request_id: req.id } });
    }
  });
}
