/**
 * /admin/queues: the Bull Board dashboard over every queue of the job catalog, for admins only (API key
 * or a signed-in admin session). It is read-only: job counts, jobs, payloads, errors, schedulers and
 * Redis stats, but no retry, clean, pause or remove. Those are unsafe requests, and the board's browser
 * code cannot send the CSRF token every cookie-authenticated change here needs (src/api/sessions.ts);
 * rather than punch a hole in that rule, only the board's GET routes are registered at all.
 */
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { AppControllerRoute } from '@bull-board/api/typings/app';
import type { FastifyInstance } from 'fastify';
import { JOB_NAMES } from '../../queue/catalog.ts';
import { ROLE_RANK } from '../../store/users.ts';
import type { ApiContext } from '../context.ts';

export const ADMIN_QUEUES_PATH = '/admin/queues';

type BoardError = { error?: { code?: unknown; key?: unknown; message?: unknown } | string; message?: unknown };

function parseBoardError(payload: string): BoardError | null {
  try {
    const v = JSON.parse(payload) as unknown;
    return v && typeof v === 'object' ? (v as BoardError) : null;
  } catch {
    return null;
  }
}

/** The board's server side, less every route that changes a queue or a job. */
class ReadOnlyFastifyAdapter extends FastifyAdapter {
  override setApiRoutes(routes: AppControllerRoute[]): FastifyAdapter {
    return super.setApiRoutes(routes.filter((r) => [r.method].flat().every((m) => m.toLowerCase() === 'get')));
  }
}

export async function adminQueueRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  const adapter = new ReadOnlyFastifyAdapter();
  adapter.setBasePath(ADMIN_QUEUES_PATH);
  createBullBoard({
    queues: JOB_NAMES.map((name) => new BullMQAdapter(ctx.queues.queue(name), { readOnlyMode: true })),
    serverAdapter: adapter,
    options: { uiConfig: { boardTitle: 'claimwatch queues' } },
  });
  await app.register(
    async (board) => {
      // In this plugin's scope the board's own error handler answers errors, so the admin check replies
      // itself, in the API's error shape, instead of throwing.
      board.addHook('onRequest', async (req, reply) => {
        if (!req.principal) {
          return reply.code(401).send({ error: { code: 'UNAUTHENTICATED', message: 'sign in or send an API key (Authorization: Bearer cw_...)', request_id: req.id } });
        }
        if (ROLE_RANK[req.principal.role] < ROLE_RANK.admin) {
          return reply.code(403).send({ error: { code: 'FORBIDDEN', message: `the queue dashboard needs the admin role; you are ${req.principal.role}`, request_id: req.id } });
        }
      });
      // The board answers its own errors ({"error": {"key": "ERRORS.QUEUE_NOT_FOUND"}}); clients of this API
      // switch on error.code, so those bodies are given the API's shape.
      board.addHook('onSend', async (req, reply, payload) => {
        if (reply.statusCode < 400 || typeof payload !== 'string' || !String(reply.getHeader('content-type') ?? '').includes('json')) return payload;
        const body = parseBoardError(payload);
        if (!body) return payload;
        if (typeof body.error === 'object' && typeof body.error.code === 'string') return payload;
        const code = reply.statusCode === 404 ? 'NOT_FOUND' : reply.statusCode >= 500 ? 'INTERNAL' : 'BAD_REQUEST';
        const detail = typeof body.error === 'object' ? (body.error.key ?? body.error.message) : (body.error ?? body.message);
        return JSON.stringify({ error: { code, message: `queue dashboard: ${String(detail ?? 'request failed')}`, request_id: req.id } });
      });
      await board.register(adapter.registerPlugin());
    },
    { prefix: ADMIN_QUEUES_PATH },
  );
}
