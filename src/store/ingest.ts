/**
 * Ingestion state tables of migration 0002 (stream_state, backfills) and their repository functions.
 * The row types live here rather than in schema.ts so ingestion can evolve without touching the core.
 */
import type { ColumnType, Kysely, Transaction } from 'kysely';
import type { Database, Db } from './schema.ts';
import { toJsonb } from './json.ts';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface StreamStateTable {
  source_id: string;
  last_seen_id: string | null;
  alive_at: Timestamp | null;
  connected: ColumnType<boolean, boolean | undefined, boolean>;
  disconnects: ColumnType<number, number | undefined, number>;
  last_error: string | null;
  gap_since_id: string | null;
  gap_cursor: Json<unknown> | null;
  updated_at: GeneratedTimestamp;
}

export interface BackfillsTable {
  id: string;
  cursor: Json<unknown> | null;
  pages: ColumnType<number, number | undefined, number>;
  posts: ColumnType<number, number | undefined, number>;
  rate_limit_waits: ColumnType<number, number | undefined, number>;
  started_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
  finished_at: Timestamp | null;
}

export interface SourcePostsTable {
  source_id: string;
  platform: string;
  external_id: string;
  version: number;
  version_external_id: string;
  posted_at: Timestamp;
}

export interface IngestDatabase extends Database {
  stream_state: StreamStateTable;
  backfills: BackfillsTable;
  source_posts: SourcePostsTable;
}

type IngestDb = Kysely<IngestDatabase> | Transaction<IngestDatabase>;

function ingestDb(db: Db): IngestDb {
  return db as unknown as IngestDb;
}

export interface StreamState {
  lastSeenId: string | null;
  aliveAt: Date | null;
  connected: boolean;
  disconnects: number;
  lastError: string | null;
  gapSinceId: string | null;
}

export async function getStreamState(db: Db, sourceId: string): Promise<StreamState | undefined> {
  const r = await ingestDb(db).selectFrom('stream_state').selectAll().where('source_id', '=', sourceId).executeTakeFirst();
  if (!r) return undefined;
  return { lastSeenId: r.last_seen_id, aliveAt: r.alive_at, connected: r.connected, disconnects: r.disconnects, lastError: r.last_error, gapSinceId: r.gap_since_id };
}

export interface StreamStatePatch {
  lastSeenId?: string;
  aliveAt?: Date;
  connected?: boolean;
  /** Adds one to the disconnect counter. */
  disconnected?: boolean;
  lastError?: string | null;
  gapSinceId?: string | null;
}

export async function saveStreamState(db: Db, sourceId: string, patch: StreamStatePatch): Promise<void> {
  const values = {
    ...(patch.lastSeenId !== undefined ? { last_seen_id: patch.lastSeenId } : {}),
    ...(patch.aliveAt !== undefined ? { alive_at: patch.aliveAt } : {}),
    ...(patch.connected !== undefined ? { connected: patch.connected } : {}),
    ...(patch.lastError !== undefined ? { last_error: patch.lastError } : {}),
    ...(patch.gapSinceId !== undefined ? { gap_since_id: patch.gapSinceId } : {}),
    updated_at: new Date(),
  };
  await ingestDb(db)
    .insertInto('stream_state')
    .values({ source_id: sourceId, last_seen_id: null, alive_at: null, last_error: null, gap_since_id: null, gap_cursor: null, ...values, disconnects: patch.disconnected ? 1 : 0 })
    .onConflict((oc) =>
      oc.column('source_id').doUpdateSet((eb) => ({
        ...values,
        ...(patch.disconnected ? { disconnects: eb('stream_state.disconnects', '+', 1) } : {}),
      })),
    )
    .execute();
}

export interface BackfillRow {
  id: string;
  cursor: unknown;
  pages: number;
  posts: number;
  rateLimitWaits: number;
  startedAt: Date;
  finishedAt: Date | null;
}

export async function getBackfill(db: Db, id: string): Promise<BackfillRow | undefined> {
  const r = await ingestDb(db).selectFrom('backfills').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) return undefined;
  return { id: r.id, cursor: r.cursor, pages: r.pages, posts: r.posts, rateLimitWaits: r.rate_limit_waits, startedAt: r.started_at, finishedAt: r.finished_at };
}

export async function saveBackfill(
  db: Db,
  id: string,
  patch: { cursor: unknown; pages: number; posts: number; rateLimitWaits: number; finished?: boolean; restart?: boolean },
): Promise<void> {
  const values = {
    cursor: toJsonb(patch.cursor),
    pages: patch.pages,
    posts: patch.posts,
    rate_limit_waits: patch.rateLimitWaits,
    finished_at: patch.finished ? new Date() : null,
    updated_at: new Date(),
    ...(patch.restart ? { started_at: new Date() } : {}),
  };
  await ingestDb(db)
    .insertInto('backfills')
    .values({ id, ...values })
    .onConflict((oc) => oc.column('id').doUpdateSet(values))
    .execute();
}

export interface SourcePost {
  platform: string;
  externalId: string;
  version: number;
  /** Platform id of that version (X: the edited post's id); the external id when there is none. */
  versionExternalId: string;
  postedAt: Date;
}

/** Records that a source delivered these posts; a newer version replaces the version id kept. */
export async function recordSourcePosts(db: Db, sourceId: string, posts: readonly SourcePost[]): Promise<void> {
  const byKey = new Map<string, SourcePost>();
  for (const p of posts) {
    const k = `${p.platform}\u0001${p.externalId}`;
    const prev = byKey.get(k);
    if (!prev || prev.version < p.version) byKey.set(k, p);
  }
  if (!byKey.size) return;
  await ingestDb(db)
    .insertInto('source_posts')
    .values(
      [...byKey.values()].map((p) => ({
        source_id: sourceId,
        platform: p.platform,
        external_id: p.externalId,
        version: p.version,
        version_external_id: p.versionExternalId,
        posted_at: p.postedAt,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['source_id', 'platform', 'external_id']).doUpdateSet((eb) => ({
        version: eb.fn('greatest', [eb.ref('source_posts.version'), eb.ref('excluded.version')]),
        version_external_id: eb
          .case()
          .when('excluded.version', '>', eb.ref('source_posts.version'))
          .then(eb.ref('excluded.version_external_id'))
          .else(eb.ref('source_posts.version_external_id'))
          .end(),
      })),
    )
    .execute();
}

/** Posts a source delivered since `since` that are not deleted, newest first: deletion-check candidates. */
export async function recentSourcePosts(db: Db, sourceId: string, since: Date, limit: number): Promise<{ externalId: string; versionId: string }[]> {
  const rows = await ingestDb(db)
    .selectFrom('source_posts as sp')
    .select(['sp.external_id', 'sp.version_external_id'])
    .where('sp.source_id', '=', sourceId)
    .where('sp.posted_at', '>=', since)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('posts as p')
            .select('p.id')
            .whereRef('p.platform', '=', 'sp.platform')
            .whereRef('p.external_id', '=', 'sp.external_id')
            .where('p.deleted_at', 'is not', null),
        ),
      ),
    )
    .orderBy('sp.posted_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ externalId: r.external_id, versionId: r.version_external_id }));
}
