/**
 * Incidents as the matcher (src/compare) sees them: state in, outcome out. Everything here runs inside
 * the match job's transaction, under an advisory lock that serialises matching across processes.
 */
import { sql } from 'kysely';
import type { AbsorbedIncident, CandidateQuery, ClaimRecord, IncidentState, IncidentSummary } from '../compare/index.ts';
import { isCandidate } from '../compare/index.ts';
import { toJsonb } from './json.ts';
import type { Db } from './schema.ts';

/** Any constant shared by every claimwatch process: the key of the matching lock. */
const MATCH_LOCK_KEY = 7_224_402;

export async function lockMatching(tx: Db): Promise<void> {
  await sql`select pg_advisory_xact_lock(${MATCH_LOCK_KEY})`.execute(tx);
}

/** The claim as the matcher needs it, with what it must know of its post. */
export async function claimRecord(db: Db, claimId: string): Promise<{ record: ClaimRecord; status: string; incidentId: string | null; postDeleted: boolean } | undefined> {
  const r = await db
    .selectFrom('claims as c')
    .innerJoin('posts as p', 'p.id', 'c.post_id')
    .select(['c.id', 'c.data', 'c.status', 'c.incident_id', 'p.id as post_id', 'p.author', 'p.source_kind', 'p.source_name', 'p.posted_at', 'p.platform', 'p.external_id', 'p.version', 'p.deleted_at'])
    .where('c.id', '=', claimId)
    .executeTakeFirst();
  if (!r) return undefined;
  return {
    record: {
      id: r.id,
      postId: r.post_id,
      author: r.author,
      source: { kind: r.source_kind, name: r.source_name ?? r.author },
      postedAt: r.posted_at.toISOString(),
      platform: r.platform,
      externalId: r.external_id,
      version: r.version,
      seq: Number(r.id),
      claim: r.data,
    },
    status: r.status,
    incidentId: r.incident_id,
    postDeleted: r.deleted_at !== null,
  };
}

type IncidentRow = { id: string; revision: number; members: unknown[]; summary: Record<string, unknown> };
const toState = (r: IncidentRow): IncidentState => ({ id: r.id, revision: r.revision, members: r.members as ClaimRecord[], summary: r.summary as unknown as IncidentSummary });

export async function getIncidentState(db: Db, id: string): Promise<IncidentState | undefined> {
  const r = await db.selectFrom('incidents').select(['id', 'revision', 'members', 'summary']).where('id', '=', id).where('merged_into', 'is', null).executeTakeFirst();
  return r ? toState(r) : undefined;
}

/**
 * Candidates for a claim, oldest first: open incidents overlapping its window (and sharing a country when
 * the query names some), plus whatever incident holds the claim or an earlier version of its post.
 */
export async function candidateIncidents(db: Db, record: ClaimRecord, q: CandidateQuery | null): Promise<IncidentState[]> {
  const rows: IncidentRow[] = [];
  if (q) {
    let query = db
      .selectFrom('incidents')
      .select(['id', 'revision', 'members', 'summary'])
      .where('merged_into', 'is', null)
      .where((eb) => eb.or([eb('window_start', 'is', null), eb.and([eb('window_start', '<=', new Date(q.end)), eb('window_end', '>=', new Date(q.start))])]));
    if (q.countries) {
      const cs = q.countries;
      query = query.where((eb) => eb.or([eb('event_countries', 'is', null), eb(sql<boolean>`event_countries && ${sql.val(cs)}::text[]`, '=', true)]));
    }
    rows.push(...(await query.orderBy('id').execute()));
  }
  // Two indexed lookups, not one OR across the join: the OR made PostgreSQL scan every claim per match,
  // which turned matching quadratic in the size of the record.
  const related = [
    ...(await db.selectFrom('claims').select('incident_id').where('id', '=', record.id).where('incident_id', 'is not', null).execute()),
    ...(record.platform && record.externalId
      ? await db
          .selectFrom('claims as c')
          .innerJoin('posts as p', 'p.id', 'c.post_id')
          .select('c.incident_id')
          .where('p.platform', '=', record.platform)
          .where('p.external_id', '=', record.externalId)
          .where('c.incident_id', 'is not', null)
          .execute()
      : []),
  ];
  const have = new Set(rows.map((r) => r.id));
  const extra = [...new Set(related.map((r) => r.incident_id!))].filter((id) => !have.has(id));
  if (extra.length) {
    rows.push(...(await db.selectFrom('incidents').select(['id', 'revision', 'members', 'summary']).where('id', 'in', extra).where('merged_into', 'is', null).execute()));
  }
  return rows
    .map(toState)
    .filter((s) => extra.includes(s.id) || isCandidate(s, q))
    .sort((a, b) => Number(a.id) - Number(b.id));
}

/** A fresh incident id from the table's sequence (an unused one is harmless). */
export async function nextIncidentId(db: Db): Promise<string> {
  const r = await sql<{ id: string }>`select nextval(pg_get_serial_sequence('incidents', 'id'))::text as id`.execute(db);
  return r.rows[0]!.id;
}

/** Writes an incident's new state, points its members at it, and folds absorbed incidents into it. */
export async function saveIncident(db: Db, s: IncidentState, absorbed: readonly AbsorbedIncident[] = []): Promise<void> {
  const summary = s.summary;
  const values = {
    status: summary.status,
    event_type: summary.event_type,
    window_start: summary.window ? new Date(summary.window.start) : null,
    window_end: summary.window ? new Date(summary.window.end) : null,
    summary: toJsonb(summary),
    members: toJsonb(s.members),
    event_countries: summary.eventCountries,
    revision: s.revision,
    updated_at: new Date(),
  };
  await db
    .insertInto('incidents')
    .values({ id: s.id, ...values, merged_into: null })
    .onConflict((oc) => oc.column('id').doUpdateSet(values))
    .execute();
  for (const a of absorbed) {
    await db.updateTable('incidents').set({ merged_into: a.mergedInto, revision: a.revision, updated_at: new Date() }).where('id', '=', a.id).execute();
    await db.updateTable('claims').set({ incident_id: a.mergedInto }).where('incident_id', '=', a.id).execute();
  }
  const ids = s.members.map((m) => m.id);
  if (ids.length) await db.updateTable('claims').set({ incident_id: s.id }).where('id', 'in', ids).execute();
}
