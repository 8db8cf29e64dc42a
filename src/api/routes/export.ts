/** GET /api/v1/export?format=csv|geojson|jsonl&...filters: the claim record, streamed page by page. */
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { exportChunks } from '../../export/stream.ts';
import { CONTENT_TYPES, EXPORT_FORMATS } from '../../export/formats.ts';
import { exportFilterSchema } from '../../store/exportQuery.ts';
import { requireRole } from '../auth.ts';
import type { ApiContext } from '../context.ts';
import { badRequest } from '../errors.ts';

const querySchema = exportFilterSchema.extend({ format: z.enum(EXPORT_FORMATS, { error: `format must be one of ${EXPORT_FORMATS.join(', ')}` }).default('jsonl') });

export async function exportRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  app.get('/api/v1/export', { preHandler: requireRole('researcher') }, async (req, reply) => {
    const parsed = querySchema.safeParse(req.query);
    if (!parsed.success) {
      const i = parsed.error.issues[0];
      throw badRequest(`${i?.path.join('.') || 'query'}: ${i?.message}`);
    }
    const { format, ...filter } = parsed.data;
    const stamp = ctx.now().toISOString().slice(0, 10);
    req.log.info({ format, filter }, 'export started');
    return reply
      .header('content-type', CONTENT_TYPES[format])
      .header('content-disposition', `attachment; filename="claimwatch-claims-${stamp}.${format === 'geojson' ? 'geojson' : format}"`)
      .header('cache-control', 'no-store')
      .send(Readable.from(exportChunks(ctx.store.db, format, filter)));
  });
}
