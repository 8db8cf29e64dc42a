/** Request validation with zod: a 400 whose message names the field that is wrong. */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { badRequest, HttpError } from './errors.ts';

export const idParam = z.object({ id: z.string().regex(/^[0-9]{1,19}$/, 'id must be a number') });

export function parse<T extends z.ZodType>(schema: T, value: unknown, where = 'request'): z.infer<T> {
  const r = schema.safeParse(value ?? {});
  if (!r.success) {
    const i = r.error.issues[0];
    throw badRequest(`${i?.path.length ? i.path.join('.') : where}: ${i?.message}`);
  }
  return r.data;
}

/** Who a change is attributed to in audit rows and revisions: the user's login name. */
export function actorOf(req: FastifyRequest): string {
  if (!req.principal) throw new HttpError(401, 'UNAUTHENTICATED', 'sign in or send an API key');
  return req.principal.name;
}
