/**
 * Browser sessions and login throttling. A session id is 32 random bytes handed to the browser once, in
 * an HttpOnly cookie; the store keeps only its SHA-256, so reading the table does not let anyone log in.
 */
import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db, UserRole } from './schema.ts';
import type {} from './reviewSchema.ts';

export interface SessionUser {
  userId: string;
  name: string;
  role: UserRole;
  expiresAt: Date;
}

export function hashSessionId(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}

const SESSION_ID_RE = /^[A-Za-z0-9_-]{43}$/;

/** Creates a session and returns its clear id (for the cookie) once. */
export async function createSession(
  db: Db,
  s: { userId: string; now: Date; ttlMs: number; userAgent?: string | undefined; ip?: string | undefined },
): Promise<{ id: string; expiresAt: Date }> {
  const id = randomBytes(32).toString('base64url');
  const expiresAt = new Date(s.now.getTime() + s.ttlMs);
  await db
    .insertInto('sessions')
    .values({
      id_hash: hashSessionId(id),
      user_id: s.userId,
      created_at: s.now,
      last_seen_at: s.now,
      expires_at: expiresAt,
      revoked_at: null,
      user_agent: s.userAgent?.slice(0, 300) ?? null,
      ip: s.ip ?? null,
    })
    .execute();
  return { id, expiresAt };
}

/**
 * The user behind a live session id, or undefined (malformed, unknown, expired, revoked, user disabled).
 * Touches last_seen_at at most once a minute so reads stay cheap.
 */
export async function sessionUser(db: Db, id: string, now: Date): Promise<SessionUser | undefined> {
  if (!SESSION_ID_RE.test(id)) return undefined;
  const idHash = hashSessionId(id);
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['s.expires_at', 's.revoked_at', 's.last_seen_at', 'u.id as user_id', 'u.name', 'u.role', 'u.disabled_at'])
    .where('s.id_hash', '=', idHash)
    .executeTakeFirst();
  if (!row || row.revoked_at || row.disabled_at || row.expires_at.getTime() <= now.getTime()) return undefined;
  if (now.getTime() - row.last_seen_at.getTime() > 60_000) {
    await db.updateTable('sessions').set({ last_seen_at: now }).where('id_hash', '=', idHash).execute();
  }
  return { userId: row.user_id, name: row.name, role: row.role, expiresAt: row.expires_at };
}

/** Ends a session (logout). Idempotent. */
export async function revokeSession(db: Db, id: string, now: Date): Promise<boolean> {
  const r = await db
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('id_hash', '=', hashSessionId(id))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Ends every session of a user (disabled, role changed, password reset). */
export async function revokeUserSessions(db: Db, userId: string, now: Date): Promise<number> {
  const r = await db
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Deletes sessions that expired or were revoked more than a day ago, and old login failures. */
export async function pruneSessions(db: Db, now: Date, failureWindowMs: number): Promise<void> {
  const dayAgo = new Date(now.getTime() - 86_400_000);
  await db.deleteFrom('sessions').where((w) => w.or([w('expires_at', '<', dayAgo), w('revoked_at', '<', dayAgo)])).execute();
  await db.deleteFrom('login_failures').where('at', '<', new Date(now.getTime() - failureWindowMs)).execute();
}

export interface LoginLimits {
  windowMs: number;
  /** Failures allowed for one name from one address within the window. */
  perNameAndIp: number;
  /** Failures allowed from one address, all names together. */
  perIp: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { windowMs: 15 * 60_000, perNameAndIp: 5, perIp: 30 };

/**
 * Whether another login attempt may be made now; when not, the earliest time it may. Counted in the store
 * so every API process sees the same figures.
 */
export async function loginAllowed(db: Db, name: string, ip: string, now: Date, limits: LoginLimits = DEFAULT_LOGIN_LIMITS): Promise<{ ok: true } | { ok: false; retryAt: Date }> {
  const since = new Date(now.getTime() - limits.windowMs);
  const stats = await db
    .selectFrom('login_failures')
    .select([
      sql<string>`count(*) filter (where name = ${name})`.as('by_name'),
      sql<string>`count(*)`.as('by_ip'),
      sql<Date | null>`min(at) filter (where name = ${name})`.as('first_name'),
      sql<Date | null>`min(at)`.as('first_ip'),
    ])
    .where('ip', '=', ip)
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
  const overName = Number(stats.by_name) >= limits.perNameAndIp;
  const overIp = Number(stats.by_ip) >= limits.perIp;
  if (!overName && !overIp) return { ok: true };
  const first = new Date((overIp ? stats.first_ip : stats.first_name) ?? now);
  return { ok: false, retryAt: new Date(first.getTime() + limits.windowMs) };
}

export async function recordLoginFailure(db: Db, name: string, ip: string, now: Date): Promise<void> {
  await db.insertInto('login_failures').values({ name: name.slice(0, 200), ip, at: now }).execute();
}

/** A successful login forgets that name's failures from that address. */
export async function clearLoginFailures(db: Db, name: string, ip: string): Promise<void> {
  await db.deleteFrom('login_failures').where('name', '=', name).where('ip', '=', ip).execute();
}
