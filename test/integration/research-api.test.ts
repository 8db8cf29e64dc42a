/**
 * The research API on a real store (PGlite and PostgreSQL): every claim and incident filter against seeded
 * claims at known places, times, accounts and types; cursor pages; bad queries as 400s with a stable code;
 * fastify's own errors as stable codes; the OpenAPI document covering every registered route.
 */
import { sql } from 'kysely';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from '../../src/app.ts';
import { claimPage, incidentPage } from '../../src/api/routes/read.ts';
import { OPENAPI_JSON } from '../../src/api/openapi.ts';
import type { Claim, EventType, Location } from '../../src/domain/claim.ts';
import { encodeCursor } from '../../src/store/claimQuery.ts';
import { insertExtractedClaim, setClaimIncident } from '../../src/store/claims.ts';
import { toJsonb } from '../../src/store/json.ts';
import { upsertPost } from '../../src/store/posts.ts';
import { dropRedisPrefix, STORE_FLAVOURS, tempDir, testConfig, uniqueName } from '../support/services.ts';
import { seedUsers } from './review/fixtures.ts';

const place = (name: string, country: string, lat: number, lon: number, extra: Partial<Location> = {}): Location => ({
  mention: name,
  name,
  country,
  lat,
  lon,
  kind: 'city',
  ...extra,
});

function claim(type: EventType, locations: Location[], utc: string | null): Claim {
  return {
    event_type: type,
    quantities: [{ what: 'rocket', group: 'unspecified', value: 2, min: null, max: null, qualifier: 'exact', mention: '2' }],
    event_time: utc ? { mention: 'then', local: null, tz: 'UTC', utc, precision: 'minute', approximate: false } : null,
    locations,
  };
}

const TAJI = place('Camp Taji', 'IQ', 33.5222, 44.2564, { kind: 'base', place_id: 'IQ.camp-taji', role: 'target' });
const ASAD = place('Al Asad Airbase', 'IQ', 33.7856, 42.4412, { kind: 'base', place_id: 'IQ.al-asad-airbase', mention: 'the air base' });
const DEIR = place('Deir ez-Zor', 'SY', 35.336, 40.14);
const SANAA = place('Sanaa', 'YE', 15.35, 44.2, { role: 'origin' });
const EILAT = place('Eilat', 'IL', 29.55, 34.95, { role: 'target' });
const ERBIL = place('Erbil', 'IQ', 36.19, 44.01);
const KHERSON = place('Kherson', 'UA', 46.64, 32.61);

type Res = { statusCode: number; json: () => unknown; body: string; headers: Record<string, unknown> };

describe.each(STORE_FLAVOURS)('research API (%s)', (flavour) => {
  let app: App;
  let key: string;
  let researcherKey: string;
  const dir = tempDir();
  const schema = uniqueName('research');
  const ids: Record<string, string> = {};
  const incidents: Record<string, string> = {};
  const bulk: string[] = [];

  const get = (url: string, auth = key): Promise<Res> => app.server!.inject({ method: 'GET', url, headers: { authorization: `Bearer ${auth}` } }) as unknown as Promise<Res>;
  const claimIds = async (query: string): Promise<string[]> => {
    const r = await get(`/api/v1/claims?${query}`);
    expect(r.statusCode, r.body).toBe(200);
    return claimPage.parse(r.json()).items.map((c) => c.id);
  };
  const incidentIds = async (query: string): Promise<string[]> => {
    const r = await get(`/api/v1/incidents?${query}`);
    expect(r.statusCode, r.body).toBe(200);
    return incidentPage.parse(r.json()).items.map((c) => c.id);
  };
  const named = (...names: string[]) => names.map((n) => ids[n]!).sort();
  const sorted = (xs: string[]) => [...xs].sort();

  beforeAll(async () => {
    app = await startApp({ config: testConfig(flavour, dir.path), sources: [], roles: ['api'], storeSchema: schema });
    const db = app.store.db;
    const users = await seedUsers(db);
    key = users.admin.key;
    researcherKey = users.researcher.key;
    let n = 0;
    const seed = async (name: string, author: string, c: Claim, postedAt: string) => {
      n += 1;
      const post = await upsertPost(db, { platform: 'replay', externalId: `research-${n}`, version: 1, author, sourceKind: 'social', sourceName: author, text: `post ${n}`, postedAt, kind: 'original' });
      const r = await db.transaction().execute((tx) => insertExtractedClaim(tx, { postId: post.id, claim: c, extractorVersion: 'test/1' }));
      if (name) ids[name] = r.id;
      return r.id;
    };
    // Old, unrelated claims first (lower ids), for paging.
    for (let i = 0; i < 23; i++) bulk.push(await seed('', 'bulkwire', claim('other', [KHERSON], `2024-01-${String(1 + i).padStart(2, '0')}T10:00Z`), '2024-02-01T00:00:00Z'));
    await seed('taji', 'CENTCOM', claim('rocket_attack', [TAJI], '2025-06-12T18:10Z'), '2025-06-12T19:00:00Z');
    await seed('asad', 'OIRSpox', claim('drone_attack', [ASAD], '2025-06-13T08:00Z'), '2025-06-13T09:00:00Z');
    await seed('deir', 'testwire', claim('airstrike', [DEIR], null), '2025-06-20T12:00:00Z');
    await seed('eilat', 'CENTCOM', claim('missile_attack', [SANAA, EILAT], '2025-07-01T03:00Z'), '2025-07-01T05:00:00Z');
    await seed('erbil', 'OIRSpox', claim('rocket_attack', [ERBIL], '2025-06-13T20:00Z'), '2025-06-13T21:00:00Z');
    await db.updateTable('claims').set({ status: 'approved' }).where('id', '=', ids.erbil!).execute();

    const incident = async (status: 'single_source' | 'corroborated' | 'disputed', type: EventType, start: string, end: string, countries: string[], members: string[]) => {
      const row = await db
        .insertInto('incidents')
        .values({ status, event_type: type, window_start: new Date(start), window_end: new Date(end), summary: toJsonb({}), event_countries: countries })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const c of members) await setClaimIncident(db, c, row.id);
      return row.id;
    };
    incidents.taji = await incident('disputed', 'rocket_attack', '2025-06-12T17:00:00Z', '2025-06-12T20:00:00Z', ['IQ', 'SY'], [ids.taji!, ids.deir!]);
    incidents.asad = await incident('corroborated', 'drone_attack', '2025-06-13T07:00:00Z', '2025-06-13T22:00:00Z', ['IQ'], [ids.asad!, ids.erbil!]);
    incidents.eilat = await incident('single_source', 'missile_attack', '2025-07-01T02:00:00Z', '2025-07-01T04:00:00Z', ['IL', 'YE'], [ids.eilat!]);
    // Merged away: never listed.
    const merged = await incident('single_source', 'other', '2025-07-01T02:00:00Z', '2025-07-01T04:00:00Z', ['IL'], []);
    await db.updateTable('incidents').set({ merged_into: incidents.eilat }).where('id', '=', merged).execute();
    // A reviewed alias: "Camp Cooke" is Camp Taji.
    await db
      .insertInto('place_aliases')
      .values({ alias: 'Camp Cooke', alias_key: 'camp cooke', target: 'IQ.camp-taji', place_id: 'IQ.camp-taji', name: 'Camp Taji', country: 'IQ', lat: 33.52, lon: 44.25, kind: 'base', status: 'approved', proposed_by: 'moderator' })
      .execute();
  });

  afterAll(async () => {
    if (flavour === 'postgres') await sql.raw(`drop schema if exists ${schema} cascade`).execute(app.store.db);
    await app?.stop();
    await dropRedisPrefix(app.config.redis.prefix);
    dir.remove();
  });

  describe('claims', () => {
    it('fills the primary place of each claim (the target, else the first place with coordinates)', async () => {
      const row = await app.store.db.selectFrom('claims').select(['place_lat', 'place_lon']).where('id', '=', ids.eilat!).executeTakeFirstOrThrow();
      expect(row).toEqual({ place_lat: 29.55, place_lon: 34.95 });
    });

    it('filters by event time, falling back to the post time', async () => {
      expect(await claimIds('since=2025-06-13&until=2025-06-14')).toEqual(sorted(named('asad', 'erbil')).reverse());
      // deir has no event time: its post time (June 20) counts.
      expect(sorted(await claimIds('since=2025-06-15T00:00:00Z&until=2025-06-30'))).toEqual(named('deir'));
      expect(sorted(await claimIds('since=2025-06-12T18:10Z&until=2025-06-12T18:11Z'))).toEqual(named('taji'));
      expect(sorted(await claimIds('until=2025-06-13T08:00:00%2B00:00&since=2025-01-01'))).toEqual(named('taji'));
    });

    it('filters by place name or alias, case-insensitive', async () => {
      expect(await claimIds('place=camp%20taji')).toEqual([ids.taji]);
      expect(await claimIds('place=TAJI')).toEqual([ids.taji]); // a gazetteer alias of Camp Taji
      expect(await claimIds('place=Ain%20al-Asad')).toEqual([ids.asad]); // gazetteer alias, not in the claim
      expect(await claimIds('place=The%20Air%20Base')).toEqual([ids.asad]); // the mention
      expect(await claimIds('place=Camp%20Cooke')).toEqual([ids.taji]); // a reviewed alias
      expect(await claimIds('place=Sanaa')).toEqual([ids.eilat]);
      expect(await claimIds('place=Nowhere%20Town')).toEqual([]);
    });

    it('filters by bounding box around the primary place', async () => {
      expect(await claimIds('bbox=44,33,45,34')).toEqual([ids.taji]);
      expect(sorted(await claimIds('bbox=42,33,45,37'))).toEqual(named('taji', 'asad', 'erbil'));
      expect(await claimIds('bbox=34.5,29,35.5,30')).toEqual([ids.eilat]);
      // Sanaa is where the missile came from, not where it struck.
      expect(await claimIds('bbox=44,15,45,16')).toEqual([]);
      expect((await claimIds('bbox=-180,-90,180,90')).length).toBe(28);
    });

    it('filters by account, type, review status, country, incident and discrepancy', async () => {
      expect(sorted(await claimIds('account=centcom'))).toEqual(named('taji', 'eilat'));
      expect(sorted(await claimIds('account=@OIRSpox,testwire'))).toEqual(named('asad', 'erbil', 'deir'));
      expect(sorted(await claimIds('event_type=rocket_attack,drone_attack'))).toEqual(named('taji', 'asad', 'erbil'));
      expect(await claimIds('status=approved')).toEqual([ids.erbil]);
      expect(await claimIds('country=sy')).toEqual([ids.deir]);
      expect(sorted(await claimIds('country=IL,SY'))).toEqual(named('deir', 'eilat'));
      expect(sorted(await claimIds(`incident_id=${incidents.asad}`))).toEqual(named('asad', 'erbil'));
      expect(sorted(await claimIds('discrepancy=true'))).toEqual(named('taji', 'deir'));
      const undisputed = await claimIds('discrepancy=false&limit=500');
      expect(undisputed).toHaveLength(26);
      expect(undisputed).not.toContain(ids.taji);
      expect(sorted(await claimIds('account=CENTCOM&event_type=missile_attack&bbox=30,20,40,35&since=2025-06-01'))).toEqual(named('eilat'));
    });

    it('pages with a cursor: newest first, no duplicates, no gaps', async () => {
      const all = await claimIds('limit=500');
      expect(all).toHaveLength(28);
      expect(all).toEqual([...all].sort((a, b) => Number(b) - Number(a)));
      for (const [query, expected] of [
        ['limit=7', all],
        ['limit=5&account=bulkwire', [...bulk].reverse()],
        ['limit=1&country=IQ', all.filter((id) => [ids.taji, ids.asad, ids.erbil].includes(id))],
      ] as const) {
        const seen: string[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const r = await get(`/api/v1/claims?${query}${cursor ? `&cursor=${cursor}` : ''}`);
          expect(r.statusCode, r.body).toBe(200);
          const page = claimPage.parse(r.json());
          expect(page.items.length).toBeLessThanOrEqual(Number(/limit=(\d+)/.exec(query)![1]));
          seen.push(...page.items.map((c) => c.id));
          cursor = page.next_cursor;
          pages += 1;
        } while (cursor && pages < 100);
        expect(seen).toEqual(expected);
        expect(new Set(seen).size).toBe(seen.length);
      }
      // The last full page says there is nothing more (no empty page to fetch).
      const r = await get('/api/v1/claims?limit=28');
      expect(claimPage.parse(r.json()).next_cursor).toBeNull();
    });

    it('returns items as the OpenAPI document describes them', async () => {
      const r = await get('/api/v1/claims?limit=2');
      const page = claimPage.parse(r.json());
      expect(page.items[0]).toMatchObject({ author: expect.any(String), data: { event_type: expect.any(String) } });
    });
  });

  describe('incidents', () => {
    it('filters by status, disputed, type, country and time window', async () => {
      expect(await incidentIds('status=disputed')).toEqual([incidents.taji]);
      expect(await incidentIds('disputed=true')).toEqual([incidents.taji]);
      expect(sorted(await incidentIds('disputed=false'))).toEqual(sorted([incidents.asad!, incidents.eilat!]));
      expect(sorted(await incidentIds('status=corroborated,single_source'))).toEqual(sorted([incidents.asad!, incidents.eilat!]));
      expect(await incidentIds('event_type=missile_attack')).toEqual([incidents.eilat]);
      expect(await incidentIds('country=YE')).toEqual([incidents.eilat]);
      expect(sorted(await incidentIds('since=2025-06-13'))).toEqual(sorted([incidents.asad!, incidents.eilat!]));
      expect(await incidentIds('until=2025-06-13')).toEqual([incidents.taji]);
      expect(await incidentIds('since=2025-06-12T19:00Z&until=2025-06-12T19:30Z')).toEqual([incidents.taji]);
    });

    it('filters by the places and accounts of their claims', async () => {
      expect(await incidentIds('place=Eilat')).toEqual([incidents.eilat]);
      expect(await incidentIds('place=ain%20al-asad')).toEqual([incidents.asad]);
      expect(await incidentIds('bbox=44,33,45,34')).toEqual([incidents.taji]);
      expect(await incidentIds('bbox=40,35,41,36')).toEqual([incidents.taji]); // its second claim, Deir ez-Zor
      expect(await incidentIds('account=testwire')).toEqual([incidents.taji]);
      expect(sorted(await incidentIds('account=CENTCOM'))).toEqual(sorted([incidents.taji!, incidents.eilat!]));
      expect(await incidentIds('account=CENTCOM&disputed=false')).toEqual([incidents.eilat]);
    });

    it('leaves merged incidents out and pages with a cursor', async () => {
      const first = incidentPage.parse((await get('/api/v1/incidents?limit=2')).json());
      expect(first.items).toHaveLength(2);
      expect(first.items.map((i) => i.claims)).toEqual([1, 2]);
      const second = incidentPage.parse((await get(`/api/v1/incidents?limit=2&cursor=${first.next_cursor}`)).json());
      expect([...first.items, ...second.items].map((i) => i.id)).toEqual([incidents.eilat, incidents.asad, incidents.taji]);
      expect(second.next_cursor).toBeNull();
    });
  });

  describe('bad queries', () => {
    const cases: [string, RegExp][] = [
      ['/api/v1/claims?bbox=1,2,3', /^bbox: must be four numbers/],
      ['/api/v1/claims?bbox=10,0,5,1', /^bbox: minLon must not exceed maxLon/],
      ['/api/v1/claims?bbox=0,-91,1,1', /^bbox: latitudes must be between -90 and 90/],
      ['/api/v1/claims?bbox=0,0,181,1', /^bbox: longitudes/],
      ['/api/v1/claims?bbox=0,0,1,NaN', /^bbox: must be four numbers/],
      ['/api/v1/incidents?bbox=a,b,c,d', /^bbox: must be four numbers/],
      ['/api/v1/claims?since=yesterday', /^since: must be an ISO date/],
      ['/api/v1/claims?since=2024-13-01', /^since: must be an ISO date/],
      ['/api/v1/claims?until=2024-01-01T25:00Z', /^until: must be an ISO date/],
      ['/api/v1/claims?since=2025-02-01&until=2025-01-01', /^until: must be later than since/],
      ['/api/v1/claims?limit=0', /^limit: must be at least 1/],
      ['/api/v1/claims?limit=501', /^limit: must be at most 500/],
      ['/api/v1/incidents?limit=abc', /^limit: /],
      ['/api/v1/claims?limit=2.5', /^limit: must be a whole number/],
      [`/api/v1/claims?place=${'x'.repeat(201)}`, /^place: must be at most 200 characters/],
      ['/api/v1/claims?place=%20%20', /^place: must not be empty/],
      ['/api/v1/claims?place=a%0Ab', /^place: must not contain control characters/],
      ['/api/v1/claims?place=a%00b', /^place: must not contain NUL characters/],
      [`/api/v1/claims?account=${Array.from({ length: 51 }, (_, i) => `a${i}`).join(',')}`, /^account: must name 1 to 50 values/],
      ['/api/v1/claims?account=a&account=b', /^account: give one comma-separated list/],
      ['/api/v1/claims?event_type=rocket_attack,boom', /^event_type: must be one of .* \(not "boom"\)/],
      ['/api/v1/claims?status=waiting', /^status: must be one of pending, approved, rejected/],
      ['/api/v1/incidents?status=pending', /^status: must be one of single_source, corroborated, disputed/],
      ['/api/v1/claims?country=Iraq', /^country: must be an ISO 3166-1 alpha-2 code/],
      ['/api/v1/claims?discrepancy=maybe', /^discrepancy: must be true or false/],
      ['/api/v1/claims?incident_id=12abc', /^incident_id: must be a numeric id/],
      ['/api/v1/claims?colour=red', /^query: Unrecognized key: "colour"/],
      ['/api/v1/incidents?discrepancy=true', /^query: Unrecognized key: "discrepancy"/],
      ['/api/v1/claims?cursor=not*a*cursor', /^cursor: is not a next_cursor of this list/],
      ['/api/v1/claims?cursor=bm90IGpzb24', /^cursor: is not a next_cursor of this list/],
      [`/api/v1/claims?cursor=${encodeCursor('incidents', '5')}`, /^cursor: is not a next_cursor of this list/],
      [`/api/v1/claims?cursor=${'A'.repeat(201)}`, /^cursor: /],
      ['/api/v1/claims/99999999999999999999', /^id: id must be a number/],
      ['/api/v1/export?format=xml', /^format: format must be one of/],
      ['/api/v1/export?bbox=1,1,0,0', /^bbox: minLon must not exceed maxLon/],
    ];
    it.each(cases)('%s is a 400 naming the field', async (url, message) => {
      const r = await get(url);
      expect(r.statusCode, r.body).toBe(400);
      const body = r.json() as { error: { code: string; message: string; request_id: string } };
      expect(body.error.code).toBe('BAD_REQUEST');
      expect(body.error.message).toMatch(message);
      expect(body.error.request_id).toBeTruthy();
    });

    it('checks who is calling before what they ask', async () => {
      const anon = await app.server!.inject({ method: 'GET', url: '/api/v1/claims?bbox=nonsense' });
      expect(anon.statusCode).toBe(401);
      expect(anon.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
      const researcher = await app.server!.inject({ method: 'POST', url: '/api/v1/users', headers: { authorization: `Bearer ${researcherKey}` }, payload: { nonsense: true } });
      expect(researcher.statusCode).toBe(403);
      expect(researcher.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
    });

    it("maps fastify's own errors to stable codes", async () => {
      const auth = { authorization: `Bearer ${key}` };
      const post = (headers: Record<string, string>, payload: string) => app.server!.inject({ method: 'POST', url: '/api/v1/subscriptions', headers: { ...auth, ...headers }, payload });
      const cases: [Promise<{ statusCode: number; json: () => unknown }>, number, string][] = [
        [post({ 'content-type': 'application/json' }, '{"name": '), 400, 'INVALID_JSON'],
        [post({ 'content-type': 'application/json' }, ''), 400, 'INVALID_JSON'],
        [post({ 'content-type': 'application/x-www-form-urlencoded' }, 'name=x'), 415, 'UNSUPPORTED_MEDIA_TYPE'],
        [post({ 'content-type': 'text/plain' }, 'name=x'), 400, 'BAD_REQUEST'],
        [post({ 'content-type': 'application/json' }, JSON.stringify({ name: 'x'.repeat(1024 * 1024 + 10) })), 413, 'PAYLOAD_TOO_LARGE'],
        [post({ 'content-type': 'application/json' }, JSON.stringify({ name: 'ok', extra: 1 })), 400, 'BAD_REQUEST'],
        [post({ 'content-type': 'application/json' }, '"just a string"'), 400, 'BAD_REQUEST'],
        [app.server!.inject({ method: 'GET', url: '/api/v1/no-such-thing', headers: auth }), 404, 'NOT_FOUND'],
        [app.server!.inject({ method: 'GET', url: '/api/v1/claims/123456789', headers: auth }), 404, 'NOT_FOUND'],
        [app.server!.inject({ method: 'GET', url: '/api/v1/claims', headers: { authorization: 'Bearer cw_nonsense' } }), 401, 'INVALID_API_KEY'],
      ];
      // Node's HTTP parser refuses a request line over 16 KiB before fastify sees it.
      const huge = await request(`${app.url}/api/v1/claims?place=${'x'.repeat(20_000)}`, { headers: auth });
      expect(huge.statusCode).toBe(431);
      expect(await huge.body.json()).toMatchObject({ error: { code: 'HEADERS_TOO_LARGE' } });
      cases.push([app.server!.inject({ method: 'GET', url: `/api/v1/claims/${'9'.repeat(150)}`, headers: auth }), 414, 'URI_TOO_LONG']);
      for (const [res, status, code] of cases) {
        const r = await res;
        expect(r.statusCode).toBe(status);
        expect(r.json()).toMatchObject({ error: { code, message: expect.any(String) } });
      }
    });
  });

  describe('OpenAPI', () => {
    it('documents every registered route, generated from the route schemas', async () => {
      const r = await app.server!.inject({ method: 'GET', url: OPENAPI_JSON });
      expect(r.statusCode).toBe(200);
      const doc = JSON.parse(r.body) as { openapi: string; paths: Record<string, Record<string, { parameters?: { name: string; in: string }[]; responses?: Record<string, unknown> }>>; components: { securitySchemes: Record<string, unknown> } };
      expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
      expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['apiKey', 'apiKeyHeader', 'session']);
      // The document's own routes (and Swagger UI's) are hidden; every other route must be there.
      // The queue dashboard (/admin/queues) is a UI whose own internal API belongs to Bull Board; README documents it.
      const own = (url: string) => url === OPENAPI_JSON || url === '/docs' || url.startsWith('/docs/') || url.startsWith('/admin/queues');
      const routes = app.server!.routeTable.filter((x) => x.method !== 'HEAD' && !own(x.url));
      expect(routes.length).toBeGreaterThan(50);
      const missing = routes.filter((x) => !doc.paths[x.url.replace(/:([A-Za-z]+)/g, '{$1}')]?.[x.method.toLowerCase()]).map((x) => `${x.method} ${x.url}`);
      expect(missing).toEqual([]);
      const claims = doc.paths['/api/v1/claims']!.get!;
      const params = claims.parameters!.filter((p) => p.in === 'query').map((p) => p.name);
      for (const p of ['since', 'until', 'place', 'bbox', 'account', 'event_type', 'status', 'country', 'incident_id', 'discrepancy', 'limit', 'cursor']) expect(params).toContain(p);
      expect(Object.keys(claims.responses!)).toEqual(expect.arrayContaining(['200', '400', '401', '403']));
      expect(doc.paths['/api/v1/claims/{id}']!.get!.parameters!.map((p) => p.name)).toEqual(['id']);
      expect(Object.keys(doc.paths['/api/v1/users']!.post!)).toContain('requestBody');
    });

    it('serves a browsable page at /docs', async () => {
      const r = await app.server!.inject({ method: 'GET', url: '/docs' });
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toMatch(/text\/html/);
      expect(r.body).toMatch(/swagger-ui/i);
    });
  });
});
