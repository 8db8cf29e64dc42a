/** Numbered SQL migrations (src/store/migrations/NNNN_name.sql), applied once each, in order, on both stores. */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Store } from './db.ts';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

export function listMigrations(dir = MIGRATIONS_DIR): { name: string; sql: string }[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((name) => ({ name, sql: readFileSync(dir + name, 'utf8') }));
}

export async function runMigrations(store: Store, dir = MIGRATIONS_DIR): Promise<string[]> {
  const applied: string[] = [];
  await store.db.connection().execute(async (conn) => {
    // Several processes may boot at once against one PostgreSQL: serialise them.
    if (store.kind === 'postgres') await sql`select pg_advisory_lock(7224401)`.execute(conn);
    try {
      await sql`create table if not exists schema_migrations (name text primary key, applied_at timestamptz not null default now())`.execute(conn);
      const done = new Set((await conn.selectFrom('schema_migrations').select('name').execute()).map((r) => r.name));
      for (const m of listMigrations(dir)) {
        if (done.has(m.name)) continue;
        await conn.transaction().execute(async (tx) => {
          await sql.raw(m.sql).execute(tx);
          await tx.insertInto('schema_migrations').values({ name: m.name }).execute();
        });
        applied.push(m.name);
      }
    } finally {
      if (store.kind === 'postgres') await sql`select pg_advisory_unlock(7224401)`.execute(conn);
    }
  });
  return applied;
}
