/** Per-source poll state: the adapter's cursor, last poll, rate-limit horizon and last error. */
import type { Db } from './schema.ts';

export interface SourceState {
  cursor: unknown;
  lastPolledAt: Date | null;
  rateLimitedUntil: Date | null;
  lastError: string | null;
}

export async function getSourceState(db: Db, id: string): Promise<SourceState> {
  const r = await db.selectFrom('sources').selectAll().where('id', '=', id).executeTakeFirst();
  return {
    cursor: r?.cursor ?? null,
    lastPolledAt: r?.last_polled_at ?? null,
    rateLimitedUntil: r?.rate_limited_until ?? null,
    lastError: r?.last_error ?? null,
  };
}

export async function saveSourceState(
  db: Db,
  id: string,
  kind: string,
  patch: { cursor?: unknown; lastPolledAt?: Date; rateLimitedUntil?: Date | null; lastError?: string | null },
): Promise<void> {
  const values = {
    ...(patch.cursor !== undefined ? { cursor: JSON.stringify(patch.cursor) } : {}),
    ...(patch.lastPolledAt ? { last_polled_at: patch.lastPolledAt } : {}),
    ...(patch.rateLimitedUntil !== undefined ? { rate_limited_until: patch.rateLimitedUntil } : {}),
    ...(patch.lastError !== undefined ? { last_error: patch.lastError } : {}),
    updated_at: new Date(),
  };
  await db
    .insertInto('sources')
    .values({ id, kind, cursor: null, last_polled_at: null, rate_limited_until: null, last_error: null, ...values })
    .onConflict((oc) => oc.column('id').doUpdateSet(values))
    .execute();
}
