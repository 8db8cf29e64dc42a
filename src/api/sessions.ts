/**
 * Browser sessions and CSRF protection.
 *
 * - The session cookie (`cw_session`) holds a random id (HttpOnly, SameSite=Strict, Secure when
 *   SECURE_COOKIES or production); the store keeps its hash, an expiry and a revocation time.
 * - CSRF: @fastify/csrf-protection's token pattern, its secret in a signed HttpOnly cookie (`cw_csrf`) and
 *   each token HMAC-bound to the session id, so a token leaked for one session is worthless for another.
 *   The browser reads its token from GET /api/v1/session and sends it as `x-csrf-token`. Unsafe requests
 *   authenticated by the cookie need it, and so does login itself (no login CSRF); requests with an API
 *   key do not (a cross-site page cannot set an Authorization header). Bodies must be JSON, which a plain
 *   cross-site form cannot send either.
 */
import { randomBytes } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sessionUser } from '../store/sessions.ts';
import type { SessionResolver } from './auth.ts';
import type { ApiContext } from './context.ts';
import { HttpError } from './errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The clear session id when the caller is signed in with the session cookie. */
    sessionId: string | null;
  }
  interface FastifyContextConfig {
    /** 'always': this unsafe route needs a CSRF token even from anonymous callers (login). */
    csrf?: 'always';
  }
}

export const SESSION_COOKIE = 'cw_session';
export const CSRF_COOKIE = 'cw_csrf';
export const CSRF_HEADER = 'x-csrf-token';
export const SESSION_TTL_MS = 12 * 3600_000;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function sessionCookieOptions(ctx: ApiContext, maxAgeMs = SESSION_TTL_MS) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: ctx.config.http.secureCookies,
    maxAge: Math.floor(maxAgeMs / 1000),
  };
}

/** The CSRF token for this request's session (or for the anonymous login form). */
export function csrfToken(req: FastifyRequest, reply: FastifyReply, sessionId = req.sessionId): string {
  return reply.generateCsrf({ userInfo: sessionId ?? 'anonymous' });
}

/**
 * Registers cookie parsing and CSRF support, and returns the resolver that turns a session cookie into a
 * principal. Must run before `installAuth` so cookies are parsed when the resolver runs.
 */
export async function installSessionSupport(app: FastifyInstance, ctx: ApiContext): Promise<SessionResolver> {
  // Without SESSION_SECRET each process makes its own: sessions (in the store) survive a restart, but
  // pages left open must fetch a new CSRF token. Several API processes need one shared SESSION_SECRET.
  const secret = ctx.config.auth.sessionSecret ?? randomBytes(32).toString('hex');
  if (!ctx.config.auth.sessionSecret && ctx.config.env === 'production') {
    ctx.log.warn('SESSION_SECRET is unset: CSRF tokens change on every restart and differ between API processes');
  }
  await app.register(fastifyCookie, { secret });
  await app.register(fastifyCsrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: CSRF_COOKIE,
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'strict', secure: ctx.config.http.secureCookies, signed: true },
    csrfOpts: { hmacKey: secret, userInfo: true },
    getUserInfo: (req) => req.sessionId ?? 'anonymous',
    getToken: (req) => {
      const t = req.headers[CSRF_HEADER];
      return typeof t === 'string' ? t : undefined;
    },
  });
  app.decorateRequest('sessionId', null);
  return async (req) => {
    const id = req.cookies[SESSION_COOKIE];
    if (!id) return undefined;
    const user = await sessionUser(ctx.store.db, id, ctx.now());
    if (!user) return undefined;
    req.sessionId = id;
    return { userId: user.userId, name: user.name, role: user.role, via: 'session' };
  };
}

/** onRequest guard, installed after auth: unsafe cookie-authenticated requests (and login) need a token. */
export function installCsrfGuard(app: FastifyInstance): void {
  app.addHook('onRequest', (req, reply, done) => {
    if (SAFE_METHODS.has(req.method)) return done();
    const always = req.routeOptions.config?.csrf === 'always';
    if (!always && req.principal?.via !== 'session') return done();
    if (typeof req.headers[CSRF_HEADER] !== 'string') {
      return done(new HttpError(403, 'CSRF_TOKEN_MISSING', `send the ${CSRF_HEADER} header with the token from GET /api/v1/session`));
    }
    app.csrfProtection(req, reply, done);
  });
}
