/** Admins manage people and their API keys; every change is audited. Keys are shown once, stored hashed. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { writeAudit } from '../../store/audit.ts';
import { revokeUserSessions } from '../../store/sessions.ts';
import { findUserByName, hashPassword, issueApiKey } from '../../store/users.ts';
import { requireRole } from '../auth.ts';
import type { ApiContext } from '../context.ts';
import { HttpError, notFound } from '../errors.ts';
import { routeSchema } from '../openapi.ts';
import { actorOf, idParam } from '../validate.ts';

const ROLE = z.enum(['admin', 'moderator', 'researcher']);
const password = z.string().min(10, 'password must be at least 10 characters').max(1024);

const createBody = z.object({
  name: z.string().trim().regex(/^[A-Za-z0-9_.@-]{2,64}$/, 'name may hold letters, digits and _ . @ - (2-64 characters)'),
  role: ROLE,
  password: password.optional(),
  api_key: z.boolean().default(false),
});
const patchBody = z
  .object({ role: ROLE.optional(), disabled: z.boolean().optional(), password: password.optional() })
  .refine((b) => b.role !== undefined || b.disabled !== undefined || b.password !== undefined, { message: 'give role, disabled or password' });
const keyBody = z.object({ label: z.string().trim().min(1).max(100).default('api') });
const prefixParam = z.object({ prefix: z.string().regex(/^cw_[0-9a-f]{8}$/, 'prefix looks like cw_1a2b3c4d') });

export async function userRoutes(fastify: FastifyInstance, ctx: ApiContext): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const db = ctx.store.db;
  const admin = requireRole('admin');

  app.get('/api/v1/users', { preValidation: admin, schema: routeSchema({ tags: ['admin'], summary: 'Users and their API keys (prefixes only)', access: 'admin' }) }, async () => {
    const users = await db.selectFrom('users').select(['id', 'name', 'role', 'disabled_at', 'created_at', 'password_hash']).orderBy('name').execute();
    const keys = await db.selectFrom('api_keys').select(['user_id', 'prefix', 'name', 'created_at', 'last_used_at', 'revoked_at']).orderBy('id').execute();
    return {
      items: users.map(({ password_hash, ...u }) => ({
        ...u,
        has_password: password_hash !== null,
        api_keys: keys.filter((k) => k.user_id === u.id).map(({ user_id: _u, ...k }) => k),
      })),
    };
  });

  app.post('/api/v1/users', { preValidation: admin, schema: routeSchema({ tags: ['admin'], summary: 'Create a user (optionally with an API key, shown once)', access: 'admin', body: createBody }) }, async (req, reply) => {
    const body = req.body;
    if (await findUserByName(db, body.name)) throw new HttpError(409, 'NAME_TAKEN', `a user named "${body.name}" exists`);
    const hash = body.password ? await hashPassword(body.password) : null;
    const out = await db.transaction().execute(async (tx) => {
      const u = await tx.insertInto('users').values({ name: body.name, role: body.role, password_hash: hash, disabled_at: null }).returning('id').executeTakeFirstOrThrow();
      const key = body.api_key ? await issueApiKey(tx, u.id, 'created with the user') : undefined;
      await writeAudit(tx, { actor: actorOf(req), action: 'user.created', entity: 'user', entityId: u.id, after: { name: body.name, role: body.role, password: !!hash, api_key: key?.prefix ?? null }, requestId: req.id });
      return { id: u.id, key };
    });
    reply.code(201);
    return { id: out.id, name: body.name, role: body.role, ...(out.key ? { api_key: out.key.key, api_key_prefix: out.key.prefix } : {}) };
  });

  app.patch('/api/v1/users/:id', { preValidation: admin, schema: routeSchema({ tags: ['admin'], summary: "Change a user's role, password or disabled state (ends their sessions)", access: 'admin', params: idParam, body: patchBody }) }, async (req) => {
    const { id } = req.params;
    const body = req.body;
    const now = ctx.now();
    const hash = body.password ? await hashPassword(body.password) : undefined;
    return db.transaction().execute(async (tx) => {
      const before = await tx.selectFrom('users').select(['id', 'name', 'role', 'disabled_at']).where('id', '=', id).executeTakeFirst();
      if (!before) throw notFound(`user ${id}`);
      if (req.principal?.userId === id && (body.disabled || (body.role && body.role !== 'admin'))) {
        throw new HttpError(400, 'SELF_LOCKOUT', 'role/disabled: you cannot demote or disable yourself; ask another admin');
      }
      const after = await tx
        .updateTable('users')
        .set({
          ...(body.role ? { role: body.role } : {}),
          ...(body.disabled !== undefined ? { disabled_at: body.disabled ? now : null } : {}),
          ...(hash ? { password_hash: hash } : {}),
        })
        .where('id', '=', id)
        .returning(['id', 'name', 'role', 'disabled_at'])
        .executeTakeFirstOrThrow();
      // Whatever changed about who this person is, their open browser sessions end.
      const ended = await revokeUserSessions(tx, id, now);
      await writeAudit(tx, {
        actor: actorOf(req),
        action: 'user.updated',
        entity: 'user',
        entityId: id,
        before: { role: before.role, disabled: before.disabled_at !== null },
        after: { role: after.role, disabled: after.disabled_at !== null, password_changed: !!hash, sessions_ended: ended },
        requestId: req.id,
      });
      return { id: after.id, name: after.name, role: after.role, disabled: after.disabled_at !== null, sessions_ended: ended };
    });
  });

  app.post('/api/v1/users/:id/api-keys', { preValidation: admin, schema: routeSchema({ tags: ['admin'], summary: 'Issue an API key (shown once)', access: 'admin', params: idParam, body: keyBody }) }, async (req, reply) => {
    const { id } = req.params;
    const body = req.body;
    const key = await db.transaction().execute(async (tx) => {
      const user = await tx.selectFrom('users').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
      if (!user) throw notFound(`user ${id}`);
      const k = await issueApiKey(tx, id, body.label);
      await writeAudit(tx, { actor: actorOf(req), action: 'api_key.issued', entity: 'user', entityId: id, after: { prefix: k.prefix, label: body.label }, requestId: req.id });
      return k;
    });
    reply.code(201);
    return { api_key: key.key, prefix: key.prefix, note: 'shown once; only its hash is stored' };
  });

  app.delete('/api/v1/api-keys/:prefix', { preValidation: admin, schema: routeSchema({ tags: ['admin'], summary: 'Revoke an API key by its prefix', access: 'admin', params: prefixParam }) }, async (req) => {
    const { prefix } = req.params;
    return db.transaction().execute(async (tx) => {
      const k = await tx.updateTable('api_keys').set({ revoked_at: ctx.now() }).where('prefix', '=', prefix).where('revoked_at', 'is', null).returning(['user_id']).executeTakeFirst();
      if (!k) throw notFound(`active API key ${prefix}`);
      await writeAudit(tx, { actor: actorOf(req), action: 'api_key.revoked', entity: 'user', entityId: k.user_id, before: { prefix, revoked: false }, after: { prefix, revoked: true }, requestId: req.id });
      return { prefix, revoked: true };
    });
  });
}
