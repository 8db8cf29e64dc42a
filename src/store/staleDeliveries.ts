/** Deliveries still pending well past their due time: their job was lost (Redis flushed) or gave up. */
import { sql } from 'kysely';
import type { Db } from './schema.ts';

export async function overdueDeliveries(db: Db, graceMs: number, limit = 500): Promise<string[]> {
  const rows = await db
    .selectFrom('deliveries')
    .select('id')
    .where('status', '=', 'pending')
    .where((eb) =>
      eb(eb.fn.coalesce('next_attempt_at', 'created_at'), '<', sql<Date>`now() - make_interval(secs => ${graceMs / 1000})`),
    )
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}
