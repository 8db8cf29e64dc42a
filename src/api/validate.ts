/** Request validation with zod: a 400 whose message names the field that is wrong. */
import type { FastifyRequest, FastifySchemaCompiler } from 'fastify';
import { z } from 'zod';
import { badRequest, HttpError } from './errors.ts';

export const idParam = z.object({ id: z.string().regex(/^[0-9]{1,18}$/, 'id must be a number') });

/** `field.path: message`, or `where: message` when the whole value is wrong (unknown keys, wrong type). */
export function issueMessage(error: z.ZodError, where: string): string {
  const i = error.issues[0];
  return `${i?.path.length ? i.path.join('.') : where}: ${i?.message}`;
}

export function parse<T extends z.ZodType>(schema: T, value: unknown, where = 'request'): z.infer<T> {
  const r = schema.safeParse(value ?? {});
  if (!r.success) throw badRequest(issueMessage(r.error, where));
  return r.data;
}

interface Visit {
  v: unknown;
  key: string | number | undefined;
  parent: Visit | undefined;
}

const pathOf = (n: Visit | undefined): (string | number)[] => {
  const out: (string | number)[] = [];
  for (let x = n; x && x.key !== undefined; x = x.parent) out.unshift(x.key);
  return out;
};

/** Where a NUL character hides in a request value (PostgreSQL stores none), or undefined. Iterative: bodies nest deep. */
function nulPath(value: unknown): (string | number)[] | undefined {
  const stack: Visit[] = [{ v: value, key: undefined, parent: undefined }];
  while (stack.length) {
    const n = stack.pop()!;
    if (typeof n.v === 'string') {
      if (n.v.includes('\u0000')) return pathOf(n);
    } else if (n.v !== null && typeof n.v === 'object') {
      const isArray = Array.isArray(n.v);
      for (const [k, x] of Object.entries(n.v)) {
        if (k.includes('\u0000')) return [...pathOf(n), k.replace(/\u0000/g, '\\0')];
        stack.push({ v: x, key: isArray ? Number(k) : k, parent: n });
      }
    }
  }
  return undefined;
}

const PART_NAMES: Record<string, string> = { querystring: 'query', body: 'body', params: 'path', headers: 'headers' };

/**
 * Fastify's validator for the zod schemas routes declare: the parsed (coerced, transformed) value replaces
 * the raw one, and a failure is the same 400 as `parse` gives. An absent body counts as `{}`.
 */
export const zodValidatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema, httpPart }) =>
  (data) => {
    const nul = nulPath(data);
    if (nul) return { error: badRequest(`${nul.length ? nul.join('.') : (PART_NAMES[httpPart ?? ''] ?? 'request')}: must not contain NUL characters`) };
    const r = schema.safeParse(httpPart === 'body' && data == null ? {} : data);
    return r.success ? { value: r.data } : { error: badRequest(issueMessage(r.error, PART_NAMES[httpPart ?? ''] ?? 'request')) };
  };

/** Who a change is attributed to in audit rows and revisions: the user's login name. */
export function actorOf(req: FastifyRequest): string {
  if (!req.principal) throw new HttpError(401, 'UNAUTHENTICATED', 'sign in or send an API key');
  return req.principal.name;
}
