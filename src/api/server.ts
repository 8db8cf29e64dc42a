/**
 * The HTTP API (fastify). Route modules register on one instance and share one context; every request
 * logs through a child carrying its request id.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { STATUS_CODES as HTTP_STATUS } from 'node:http';
import type { Duplex } from 'node:stream';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply } from 'fastify';
import { installAuth, type SessionResolver } from './auth.ts';
import type { ApiContext } from './context.ts';
import { HttpError } from './errors.ts';
import { installOpenApi, installOpenApiRoutes, responseSerializer } from './openapi.ts';
import { aliasRoutes } from './routes/aliases.ts';
import { healthRoutes } from './routes/health.ts';
import { metricsRoutes } from './routes/metrics.ts';
import { adminQueueRoutes } from './routes/adminQueues.ts';
import { exportRoutes } from './routes/export.ts';
import { readRoutes } from './routes/read.ts';
import { reviewRoutes } from './routes/review.ts';
import { sessionRoutes } from './routes/session.ts';
import { streamRoutes } from './routes/stream.ts';
import { subscriptionRoutes } from './routes/subscriptions.ts';
import { uiRoutes } from './routes/ui.ts';
import { userRoutes } from './routes/users.ts';
import { webhookRoutes } from './routes/webhooks.ts';
import { installCsrfGuard, installSessionSupport } from './sessions.ts';
import { zodValidatorCompiler } from './validate.ts';

const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/**
 * Fastify's own request errors, by their code, as ours: clients switch on stable codes that do not depend
 * on the framework's names. Anything else at 4xx keeps its own code (e.g. FST_CSRF_INVALID_TOKEN).
 */
const FRAMEWORK_ERRORS: Record<string, { code: string; message?: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'INVALID_JSON', message: 'body: is not valid JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'INVALID_JSON', message: 'body: is empty although the content-type is application/json' },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'PAYLOAD_TOO_LARGE', message: 'body: is larger than 1 MiB' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'body: send JSON (content-type: application/json)' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'BAD_REQUEST', message: 'content-length: does not match the body' },
  FST_ERR_VALIDATION: { code: 'BAD_REQUEST' },
  FST_ERR_BAD_URL: { code: 'BAD_REQUEST', message: 'the URL is malformed' },
  FST_ERR_MAX_PARAM_LENGTH: { code: 'URI_TOO_LONG', message: 'a path segment is longer than 100 characters' },
  FST_ERR_ASYNC_CONSTRAINT: { code: 'BAD_REQUEST' },
};

const STATUS_CODES: Record<number, string> = { 400: 'BAD_REQUEST', 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 405: 'METHOD_NOT_ALLOWED', 406: 'NOT_ACCEPTABLE', 408: 'REQUEST_TIMEOUT', 413: 'PAYLOAD_TOO_LARGE', 414: 'URI_TOO_LONG', 415: 'UNSUPPORTED_MEDIA_TYPE', 429: 'TOO_MANY_REQUESTS', 431: 'HEADERS_TOO_LARGE' };

export type RouteModule = (app: FastifyInstance, ctx: ApiContext) => Promise<void>;

/** Route modules in registration order; later issues add theirs here. */
export const ROUTE_MODULES: RouteModule[] = [
  healthRoutes,
  metricsRoutes,
  adminQueueRoutes,
  readRoutes,
  exportRoutes,
  sessionRoutes(),
  reviewRoutes,
  aliasRoutes,
  userRoutes,
  subscriptionRoutes,
  webhookRoutes,
  streamRoutes,
  uiRoutes,
];

/** A registered route, as the role-matrix test enumerates them. */
export interface RouteEntry {
  method: string;
  url: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered on this instance, in registration order. */
    routeTable: RouteEntry[];
  }
}

/**
 * Requests Node's HTTP parser refuses before fastify sees them (headers or URL over 16 KiB, malformed
 * requests, timeouts): the same JSON error shape, written to the socket as fastify's default does.
 */
function answerClientError(err: Error & { code?: string }, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, message] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'HEADERS_TOO_LARGE', 'the request line and headers exceed 16 KiB']
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'REQUEST_TIMEOUT', 'the request took too long to arrive']
        : [400, 'BAD_REQUEST', 'the HTTP request is malformed'];
  const body = JSON.stringify({ error: { code, message, request_id: randomUUID() } });
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${HTTP_STATUS[status] ?? 'Error'}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`);
  }
  socket.destroy(err);
}

export async function buildServer(ctx: ApiContext, modules: RouteModule[] = ROUTE_MODULES, sessionResolver?: SessionResolver): Promise<FastifyInstance> {
  const app: FastifyInstance = Fastify({
    loggerInstance: ctx.log.child({ component: 'api' }) as FastifyBaseLogger,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[A-Za-z0-9_.-]{1,64}$/.test(given) ? given : randomUUID();
    },
    bodyLimit: 1024 * 1024,
    trustProxy: false,
    clientErrorHandler: answerClientError,
    // Errors the router answers before any hook or handler runs (bad URL, over-long path segment).
    frameworkErrors: (err, req, reply) => {
      const known = FRAMEWORK_ERRORS[err.code];
      void (reply as FastifyReply).code(err.statusCode ?? 400).send({ error: { code: known?.code ?? 'BAD_REQUEST', message: known?.message ?? err.message, request_id: req.id } });
    },
  });
  app.setValidatorCompiler(zodValidatorCompiler);
  app.setSerializerCompiler(responseSerializer);
  await installOpenApi(app, VERSION);
  const routeTable: RouteEntry[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) routeTable.push({ method, url: r.url });
  });
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  app.setErrorHandler((err: Error & { statusCode?: number; code?: string; validation?: unknown }, req, reply) => {
    if (err instanceof HttpError) return reply.code(err.statusCode).send({ error: { code: err.code, message: err.message, request_id: req.id } });
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 600 ? err.statusCode : 500;
    if (status >= 500) {
      req.log.error({ err }, 'request failed');
      return reply.code(status).send({ error: { code: status === 503 ? 'UNAVAILABLE' : 'INTERNAL', message: 'internal error; the request id is in the server log', request_id: req.id } });
    }
    const known = err.code ? FRAMEWORK_ERRORS[err.code] : undefined;
    // A JSON syntax error from the body parser carries only a status.
    const code = known?.code ?? (err instanceof SyntaxError ? 'INVALID_JSON' : (err.code ?? STATUS_CODES[status] ?? 'BAD_REQUEST'));
    const message = known?.message ?? (err instanceof SyntaxError ? `body: is not valid JSON (${err.message})` : err.message);
    return reply.code(status).send({ error: { code, message, request_id: req.id } });
  });
  app.setNotFoundHandler((req, reply) =>
    reply.code(404).send({ error: { code: 'NOT_FOUND', message: `no route ${req.method} ${req.url.split('?')[0]}`, request_id: req.id } }),
  );
  const sessions = await installSessionSupport(app, ctx);
  installAuth(app, ctx, sessionResolver ?? sessions);
  installCsrfGuard(app);
  for (const m of modules) await m(app, ctx);
  await installOpenApiRoutes(app);
  return app;
}
