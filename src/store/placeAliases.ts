/**
 * Place aliases taught by moderators' corrections. A correction proposes; an admin approves or rejects;
 * approved aliases are loaded into the gazetteer (see api/review/gazetteerAliases.ts).
 */
import type { AliasProposal } from '../api/review/corrections.ts';
import { aliasKey } from '../api/review/corrections.ts';
import { writeAudit } from './audit.ts';
import type { AliasStatus } from './reviewSchema.ts';
import type { Db } from './schema.ts';
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

export interface PlaceAlias {
  id: string;
  alias: string;
  placeId: string | null;
  name: string;
  country: string | null;
  lat: number | null;
  lon: number | null;
  kind: string;
  status: AliasStatus;
  proposedBy: string;
  claimId: string | null;
  decidedBy: string | null;
  decidedAt: Date | null;
  decisionReason: string | null;
  createdAt: Date;
}

export class AliasNotFoundError extends Error {
  readonly code = 'NOT_FOUND';
}
export class AliasAlreadyDecidedError extends Error {
  readonly code = 'ALREADY_DECIDED';
}

function targetOf(p: { placeId: string | null; name: string; country: string | null }): string {
  return p.placeId ?? `${p.name}|${p.country ?? ''}`;
}

/**
 * Records proposals (in the caller's transaction, with an audit row each). A name already proposed for the
 * same place is not proposed again, whatever its status. Returns the ids of new proposals.
 */
export async function proposeAliases(tx: Db, proposals: readonly AliasProposal[], by: { actor: string; claimId: string; requestId?: string | undefined }): Promise<string[]> {
  const ids: string[] = [];
  for (const p of proposals) {
    const row = await tx
      .insertInto('place_aliases')
      .values({
        alias: p.alias,
        alias_key: aliasKey(p.alias),
        target: targetOf(p),
        place_id: p.placeId,
        name: p.name,
        country: p.country,
        lat: p.lat,
        lon: p.lon,
        kind: p.kind,
        proposed_by: by.actor,
        claim_id: by.claimId,
        decided_by: null,
        decided_at: null,
        decision_reason: null,
      })
      .onConflict((oc) => oc.columns(['alias_key', 'target']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) continue;
    ids.push(row.id);
    await writeAudit(tx, { actor: by.actor, action: 'place_alias.proposed', entity: 'place_alias', entityId: row.id, before: null, after: { ...p, status: 'proposed', claim_id: by.claimId }, requestId: by.requestId });
  }
  return ids;
}

function toAlias(r: {
  id: string;
  alias: string;
  place_id: string | null;
  name: string;
  country: string | null;
  lat: number | null;
  lon: number | null;
  kind: string;
  status: AliasStatus;
  proposed_by: string;
  claim_id: string | null;
  decided_by: string | null;
  decided_at: Date | null;
  decision_reason: string | null;
  created_at: Date;
}): PlaceAlias {
  return {
    id: r.id,
    alias: r.alias,
    placeId: r.place_id,
    name: r.name,
    country: r.country,
    lat: r.lat,
    lon: r.lon,
    kind: r.kind,
    status: r.status,
    proposedBy: r.proposed_by,
    claimId: r.claim_id,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
    decisionReason: r.decision_reason,
    createdAt: r.created_at,
  };
}

export async function listAliases(db: Db, where: { status?: AliasStatus; limit?: number } = {}): Promise<PlaceAlias[]> {
  let q = db.selectFrom('place_aliases').selectAll().orderBy('id', 'desc').limit(Math.min(where.limit ?? 200, 1000));
  if (where.status) q = q.where('status', '=', where.status);
  return (await q.execute()).map(toAlias);
}

/** Every approved alias, oldest first (what the gazetteer loads). */
export async function approvedAliases(db: Db): Promise<PlaceAlias[]> {
  return (await db.selectFrom('place_aliases').selectAll().where('status', '=', 'approved').orderBy('id').execute()).map(toAlias);
}

/** Approve or reject a proposal, with its audit row, in one transaction. Deciding twice is refused. */
export async function decideAlias(
  db: Kysely<Database>,
  input: { id: string; decision: 'approved' | 'rejected'; actor: string; reason: string | null; requestId?: string | undefined; now: Date },
): Promise<PlaceAlias> {
  return db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom('place_aliases').selectAll().where('id', '=', input.id).executeTakeFirst();
    if (!before) throw new AliasNotFoundError(`place alias ${input.id} not found`);
    if (before.status !== 'proposed') throw new AliasAlreadyDecidedError(`place alias ${input.id} was already ${before.status} by ${before.decided_by ?? 'someone'}`);
    const after = await tx
      .updateTable('place_aliases')
      .set({ status: input.decision, decided_by: input.actor, decided_at: input.now, decision_reason: input.reason, updated_at: input.now })
      .where('id', '=', input.id)
      .where('status', '=', 'proposed')
      .returningAll()
      .executeTakeFirst();
    if (!after) throw new AliasAlreadyDecidedError(`place alias ${input.id} was decided meanwhile`);
    await writeAudit(tx, {
      actor: input.actor,
      action: `place_alias.${input.decision === 'approved' ? 'approved' : 'rejected'}`,
      entity: 'place_alias',
      entityId: input.id,
      before: { status: before.status },
      after: { status: after.status, reason: input.reason, alias: after.alias, name: after.name, place_id: after.place_id },
      requestId: input.requestId,
    });
    return toAlias(after);
  });
}
