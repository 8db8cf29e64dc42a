/**
 * Opens the store: embedded PGlite (default, data under DATA_DIR) or a PostgreSQL server when a URL is given.
 * Both speak the same SQL, so repositories and migrations are written once.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { lockDir } from './dirLock.ts';
import type { Database } from './schema.ts';
import { runMigrations } from './migrate.ts';
import { SanitizeTextPlugin } from './sanitizePlugin.ts';

export type StoreKind = 'pglite' | 'postgres';

export interface Store {
  readonly db: Kysely<Database>;
  readonly kind: StoreKind;
  /** Round-trips a trivial query; throws a StoreUnavailableError when the database is unreachable. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export class StoreUnavailableError extends Error {
  readonly code = 'STORE_UNAVAILABLE';
}

export interface OpenStoreOptions {
  /** postgres://... ; when absent the embedded PGlite store is used. */
  databaseUrl?: string | undefined;
  /** Directory for PGlite data, or 'memory' for an in-memory database (tests). */
  dataDir?: string;
  /** PostgreSQL schema to use (tests and the demo isolate themselves in their own schema); created when missing. */
  schema?: string;
  /** Start empty: drop the PostgreSQL schema (never "public") or delete the PGlite directory first. */
  fresh?: boolean;
  migrate?: boolean;
  poolSize?: number;
}

function describePgError(url: string, e: unknown): string {
  const safe = url.replace(/\/\/([^:@/]+)(:[^@/]*)?@/, '//$1:***@');
  const msg = e instanceof Error ? e.message : String(e);
  return `cannot reach PostgreSQL at ${safe} (${msg}); start the server or fix DATABASE_URL, or unset it to use the embedded store`;
}

export async function openStore(options: OpenStoreOptions = {}): Promise<Store> {
  const store = options.databaseUrl ? await openPostgres(options.databaseUrl, options) : await openPGlite(options);
  if (options.migrate !== false) await runMigrations(store);
  return store;
}

async function openPostgres(url: string, options: OpenStoreOptions): Promise<Store> {
  const pg = await import('pg');
  const Pool = pg.default.Pool;
  const schema = options.schema;
  if (schema && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`invalid schema name "${schema}"`);
  const pool = new Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: 5_000,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // A dropped connection (a restart, a failover) must not crash the process: idle clients report through
  // the pool, checked-out ones through themselves; the query in flight fails and the next one reconnects.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  if (schema) {
    const client = await pool.connect().catch((e: unknown) => {
      throw new StoreUnavailableError(describePgError(url, e));
    });
    try {
      if (options.fresh) {
        if (schema === 'public') throw new Error('refusing to drop the public schema');
        await client.query(`drop schema if exists ${schema} cascade`);
      }
      await client.query(`create schema if not exists ${schema}`);
    } finally {
      client.release();
    }
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [new SanitizeTextPlugin()] });
  const store: Store = {
    db,
    kind: 'postgres',
    async ping() {
      try {
        await sql`select 1`.execute(db);
      } catch (e) {
        throw new StoreUnavailableError(describePgError(url, e));
      }
    },
    async close() {
      await db.destroy();
    },
  };
  await store.ping();
  return store;
}

async function openPGlite(options: OpenStoreOptions): Promise<Store> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGliteDialect, PGLITE_PARSERS } = await import('./pgliteDialect.ts');
  const dataDir = options.dataDir ?? './data/pglite';
  if (dataDir !== 'memory') {
    if (options.fresh) rmSync(dataDir, { recursive: true, force: true });
    mkdirSync(dataDir, { recursive: true });
  }
  let lock: { release(): void } | undefined;
  if (dataDir !== 'memory') {
    const l = lockDir(dataDir);
    if ('heldBy' in l) {
      throw new StoreUnavailableError(
        `the embedded store in ${dataDir} is in use by process ${l.heldBy}; stop it first, or use DATABASE_URL (PostgreSQL) to run several processes`,
      );
    }
    lock = l;
  }
  let pglite: InstanceType<typeof PGlite>;
  try {
    pglite = new PGlite(dataDir === 'memory' ? undefined : dataDir, { parsers: PGLITE_PARSERS });
    await pglite.waitReady;
  } catch (e) {
    lock?.release();
    throw new StoreUnavailableError(`cannot open the embedded store in ${dataDir} (${(e as Error).message}); check the directory or set DATA_DIR`);
  }
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite), plugins: [new SanitizeTextPlugin()] });
  return {
    db,
    kind: 'pglite',
    async ping() {
      await sql`select 1`.execute(db);
    },
    async close() {
      try {
        await db.destroy();
      } finally {
        lock?.release();
      }
    },
  };
}
