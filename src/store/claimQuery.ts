/**
 * Research queries over claims and incidents: the filters (one zod schema each, shared by the HTTP API,
 * exports and the CLI), the SQL they become, and opaque keyset cursors (newest first, by id).
 *
 * Limits keep every query cheap and every input printable: strings of at most 200 characters without
 * control characters, comma lists of at most 50 items, pages of 1..500 rows, unknown parameters refused.
 */
import { sql, type Expression, type SqlBool } from 'kysely';
import { z } from 'zod';
import { EVENT_TYPES } from '../domain/claim.ts';
import { gazetteerPlaceTerms, type PlaceResolver, type PlaceTerms } from './placeTerms.ts';
import type { Db } from './schema.ts';

export const MAX_TEXT = 200;
export const MAX_LIST = 50;
export const MAX_PAGE = 500;
export const DEFAULT_PAGE = 50;

// ---------------------------------------------------------------------------------------------------------
// Parameter schemas

const CONTROL = /[\u0000-\u001f\u007f]/;

/** A short printable string: trimmed, 1..max characters, no control characters (PostgreSQL refuses NUL). */
export function text(max = MAX_TEXT) {
  return z
    .string()
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !CONTROL.test(s), 'must not contain control characters')
    .transform((s) => s.trim())
    .refine((s) => s.length > 0, 'must not be empty');
}

/** `a,b,c`: one to MAX_LIST items, each checked by `item`. A repeated parameter is refused (give one list). */
export function commaList<T extends z.ZodType<unknown, string>>(item: T, example: string) {
  return z
    .string({ error: (i) => (i.input === undefined ? undefined : `give one comma-separated list, such as ${example}`) })
    .max(MAX_LIST * (MAX_TEXT + 1), 'is too long')
    .transform((s, ctx): z.output<T>[] => {
      const parts = s
        .split(',')
        .map((x) => x.trim())
        .filter((x) => x.length > 0);
      if (!parts.length || parts.length > MAX_LIST) {
        ctx.addIssue({ code: 'custom', message: `must name 1 to ${MAX_LIST} values, such as ${example}` });
        return z.NEVER;
      }
      const out: z.output<T>[] = [];
      for (const p of parts) {
        const r = item.safeParse(p);
        if (!r.success) {
          ctx.addIssue({ code: 'custom', message: `${r.error.issues[0]?.message ?? 'is not valid'} (not ${JSON.stringify(p.slice(0, 40))})` });
          return z.NEVER;
        }
        out.push(r.data);
      }
      return out;
    })
    .meta({ description: `comma-separated, at most ${MAX_LIST} values (e.g. ${example})` });
}

/** true/false (also 1/0) in a query string; a real boolean from code (the CLI). */
export const flag = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0'])], { error: 'must be true or false' })
  .transform((v) => v === true || v === 'true' || v === '1');

const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** An ISO 8601 date or date-time; without a zone it is UTC (never the server's local time). */
export const isoInstant = z
  .string()
  .max(40, 'must be an ISO date such as 2024-01-31 or 2024-01-31T18:30Z')
  .transform((s, ctx) => {
    const m = ISO_INSTANT.exec(s.trim());
    const d = m ? new Date(m[4] === undefined ? `${s.trim()}T00:00:00Z` : m[7] ? s.trim().replace(' ', 'T') : `${s.trim().replace(' ', 'T')}Z`) : null;
    if (!m || !d || Number.isNaN(d.getTime()) || Number(m[2]) > 12 || Number(m[3]) > 31) {
      ctx.addIssue({ code: 'custom', message: 'must be an ISO date such as 2024-01-31 or 2024-01-31T18:30Z' });
      return z.NEVER;
    }
    return d;
  })
  .meta({ description: 'ISO 8601 date or date-time (UTC when no zone is given)', examples: ['2024-01-31', '2024-01-31T18:30:00Z'] });

export interface BBox {
  minLon: number;
  minLat: number;
  maxLon: number;
  maxLat: number;
}

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

/** minLon,minLat,maxLon,maxLat in degrees (WGS 84); boxes across the antimeridian are two queries. */
export const bbox = z
  .string()
  .max(100, 'must be minLon,minLat,maxLon,maxLat')
  .transform((s, ctx): BBox => {
    const parts = s.split(',').map((x) => x.trim());
    const fail = (message: string) => {
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    };
    if (parts.length !== 4 || !parts.every((p) => NUMBER.test(p))) return fail('must be four numbers minLon,minLat,maxLon,maxLat such as 42.0,33.0,45.0,34.5');
    const [minLon, minLat, maxLon, maxLat] = parts.map(Number) as [number, number, number, number];
    if (minLon < -180 || maxLon > 180 || minLon > 180 || maxLon < -180) return fail('longitudes must be between -180 and 180');
    if (minLat < -90 || maxLat > 90 || minLat > 90 || maxLat < -90) return fail('latitudes must be between -90 and 90');
    if (minLon > maxLon) return fail('minLon must not exceed maxLon (split a box across the antimeridian into two queries)');
    if (minLat > maxLat) return fail('minLat must not exceed maxLat');
    return { minLon, minLat, maxLon, maxLat };
  })
  .meta({ description: "minLon,minLat,maxLon,maxLat: claims whose primary place (first target with coordinates, else first place with coordinates) lies inside", examples: ['42.0,33.0,45.0,34.5'] });

const id = z.string().regex(/^[0-9]{1,18}$/, 'must be a numeric id');
const country = z
  .string()
  .regex(/^[A-Za-z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as IQ')
  .transform((s) => s.toUpperCase());
const account = text().transform((s) => s.replace(/^@/, '').toLowerCase());
const eventType = z.enum(EVENT_TYPES, { error: `must be one of ${EVENT_TYPES.join(', ')}` });
export const CLAIM_STATUSES = ['pending', 'approved', 'rejected'] as const;
export const INCIDENT_STATUSES = ['single_source', 'corroborated', 'disputed'] as const;

/** Filters over claims; `export` adds its format, the list API its page. */
export const claimFilterShape = {
  since: isoInstant.optional().describe('event time (post time when the claim has none) at or after this instant'),
  until: isoInstant.optional().describe('event time (post time when the claim has none) before this instant'),
  place: text().optional().describe("a place name or alias, case-insensitive, matched against each claim's places and the gazetteer (e.g. Ain al-Asad)"),
  bbox: bbox.optional(),
  account: commaList(account, 'CENTCOM,OIRSpox').optional().describe('posting accounts (case-insensitive, @ optional)'),
  event_type: commaList(eventType, 'rocket_attack,drone_attack').optional(),
  status: commaList(z.enum(CLAIM_STATUSES, { error: `must be one of ${CLAIM_STATUSES.join(', ')}` }), 'pending,approved').optional().describe('review status'),
  country: commaList(country, 'IQ,SY').optional().describe('claims naming a place in any of these countries'),
  incident_id: id.optional(),
  discrepancy: flag.optional().describe("true: only claims whose incident is disputed; false: only the others"),
  include_superseded: flag.default(false).describe('also claims superseded by a newer version of their post'),
};

/** until after since. Runs even when a field already failed (zod 4 does), so it checks both are dates. */
export const withUntilAfterSince = <T extends { since?: Date | undefined; until?: Date | undefined }>(f: T, ctx: z.RefinementCtx) => {
  if (f.since instanceof Date && f.until instanceof Date && f.until.getTime() <= f.since.getTime()) ctx.addIssue({ code: 'custom', path: ['until'], message: 'must be later than since' });
};

export const claimFilterSchema = z.object(claimFilterShape).strict().superRefine(withUntilAfterSince);
export type ClaimFilter = z.output<typeof claimFilterSchema>;

const pageShape = {
  limit: z.coerce.number({ error: 'must be a whole number from 1 to 500' }).int('must be a whole number').min(1, 'must be at least 1').max(MAX_PAGE, `must be at most ${MAX_PAGE}`).default(DEFAULT_PAGE),
  cursor: z.string().max(200, 'is not a cursor from this API').optional().describe('next_cursor of the previous page'),
};

export const claimListQuery = z.object({ ...claimFilterShape, ...pageShape }).strict().superRefine(withUntilAfterSince);
export type ClaimListQuery = z.output<typeof claimListQuery>;

export const incidentFilterShape = {
  since: isoInstant.optional().describe("incidents whose time window ends at or after this instant"),
  until: isoInstant.optional().describe('incidents whose time window starts before this instant'),
  place: text().optional().describe('incidents with a claim naming this place (name or alias, case-insensitive)'),
  bbox: bbox.optional().describe("minLon,minLat,maxLon,maxLat: incidents with a claim whose primary place lies inside"),
  account: commaList(account, 'CENTCOM,OIRSpox').optional().describe('incidents with a claim posted by any of these accounts'),
  event_type: commaList(eventType, 'rocket_attack,drone_attack').optional(),
  status: commaList(z.enum(INCIDENT_STATUSES, { error: `must be one of ${INCIDENT_STATUSES.join(', ')}` }), 'corroborated,disputed').optional(),
  country: commaList(country, 'IQ,SY').optional().describe('incidents with an event place in any of these countries'),
  disputed: flag.optional().describe('true: only incidents whose sources disagree (status disputed); false: only the others'),
};

export const incidentListQuery = z.object({ ...incidentFilterShape, ...pageShape }).strict().superRefine(withUntilAfterSince);
export type IncidentListQuery = z.output<typeof incidentListQuery>;
export type IncidentFilter = Omit<IncidentListQuery, 'limit' | 'cursor'>;

// ---------------------------------------------------------------------------------------------------------
// Cursors: base64url of {k: kind, id: last id}. Opaque to clients; checked on the way back in.

export class BadCursorError extends Error {
  constructor() {
    super('cursor: is not a next_cursor of this list; start again without it');
  }
}

export function encodeCursor(kind: 'claims' | 'incidents', lastId: string): string {
  return Buffer.from(JSON.stringify({ k: kind, id: lastId })).toString('base64url');
}

export function decodeCursor(kind: 'claims' | 'incidents', cursor: string): string {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) throw new BadCursorError();
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new BadCursorError();
  }
  const r = z.object({ k: z.literal(kind), id }).strict().safeParse(v);
  if (!r.success) throw new BadCursorError();
  return r.data.id;
}

// ---------------------------------------------------------------------------------------------------------
// SQL

/** Claims (alias c) naming the place: its name, mention or id, a gazetteer place of that name, or a reviewed alias. */
function claimAtPlace(t: PlaceTerms): Expression<SqlBool> {
  return sql<SqlBool>`exists (select 1 from jsonb_array_elements(c.data->'locations') as l(v)
    where lower(l.v->>'name') = any(${sql.val(t.names)}::text[])
       or lower(l.v->>'mention') = ${t.text}
       or lower(l.v->>'place_id') = any(${sql.val(t.ids)}::text[])
       or exists (select 1 from place_aliases a where a.status = 'approved' and a.alias_key = ${t.aliasKey}
                  and (lower(l.v->>'place_id') = lower(a.place_id) or (lower(l.v->>'name') = lower(a.name) and coalesce(l.v->>'country', '') = coalesce(a.country, '')))))`;
}

function claimInBox(b: BBox): Expression<SqlBool> {
  return sql<SqlBool>`(c.place_lat between ${b.minLat} and ${b.maxLat} and c.place_lon between ${b.minLon} and ${b.maxLon})`;
}

type ClaimPredicateFilter = Omit<ClaimFilter, 'include_superseded'> & { include_superseded?: boolean };

/** The WHERE conditions of a claim filter over `claims as c inner join posts as p`. */
export function claimConditions(f: ClaimPredicateFilter, resolvePlace: PlaceResolver = gazetteerPlaceTerms): Expression<SqlBool>[] {
  const w: Expression<SqlBool>[] = [];
  if (!f.include_superseded) w.push(sql<SqlBool>`c.is_current`);
  if (f.status) w.push(sql<SqlBool>`c.status = any(${sql.val(f.status)}::text[])`);
  if (f.event_type) w.push(sql<SqlBool>`c.event_type = any(${sql.val(f.event_type)}::text[])`);
  if (f.country) w.push(sql<SqlBool>`c.countries && ${sql.val(f.country)}::text[]`);
  if (f.account) w.push(sql<SqlBool>`lower(p.author) = any(${sql.val(f.account)}::text[])`);
  if (f.incident_id) w.push(sql<SqlBool>`c.incident_id = ${f.incident_id}`);
  if (f.since) w.push(sql<SqlBool>`coalesce(c.event_utc, p.posted_at) >= ${f.since}`);
  if (f.until) w.push(sql<SqlBool>`coalesce(c.event_utc, p.posted_at) < ${f.until}`);
  if (f.bbox) w.push(claimInBox(f.bbox));
  if (f.place) w.push(claimAtPlace(resolvePlace(f.place)));
  if (f.discrepancy !== undefined) {
    const disputed = sql<SqlBool>`exists (select 1 from incidents i where i.id = c.incident_id and i.status = 'disputed')`;
    w.push(f.discrepancy ? disputed : sql<SqlBool>`not ${disputed}`);
  }
  return w;
}

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

const and = (conds: Expression<SqlBool>[]) => (conds.length ? sql.join(conds, sql` and `) : sql`true`);

/** One page of claims, newest first, with their post's author and text and their incident's status. */
export async function listClaims(db: Db, q: ClaimListQuery, resolvePlace?: PlaceResolver) {
  const conds = claimConditions(q, resolvePlace);
  if (q.cursor) conds.push(sql<SqlBool>`c.id < ${decodeCursor('claims', q.cursor)}`);
  const rows = await db
    .selectFrom('claims as c')
    .innerJoin('posts as p', 'p.id', 'c.post_id')
    .leftJoin('incidents as i', 'i.id', 'c.incident_id')
    .select([
      'c.id',
      'c.status',
      'c.revision',
      'c.is_current',
      'c.event_type',
      'c.event_utc',
      'c.countries',
      'c.place_lat',
      'c.place_lon',
      'c.incident_id',
      'i.status as incident_status',
      'c.data',
      'p.id as post_id',
      'p.author',
      'p.source_kind',
      'p.source_name',
      'p.url',
      'p.posted_at',
      'p.text',
    ])
    .where(and(conds) as Expression<SqlBool>)
    .orderBy('c.id', 'desc')
    .limit(q.limit + 1)
    .execute();
  return page('claims', rows, q.limit);
}

/** One page of incidents (not merged into another), newest first, without their member records. */
export async function listIncidents(db: Db, q: IncidentListQuery, resolvePlace: PlaceResolver = gazetteerPlaceTerms) {
  const conds: Expression<SqlBool>[] = [sql<SqlBool>`i.merged_into is null`];
  if (q.status) conds.push(sql<SqlBool>`i.status = any(${sql.val(q.status)}::text[])`);
  if (q.disputed !== undefined) conds.push(q.disputed ? sql<SqlBool>`i.status = 'disputed'` : sql<SqlBool>`i.status <> 'disputed'`);
  if (q.event_type) conds.push(sql<SqlBool>`i.event_type = any(${sql.val(q.event_type)}::text[])`);
  if (q.country) conds.push(sql<SqlBool>`i.event_countries && ${sql.val(q.country)}::text[]`);
  if (q.since) conds.push(sql<SqlBool>`coalesce(i.window_end, i.window_start, i.created_at) >= ${q.since}`);
  if (q.until) conds.push(sql<SqlBool>`coalesce(i.window_start, i.created_at) < ${q.until}`);
  // Place, box and account are properties of the incident's claims: any one of them may satisfy each.
  const member: Expression<SqlBool>[] = [];
  if (q.account) member.push(sql<SqlBool>`lower(p.author) = any(${sql.val(q.account)}::text[])`);
  if (q.bbox) member.push(claimInBox(q.bbox));
  if (q.place) member.push(claimAtPlace(resolvePlace(q.place)));
  for (const m of member) {
    conds.push(sql<SqlBool>`exists (select 1 from claims c inner join posts p on p.id = c.post_id where c.incident_id = i.id and ${m})`);
  }
  if (q.cursor) conds.push(sql<SqlBool>`i.id < ${decodeCursor('incidents', q.cursor)}`);
  const rows = await db
    .selectFrom('incidents as i')
    .select(['i.id', 'i.status', 'i.event_type', 'i.window_start', 'i.window_end', 'i.event_countries', 'i.revision', 'i.summary', 'i.created_at', 'i.updated_at'])
    .select(sql<string>`(select count(*) from claims c where c.incident_id = i.id)`.as('claims'))
    .where(and(conds) as Expression<SqlBool>)
    .orderBy('i.id', 'desc')
    .limit(q.limit + 1)
    .execute();
  return page('incidents', rows.map((r) => ({ ...r, claims: Number(r.claims) })), q.limit);
}

function page<T extends { id: string }>(kind: 'claims' | 'incidents', rows: T[], limit: number): Page<T> {
  const more = rows.length > limit;
  const items = more ? rows.slice(0, limit) : rows;
  return { items, next_cursor: more ? encodeCursor(kind, items.at(-1)!.id) : null };
}
