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

export interface IngestDatabase extends Database {
  stream_state: StreamStateTable;
  backfills: BackfillsTable;
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
