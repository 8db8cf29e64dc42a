/** Gazetteer alias proposals from place corrections: moderators see them, admins decide. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AliasAlreadyDecidedError, AliasNotFoundError, decideAlias, listAliases } from '../../store/placeAliases.ts';
import { requireRole } from '../auth.ts';
import type { ApiContext } from '../context.ts';
import { HttpError, notFound } from '../errors.ts';
import { routeSchema } from '../openapi.ts';
import { syncGazetteerAliases } from '../review/gazetteerAliases.ts';
import { actorOf, idParam } from '../validate.ts';

const listQuery = z.object({
  status: z.enum(['proposed', 'approved', 'rejected']).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
const decisionBody = z.object({ reason: z.string().trim().max(2000).optional() });

export async function aliasRoutes(fastify: FastifyInstance, ctx: ApiContext): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const db = ctx.store.db;

  app.get('/api/v1/place-aliases', { preValidation: requireRole('moderator'), schema: routeSchema({ tags: ['review'], summary: 'Place aliases proposed by corrections', access: 'moderator', querystring: listQuery }) }, async (req) => {
    const q = req.query;
    return { items: await listAliases(db, { ...(q.status ? { status: q.status } : {}), limit: q.limit }) };
  });

  for (const decision of ['approved', 'rejected'] as const) {
    const verb = decision === 'approved' ? 'approve' : 'reject';
    app.post(
      `/api/v1/place-aliases/:id/${verb}`,
      { preValidation: requireRole('admin'), schema: routeSchema({ tags: ['review'], summary: `${verb === 'approve' ? 'Approve' : 'Reject'} a place alias (approved ones teach the gazetteer)`, access: 'admin', params: idParam, body: decisionBody }) },
      async (req) => {
      const { id } = req.params;
      const body = req.body;
      try {
        const alias = await decideAlias(db, { id, decision, actor: actorOf(req), reason: body.reason || null, requestId: req.id, now: ctx.now() });
        // The gazetteer of this process learns at once; other processes on their next periodic reload.
        if (decision === 'approved') await syncGazetteerAliases(db);
        return alias;
      } catch (e) {
        if (e instanceof AliasNotFoundError) throw notFound(`place alias ${id}`);
        if (e instanceof AliasAlreadyDecidedError) throw new HttpError(409, 'ALREADY_DECIDED', e.message);
        throw e;
      }
    },
    );
  }
}
