/**
 * The events outbox. Event ids are deterministic (`claim.created:42`), so emitting twice stores one row;
 * `dispatched_at` marks events whose alert job is enqueued, and the relay re-enqueues the rest.
 */
import { sql } from 'kysely';
import type { Db } from './schema.ts';
import { toJsonb } from './json.ts';

export interface DomainEvent {
  id: string;
  type: string;
  /** What the event is about, e.g. "claim:42" or "incident:7". */
  subject: string;
  payload: Record<string, unknown>;
  occurredAt?: Date;
}

export interface StoredEvent extends Required<DomainEvent> {
  dispatchedAt: Date | null;
}

/** Stores an event once; returns true when this call created it. */
export async function recordEvent(db: Db, e: DomainEvent): Promise<boolean> {
  const r = await db
    .insertInto('events')
    .values({
      id: e.id,
      type: e.type,
      subject: e.subject,
      payload: toJsonb(e.payload),
      ...(e.occurredAt ? { occurred_at: e.occurredAt } : {}),
      dispatched_at: null,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return !!r;
}

export async function getEvent(db: Db, id: string): Promise<StoredEvent | undefined> {
  const r = await db.selectFrom('events').selectAll().where('id', '=', id).executeTakeFirst();
  return r
    ? { id: r.id, type: r.type, subject: r.subject, payload: r.payload, occurredAt: r.occurred_at, dispatchedAt: r.dispatched_at }
    : undefined;
}

export async function markDispatched(db: Db, ids: string[]): Promise<void> {
  if (!ids.length) return;
  await db.updateTable('events').set({ dispatched_at: new Date() }).where('id', 'in', ids).where('dispatched_at', 'is', null).execute();
}

/** Events older than `olderThanMs` whose alert job may never have been enqueued (Redis was down, a crash). */
export async function undispatchedEvents(db: Db, olderThanMs: number, limit = 500): Promise<string[]> {
  const rows = await db
    .selectFrom('events')
    .select('id')
    .where('dispatched_at', 'is', null)
    .where('occurred_at', '<', sql<Date>`now() - make_interval(secs => ${olderThanMs / 1000})`)
    .orderBy('occurred_at')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}
