/**
 * The research API: claims and incidents filtered by time, place, account, type, status and discrepancy,
 * in cursor pages (src/store/claimQuery.ts); single claims, incidents and posts; pipeline counts.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { claimSchema } from '../../domain/claim.ts';
import { BadCursorError, CLAIM_STATUSES, claimListQuery, incidentListQuery, INCIDENT_STATUSES, listClaims, listIncidents } from '../../store/claimQuery.ts';
import { getClaim } from '../../store/claims.ts';
import { getPost } from '../../store/posts.ts';
import { requireRole } from '../auth.ts';
import type { ApiContext } from '../context.ts';
import { badRequest, notFound } from '../errors.ts';
import { routeSchema } from '../openapi.ts';
import { idParam } from '../validate.ts';

const instant = z.iso.datetime({ offset: true });
const claimDoc = claimSchema.meta({ id: 'Claim', description: 'A claim in the fixed claim format (src/domain/claim.ts).' });
const nextCursor = z.string().nullable().meta({ description: 'pass as cursor for the next page; null on the last page' });

export const claimItem = z
  .object({
    id: z.string(),
    status: z.enum(CLAIM_STATUSES),
    revision: z.number().int(),
    is_current: z.boolean(),
    event_type: z.string(),
    event_utc: instant.nullable(),
    countries: z.array(z.string()),
    place_lat: z.number().nullable(),
    place_lon: z.number().nullable(),
    incident_id: z.string().nullable(),
    incident_status: z.enum(INCIDENT_STATUSES).nullable(),
    data: claimDoc,
    post_id: z.string(),
    author: z.string(),
    source_kind: z.string(),
    source_name: z.string().nullable(),
    url: z.string().nullable(),
    posted_at: instant,
    text: z.string().nullable(),
  })
  .meta({ id: 'ClaimListItem' });

export const incidentItem = z
  .object({
    id: z.string(),
    status: z.enum(INCIDENT_STATUSES),
    event_type: z.string().nullable(),
    window_start: instant.nullable(),
    window_end: instant.nullable(),
    event_countries: z.array(z.string()).nullable(),
    revision: z.number().int(),
    summary: z.record(z.string(), z.unknown()).meta({ description: 'places, quantities, discrepancies and sources (src/compare)' }),
    claims: z.number().int(),
    created_at: instant,
    updated_at: instant,
  })
  .meta({ id: 'IncidentListItem' });

export const claimPage = z.object({ items: z.array(claimItem), next_cursor: nextCursor });
export const incidentPage = z.object({ items: z.array(incidentItem), next_cursor: nextCursor });

const stats = z.object({
  posts: z.number().int(),
  claims: z.number().int(),
  incidents: z.number().int(),
  events: z.number().int(),
  incidents_by_status: z.record(z.string(), z.number().int()),
});

const anyObject = (description: string) => z.record(z.string(), z.unknown()).meta({ description });

export async function readRoutes(fastify: FastifyInstance, ctx: ApiContext): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const db = ctx.store.db;
  const researcher = requireRole('researcher');
  const badCursor = (e: unknown): never => {
    if (e instanceof BadCursorError) throw badRequest(e.message);
    throw e;
  };

  app.get(
    '/api/v1/stats',
    { preValidation: researcher, schema: routeSchema({ tags: ['research'], summary: 'How many posts, claims, incidents and events the store holds', access: 'researcher', response: { 200: stats } }) },
    async () => {
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
    },
  );

  app.get(
    '/api/v1/claims',
    {
      preValidation: researcher,
      schema: routeSchema({
        tags: ['research'],
        summary: 'Claims, newest first, filtered; cursor pages',
        description: 'Filters combine with AND; comma lists match any of their values. Claims superseded by a newer version of their post are left out unless include_superseded=true.',
        access: 'researcher',
        querystring: claimListQuery,
        response: { 200: claimPage },
      }),
    },
    async (req) => listClaims(db, req.query).catch(badCursor),
  );

  app.get(
    '/api/v1/claims/:id',
    { preValidation: researcher, schema: routeSchema({ tags: ['research'], summary: 'One claim with its post', access: 'researcher', params: idParam, response: { 200: anyObject('the stored claim and its post') } }) },
    async (req) => {
      const { id } = req.params;
      const claim = await getClaim(db, id);
      if (!claim) throw notFound(`claim ${id}`);
      const post = await getPost(db, claim.postId);
      return { ...claim, post };
    },
  );

  app.get(
    '/api/v1/incidents',
    {
      preValidation: researcher,
      schema: routeSchema({
        tags: ['research'],
        summary: 'Incidents, newest first, filtered; cursor pages',
        description: 'Incidents merged into another are left out (their claims belong to the one they merged into). Place, bbox and account match any claim of the incident.',
        access: 'researcher',
        querystring: incidentListQuery,
        response: { 200: incidentPage },
      }),
    },
    async (req) => listIncidents(db, req.query).catch(badCursor),
  );

  app.get(
    '/api/v1/incidents/:id',
    { preValidation: researcher, schema: routeSchema({ tags: ['research'], summary: 'One incident with its claims', access: 'researcher', params: idParam, response: { 200: anyObject('the incident row and its claims') } }) },
    async (req) => {
      const { id } = req.params;
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
    },
  );

  app.get(
    '/api/v1/posts/:id',
    { preValidation: researcher, schema: routeSchema({ tags: ['research'], summary: 'One post (its text is null once deleted)', access: 'researcher', params: idParam, response: { 200: anyObject('the stored post') } }) },
    async (req) => {
      const { id } = req.params;
      const post = await getPost(db, id);
      if (!post) throw notFound(`post ${id}`);
      return post;
    },
  );
}
