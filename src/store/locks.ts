/**
 * Try-locks named by a string, held while a function runs: in this process by a set of held names, and
 * across processes on PostgreSQL by a session advisory lock on a connection kept for the duration (the
 * lock goes with the connection if the process dies). The embedded store serves one process only.
 */
import { sql } from 'kysely';
import type { Store } from './db.ts';

const held = new Set<string>();

export type Locked<T> = { ran: true; value: T } | { ran: false };

/** Runs `fn` holding `name`, or returns { ran: false } at once when someone else holds it. */
export async function tryWithLock<T>(store: Store, name: string, fn: () => Promise<T>): Promise<Locked<T>> {
  if (held.has(name)) return { ran: false };
  held.add(name);
  try {
    if (store.kind !== 'postgres') return { ran: true, value: await fn() };
    return await store.db.connection().execute(async (conn): Promise<Locked<T>> => {
      const r = await sql<{ ok: boolean }>`select pg_try_advisory_lock(hashtext(${name})) as ok`.execute(conn);
      if (!r.rows[0]?.ok) return { ran: false };
      try {
        return { ran: true, value: await fn() };
      } finally {
        await sql`select pg_advisory_unlock(hashtext(${name}))`.execute(conn).catch(() => {});
      }
    });
  } finally {
    held.delete(name);
  }
}
