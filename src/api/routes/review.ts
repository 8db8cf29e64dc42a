/**
 * Moderator review API: the queue, a claim with its source, revisions and audit trail, and the three
 * review steps. Reading needs the researcher role; changing a claim needs moderator.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { EVENT_TYPES } from '../../domain/claim.ts';
import { listAudit } from '../../store/audit.ts';
import { getClaim } from '../../store/claims.ts';
import { proposeAliases } from '../../store/placeAliases.ts';
import { getPost } from '../../store/posts.ts';
import { ClaimNotFoundError, claimRevisions, correctClaim, decideClaim, reviewQueue, StaleRevisionError, type ReviewResult } from '../../store/reviews.ts';
import { requireRole } from '../auth.ts';
import type { ApiContext } from '../context.ts';
import { HttpError, notFound } from '../errors.ts';
import { routeSchema } from '../openapi.ts';
import { aliasProposals, applyChanges, fieldDiff, parseChanges } from '../review/corrections.ts';
import { dispatchReview } from '../review/dispatch.ts';
import { actorOf, idParam } from '../validate.ts';

/** 0..1, to six places: a subnormal such as 5e-324 would underflow PostgreSQL's real. */
const confidenceParam = z.coerce
  .number()
  .min(0)
  .max(1)
  .transform((v) => Math.round(v * 1e6) / 1e6);

const queueQuery = z.object({
  status: z.enum(['pending', 'approved', 'rejected']).optional(),
  account: z.string().trim().min(1).max(200).optional(),
  type: z.enum(EVENT_TYPES).optional(),
  place: z.string().trim().min(1).max(200).optional(),
  min_confidence: confidenceParam.optional(),
  max_confidence: confidenceParam.optional(),
  include_superseded: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

const revision = z.number({ error: 'revision is required: the revision you reviewed (from the claim)' }).int().min(1);
const reasonText = z.string().trim().max(2000);

const correctionBody = z.object({
  revision,
  reason: reasonText.optional(),
  changes: z.unknown(),
  /** Propose the corrected place names as gazetteer aliases (an admin approves them). */
  propose_aliases: z.boolean().default(true),
});
const approveBody = z.object({ revision, reason: reasonText.optional() });
const rejectBody = z.object({ revision, reason: reasonText.min(3, 'reason is required to reject (at least 3 characters)') });

function mapReviewError(e: unknown): never {
  if (e instanceof StaleRevisionError) throw new HttpError(409, 'STALE_REVISION', e.message);
  if (e instanceof ClaimNotFoundError) throw notFound(`claim ${e.claimId}`);
  throw e;
}

function outcome(r: ReviewResult, dispatched: boolean, extra: Record<string, unknown> = {}) {
  return { claim_id: r.claimId, revision: r.revision, status: r.status, event_id: r.eventId, audit_id: r.auditId, jobs_enqueued: dispatched, ...extra };
}

export async function reviewRoutes(fastify: FastifyInstance, ctx: ApiContext): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const db = ctx.store.db;
  const researcher = requireRole('researcher');
  const moderator = requireRole('moderator');
  const deps = { db, queues: ctx.queues, log: ctx.log };

  app.get('/api/v1/review/queue', { preValidation: researcher, schema: routeSchema({ tags: ['review'], summary: 'The review queue: pending claims first (oldest first), then reviewed ones', access: 'researcher', querystring: queueQuery }) }, async (req) => {
    const q = req.query;
    const r = await reviewQueue(db, {
      status: q.status,
      account: q.account,
      type: q.type,
      place: q.place,
      minConfidence: q.min_confidence,
      maxConfidence: q.max_confidence,
      includeSuperseded: q.include_superseded === 'true',
      limit: q.limit,
      offset: q.offset,
    });
    return { items: r.items, total: r.total, offset: q.offset, limit: q.limit };
  });

  app.get('/api/v1/review/claims/:id', { preValidation: researcher, schema: routeSchema({ tags: ['review'], summary: 'A claim with its post, incident, revisions, audit trail and alias proposals', access: 'researcher', params: idParam }) }, async (req) => {
    const { id } = req.params;
    const claim = await getClaim(db, id);
    if (!claim) throw notFound(`claim ${id}`);
    const post = await getPost(db, claim.postId);
    const incident = claim.incidentId
      ? ((await db.selectFrom('incidents').select(['id', 'status', 'event_type', 'revision']).where('id', '=', claim.incidentId).executeTakeFirst()) ?? null)
      : null;
    const aliases = await db
      .selectFrom('place_aliases')
      .select(['id', 'alias', 'name', 'place_id', 'status', 'proposed_by', 'decided_by'])
      .where('claim_id', '=', id)
      .orderBy('id')
      .execute();
    return {
      claim,
      post,
      incident,
      revisions: await claimRevisions(db, id),
      audit: await listAudit(db, { entity: 'claim', entityId: id, limit: 200 }),
      aliases,
    };
  });

  app.post('/api/v1/claims/:id/corrections', { preValidation: moderator, schema: routeSchema({ tags: ['review'], summary: 'Correct fields of a claim (a new revision)', access: 'moderator', params: idParam, body: correctionBody }) }, async (req) => {
    const { id } = req.params;
    const body = req.body;
    const actor = actorOf(req);
    const claim = await getClaim(db, id);
    if (!claim) throw notFound(`claim ${id}`);
    const post = await getPost(db, claim.postId);
    const text = post?.text ?? '';
    const parsed = parseChanges(body.changes, text.length);
    if (!parsed.ok) {
      const first = parsed.issues[0]!;
      throw new HttpError(400, 'INVALID_CORRECTION', `${first.path}: ${first.message}${parsed.issues.length > 1 ? ` (and ${parsed.issues.length - 1} more)` : ''}`);
    }
    if (claim.revision !== body.revision) mapReviewError(new StaleRevisionError(id, body.revision, claim.revision));
    const next = applyChanges(claim.data, parsed.changes);
    const diff = fieldDiff(claim.data, next);
    if (!diff.fields.length) throw new HttpError(400, 'NO_CHANGE', 'changes: the corrected fields equal the current ones; nothing to save');
    const proposals = body.propose_aliases && diff.fields.includes('locations') ? aliasProposals(claim.data, next, text) : [];
    let aliasIds: string[] = [];
    const result = await correctClaim(
      db,
      { claimId: id, expectedRevision: body.revision, actor, reason: body.reason ?? null, requestId: req.id, now: ctx.now(), data: next, changed: diff.fields, before: diff.before, after: diff.after },
      async (tx) => {
        aliasIds = await proposeAliases(tx, proposals, { actor, claimId: id, requestId: req.id });
      },
    ).catch(mapReviewError);
    const { dispatched } = await dispatchReview(deps, { claimId: id, revision: result.revision, eventId: result.eventId, rematch: result.rematch });
    return outcome(result, dispatched, { changed: diff.fields, proposed_aliases: aliasIds });
  });

  app.post('/api/v1/claims/:id/approve', { preValidation: moderator, schema: routeSchema({ tags: ['review'], summary: 'Approve a claim at the revision you reviewed', access: 'moderator', params: idParam, body: approveBody }) }, async (req) => {
    const { id } = req.params;
    const body = req.body;
    const result = await decideClaim(db, { claimId: id, expectedRevision: body.revision, actor: actorOf(req), reason: body.reason || null, requestId: req.id, now: ctx.now(), decision: 'approved' }).catch(
      mapReviewError,
    );
    const { dispatched } = await dispatchReview(deps, { claimId: id, revision: result.revision, eventId: result.eventId, rematch: result.rematch });
    return outcome(result, dispatched);
  });

  app.post('/api/v1/claims/:id/reject', { preValidation: moderator, schema: routeSchema({ tags: ['review'], summary: 'Reject a claim, with a reason', access: 'moderator', params: idParam, body: rejectBody }) }, async (req) => {
    const { id } = req.params;
    const body = req.body;
    const result = await decideClaim(db, { claimId: id, expectedRevision: body.revision, actor: actorOf(req), reason: body.reason, requestId: req.id, now: ctx.now(), decision: 'rejected' }).catch(mapReviewError);
    const { dispatched } = await dispatchReview(deps, { claimId: id, revision: result.revision, eventId: result.eventId, rematch: result.rematch });
    return outcome(result, dispatched);
  });

  const auditQuery = z.object({
    entity: z.string().max(50).optional(),
    entity_id: z.string().max(50).optional(),
    actor: z.string().max(200).optional(),
    before: z.string().regex(/^[0-9]{1,18}$/).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  });

  app.get('/api/v1/audit', { preValidation: moderator, schema: routeSchema({ tags: ['review'], summary: 'The audit trail, newest first', access: 'moderator', querystring: auditQuery }) }, async (req) => {
    const q = req.query;
    const items = await listAudit(db, { entity: q.entity, entityId: q.entity_id, actor: q.actor, before: q.before, limit: q.limit });
    return { items, next: items.length === q.limit ? items.at(-1)?.id : null };
  });

  app.get('/api/v1/review/incidents/:id', { preValidation: researcher, schema: routeSchema({ tags: ['review'], summary: 'An incident with its member claims and their posts', access: 'researcher', params: idParam }) }, async (req) => {
    const { id } = req.params;
    const incident = await db.selectFrom('incidents').selectAll().where('id', '=', id).executeTakeFirst();
    if (!incident) throw notFound(`incident ${id}`);
    const members = await db
      .selectFrom('claims as c')
      .innerJoin('posts as p', 'p.id', 'c.post_id')
      .select(['c.id', 'c.status', 'c.revision', 'c.is_current', 'c.data', 'p.id as post_id', 'p.author', 'p.source_kind', 'p.source_name', 'p.posted_at', 'p.url', 'p.text'])
      .where('c.incident_id', '=', id)
      .orderBy('p.posted_at')
      .execute();
    return { incident, members };
  });

  app.get('/api/v1/places', { preValidation: researcher, schema: routeSchema({ tags: ['review'], summary: 'Every place named by a current, not rejected claim, with coordinates and aliases', access: 'researcher' }) }, async () => {
    // Every place named by a current, not rejected claim, with its coordinates and how many claims name it.
    const rows = await sql<{ name: string; country: string | null; lat: number | null; lon: number | null; kind: string; place_id: string | null; claims: string; mentions: string[] }>`
      select l.v->>'name' as name, l.v->>'country' as country, (l.v->>'lat')::float8 as lat, (l.v->>'lon')::float8 as lon,
             l.v->>'kind' as kind, l.v->>'place_id' as place_id, count(distinct c.id) as claims,
             (array_agg(distinct l.v->>'mention'))[1:20] as mentions
      from claims c cross join lateral jsonb_array_elements(c.data->'locations') as l(v)
      where c.is_current and c.status <> 'rejected'
      group by 1, 2, 3, 4, 5, 6
      order by count(distinct c.id) desc, 1
      limit 2000`.execute(db);
    const aliases = await db.selectFrom('place_aliases').select(['alias', 'name', 'place_id', 'country']).where('status', '=', 'approved').execute();
    return {
      items: rows.rows.map((p) => ({
        ...p,
        claims: Number(p.claims),
        mentions: (p.mentions ?? []).filter((m) => !!m),
        aliases: aliases.filter((a) => (p.place_id ? a.place_id === p.place_id : a.name === p.name && a.country === p.country)).map((a) => a.alias),
      })),
    };
  });
}
