/**
 * The moderator UI: static HTML, CSS and plain JavaScript modules from src/api/ui, served by this process
 * (no CDN, no tile server, no build step). Pages need a signed-in user (else a redirect to the login page);
 * the data they show comes from the JSON API, which checks roles again. A strict Content-Security-Policy
 * allows only this origin's scripts and styles, so text from posts can never run as code.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiContext } from '../context.ts';
import { notFound } from '../errors.ts';
import { anyResponse, routeSchema } from '../openapi.ts';

const UI_DIR = fileURLToPath(new URL('../ui/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
};

export const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The pages of the app shell; the browser-side router (app.js) picks the view by path. */
export const UI_PAGES = ['/ui/', '/ui/claims/:id', '/ui/incidents/:id', '/ui/places', '/ui/aliases', '/ui/users'] as const;

function secure(reply: FastifyReply, type: string): FastifyReply {
  return reply
    .header('content-type', type)
    .header('content-security-policy', CSP)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('x-frame-options', 'DENY')
    .header('cache-control', 'no-cache');
}

const assetParam = z.object({ name: z.string().regex(/^[a-z0-9-]+\.(js|css|svg|ico)$/, 'asset name looks like app.js') });

export async function uiRoutes(fastify: FastifyInstance, _ctx: ApiContext): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const doc = <P extends z.ZodType | undefined = undefined>(summary: string, extra: { params?: P } = {}) =>
    routeSchema({ tags: ['ui'], summary, access: 'public', ...extra, response: { 200: anyResponse('HTML, JavaScript or CSS of the moderator UI'), 302: anyResponse('redirect') } });
  // Read once: the assets are small and fixed for the life of the process.
  const files = new Map<string, Buffer>();
  for (const f of readdirSync(UI_DIR)) if (TYPES[extname(f)]) files.set(f, readFileSync(UI_DIR + f));
  const shell = files.get('app.html');
  const login = files.get('login.html');
  if (!shell || !login) throw new Error(`UI assets missing in ${UI_DIR}`);

  const toUi = async (_req: FastifyRequest, reply: FastifyReply) => reply.redirect('/ui/', 302);
  app.get('/', { schema: doc('Redirects to the UI') }, toUi);
  app.get('/ui', { schema: doc('Redirects to the UI') }, toUi);

  app.get('/ui/login', { schema: doc('The login page') }, async (_req, reply) => secure(reply, TYPES['.html']!).send(login));

  const page = async (req: FastifyRequest, reply: FastifyReply) => {
    if (!req.principal) {
      const next = req.url.split('?')[0] ?? '/ui/';
      return reply.header('cache-control', 'no-store').redirect(`/ui/login?next=${encodeURIComponent(next)}`, 302);
    }
    return secure(reply, TYPES['.html']!).send(shell);
  };
  const pageId = z.object({ id: z.string().max(200) });
  for (const p of UI_PAGES) {
    app.get(p, { schema: doc('A page of the moderator UI (signed-in users; else a redirect to the login page)', p.includes(':id') ? { params: pageId } : {}) }, page);
  }

  app.get('/ui/assets/:name', { schema: doc('A script, style sheet or icon of the UI', { params: assetParam }) }, async (req, reply) => {
    const { name } = req.params;
    const body = files.get(name);
    if (!body) throw notFound(`asset ${name}`);
    return secure(reply, TYPES[extname(name)]!).send(body);
  });
}
