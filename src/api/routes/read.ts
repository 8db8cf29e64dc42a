/** Read-only views of the record: claims, incidents, posts and pipeline counts. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { getClaim } from '../../store/claims.ts';
import { getPost } from '../../store/posts.ts';
import { requireRole } from '../auth.ts';
import type { ApiContext } from '../context.ts';
import { badRequest, notFound } from '../errors.ts';

const idParam = z.object({ id: z.string().regex(/^[0-9]{1,19}$/, 'id must be a number') });

function parse<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const r = schema.safeParse(value);
  if (!r.success) {
    const i = r.error.issues[0];
    throw badRequest(`${i?.path.join('.') || 'request'}: ${i?.message}`);
  }
  return r.data;
}

const listQuery = z.object({
  status: z.enum(['pending', 'approved', 'rejected']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  before: z.string().regex(/^[0-9]{1,19}$/).optional(),
});

export async function readRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  const db = ctx.store.db;
  const researcher = requireRole('researcher');

  app.get('/api/v1/stats', { preHandler: researcher }, async () => {
    const count = async (table: 'posts' | 'claims' | 'incidents' | 'events') =>
      Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    const byStatus = await db.selectFrom('incidents').select(['status', (eb) => eb.fn.countAll<string>().as('n')]).groupBy('status').execute();
    return {
      posts: await count('posts'),
      claims: await count('claims'),
      incidents: await count('incidents'),
      events: await count('events'),
      incidents_by_status: Object.fromEntries(byStatus.map((r) => [r.status, Number(r.n)])),
    };
  });

  app.get('/api/v1/claims', { preHandler: researcher }, async (req) => {
    const q = parse(listQuery, req.query);
    let query = db
      .selectFrom('claims as c')
      .innerJoin('posts as p', 'p.id', 'c.post_id')
      .select(['c.id', 'c.status', 'c.event_type', 'c.event_utc', 'c.incident_id', 'c.is_current', 'c.data', 'p.author', 'p.posted_at', 'p.source_kind', 'p.text'])
      .orderBy('c.id', 'desc')
      .limit(q.limit);
    if (q.status) query = query.where('c.status', '=', q.status);
    if (q.before) query = query.where('c.id', '<', q.before);
    const rows = await query.execute();
    return { items: rows, next: rows.length === q.limit ? rows.at(-1)?.id : null };
  });

  app.get('/api/v1/claims/:id', { preHandler: researcher }, async (req) => {
    const { id } = parse(idParam, req.params);
    const claim = await getClaim(db, id);
    if (!claim) throw notFound(`claim ${id}`);
    const post = await getPost(db, claim.postId);
    return { ...claim, post };
  });

  app.get('/api/v1/incidents', { preHandler: researcher }, async (req) => {
    const q = parse(listQuery.omit({ status: true }).extend({ status: z.enum(['single_source', 'corroborated', 'disputed']).optional() }), req.query);
    let query = db.selectFrom('incidents').selectAll().orderBy('id', 'desc').limit(q.limit);
    if (q.status) query = query.where('status', '=', q.status);
    if (q.before) query = query.where('id', '<', q.before);
    const rows = await query.execute();
    return { items: rows, next: rows.length === q.limit ? rows.at(-1)?.id : null };
  });

  app.get('/api/v1/incidents/:id', { preHandler: researcher }, async (req) => {
    const { id } = parse(idParam, req.params);
    const incident = await db.selectFrom('incidents').selectAll().where('id', '=', id).executeTakeFirst();
    if (!incident) throw notFound(`incident ${id}`);
    const claims = await db
      .selectFrom('claims as c')
      .innerJoin('posts as p', 'p.id', 'c.post_id')
      .select(['c.id', 'c.status', 'c.is_current', 'c.data', 'p.author', 'p.source_kind', 'p.source_name', 'p.posted_at', 'p.url'])
      .where('c.incident_id', '=', id)
      .orderBy('p.posted_at')
      .execute();
    return { ...incident, claims };
  });

  app.get('/api/v1/posts/:id', { preHandler: researcher }, async (req) => {
    const { id } = parse(idParam, req.params);
    const post = await getPost(db, id);
    if (!post) throw notFound(`post ${id}`);
    return post;
  });
}
