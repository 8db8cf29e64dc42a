/** GET /api/v1/export?format=csv|geojson|jsonl&...filters: the claim record, streamed page by page. */
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { exportChunks } from '../../export/stream.ts';
import { CONTENT_TYPES, EXPORT_FORMATS } from '../../export/formats.ts';
import { claimFilterShape, withUntilAfterSince } from '../../store/claimQuery.ts';
import { requireRole } from '../auth.ts';
import type { ApiContext } from '../context.ts';
import { anyResponse, routeSchema } from '../openapi.ts';

/** The research API's claim filters (without paging) plus the format. */
const querySchema = z
  .object({ ...claimFilterShape, format: z.enum(EXPORT_FORMATS, { error: `format must be one of ${EXPORT_FORMATS.join(', ')}` }).default('jsonl') })
  .strict()
  .superRefine(withUntilAfterSince);

export async function exportRoutes(fastify: FastifyInstance, ctx: ApiContext): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/v1/export',
    {
      preValidation: requireRole('researcher'),
      schema: routeSchema({
        tags: ['research'],
        summary: 'The claim record as CSV, GeoJSON or JSONL, with the filters of GET /api/v1/claims',
        access: 'researcher',
        querystring: querySchema,
        response: { 200: anyResponse('text/csv, application/geo+json or application/x-ndjson, streamed') },
      }),
    },
    async (req, reply) => {
      const { format, ...filter } = req.query;
      const stamp = ctx.now().toISOString().slice(0, 10);
      req.log.info({ format, filter }, 'export started');
      return reply
        .header('content-type', CONTENT_TYPES[format])
        .header('content-disposition', `attachment; filename="claimwatch-claims-${stamp}.${format === 'geojson' ? 'geojson' : format}"`)
        .header('cache-control', 'no-store')
        .send(Readable.from(exportChunks(ctx.store.db, format, filter)));
    },
  );
}
