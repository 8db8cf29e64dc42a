/**
 * Claims repository. A claim is written once per (post version, extractor version); re-running the extract job
 * finds the row and changes nothing. Corrections become numbered revisions; the row holds the latest.
 */
import { sql, type Selectable } from 'kysely';
import type { Claim } from '../domain/claim.ts';
import { toJsonb } from './json.ts';
import type { ClaimStatus, ClaimsTable, Db } from './schema.ts';

export interface StoredClaim {
  id: string;
  postId: string;
  extractorVersion: string;
  status: ClaimStatus;
  isCurrent: boolean;
  supersededBy: string | null;
  revision: number;
  data: Claim;
  incidentId: string | null;
  reviewedBy: string | null;
  reviewedAt: Date | null;
  reviewReason: string | null;
  createdAt: Date;
}

/** Best single instant of a claim's event for range queries: utc when known, else the local date at 00:00Z. */
export function eventInstant(claim: Claim): Date | null {
  const t = claim.event_time;
  if (!t) return null;
  let iso: string | null = null;
  if (t.utc) iso = t.utc.replace(/Z$/, ':00Z');
  else if (t.local) iso = `${t.local.length === 7 ? `${t.local}-01` : t.local.slice(0, 10)}T00:00:00Z`;
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Countries a claim names, sorted, for the indexed `countries` column. */
export function countriesOf(claim: Claim): string[] {
  return [...new Set(claim.locations.map((l) => l.country).filter((c): c is string => !!c))].sort();
}

/**
 * The place a claim is about, for bounding-box queries: the first target with coordinates, else the first
 * place with coordinates (migration 0006 backfills by the same rule).
 */
export function primaryPlace(claim: Claim): { lat: number; lon: number } | null {
  const located = claim.locations.filter((l) => typeof l.lat === 'number' && typeof l.lon === 'number' && Number.isFinite(l.lat) && Number.isFinite(l.lon));
  const best = located.find((l) => l.role === 'target') ?? located[0];
  return best ? { lat: best.lat!, lon: best.lon! } : null;
}

/** The columns derived from a claim's data, written with it on insert and on every correction. */
export function derivedColumns(claim: Claim) {
  const place = primaryPlace(claim);
  return {
    event_type: claim.event_type,
    event_utc: eventInstant(claim),
    countries: countriesOf(claim),
    place_lat: place?.lat ?? null,
    place_lon: place?.lon ?? null,
  };
}

function toStored(r: Selectable<ClaimsTable>): StoredClaim {
  return {
    id: r.id,
    postId: r.post_id,
    extractorVersion: r.extractor_version,
    status: r.status,
    isCurrent: r.is_current,
    supersededBy: r.superseded_by,
    revision: r.revision,
    data: r.data,
    incidentId: r.incident_id,
    reviewedBy: r.reviewed_by,
    reviewedAt: r.reviewed_at,
    reviewReason: r.review_reason,
    createdAt: r.created_at,
  };
}

/**
 * Stores the extractor's claim for a post version. Idempotent on (post_id, extractor_version).
 * Claims of older versions of the same post are marked superseded (kept, never deleted).
 * Run it inside a transaction together with the event it causes.
 */
export async function insertExtractedClaim(
  tx: Db,
  input: { postId: string; claim: Claim; extractorVersion: string },
): Promise<{ id: string; inserted: boolean; superseded: string[] }> {
  // Versions of one post are extracted by concurrent jobs: serialise them per post so exactly one claim
  // (that of the newest version, newest extraction) ends up current, whatever order they finish in.
  const post = await tx.selectFrom('posts').select(['platform', 'external_id']).where('id', '=', input.postId).executeTakeFirstOrThrow();
  await sql`select pg_advisory_xact_lock(hashtext(${`claims:${post.platform}:${post.external_id}`}))`.execute(tx);
  const data = toJsonb(input.claim);
  const row = await tx
    .insertInto('claims')
    .values({
      post_id: input.postId,
      extractor_version: input.extractorVersion,
      data,
      ...derivedColumns(input.claim),
      confidence: input.claim.event_type_confidence ?? null,
      superseded_by: null,
      incident_id: null,
      review_reason: null,
      reviewed_by: null,
      reviewed_at: null,
    })
    .onConflict((oc) => oc.columns(['post_id', 'extractor_version']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!row) {
    const existing = await tx
      .selectFrom('claims')
      .select('id')
      .where('post_id', '=', input.postId)
      .where('extractor_version', '=', input.extractorVersion)
      .executeTakeFirstOrThrow();
    return { id: existing.id, inserted: false, superseded: [] };
  }
  await tx.insertInto('claim_revisions').values({ claim_id: row.id, revision: 1, data, author: 'extractor', reason: 'extracted' }).execute();

  // The family: claims of every version of this post. The newest version's newest claim is current;
  // every other claim still marked current steps aside for it (kept, never deleted).
  const family = await tx
    .selectFrom('claims as c')
    .innerJoin('posts as p', 'p.id', 'c.post_id')
    .select(['c.id', 'c.is_current', 'p.version'])
    .where('p.platform', '=', post.platform)
    .where('p.external_id', '=', post.external_id)
    .execute();
  const winner = family.reduce((a, b) => (b.version > a.version || (b.version === a.version && BigInt(b.id) > BigInt(a.id)) ? b : a));
  const stale = family.filter((c) => c.id !== winner.id && (c.is_current || c.id === row.id)).map((c) => c.id);
  if (stale.length) {
    await tx.updateTable('claims').set({ is_current: false, superseded_by: winner.id, updated_at: new Date() }).where('id', 'in', stale).execute();
  }
  return { id: row.id, inserted: true, superseded: stale.filter((id) => id !== row.id) };
}

export async function getClaim(db: Db, id: string): Promise<StoredClaim | undefined> {
  const r = await db.selectFrom('claims').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toStored(r) : undefined;
}

export async function claimsOfPost(db: Db, postId: string): Promise<StoredClaim[]> {
  const rows = await db.selectFrom('claims').selectAll().where('post_id', '=', postId).orderBy('id').execute();
  return rows.map((r) => toStored(r));
}

export async function countClaims(db: Db, where: { status?: ClaimStatus } = {}): Promise<number> {
  let q = db.selectFrom('claims').select((eb) => eb.fn.countAll<string>().as('n'));
  if (where.status) q = q.where('status', '=', where.status);
  const r = await q.executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function setClaimIncident(db: Db, claimId: string, incidentId: string | null): Promise<void> {
  await db.updateTable('claims').set({ incident_id: incidentId, updated_at: new Date() }).where('id', '=', claimId).execute();
}

/** Blanks every quoted mention of a claim; used when the post it quotes is deleted (compliance). */
export function scrubMentions(claim: Claim): Claim {
  return {
    ...claim,
    quantities: claim.quantities.map((q) => ({ ...q, mention: '' })),
    event_time: claim.event_time ? { ...claim.event_time, mention: '' } : null,
    locations: claim.locations.map((l) => ({ ...l, mention: '' })),
    hedges: [],
  };
}

/** Purges text quoted from a deleted post out of its claims and their revisions; figures stay. */
export async function scrubClaimText(tx: Db, postId: string): Promise<void> {
  const rows = await tx.selectFrom('claims').select(['id', 'data']).where('post_id', '=', postId).execute();
  for (const r of rows) {
    await tx.updateTable('claims').set({ data: toJsonb(scrubMentions(r.data)), updated_at: new Date() }).where('id', '=', r.id).execute();
    const revs = await tx.selectFrom('claim_revisions').select(['revision', 'data']).where('claim_id', '=', r.id).execute();
    for (const rev of revs) {
      await tx
        .updateTable('claim_revisions')
        .set({ data: toJsonb(scrubMentions(rev.data)) })
        .where('claim_id', '=', r.id)
        .where('revision', '=', rev.revision)
        .execute();
    }
  }
}
