/** Reading the events outbox in order, for live-stream resume (Last-Event-ID) and the events API. */
import { sql } from 'kysely';
import type { StoredEvent } from './events.ts';
import type { Db } from './schema.ts';

/**
 * Events after `afterId` in (occurred_at, id) order, up to `limit`. Undefined when `afterId` is unknown
 * (the caller decides what a stale cursor means).
 */
export async function eventsAfter(db: Db, afterId: string, limit: number): Promise<StoredEvent[] | undefined> {
  const last = await db.selectFrom('events').select('id').where('id', '=', afterId).executeTakeFirst();
  if (!last) return undefined;
  const rows = await db
    .selectFrom('events')
    .selectAll()
    // Compared in SQL: timestamptz has microseconds, a JS Date only milliseconds.
    .where(sql<boolean>`(occurred_at, id) > (select e.occurred_at, e.id from events e where e.id = ${afterId})`)
    .orderBy('occurred_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, type: r.type, subject: r.subject, payload: r.payload, occurredAt: r.occurred_at, dispatchedAt: r.dispatched_at }));
}
