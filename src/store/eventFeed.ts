/** Reading the events outbox in order, for live-stream resume (Last-Event-ID) and the events API. */
import { sql } from 'kysely';
import type { StoredEvent } from './events.ts';
import type { Db } from './schema.ts';

/**
 * Events after `afterId` in (occurred_at, id) order, up to `limit`; undefined when `afterId` is unknown.
 *
 * `lookbackMs` > 0 also returns events up to that long before `afterId` (never `afterId` itself): live
 * events reach a stream in the order alert jobs finish, not strictly by time, and a transaction may
 * commit after a later one, so a client's last id does not prove it saw everything older. Resending a
 * few is the price of never skipping one; clients drop repeats by id.
 */
export async function eventsAfter(db: Db, afterId: string, limit: number, lookbackMs = 0): Promise<StoredEvent[] | undefined> {
  const last = await db.selectFrom('events').select('id').where('id', '=', afterId).executeTakeFirst();
  if (!last) return undefined;
  // Compared in SQL: timestamptz has microseconds, a JS Date only milliseconds.
  const cursor = sql`(select e.occurred_at, e.id from events e where e.id = ${afterId})`;
  const rows = await db
    .selectFrom('events')
    .selectAll()
    .where(
      lookbackMs > 0
        ? sql<boolean>`occurred_at >= (select e.occurred_at from events e where e.id = ${afterId}) - make_interval(secs => ${lookbackMs / 1000}) and id <> ${afterId}`
        : sql<boolean>`(occurred_at, id) > ${cursor}`,
    )
    .orderBy('occurred_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, type: r.type, subject: r.subject, payload: r.payload, occurredAt: r.occurred_at, dispatchedAt: r.dispatched_at }));
}
