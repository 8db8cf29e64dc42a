/** Pages through the claim record for exports: keyset by claim id, so a large export never holds it all. */
import { sql, type Expression, type SqlBool } from 'kysely';
import type { ExportRow } from '../export/formats.ts';
import { claimConditions, claimFilterSchema, type ClaimFilter } from './claimQuery.ts';
import type { PlaceResolver } from './placeTerms.ts';
import type { Db } from './schema.ts';

/** The claim filters of the research API (src/store/claimQuery.ts): one vocabulary for lists and exports. */
export const exportFilterSchema = claimFilterSchema;
export type ExportFilter = ClaimFilter;

export async function* exportRows(db: Db, filter: ExportFilter, pageSize = 500, resolvePlace?: PlaceResolver): AsyncGenerator<ExportRow[]> {
  let after = '0';
  const conds = claimConditions(filter, resolvePlace);
  const where = (conds.length ? sql.join(conds, sql` and `) : sql`true`) as Expression<SqlBool>;
  for (;;) {
    const q = db
      .selectFrom('claims as c')
      .innerJoin('posts as p', 'p.id', 'c.post_id')
      .select([
        'c.id',
        'c.status',
        'c.is_current',
        'c.incident_id',
        'c.revision',
        'c.data',
        'p.id as post_id',
        'p.platform',
        'p.external_id',
        'p.version',
        'p.author',
        'p.source_kind',
        'p.source_name',
        'p.url',
        'p.posted_at',
        'p.deleted_at',
      ])
      .where('c.id', '>', after)
      .where(where)
      .orderBy('c.id')
      .limit(pageSize);
    const rows = await q.execute();
    if (!rows.length) return;
    yield rows.map((r) => ({
      claimId: r.id,
      status: r.status,
      isCurrent: r.is_current,
      incidentId: r.incident_id,
      revision: r.revision,
      post: {
        id: r.post_id,
        platform: r.platform,
        externalId: r.external_id,
        version: r.version,
        author: r.author,
        sourceKind: r.source_kind,
        sourceName: r.source_name,
        url: r.url,
        postedAt: r.posted_at,
        deleted: r.deleted_at !== null,
      },
      claim: r.data,
    }));
    if (rows.length < pageSize) return;
    after = rows.at(-1)!.id;
  }
}
