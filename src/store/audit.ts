/**
 * The audit trail: one row per change a person makes (who, when, what, before, after, which request).
 * Written inside the transaction of the change itself, so there is never a change without its row.
 */
import { toJsonb } from './json.ts';
import type { Db } from './schema.ts';

export interface AuditEntry {
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  requestId?: string | null | undefined;
}

export interface StoredAuditEntry {
  id: string;
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
  requestId: string | null;
  at: Date;
}

export async function writeAudit(tx: Db, e: AuditEntry): Promise<string> {
  const r = await tx
    .insertInto('audit_log')
    .values({
      actor: e.actor,
      action: e.action,
      entity: e.entity,
      entity_id: e.entityId,
      before: e.before === undefined ? null : toJsonb(e.before),
      after: e.after === undefined ? null : toJsonb(e.after),
      request_id: e.requestId ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function listAudit(
  db: Db,
  where: { entity?: string; entityId?: string; actor?: string; before?: string; limit?: number } = {},
): Promise<StoredAuditEntry[]> {
  let q = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(Math.min(where.limit ?? 100, 500));
  if (where.entity) q = q.where('entity', '=', where.entity);
  if (where.entityId) q = q.where('entity_id', '=', where.entityId);
  if (where.actor) q = q.where('actor', '=', where.actor);
  if (where.before) q = q.where('id', '<', where.before);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    actor: r.actor,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    before: r.before,
    after: r.after,
    requestId: r.request_id,
    at: r.at,
  }));
}
