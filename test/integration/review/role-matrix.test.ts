/**
 * Who may call what: every route registered on the real server (collected by its onRoute hook) is called
 * by anonymous, researcher, moderator and admin, once with API keys and once with browser sessions (with
 * CSRF tokens). A route missing from ACCESS fails the test, so every route added later must state here
 * who may call it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from '../../../src/app.ts';
import type { UserRole } from '../../../src/store/schema.ts';
import { createUser } from '../../../src/store/users.ts';
import { dropRedisPrefix, tempDir, testConfig, uniqueName } from '../../support/services.ts';
import { seedIncident, seedPostWithClaim, seedUsers, TAJI_NEWS_TEXT, TAJI_TEXT, tajiClaim, tajiNewsClaim } from './fixtures.ts';
import { Browser } from './jar.ts';

/** public: anyone; page: a UI page (anonymous callers are redirected to the login page); else the least role. */
type Access = 'public' | 'page' | UserRole;

interface Expectation {
  access: Access;
  /** Concrete path; defaults to the route's url with ids filled in. */
  path?: (ids: Ids) => string;
  body?: (n: number) => unknown;
  /** Status when the caller may call it (default 200). */
  ok?: number;
}

interface Ids {
  claim: string;
  incident: string;
  post: string;
}

const MISSING = '999999999';
/** Unique suffix for bodies that create rows (user names, login names), across both passes. */
let unique = 0;
const mutate = (ok: number, body?: Expectation['body']): Pick<Expectation, 'ok' | 'body'> => ({ ok, ...(body ? { body } : {}) });

/**
 * The access table. Mutations target rows that do not exist, so an allowed caller gets 404 from the handler
 * (proving it passed the role check) and the table's rows stay as they are for the next caller.
 */
export const ACCESS: Record<string, Expectation> = {
  'GET /healthz': { access: 'public' },
  'GET /readyz': { access: 'public' },
  // Prometheus scrapes with an API key of its own (any role; METRICS_PUBLIC=true opens it).
  'GET /metrics': { access: 'researcher' },
  // The read-only Bull Board queue dashboard: admins only, pages and API alike.
  'GET /admin/queues': { access: 'admin' },
  'GET /admin/queues/': { access: 'admin' },
  'GET /admin/queues/metrics-history': { access: 'admin' },
  'GET /admin/queues/job-schedulers': { access: 'admin' },
  'GET /admin/queues/queue/:queueName': { access: 'admin', path: () => '/admin/queues/queue/extract' },
  'GET /admin/queues/queue/:queueName/:jobId': { access: 'admin', path: () => '/admin/queues/queue/extract/extract-1' },
  'GET /admin/queues/static/*': { access: 'admin', path: () => '/admin/queues/static/favicon-32x32.png' },
  'GET /admin/queues/api/redis/stats': { access: 'admin' },
  'GET /admin/queues/api/queues': { access: 'admin' },
  'GET /admin/queues/api/job-schedulers': { access: 'admin' },
  'GET /admin/queues/api/queues/:queueName/metrics': { access: 'admin', path: () => '/admin/queues/api/queues/extract/metrics' },
  'GET /admin/queues/api/queues/:queueName/default-job-options': { access: 'admin', path: () => '/admin/queues/api/queues/extract/default-job-options' },
  'GET /admin/queues/api/queues/:queueName/workers': { access: 'admin', path: () => '/admin/queues/api/queues/extract/workers' },
  'GET /admin/queues/api/queues/:queueName/rate-limit': { access: 'admin', path: () => '/admin/queues/api/queues/extract/rate-limit' },
  'GET /admin/queues/api/queues/:queueName/job-data-schema': { access: 'admin', path: () => '/admin/queues/api/queues/extract/job-data-schema' },
  'GET /admin/queues/api/queues/:queueName/:jobId/logs': { access: 'admin', path: () => '/admin/queues/api/queues/extract/extract-1/logs' },
  'GET /admin/queues/api/queues/:queueName/:jobId/flow': { access: 'admin', path: () => `/admin/queues/api/queues/extract/extract-${MISSING}/flow`, ok: 404 },
  'GET /admin/queues/api/queues/:queueName/:jobId': { access: 'admin', path: () => `/admin/queues/api/queues/extract/extract-${MISSING}`, ok: 404 },
  'GET /api/v1/stats': { access: 'researcher' },
  'GET /api/v1/claims': { access: 'researcher' },
  'GET /api/v1/claims/:id': { access: 'researcher' },
  'GET /api/v1/incidents': { access: 'researcher' },
  'GET /api/v1/incidents/:id': { access: 'researcher' },
  'GET /api/v1/posts/:id': { access: 'researcher' },
  'GET /api/v1/export': { access: 'researcher' },
  'GET /api/v1/session': { access: 'public' },
  'POST /api/v1/session': { access: 'public', ...mutate(401, (n) => ({ name: `nobody-${n}`, password: 'not the password' })) },
  'DELETE /api/v1/session': { access: 'public' },
  'GET /api/v1/review/queue': { access: 'researcher' },
  'GET /api/v1/review/claims/:id': { access: 'researcher' },
  'POST /api/v1/claims/:id/corrections': { access: 'moderator', path: () => `/api/v1/claims/${MISSING}/corrections`, ...mutate(404, () => ({ revision: 1, changes: { event_type: 'airstrike' } })) },
  'POST /api/v1/claims/:id/approve': { access: 'moderator', path: () => `/api/v1/claims/${MISSING}/approve`, ...mutate(404, () => ({ revision: 1 })) },
  'POST /api/v1/claims/:id/reject': { access: 'moderator', path: () => `/api/v1/claims/${MISSING}/reject`, ...mutate(404, () => ({ revision: 1, reason: 'not an attack' })) },
  'GET /api/v1/audit': { access: 'moderator' },
  'GET /api/v1/review/incidents/:id': { access: 'researcher' },
  'GET /api/v1/places': { access: 'researcher' },
  'GET /api/v1/place-aliases': { access: 'moderator' },
  'POST /api/v1/place-aliases/:id/approve': { access: 'admin', path: () => `/api/v1/place-aliases/${MISSING}/approve`, ...mutate(404, () => ({})) },
  'POST /api/v1/place-aliases/:id/reject': { access: 'admin', path: () => `/api/v1/place-aliases/${MISSING}/reject`, ...mutate(404, () => ({})) },
  'GET /api/v1/users': { access: 'admin' },
  'POST /api/v1/users': { access: 'admin', ...mutate(201, (n) => ({ name: `matrix-${n}`, role: 'researcher' })) },
  'PATCH /api/v1/users/:id': { access: 'admin', path: () => `/api/v1/users/${MISSING}`, ...mutate(404, () => ({ role: 'researcher' })) },
  'POST /api/v1/users/:id/api-keys': { access: 'admin', path: () => `/api/v1/users/${MISSING}/api-keys`, ...mutate(404, () => ({})) },
  'DELETE /api/v1/api-keys/:prefix': { access: 'admin', path: () => '/api/v1/api-keys/cw_00000000', ok: 404 },
  // Subscriptions belong to their owner: a missing (or someone else's) one is a 404 for any signed-in caller.
  'POST /api/v1/subscriptions': { access: 'researcher', ...mutate(201, (n) => ({ name: `matrix subscription ${n}`, filter: { event_types: ['incident.disputed'] } })) },
  'GET /api/v1/subscriptions': { access: 'researcher' },
  'GET /api/v1/subscriptions/:id': { access: 'researcher', path: () => `/api/v1/subscriptions/${MISSING}`, ok: 404 },
  'PATCH /api/v1/subscriptions/:id': { access: 'researcher', path: () => `/api/v1/subscriptions/${MISSING}`, ...mutate(404, () => ({ name: 'renamed' })) },
  'DELETE /api/v1/subscriptions/:id': { access: 'researcher', path: () => `/api/v1/subscriptions/${MISSING}`, ok: 404 },
  'POST /api/v1/subscriptions/:id/rotate-secret': { access: 'researcher', path: () => `/api/v1/subscriptions/${MISSING}/rotate-secret`, ...mutate(404, () => ({})) },
  'GET /api/v1/subscriptions/:id/deliveries': { access: 'researcher', path: () => `/api/v1/subscriptions/${MISSING}/deliveries`, ok: 404 },
  'GET /api/v1/subscriptions/:id/deliveries/:deliveryId': { access: 'researcher', path: () => `/api/v1/subscriptions/${MISSING}/deliveries/${MISSING}`, ok: 404 },
  'GET /api/v1/subscriptions/:id/attempts': { access: 'researcher', path: () => `/api/v1/subscriptions/${MISSING}/attempts`, ok: 404 },
  'POST /api/v1/subscriptions/:id/deliveries/:deliveryId/redeliver': {
    access: 'researcher',
    path: () => `/api/v1/subscriptions/${MISSING}/deliveries/${MISSING}/redeliver`,
    ...mutate(404, () => ({})),
  },
  'GET /api/v1/notifications': { access: 'researcher' },
  'POST /api/v1/notifications/:id/read': { access: 'researcher', path: () => `/api/v1/notifications/${MISSING}/read`, ...mutate(404, () => ({})) },
  'GET /api/v1/events/:id': { access: 'researcher', path: () => `/api/v1/events/no-such-event`, ok: 404 },
  // The stream itself never ends; a subscription that is not the caller's shows the role check passed.
  'GET /api/v1/stream': { access: 'researcher', path: () => `/api/v1/stream?subscription=${MISSING}`, ok: 404 },
  'GET /': { access: 'public', ok: 302 },
  'GET /ui': { access: 'public', ok: 302 },
  'GET /ui/login': { access: 'public' },
  'GET /ui/': { access: 'page' },
  'GET /ui/claims/:id': { access: 'page' },
  'GET /ui/incidents/:id': { access: 'page' },
  'GET /ui/places': { access: 'page' },
  'GET /ui/aliases': { access: 'page' },
  'GET /ui/users': { access: 'page' },
  'GET /ui/assets/:name': { access: 'public', path: () => '/ui/assets/app.js' },
  // The API's description is public: it holds no data.
  'GET /openapi.json': { access: 'public' },
  'GET /docs': { access: 'public' },
  'GET /docs/': { access: 'public' },
  'GET /docs/static/index.html': { access: 'public', ok: 302 },
  'GET /docs/static/swagger-initializer.js': { access: 'public' },
  'GET /docs/json': { access: 'public' },
  'GET /docs/yaml': { access: 'public' },
  'GET /docs/static/*': { access: 'public', path: () => '/docs/static/swagger-ui.css' },
};

const RANK: Record<UserRole, number> = { researcher: 1, moderator: 2, admin: 3 };
const WHO = ['anonymous', 'researcher', 'moderator', 'admin'] as const;
type Who = (typeof WHO)[number];

function expected(e: Expectation, who: Who): number {
  const ok = e.ok ?? 200;
  if (e.access === 'public') return ok;
  if (e.access === 'page') return who === 'anonymous' ? 302 : ok;
  if (who === 'anonymous') return 401;
  return RANK[who] >= RANK[e.access] ? ok : 403;
}

function fill(url: string, ids: Ids): string {
  if (url.startsWith('/api/v1/incidents/') || url.startsWith('/api/v1/review/incidents/') || url.startsWith('/ui/incidents/')) return url.replace(':id', ids.incident);
  if (url.startsWith('/api/v1/posts/')) return url.replace(':id', ids.post);
  return url.replace(':id', ids.claim);
}

describe('role matrix', () => {
  let app: App;
  let ids: Ids;
  let users: Awaited<ReturnType<typeof seedUsers>>;
  const dir = tempDir();

  beforeAll(async () => {
    app = await startApp({ config: testConfig('pglite', dir.path), sources: [], roles: ['api'], storeSchema: uniqueName('matrix') });
    users = await seedUsers(app.store.db);
    await createUser(app.store.db, { name: 'matrix-target', role: 'researcher' });
    const a = await seedPostWithClaim(app.store.db, { text: TAJI_TEXT, claim: tajiClaim() });
    const b = await seedPostWithClaim(app.store.db, { text: TAJI_NEWS_TEXT, claim: tajiNewsClaim(), sourceKind: 'news', author: 'testwire' });
    ids = { claim: a.claimId, post: a.postId, incident: await seedIncident(app.store.db, [a.claimId, b.claimId]) };
  });
  afterAll(async () => {
    await app?.stop();
    await dropRedisPrefix(app.config.redis.prefix);
    dir.remove();
  });

  it('has an expectation for every registered route', () => {
    // A HEAD route is called as its GET (fastify's exposeHeadRoutes); @fastify/swagger-ui's GET /docs/ is
    // reported to onRoute only through its HEAD twin.
    const registered = new Set(app.server!.routeTable.map((r) => `${r.method === 'HEAD' ? 'GET' : r.method} ${r.url}`));
    const gets = new Set(app.server!.routeTable.filter((r) => r.method === 'GET').map((r) => r.url));
    const missing = [...registered].filter((k) => !ACCESS[k]);
    expect(missing, `routes without an access expectation: add them to ACCESS in ${import.meta.url.split('/').slice(-2).join('/')}`).toEqual([]);
    // Expectations for routes not registered here (merged from other branches later) are allowed; the
    // routes of this branch must all be registered.
    expect(Object.keys(ACCESS).filter((k) => !registered.has(k))).toEqual([]);
    // Every HEAD route mirrors a GET one (fastify's exposeHeadRoutes) and is called below with it. A
    // plugin's '/' route under a prefix also answers at prefix + '/', which only its HEAD route lists.
    for (const r of app.server!.routeTable.filter((x) => x.method === 'HEAD' && x.url !== '/docs/')) {
      expect(gets.has(r.url) || gets.has(r.url.replace(/(.)\/$/, '$1')), `HEAD ${r.url}`).toBe(true);
    }
  });

  for (const mode of ['api key', 'session'] as const) {
    it(`gives each caller the expected status on every route (${mode})`, async () => {
      const browsers = new Map<Who, Browser>();
      for (const who of WHO) {
        const b = new Browser(app.server!);
        if (who !== 'anonymous' && mode === 'session') expect((await b.login(users[who].name, users[who].password)).statusCode).toBe(200);
        else await b.session();
        browsers.set(who, b);
      }
      const failures: string[] = [];
      let n = 0;
      const routes = app.server!.routeTable;
      for (const route of routes) {
        const method = route.method;
        const key = `${method === 'HEAD' ? 'GET' : method} ${route.url}`;
        const e = ACCESS[key] ?? ACCESS[key.replace(/(.)\/$/, '$1')];
        if (!e) continue; // reported by the test above
        const path = e.path ? e.path(ids) : fill(route.url, ids);
        for (const who of WHO) {
          n += 1;
          const b = browsers.get(who)!;
          const headers: Record<string, string> = mode === 'api key' && who !== 'anonymous' ? { authorization: `Bearer ${users[who].key}` } : {};
          const body = method === 'GET' || method === 'HEAD' || method === 'DELETE' ? undefined : (e.body?.(++unique) ?? {});
          const res = await b.request(method, path, body, { headers });
          const want = expected(e, who);
          if (res.statusCode !== want) failures.push(`${method} ${path} as ${who}: ${res.statusCode}, expected ${want} (${res.body.slice(0, 160)})`);
          // Logging out would end this caller's session for the routes after it.
          if (key === 'DELETE /api/v1/session' && mode === 'session' && who !== 'anonymous') {
            await b.session(); // the token of the ended session is void; take an anonymous one to log in again
            expect((await b.login(users[who].name, users[who].password)).statusCode).toBe(200);
          }
        }
      }
      expect(failures).toEqual([]);
      expect(n).toBeGreaterThanOrEqual(routes.length * WHO.length);
    });
  }
});
