/** Login, logout and "who am I" for the browser; login is throttled per name and address. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { writeAudit } from '../../store/audit.ts';
import { clearLoginFailures, createSession, DEFAULT_LOGIN_LIMITS, loginAllowed, pruneSessions, recordLoginFailure, revokeSession, type LoginLimits } from '../../store/sessions.ts';
import { findUserByName, hashPassword, verifyPassword } from '../../store/users.ts';
import type { ApiContext } from '../context.ts';
import { HttpError } from '../errors.ts';
import { routeSchema } from '../openapi.ts';
import { csrfToken, SESSION_COOKIE, SESSION_TTL_MS, sessionCookieOptions } from '../sessions.ts';

const loginBody = z.object({
  name: z.string().min(1, 'name is required').max(200),
  password: z.string().min(1, 'password is required').max(1024),
});

export function sessionRoutes(limits: LoginLimits = DEFAULT_LOGIN_LIMITS) {
  return async function sessionRoutesModule(fastify: FastifyInstance, ctx: ApiContext): Promise<void> {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const db = ctx.store.db;
    // Compared against when the name is unknown, so a miss costs the same time as a wrong password.
    const decoy = await hashPassword('decoy password that matches nothing');

    app.get('/api/v1/session', { schema: routeSchema({ tags: ['session'], summary: 'Who is signed in, and a CSRF token for this session', access: 'public' }) }, async (req, reply) => {
      reply.header('cache-control', 'no-store');
      const p = req.principal;
      return {
        user: p ? { name: p.name, role: p.role, via: p.via } : null,
        csrf_token: csrfToken(req, reply),
      };
    });

    app.post(
      '/api/v1/session',
      { config: { csrf: 'always' }, schema: routeSchema({ tags: ['session'], summary: 'Sign in with name and password (sets the session cookie; needs x-csrf-token)', access: 'public', body: loginBody }) },
      async (req, reply) => {
      const body = req.body;
      const now = ctx.now();
      const ip = req.ip;
      const allowed = await loginAllowed(db, body.name, ip, now, limits);
      if (!allowed.ok) {
        const wait = Math.max(1, Math.ceil((allowed.retryAt.getTime() - now.getTime()) / 1000));
        reply.header('retry-after', String(wait));
        throw new HttpError(429, 'TOO_MANY_LOGIN_ATTEMPTS', `too many failed logins from this address; try again in ${wait} s`);
      }
      const user = await findUserByName(db, body.name);
      const ok = (await verifyPassword(body.password, user?.passwordHash ?? decoy)) && !!user && !!user.passwordHash && !user.disabled;
      if (!ok || !user) {
        await recordLoginFailure(db, body.name, ip, now);
        throw new HttpError(401, 'INVALID_CREDENTIALS', 'the name or the password is wrong (or the account is disabled)');
      }
      await clearLoginFailures(db, body.name, ip);
      await pruneSessions(db, now, limits.windowMs);
      // A fresh id on every login: a session id planted before login is never promoted.
      if (req.sessionId) await revokeSession(db, req.sessionId, now);
      const session = await db.transaction().execute(async (tx) => {
        const s = await createSession(tx, { userId: user.id, now, ttlMs: SESSION_TTL_MS, userAgent: req.headers['user-agent'], ip });
        await writeAudit(tx, { actor: user.name, action: 'session.login', entity: 'user', entityId: user.id, after: { ip, expires_at: s.expiresAt.toISOString() }, requestId: req.id });
        return s;
      });
      reply.setCookie(SESSION_COOKIE, session.id, sessionCookieOptions(ctx));
      reply.header('cache-control', 'no-store');
      return {
        user: { name: user.name, role: user.role, via: 'session' },
        csrf_token: csrfToken(req, reply, session.id),
        expires_at: session.expiresAt.toISOString(),
      };
    },
    );

    app.delete('/api/v1/session', { schema: routeSchema({ tags: ['session'], summary: 'Sign out', access: 'public' }) }, async (req, reply) => {
      if (req.sessionId && req.principal) {
        const revoked = await revokeSession(db, req.sessionId, ctx.now());
        if (revoked) await writeAudit(db, { actor: req.principal.name, action: 'session.logout', entity: 'user', entityId: req.principal.userId, requestId: req.id });
      }
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { signed_out: true };
    });
  };
}
