/**
 * Users and API keys. A key is `cw_<8 hex prefix>_<secret>`; the prefix is stored in clear to find the
 * row and to name the key in lists, the whole key only as a SHA-256 hash (keys are long and random,
 * so a fast hash is enough; passwords use scrypt).
 */
import { createHash, randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import type { Db, UserRole } from './schema.ts';

const scrypt = promisify(scryptCb) as (password: string, salt: Buffer, keylen: number) => Promise<Buffer>;

export interface Principal {
  userId: string;
  name: string;
  role: UserRole;
  /** How the caller proved who it is. */
  via: 'api_key' | 'session';
  apiKeyPrefix?: string;
}

export const ROLE_RANK: Record<UserRole, number> = { researcher: 1, moderator: 2, admin: 3 };

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

const KEY_RE = /^(cw_[0-9a-f]{8})_[A-Za-z0-9_-]{20,}$/;

export function generateApiKey(): { key: string; prefix: string } {
  const prefix = `cw_${randomBytes(4).toString('hex')}`;
  return { key: `${prefix}_${randomBytes(24).toString('base64url')}`, prefix };
}

export async function createUser(db: Db, u: { name: string; role: UserRole; password?: string }): Promise<string> {
  const r = await db
    .insertInto('users')
    .values({ name: u.name, role: u.role, password_hash: u.password ? await hashPassword(u.password) : null, disabled_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function findUserByName(db: Db, name: string): Promise<{ id: string; name: string; role: UserRole; passwordHash: string | null; disabled: boolean } | undefined> {
  const r = await db.selectFrom('users').selectAll().where('name', '=', name).executeTakeFirst();
  return r ? { id: r.id, name: r.name, role: r.role, passwordHash: r.password_hash, disabled: r.disabled_at !== null } : undefined;
}

/** Issues a key for a user; the clear key is returned once and never stored. */
export async function issueApiKey(db: Db, userId: string, name = 'default', key = generateApiKey()): Promise<{ key: string; prefix: string; id: string }> {
  const m = KEY_RE.exec(key.key);
  if (!m || m[1] !== key.prefix) throw new Error('API key must look like cw_<8 hex>_<at least 20 characters>');
  const r = await db
    .insertInto('api_keys')
    .values({ user_id: userId, prefix: key.prefix, key_hash: hashApiKey(key.key), name, last_used_at: null, revoked_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { ...key, id: r.id };
}

/** The principal behind a presented key, or undefined (unknown, revoked, disabled user, wrong secret). */
export async function principalForApiKey(db: Db, key: string): Promise<Principal | undefined> {
  const m = KEY_RE.exec(key);
  if (!m) return undefined;
  const row = await db
    .selectFrom('api_keys as k')
    .innerJoin('users as u', 'u.id', 'k.user_id')
    .select(['k.id as key_id', 'k.key_hash', 'k.revoked_at', 'u.id as user_id', 'u.name', 'u.role', 'u.disabled_at'])
    .where('k.prefix', '=', m[1]!)
    .executeTakeFirst();
  if (!row || row.revoked_at || row.disabled_at) return undefined;
  const a = Buffer.from(row.key_hash, 'hex');
  const b = Buffer.from(hashApiKey(key), 'hex');
  if (a.length !== b.length || !timingSafeEqual(a, b)) return undefined;
  await db.updateTable('api_keys').set({ last_used_at: new Date() }).where('id', '=', row.key_id).execute();
  return { userId: row.user_id, name: row.name, role: row.role, via: 'api_key', apiKeyPrefix: m[1]! };
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(password, salt, 32);
  return `scrypt$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  const [kind, salt, hash] = (stored ?? '').split('$');
  if (kind !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await scrypt(password, Buffer.from(salt, 'base64'), expected.length);
  return timingSafeEqual(expected, actual);
}

/** On a fresh install, makes ADMIN_API_KEY the key of an "admin" user, so the first admin can log in. */
export async function ensureBootstrapAdmin(db: Db, adminKey: string | undefined): Promise<'created' | 'exists' | 'skipped'> {
  if (!adminKey) return 'skipped';
  const m = KEY_RE.exec(adminKey);
  if (!m) throw Object.assign(new Error('ADMIN_API_KEY must look like cw_<8 hex>_<at least 20 characters> (claimwatch users key generates one)'), { code: 'CONFIG_INVALID' });
  const existing = await db.selectFrom('api_keys').select('id').where('prefix', '=', m[1]!).executeTakeFirst();
  if (existing) return 'exists';
  const admin = (await findUserByName(db, 'admin'))?.id ?? (await createUser(db, { name: 'admin', role: 'admin' }));
  await issueApiKey(db, admin, 'bootstrap (ADMIN_API_KEY)', { key: adminKey, prefix: m[1]! });
  return 'created';
}
