/** Pages through the claim record for exports: keyset by claim id, so a large export never holds it all. */
import { z } from 'zod';
import { EVENT_TYPES } from '../domain/claim.ts';
import type { ExportRow } from '../export/formats.ts';
import type { Db } from './schema.ts';

const isoDate = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO date such as 2024-01-31');

export const exportFilterSchema = z
  .object({
    status: z.enum(['pending', 'approved', 'rejected']).optional(),
    event_type: z.enum(EVENT_TYPES).optional(),
    country: z.string().regex(/^[A-Za-z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as IQ').transform((s) => s.toUpperCase()).optional(),
    account: z.string().min(1).max(200).transform((s) => s.replace(/^@/, '')).optional(),
    incident_id: z.string().regex(/^\d{1,19}$/, 'must be an incident id').optional(),
    /** Event time window (claims without an event time fall back to the post time). */
    since: isoDate.optional(),
    until: isoDate.optional(),
    /** Also export claims superseded by a newer version of their post. */
    include_superseded: z.union([z.boolean(), z.enum(['true', 'false', '1', '0'])]).transform((v) => v === true || v === 'true' || v === '1').default(false),
  })
  .strict();
export type ExportFilter = z.infer<typeof exportFilterSchema>;

export async function* exportRows(db: Db, filter: ExportFilter, pageSize = 500): AsyncGenerator<ExportRow[]> {
  let after = '0';
  for (;;) {
    let q = db
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
      .orderBy('c.id')
      .limit(pageSize);
    if (!filter.include_superseded) q = q.where('c.is_current', '=', true);
    if (filter.status) q = q.where('c.status', '=', filter.status);
    if (filter.event_type) q = q.where('c.event_type', '=', filter.event_type);
    if (filter.country) q = q.where((eb) => eb(eb.val(filter.country!), '=', eb.fn.any('c.countries')));
    if (filter.account) q = q.where((eb) => eb(eb.fn('lower', ['p.author']), '=', filter.account!.toLowerCase()));
    if (filter.incident_id) q = q.where('c.incident_id', '=', filter.incident_id);
    if (filter.since) q = q.where((eb) => eb(eb.fn.coalesce('c.event_utc', 'p.posted_at'), '>=', new Date(filter.since!)));
    if (filter.until) q = q.where((eb) => eb(eb.fn.coalesce('c.event_utc', 'p.posted_at'), '<', new Date(filter.until!)));
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
