/** Where benches keep their seeded stores, so `export` and `memory` in one run seed 100,000 claims once. */
import { cpSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seededDataDir } from './seed.ts';

/** Bump when the seeder writes different rows, so an old cached store is not reused. */
const SEED_VERSION = 1;

/**
 * A DATA_DIR holding `count` seeded claims (PGlite), read-only by convention: seeded on first use under
 * the system temp dir and reused by later benches and runs; BENCH_FRESH_SEED=1 seeds again.
 */
export async function sharedSeed(count: number, progress: (m: string) => void): Promise<{ dataDir: string; seedSeconds: number | null }> {
  const dir = join(tmpdir(), 'claimwatch-bench', `seed-v${SEED_VERSION}-${count}`);
  if (process.env.BENCH_FRESH_SEED === '1') rmSync(dir, { recursive: true, force: true });
  const r = await seededDataDir(dir, count, progress);
  return { dataDir: r.dataDir, seedSeconds: r.result?.seconds ?? null };
}

/** A private copy of a seeded DATA_DIR for a process that writes (boot adds users, keys, schedules). */
export function copySeed(dataDir: string, to: string): string {
  rmSync(to, { recursive: true, force: true });
  cpSync(join(dataDir, 'pglite'), join(to, 'pglite'), { recursive: true });
  return to;
}

/**
 * `count` seeded claims in a fresh schema of the PostgreSQL at `url` (the shared test server), dropped by
 * `drop()`: never cached, so no bench data stays in a database others use. The returned URL selects the
 * schema through libpq's `options`, which is how a `claimwatch` child process is pointed at it.
 */
export async function postgresSeed(url: string, count: number, progress: (m: string) => void): Promise<{ databaseUrl: string; seedSeconds: number; drop(): Promise<void> }> {
  const { openStore } = await import('../../src/store/db.ts');
  const { seedClaims } = await import('./seed.ts');
  const { sql } = await import('kysely');
  const schema = `cwbench_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6)}`;
  const store = await openStore({ databaseUrl: url, schema, fresh: true, poolSize: 2 });
  let seedSeconds: number;
  try {
    seedSeconds = (await seedClaims(store, { count, progress })).seconds;
    await sql.raw(`analyze`).execute(store.db);
  } finally {
    await store.close();
  }
  const sep = url.includes('?') ? '&' : '?';
  return {
    databaseUrl: `${url}${sep}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
    seedSeconds,
    async drop() {
      const admin = await openStore({ databaseUrl: url, migrate: false, poolSize: 1 });
      try {
        await sql.raw(`drop schema if exists ${schema} cascade`).execute(admin.db);
      } finally {
        await admin.close();
      }
    },
  };
}
