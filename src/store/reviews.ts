/**
 * Moderator review of claims: the queue, the detail view, and the three review steps (correct, approve,
 * reject). Each step is one transaction: a new revision row, the claim row updated under an optimistic
 * revision check, an audit row, and a `claim.reviewed` event in the outbox.
 */
import { sql, type Kysely } from 'kysely';
import type { Claim } from '../domain/claim.ts';
import { EVENT_PAYLOAD_VERSION, type ClaimEventPayload } from '../domain/events.ts';
import { writeAudit } from './audit.ts';
import { derivedColumns } from './claims.ts';
import { recordEvent } from './events.ts';
import { toJsonb } from './json.ts';
import type { ClaimStatus, Database, Db } from './schema.ts';
import type { ReviewAction } from './reviewSchema.ts';

/** The claim changed since the caller read it: they must reload and redo their step. */
export class StaleRevisionError extends Error {
  readonly code = 'STALE_REVISION';
  constructor(
    readonly claimId: string,
    readonly expected: number,
    readonly current: number,
  ) {
    super(`claim ${claimId} is at revision ${current}, not ${expected}: someone changed it meanwhile; reload and try again`);
  }
}

export class ClaimNotFoundError extends Error {
  readonly code = 'NOT_FOUND';
  constructor(readonly claimId: string) {
    super(`claim ${claimId} not found`);
  }
}

export function claimReviewedEventId(claimId: string, revision: number): string {
  return `claim.reviewed:${claimId}:${revision}`;
}

export interface ReviewEventPayload extends ClaimEventPayload {
  review: {
    action: Exclude<ReviewAction, 'extracted'>;
    revision: number;
    by: string;
    reason: string | null;
    /** Correctable fields this step changed (empty for approve/reject). */
    changed: string[];
    /**
     * True when the incident must be matched again: the data changed (a correction), the claim was rejected
     * (it leaves its incident) or a rejected claim was approved (it comes back).
     */
    rematch: boolean;
  };
}

export interface ReviewResult {
  claimId: string;
  revision: number;
  status: ClaimStatus;
  eventId: string;
  auditId: string;
  incidentId: string | null;
  /** See ReviewEventPayload.review.rematch. */
  rematch: boolean;
}

interface StepInput {
  claimId: string;
  expectedRevision: number;
  actor: string;
  reason: string | null;
  requestId?: string | undefined;
  now: Date;
}

type Tx = Kysely<Database>;

/**
 * Shared by the three steps: lock-free optimistic update of the claim row (`where revision = expected`),
 * then the revision, audit and event rows, all in the caller's transaction.
 */
async function step(
  tx: Db,
  input: StepInput & { action: Exclude<ReviewAction, 'extracted'>; data?: Claim; status?: ClaimStatus; changed: string[]; rematch: boolean; audit: { before: unknown; after: unknown } },
): Promise<ReviewResult> {
  const next = input.expectedRevision + 1;
  const set: Record<string, unknown> = { revision: next, updated_at: input.now };
  if (input.data) {
    set.data = toJsonb(input.data);
    Object.assign(set, derivedColumns(input.data));
  }
  if (input.status) {
    set.status = input.status;
    set.review_reason = input.reason;
    set.reviewed_by = input.actor;
    set.reviewed_at = input.now;
  }
  const updated = await tx
    .updateTable('claims')
    .set(set)
    .where('id', '=', input.claimId)
    .where('revision', '=', input.expectedRevision)
    .returning(['id', 'data', 'status', 'incident_id', 'post_id'])
    .executeTakeFirst();
  if (!updated) {
    const current = await tx.selectFrom('claims').select('revision').where('id', '=', input.claimId).executeTakeFirst();
    if (!current) throw new ClaimNotFoundError(input.claimId);
    throw new StaleRevisionError(input.claimId, input.expectedRevision, current.revision);
  }
  await tx
    .insertInto('claim_revisions')
    .values({
      claim_id: input.claimId,
      revision: next,
      data: toJsonb(updated.data),
      author: input.actor,
      reason: input.reason,
      action: input.action,
      status: updated.status,
      created_at: input.now,
    })
    .execute();
  const auditId = await writeAudit(tx, {
    actor: input.actor,
    action: `claim.${input.action}`,
    entity: 'claim',
    entityId: input.claimId,
    before: input.audit.before,
    after: input.audit.after,
    requestId: input.requestId,
  });
  const post = await tx.selectFrom('posts').selectAll().where('id', '=', updated.post_id).executeTakeFirstOrThrow();
  const eventId = claimReviewedEventId(input.claimId, next);
  const payload: ReviewEventPayload = {
    version: EVENT_PAYLOAD_VERSION,
    claim_id: input.claimId,
    post: {
      id: post.id,
      platform: post.platform,
      external_id: post.external_id,
      author: post.author,
      source_kind: post.source_kind,
      source_name: post.source_name,
      url: post.url,
      posted_at: post.posted_at.toISOString(),
    },
    status: updated.status,
    incident_id: updated.incident_id,
    claim: updated.data,
    review: { action: input.action, revision: next, by: input.actor, reason: input.reason, changed: input.changed, rematch: input.rematch },
  };
  await recordEvent(tx, {
    id: eventId,
    type: 'claim.reviewed',
    subject: `claim:${input.claimId}`,
    payload: payload as unknown as Record<string, unknown>,
    occurredAt: input.now,
  });
  return { claimId: input.claimId, revision: next, status: updated.status, eventId, auditId, incidentId: updated.incident_id, rematch: input.rematch };
}

/**
 * A correction: `data` is the whole corrected claim (see api/review/corrections.ts), `before`/`after`
 * the changed fields only. `extra` runs in the same transaction (alias proposals).
 */
export async function correctClaim(
  db: Tx,
  input: StepInput & { data: Claim; changed: string[]; before: unknown; after: unknown },
  extra?: (tx: Db, result: ReviewResult) => Promise<void>,
): Promise<ReviewResult> {
  return db.transaction().execute(async (tx) => {
    const r = await step(tx, {
      ...input,
      action: 'corrected',
      rematch: true,
      audit: { before: { revision: input.expectedRevision, ...(input.before as object) }, after: { revision: input.expectedRevision + 1, ...(input.after as object) } },
    });
    if (extra) await extra(tx, r);
    return r;
  });
}

/** Approve or reject the claim as it stands at `expectedRevision`. */
export async function decideClaim(db: Tx, input: StepInput & { decision: 'approved' | 'rejected' }): Promise<ReviewResult> {
  return db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom('claims').select(['status', 'review_reason']).where('id', '=', input.claimId).executeTakeFirst();
    if (!before) throw new ClaimNotFoundError(input.claimId);
    return step(tx, {
      ...input,
      action: input.decision,
      status: input.decision,
      changed: [],
      // Rejecting takes the claim out of its incident; approving a rejected one puts it back.
      rematch: input.decision === 'rejected' ? before.status !== 'rejected' : before.status === 'rejected',
      audit: {
        before: { revision: input.expectedRevision, status: before.status, reason: before.review_reason },
        after: { revision: input.expectedRevision + 1, status: input.decision, reason: input.reason },
      },
    });
  });
}

export interface QueueFilter {
  status?: ClaimStatus | undefined;
  account?: string | undefined;
  type?: string | undefined;
  /** Matches a location's name, mention or gazetteer id (case-insensitive substring), or a country code. */
  place?: string | undefined;
  minConfidence?: number | undefined;
  maxConfidence?: number | undefined;
  /** Include claims superseded by a newer version of their post. */
  includeSuperseded?: boolean | undefined;
  limit: number;
  offset: number;
}

export interface QueueItem {
  id: string;
  status: ClaimStatus;
  revision: number;
  event_type: string;
  confidence: number | null;
  event_utc: Date | null;
  countries: string[];
  incident_id: string | null;
  created_at: Date;
  reviewed_by: string | null;
  author: string;
  source_kind: string;
  source_name: string | null;
  posted_at: Date;
  text: string | null;
  places: string[];
  quantities: number;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The review queue: pending claims first (oldest first, like a queue), then reviewed ones, newest first. */
export async function reviewQueue(db: Db, f: QueueFilter): Promise<{ items: QueueItem[]; total: number }> {
  let q = db.selectFrom('claims as c').innerJoin('posts as p', 'p.id', 'c.post_id');
  if (!f.includeSuperseded) q = q.where('c.is_current', '=', true);
  if (f.status) q = q.where('c.status', '=', f.status);
  if (f.account) q = q.where(sql<boolean>`lower(p.author) = lower(${f.account.replace(/^@/, '')})`);
  if (f.type) q = q.where('c.event_type', '=', f.type);
  if (f.minConfidence !== undefined) q = q.where('c.confidence', '>=', f.minConfidence);
  if (f.maxConfidence !== undefined) q = q.where('c.confidence', '<=', f.maxConfidence);
  if (f.place) {
    const like = `%${escapeLike(f.place.toLowerCase())}%`;
    const cc = f.place.toUpperCase();
    q = q.where(
      sql<boolean>`(${cc} = any(c.countries) or exists (select 1 from jsonb_array_elements(c.data->'locations') as l(v)
        where lower(l.v->>'name') like ${like} or lower(l.v->>'mention') like ${like} or lower(coalesce(l.v->>'place_id', '')) = ${f.place.toLowerCase()}))`,
    );
  }
  const total = Number((await q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await q
    .select([
      'c.id',
      'c.status',
      'c.revision',
      'c.event_type',
      'c.confidence',
      'c.event_utc',
      'c.countries',
      'c.incident_id',
      'c.created_at',
      'c.reviewed_by',
      'c.data',
      'p.author',
      'p.source_kind',
      'p.source_name',
      'p.posted_at',
      'p.text',
    ])
    .orderBy(sql`case when c.status = 'pending' then 0 else 1 end`)
    .orderBy(sql`case when c.status = 'pending' then c.id end`, 'asc')
    .orderBy('c.id', 'desc')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  return {
    total,
    items: rows.map(({ data, ...r }) => ({
      ...r,
      places: [...new Set(data.locations.map((l) => l.name))],
      quantities: data.quantities.length,
    })),
  };
}

export interface RevisionRow {
  revision: number;
  action: string;
  status: string | null;
  author: string;
  reason: string | null;
  created_at: Date;
  data: Claim;
}

export async function claimRevisions(db: Db, claimId: string): Promise<RevisionRow[]> {
  const rows = await db.selectFrom('claim_revisions').selectAll().where('claim_id', '=', claimId).orderBy('revision', 'desc').execute();
  return rows.map((r) => ({
    revision: r.revision,
    action: r.action ?? (r.revision === 1 ? 'extracted' : 'corrected'),
    status: r.status ?? (r.revision === 1 ? 'pending' : null),
    author: r.author,
    reason: r.reason,
    created_at: r.created_at,
    data: r.data,
  }));
}
