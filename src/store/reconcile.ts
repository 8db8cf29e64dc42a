/**
 * What the database says is unfinished, for the reconcile sweep (src/queue/reconcile.ts). Each query
 * reads one stage of the pipeline by the mark that stage leaves when it is done:
 *   extract: a stored, not deleted post version without a claim;
 *   match:   a current, not rejected claim of a live post with no incident;
 *   alert:   an event whose alert job never ran (events.alerted_at, migration 0007);
 *   deliver: a pending delivery that is due (next_attempt_at, or its creation when never tried).
 * Pages are read in id order after a cursor, so a sweep over a large backlog stays bounded per query.
 * `olderThanMs` leaves out work younger than that, which is most likely still in flight.
 */
import { sql } from 'kysely';
import type { Db } from './schema.ts';

export interface Page {
  olderThanMs: number;
  /** Ids greater than this (exclusive); '0' from the start. */
  after: string;
  limit: number;
}

const before = (ms: number) => sql<Date>`now() - make_interval(secs => ${ms / 1000})`;

export async function unextractedPosts(db: Db, page: Page): Promise<string[]> {
  const rows = await db
    .selectFrom('posts as p')
    .select('p.id')
    .where('p.deleted_at', 'is', null)
    .where('p.text', 'is not', null)
    .where('p.ingested_at', '<=', before(page.olderThanMs))
    .where('p.id', '>', page.after)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('claims as c').select('c.id').whereRef('c.post_id', '=', 'p.id'))))
    .orderBy('p.id')
    .limit(page.limit)
    .execute();
  return rows.map((r) => r.id);
}

export async function unmatchedClaims(db: Db, page: Page): Promise<string[]> {
  const rows = await db
    .selectFrom('claims as c')
    .innerJoin('posts as p', 'p.id', 'c.post_id')
    .select('c.id')
    .where('c.incident_id', 'is', null)
    .where('c.is_current', '=', true)
    .where('c.status', '<>', 'rejected')
    .where('p.deleted_at', 'is', null)
    .where('c.created_at', '<=', before(page.olderThanMs))
    .where('c.id', '>', page.after)
    .orderBy('c.id')
    .limit(page.limit)
    .execute();
  return rows.map((r) => r.id);
}

/** Event ids are text (`claim.created:42`): the cursor compares them as text. */
export async function unalertedEvents(db: Db, page: Page): Promise<string[]> {
  const rows = await db
    .selectFrom('events')
    .select('id')
    .where('alerted_at', 'is', null)
    .where('occurred_at', '<=', before(page.olderThanMs))
    .where('id', '>', page.after === '0' ? '' : page.after)
    .orderBy('id')
    .limit(page.limit)
    .execute();
  return rows.map((r) => r.id);
}

export async function dueDeliveries(db: Db, page: Page): Promise<string[]> {
  const rows = await db
    .selectFrom('deliveries')
    .select('id')
    .where('status', '=', 'pending')
    .where((eb) => eb(eb.fn.coalesce('next_attempt_at', 'created_at'), '<=', before(page.olderThanMs)))
    .where('id', '>', page.after)
    .orderBy('id')
    .limit(page.limit)
    .execute();
  return rows.map((r) => r.id);
}

/** Marks an event's alert job as run (the reconcile sweep's sign that nothing is left to do for it). */
export async function markAlerted(db: Db, eventId: string): Promise<void> {
  await db.updateTable('events').set({ alerted_at: new Date() }).where('id', '=', eventId).where('alerted_at', 'is', null).execute();
}
