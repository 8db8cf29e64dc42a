/** One poll (or stream) per source at a time: the try-lock, in this process and across PostgreSQL sessions. */
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/db.ts';
import { tryWithLock } from '../../src/store/locks.ts';
import { PG_URL, STORE_FLAVOURS, tempDir, uniqueName } from '../support/services.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function open(flavour: 'pglite' | 'postgres', schema: string): Promise<Store> {
  const dir = tempDir();
  const store = await openStore(flavour === 'postgres' ? { databaseUrl: PG_URL, schema } : { dataDir: join(dir.path, 'pglite') });
  cleanups.push(dir.remove, () => store.close());
  return store;
}

describe.each(STORE_FLAVOURS)('tryWithLock on %s', (flavour) => {
  it('lets one holder run; others step aside until it is released', async () => {
    const store = await open(flavour, uniqueName('lock'));
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const first = tryWithLock(store, 'claimwatch-poll:a', async () => {
      await gate;
      return 'first';
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(await tryWithLock(store, 'claimwatch-poll:a', async () => 'second')).toEqual({ ran: false });
    expect(await tryWithLock(store, 'claimwatch-poll:b', async () => 'other')).toEqual({ ran: true, value: 'other' });
    release();
    expect(await first).toEqual({ ran: true, value: 'first' });
    expect(await tryWithLock(store, 'claimwatch-poll:a', async () => 'again')).toEqual({ ran: true, value: 'again' });
  });
});

describe('tryWithLock across PostgreSQL sessions', () => {
  it('is held by an advisory lock another process would see, and released with the function', async () => {
    const schema = uniqueName('lock');
    const a = await open('postgres', schema);
    const b = await open('postgres', schema);
    const probe = async () =>
      b.db.connection().execute(async (conn) => {
        const r = await sql<{ ok: boolean }>`select pg_try_advisory_lock(hashtext(${'claimwatch-stream:s'})) as ok`.execute(conn);
        if (r.rows[0]?.ok) await sql`select pg_advisory_unlock(hashtext(${'claimwatch-stream:s'}))`.execute(conn);
        return r.rows[0]?.ok;
      });
    const seen = await tryWithLock(a, 'claimwatch-stream:s', probe);
    expect(seen).toEqual({ ran: true, value: false });
    expect(await probe()).toBe(true);
  });
});
