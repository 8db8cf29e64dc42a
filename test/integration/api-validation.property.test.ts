/**
 * Property: no request makes the API fail. Hostile paths, query strings, headers and bodies (random and
 * unicode strings, NUL, broken percent-encoding, huge numbers, arrays, nested objects, wrong types, near-
 * valid values for the parameters each route documents) go to every route of a real server over HTTP, as
 * an admin. Every answer is below 500, and every 4xx is a JSON error with a stable code.
 *
 * Runs: FC_RUNS (the nightly profile: 100000), else a CI default that keeps this file well under a minute.
 */
import fc from 'fast-check';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSubscriptionRoutes, subscriptionRoutes } from '../../src/api/routes/subscriptions.ts';
import { ROUTE_MODULES } from '../../src/api/server.ts';
import { startApp, type App } from '../../src/app.ts';
import { fcRuns, fcTimeout } from '../support/fcRuns.ts';
import { dropRedisPrefix, tempDir, testConfig, uniqueName } from '../support/services.ts';
import { seedIncident, seedPostWithClaim, seedUsers, TAJI_TEXT, tajiClaim } from './review/fixtures.ts';

const RUNS = fcRuns(300);
const QUERY_RUNS = fcRuns(200);

interface Operation {
  method: string;
  url: string;
  query: string[];
  body: string[];
}

type Doc = {
  paths: Record<string, Record<string, { parameters?: { name: string; in: string }[]; requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> } }>>;
};

// --- Hostile values -------------------------------------------------------------------------------------

const nasty = fc.constantFrom(
  '',
  ' ',
  '0',
  '-1',
  '1e309',
  '-0',
  'NaN',
  'Infinity',
  '9'.repeat(30),
  '18446744073709551616',
  '\u0000',
  'a\u0000b',
  '\u202e\u200b',
  '\ud800',
  'null',
  'true',
  '[]',
  '{}',
  '__proto__',
  'constructor',
  "' or 1=1 --",
  '../../etc/passwd',
  '%',
  'a,b,,c,',
  ','.repeat(60),
  'x'.repeat(5000),
  '2024-02-30',
  '2024-01-01T00:00:00+99:99',
  '-180,-90,180,90',
  '181,0,0,0',
  '1,2,3,4,5',
  'rocket_attack,boom',
  'eyJrIjoiY2xhaW1zIiwiaWQiOiItMSJ9',
  'eyJrIjoiY2xhaW1zIiwiaWQiOiI5OTk5OTk5OTk5OTk5OTk5OTk5OSJ9',
);
const hostileString = fc.oneof(
  nasty,
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.bigInt().map(String),
  fc.double().map(String),
  fc.integer().map(String),
);
const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.constantFrom(9007199254740993, 1e308, -1e308, 0.5, -0),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('v'), { maxLength: 4 }),
    fc.dictionary(hostileString, tie('v'), { maxKeys: 4 }),
  ),
})).v;

/** Percent-encodes; a lone surrogate (which has no UTF-8) becomes invalid UTF-8 bytes instead. */
function enc(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return '%ED%A0%80';
  }
}
const rawFragment = fc.constantFrom('%', '%zz', '%00', '%C0%AF', '%E0%A4', '&&', '=', '==', '[]', 'a[b]=c', '%2F..%2F', '+');

function queryString(known: string[]) {
  const key = known.length ? fc.oneof(fc.constantFrom(...known), hostileString) : hostileString;
  const pair = fc.tuple(key, fc.oneof(hostileString, fc.constantFrom('1', '50', 'true', 'IQ', '2025-01-01', '42,33,45,35')), fc.boolean());
  return fc.tuple(fc.array(pair, { maxLength: 6 }), fc.option(rawFragment, { nil: undefined })).map(([pairs, raw]) => {
    const parts = pairs.flatMap(([k, v, twice]) => (twice ? [`${enc(k)}=${enc(v)}`, `${enc(k)}=${enc(v)}`] : [`${enc(k)}=${enc(v)}`]));
    if (raw) parts.push(raw);
    return parts.join('&');
  });
}

function bodyOf(known: string[]) {
  const obj = fc
    .tuple(known.length ? fc.subarray(known) : fc.constant([] as string[]), fc.dictionary(hostileString, hostileValue, { maxKeys: 3 }), fc.array(hostileValue, { minLength: known.length, maxLength: known.length }))
    .map(([keys, extra, values]) => ({ ...extra, ...Object.fromEntries(keys.map((k, i) => [k, values[i]])) }));
  return fc.oneof(
    { weight: 6, arbitrary: obj.map((o) => ({ type: 'application/json', payload: JSON.stringify(o) })) },
    { weight: 2, arbitrary: hostileValue.map((v) => ({ type: 'application/json', payload: JSON.stringify(v) ?? 'null' })) },
    { weight: 1, arbitrary: hostileString.map((s) => ({ type: 'application/json', payload: s })) },
    { weight: 1, arbitrary: fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1', 'multipart/form-data', 'application/json;;').chain((type) => hostileString.map((payload) => ({ type, payload }))) },
    { weight: 1, arbitrary: fc.constant({ type: undefined, payload: undefined }) },
  );
}

function pathOf(url: string) {
  const names = [...url.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]!);
  return fc.array(fc.oneof(fc.constantFrom('1', '2', '3', '999999999', '0'), fc.bigInt({ min: 0n, max: 10n ** 25n }).map(String), hostileString.filter((s) => s.length > 0)), { minLength: names.length, maxLength: names.length }).map((vals) => {
    let out = url;
    names.forEach((n, i) => (out = out.replace(`:${n}`, enc(vals[i]!))));
    return out;
  });
}

// --- The server -----------------------------------------------------------------------------------------

describe('every API route, hostile input', () => {
  let app: App;
  let key: string;
  let base: string;
  let operations: Operation[] = [];
  const dir = tempDir();

  beforeAll(async () => {
    // Webhook URLs resolve to a public address without asking DNS (random host names must not leave the machine).
    const routeModules = ROUTE_MODULES.map((m) => (m === subscriptionRoutes ? makeSubscriptionRoutes({ resolve: async () => [{ address: '93.184.216.34', family: 4 }] }) : m));
    app = await startApp({ config: testConfig('pglite', dir.path), sources: [], roles: ['api'], storeSchema: uniqueName('fuzz'), routeModules });
    base = app.url!;
    const users = await seedUsers(app.store.db);
    key = users.admin.key;
    const a = await seedPostWithClaim(app.store.db, { text: TAJI_TEXT, claim: tajiClaim() });
    await seedIncident(app.store.db, [a.claimId]);
    const doc = JSON.parse((await app.server!.inject({ method: 'GET', url: '/openapi.json' })).body) as Doc;
    operations = app
      .server!.routeTable.filter((r) => r.method !== 'HEAD' && !r.url.includes('*'))
      .map((r) => {
        const op = doc.paths[r.url.replace(/:([A-Za-z]+)/g, '{$1}')]?.[r.method.toLowerCase()];
        const body = op?.requestBody?.content?.['application/json']?.schema?.properties;
        return { method: r.method, url: r.url, query: (op?.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name), body: Object.keys(body ?? {}) };
      });
  });

  afterAll(async () => {
    await app?.stop();
    await dropRedisPrefix(app.config.redis.prefix);
    dir.remove();
  });

  interface Sent {
    method: string;
    path: string;
    headers: Record<string, string>;
    payload: string | undefined;
  }

  /** Sends one request; a live stream that opens is closed at once (its status is what counts). */
  async function send(r: Sent): Promise<{ status: number; type: string; body: string }> {
    const res = await request(base + r.path, { method: r.method as 'GET', headers: r.headers, body: r.payload, headersTimeout: 20_000, bodyTimeout: 20_000 });
    const type = String(res.headers['content-type'] ?? '');
    if (type.startsWith('text/event-stream')) {
      res.body.destroy();
      return { status: res.statusCode, type, body: '' };
    }
    return { status: res.statusCode, type, body: await res.body.text() };
  }

  function check(r: Sent, res: { status: number; type: string; body: string }): void {
    const what = `${res.status} ${res.type} ${res.body.slice(0, 300)} <- ${r.method} ${r.path.slice(0, 300)} ${r.payload?.slice(0, 200) ?? ''}`;
    expect(res.status, what).toBeLessThan(500);
    if (res.status >= 400) {
      expect(res.type, what).toMatch(/^application\/json/);
      const body = JSON.parse(res.body) as { error?: { code?: unknown; message?: unknown } };
      expect(typeof body.error?.code, what).toBe('string');
      expect(body.error!.code as string, what).toMatch(/^[A-Z][A-Z0-9_]+$/);
      expect(typeof body.error?.message, what).toBe('string');
    }
  }

  it(
    'answers every hostile request below 500, with a JSON error and a stable code for every 4xx',
    async () => {
      expect(operations.length).toBeGreaterThan(50);
      const requests = fc.constantFrom(...operations).chain((op) =>
        fc.record({
          op: fc.constant(op),
          path: pathOf(op.url),
          query: fc.option(queryString(op.query), { nil: undefined }),
          body: op.method === 'GET' || op.method === 'DELETE' ? fc.constant({ type: undefined, payload: undefined }) : bodyOf(op.body),
          lastEventId: fc.option(hostileString.filter((s) => !/[\r\n\u0000]/.test(s) && /^[\x20-\x7e]*$/.test(s)), { nil: undefined, freq: 8 }),
        }),
      );
      await fc.assert(
        fc.asyncProperty(requests, async ({ op, path, query, body, lastEventId }) => {
          const headers: Record<string, string> = { authorization: `Bearer ${key}` };
          if (body.type) headers['content-type'] = body.type;
          if (lastEventId !== undefined) headers['last-event-id'] = lastEventId;
          const sent: Sent = { method: op.method, path: query ? `${path}?${query}` : path, headers, payload: body.payload };
          check(sent, await send(sent));
        }),
        { numRuns: RUNS },
      );
    },
    fcTimeout(RUNS, 250),
  );

  it(
    'answers near-valid research queries with 200 or a 400 naming the parameter',
    async () => {
      const value: Record<string, fc.Arbitrary<string>> = {
        since: fc.oneof(fc.date({ min: new Date('0001-01-01'), max: new Date('9999-12-31'), noInvalidDate: true }).map((d) => d.toISOString()), hostileString),
        until: fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)), hostileString),
        bbox: fc.oneof(fc.tuple(fc.double({ min: -200, max: 200 }), fc.double({ min: -100, max: 100 }), fc.double({ min: -200, max: 200 }), fc.double({ min: -100, max: 100 })).map((xs) => xs.join(',')), hostileString),
        place: fc.oneof(fc.constantFrom('Baghdad', 'camp taji', 'Ain al-Asad', 'Kyiv'), hostileString),
        account: fc.oneof(fc.array(fc.constantFrom('CENTCOM', '@OIRSpox', 'testspox'), { minLength: 1, maxLength: 60 }).map((xs) => xs.join(',')), hostileString),
        event_type: fc.oneof(fc.constantFrom('rocket_attack', 'drone_attack,airstrike', 'boom'), hostileString),
        status: fc.oneof(fc.constantFrom('pending', 'approved,rejected', 'disputed', 'corroborated,single_source'), hostileString),
        country: fc.oneof(fc.constantFrom('IQ', 'iq,sy', 'IRQ'), hostileString),
        incident_id: fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 20n }).map(String), hostileString),
        discrepancy: fc.oneof(fc.constantFrom('true', 'false', '1', '0', 'yes'), hostileString),
        disputed: fc.oneof(fc.constantFrom('true', 'false', 'no'), hostileString),
        include_superseded: fc.constantFrom('true', 'false', '2'),
        limit: fc.oneof(fc.integer({ min: -5, max: 600 }).map(String), hostileString),
        cursor: fc.oneof(fc.bigInt({ min: -5n, max: 10n ** 20n }).map((n) => Buffer.from(JSON.stringify({ k: 'claims', id: String(n) })).toString('base64url')), hostileString),
      };
      const params = fc.constantFrom('/api/v1/claims', '/api/v1/incidents', '/api/v1/export').chain((route) =>
        fc.record({ route: fc.constant(route), pairs: fc.array(fc.constantFrom(...Object.keys(value)).chain((k) => value[k]!.map((v) => [k, v] as const)), { maxLength: 5 }) }),
      );
      await fc.assert(
        fc.asyncProperty(params, async ({ route, pairs }) => {
          const query = pairs.map(([k, v]) => `${k}=${enc(v)}`).join('&');
          const sent: Sent = { method: 'GET', path: `${route}?${query}`, headers: { authorization: `Bearer ${key}` }, payload: undefined };
          const res = await send(sent);
          check(sent, res);
          expect([200, 400], res.body.slice(0, 300)).toContain(res.status);
          if (res.status === 400) {
            const e = (JSON.parse(res.body) as { error: { code: string; message: string } }).error;
            expect(e.code).toBe('BAD_REQUEST');
            expect(e.message).toMatch(/^(query|[a-z_]+(\.\d+)?): /);
          }
        }),
        { numRuns: QUERY_RUNS },
      );
    },
    fcTimeout(QUERY_RUNS, 250),
  );
});
