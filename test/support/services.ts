/**
 * Real services for integration tests: the shared Redis and PostgreSQL on this machine, isolated per test
 * by a unique queue prefix and a fresh PostgreSQL schema (never the shared data itself).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config } from '../../src/config/env.ts';
import type { Store } from '../../src/store/db.ts';

export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}

export function tempDir(prefix = 'claimwatch-test-'): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export type StoreFlavour = 'pglite' | 'postgres';
export const STORE_FLAVOURS: StoreFlavour[] = ['pglite', 'postgres'];

/** A config for one test: its own queue prefix, data dir, and (for postgres) the shared server. */
export function testConfig(flavour: StoreFlavour, dataDir: string, env: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    REDIS_URL,
    QUEUE_PREFIX: uniqueName('cwtest'),
    DATA_DIR: dataDir,
    PORT: '0',
    ...(flavour === 'postgres' ? { DATABASE_URL: PG_URL } : {}),
    ...env,
  });
}

/** Polls `check` until it returns a truthy value or the time is up (then throws with the last value). */
export async function waitFor<T>(check: () => Promise<T>, what: string, timeoutMs = 20_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await check();
    if (last) return last;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${JSON.stringify(last)})`);
}

/** Deletes every key of a test's queue prefix from the shared Redis. */
export async function dropRedisPrefix(prefix: string): Promise<void> {
  const { Redis } = await import('ioredis');
  const r = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await r.connect();
  try {
    let cursor = '0';
    do {
      const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) await r.del(...keys);
    } while (cursor !== '0');
  } finally {
    r.disconnect();
  }
}

/** Opens a store of the given flavour, isolated: a temp PGlite dir or a fresh PostgreSQL schema, removed by `close`. */
export async function isolatedStore(flavour: StoreFlavour): Promise<Store & { dispose(): Promise<void> }> {
  const { openStore } = await import('../../src/store/db.ts');
  if (flavour === 'pglite') {
    const dir = tempDir('claimwatch-pglite-');
    const store = await openStore({ dataDir: dir.path });
    return Object.assign(store, { dispose: async () => (await store.close(), dir.remove()) });
  }
  const schema = uniqueName('t');
  const store = await openStore({ databaseUrl: PG_URL, schema, poolSize: 4 });
  return Object.assign(store, {
    dispose: async () => {
      const { sql } = await import('kysely');
      await sql.raw(`drop schema if exists ${schema} cascade`).execute(store.db);
      await store.close();
    },
  });
}
