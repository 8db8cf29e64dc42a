/** Notifications to users (e.g. "your webhook endpoint was disabled"), read through the API. */
import type { Db } from './schema.ts';

export interface Notification {
  id: string;
  owner: string;
  kind: string;
  subscriptionId: string | null;
  message: string;
  createdAt: Date;
  readAt: Date | null;
}

export async function notify(db: Db, n: { owner: string; kind: string; subscriptionId: string | null; message: string }): Promise<string> {
  const r = await db
    .insertInto('notifications')
    .values({ owner: n.owner, kind: n.kind, subscription_id: n.subscriptionId, message: n.message.slice(0, 2000), read_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function listNotifications(db: Db, q: { owner: string; unreadOnly?: boolean; limit: number; before?: string }): Promise<Notification[]> {
  let query = db.selectFrom('notifications').selectAll().where('owner', '=', q.owner).orderBy('id', 'desc').limit(q.limit);
  if (q.unreadOnly) query = query.where('read_at', 'is', null);
  if (q.before) query = query.where('id', '<', q.before);
  const rows = await query.execute();
  return rows.map((r) => ({ id: r.id, owner: r.owner, kind: r.kind, subscriptionId: r.subscription_id, message: r.message, createdAt: r.created_at, readAt: r.read_at }));
}

export async function markNotificationRead(db: Db, owner: string, id: string, now: Date): Promise<boolean> {
  const r = await db.updateTable('notifications').set({ read_at: now }).where('id', '=', id).where('owner', '=', owner).where('read_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
