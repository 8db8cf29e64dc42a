/**
 * Who is calling, and may they? API keys (Authorization: Bearer cw_..., or X-API-Key) are checked here;
 * browser sessions plug in through `sessionResolver`. Routes declare the least role they need.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { principalForApiKey, ROLE_RANK, type Principal } from '../store/users.ts';
import type { UserRole } from '../store/schema.ts';
import type { ApiContext } from './context.ts';
import { HttpError } from './errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export type { Principal };

/** Resolves a browser session to a principal; installed by the session module. */
export type SessionResolver = (req: FastifyRequest) => Promise<Principal | undefined>;

function presentedKey(req: FastifyRequest): string | undefined {
  const auth = req.headers.authorization;
  if (typeof auth === 'string' && /^Bearer\s+/i.test(auth)) return auth.replace(/^Bearer\s+/i, '').trim();
  const x = req.headers['x-api-key'];
  return typeof x === 'string' ? x.trim() : undefined;
}

export function installAuth(app: FastifyInstance, ctx: ApiContext, sessionResolver?: SessionResolver): void {
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (req) => {
    const key = presentedKey(req);
    if (key) {
      const p = await principalForApiKey(ctx.store.db, key);
      if (!p) throw new HttpError(401, 'INVALID_API_KEY', 'the API key is unknown, revoked or malformed; ask an admin for a new one');
      req.principal = p;
      return;
    }
    if (sessionResolver) req.principal = (await sessionResolver(req)) ?? null;
  });
}

/** preHandler: 401 for anonymous callers, 403 when the caller's role ranks below `least`. */
export function requireRole(least: UserRole) {
  return async (req: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    if (!req.principal) throw new HttpError(401, 'UNAUTHENTICATED', 'sign in or send an API key (Authorization: Bearer cw_...)');
    if (ROLE_RANK[req.principal.role] < ROLE_RANK[least]) {
      throw new HttpError(403, 'FORBIDDEN', `this needs the ${least} role or higher; you are ${req.principal.role}`);
    }
  };
}
