/**
 * The OpenAPI document, generated from the zod schemas routes declare (querystring, params, body,
 * response), served as JSON at /openapi.json and browsable at /docs (Swagger UI, served from this process).
 *
 * Request schemas are enforced (validate.ts compiles them); response schemas describe what handlers send
 * and are not enforced at run time (responseSerializer), so a documentation slip can never turn a good
 * answer into a 500. Tests check the main responses against their schemas.
 */
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, FastifySchema, FastifySerializerCompiler } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { UserRole } from '../store/schema.ts';

export const OPENAPI_JSON = '/openapi.json';
export const DOCS_PREFIX = '/docs';

export const errorBody = z
  .object({
    error: z.object({
      code: z.string().meta({ description: 'stable, machine-readable (BAD_REQUEST, UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, ...)' }),
      message: z.string().meta({ description: 'for people; names the field that is wrong' }),
      request_id: z.string(),
    }),
  })
  .meta({ id: 'Error', description: 'Every error answer has this body.' });

const ERROR_STATUSES = {
  public: [400, 413, 415, 500],
  authed: [400, 401, 403, 413, 415, 500],
} as const;

export interface RouteDoc<Q extends z.ZodType | undefined = z.ZodType | undefined, P extends z.ZodType | undefined = z.ZodType | undefined, B extends z.ZodType | undefined = z.ZodType | undefined> {
  tags: string[];
  summary: string;
  description?: string;
  /** Who may call it: anyone, or the least role. */
  access: 'public' | UserRole;
  querystring?: Q;
  params?: P;
  body?: B;
  /** Success and specific error statuses; the common error statuses are added. */
  response?: Record<number, z.ZodType>;
}

/**
 * A route's fastify schema from its documentation: request schemas, responses, security and tags. The
 * request schemas keep their types (handlers see parsed values); responses are typed loosely on purpose.
 */
export function routeSchema<Q extends z.ZodType | undefined = undefined, P extends z.ZodType | undefined = undefined, B extends z.ZodType | undefined = undefined>(
  d: RouteDoc<Q, P, B>,
): { querystring: Q; params: P; body: B; response: unknown } & Omit<FastifySchema, 'querystring' | 'params' | 'body' | 'response'> {
  const statuses: number[] = [...ERROR_STATUSES[d.access === 'public' ? 'public' : 'authed'], ...(d.params ? [404] : [])];
  const errors = Object.fromEntries(statuses.map((s) => [s, errorBody]));
  const description = [d.description, d.access === 'public' ? undefined : `Needs the ${d.access} role or higher.`].filter(Boolean).join('\n\n');
  return {
    tags: d.tags,
    summary: d.summary,
    ...(description ? { description } : {}),
    ...(d.access === 'public' ? { security: [] } : {}),
    ...(d.querystring ? { querystring: d.querystring } : {}),
    ...(d.params ? { params: d.params } : {}),
    ...(d.body ? { body: d.body } : {}),
    response: { ...errors, ...(d.response ?? {}) },
  } as unknown as { querystring: Q; params: P; body: B; response: unknown };
}

/** A documented route that answers with something other than JSON (pages, files, streams). */
export const anyResponse = (description: string) => z.any().meta({ description });

/** Response schemas document; they are not enforced (see the module comment). */
export const responseSerializer: FastifySerializerCompiler<unknown> = () => (data) => JSON.stringify(data);

/** Registers the document generator; must run before any route is added so every route is seen. */
export async function installOpenApi(app: FastifyInstance, version: string): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'claimwatch API',
        version,
        description:
          'Claims extracted from official statements about armed-conflict incidents, the incidents they form, review, alerts and exports. ' +
          'Send an API key (Authorization: Bearer cw_...) or use the UI session cookie (unsafe methods then need the x-csrf-token header). ' +
          'Every error is JSON: {"error": {"code", "message", "request_id"}}.',
      },
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'An API key (cw_...), from `claimwatch users add` or an admin' },
          apiKeyHeader: { type: 'apiKey', in: 'header', name: 'x-api-key', description: 'The same API key in a header of its own' },
          session: { type: 'apiKey', in: 'cookie', name: 'cw_session', description: 'The browser session of the UI (POST /api/v1/session)' },
        },
      },
      security: [{ apiKey: [] }, { apiKeyHeader: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
}

/** Serves the document and the browsable page; call after the routes (the document is built on ready). */
export async function installOpenApiRoutes(app: FastifyInstance): Promise<void> {
  app.get(OPENAPI_JSON, { schema: { hide: true } }, async (_req, reply) => reply.header('cache-control', 'no-cache').send(app.swagger()));
  await app.register(fastifySwaggerUi, { routePrefix: DOCS_PREFIX, staticCSP: true, uiConfig: { deepLinking: true, defaultModelsExpandDepth: 0 } });
}
