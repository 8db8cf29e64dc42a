/** Researchers export the claim record through the API; the CLI writes the same bytes. */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from '../../src/app.ts';
import { claimSchema, type Claim } from '../../src/domain/claim.ts';
import { CSV_COLUMNS } from '../../src/export/formats.ts';
import { exportChunks } from '../../src/export/stream.ts';
import { exportFilterSchema } from '../../src/store/exportQuery.ts';
import { insertExtractedClaim } from '../../src/store/claims.ts';
import { upsertPost } from '../../src/store/posts.ts';
import { createUser, issueApiKey } from '../../src/store/users.ts';
import { dropRedisPrefix, tempDir, testConfig } from '../support/services.ts';

const run = promisify(execFile);
const BIN = fileURLToPath(new URL('../../bin/claimwatch', import.meta.url));

const claim = (n: number, country: string, lat: number | null): Claim => ({
  event_type: 'rocket_attack',
  quantities: [
    { what: 'rocket', group: 'unspecified', value: n, min: null, max: null, qualifier: 'exact', mention: `${n} rockets` },
    ...(n === 2 ? [{ what: 'killed', group: 'unspecified', value: null, min: 2, max: null, qualifier: 'at_least' as const, mention: 'at least two killed' }] : []),
  ],
  event_time: { mention: 'on 3 March', local: `2024-03-0${n}`, tz: 'Asia/Baghdad', utc: null, precision: 'day', approximate: false },
  locations: [{ mention: 'Camp X', name: 'Camp X', country, lat, lon: lat === null ? null : 44, kind: 'base' }],
});

let app: App;
let key: string;
const dir = tempDir();

beforeAll(async () => {
  app = await startApp({ config: testConfig('pglite', dir.path), sources: [], roles: ['api'] });
  for (const [i, country, lat] of [[1, 'IQ', 33.1], [2, 'SY', null], [3, 'IQ', 33.3]] as const) {
    const p = await upsertPost(app.store.db, { platform: 'replay', externalId: `e${i}`, version: 1, author: i === 2 ? 'Other' : 'OIRSpox', sourceKind: 'social', text: `=cmd ${i}`, postedAt: `2024-03-0${i}T10:00:00Z`, kind: 'original' });
    await app.store.db.transaction().execute((tx) => insertExtractedClaim(tx, { postId: p.id, claim: claim(i, country, lat), extractorVersion: 'test/1' }));
  }
  key = (await issueApiKey(app.store.db, await createUser(app.store.db, { name: 'res', role: 'researcher' }))).key;
});
afterAll(async () => {
  await app?.stop();
  await dropRedisPrefix(app.config.redis.prefix);
  dir.remove();
});

const get = (path: string, k: string | null = key) => fetch(`${app.url}${path}`, { headers: k ? { authorization: `Bearer ${k}` } : {} });

describe('export API', () => {
  it('needs a signed-in researcher', async () => {
    expect((await get('/api/v1/export', null)).status).toBe(401);
  });

  it('streams JSONL with filters', async () => {
    const res = await get('/api/v1/export?format=jsonl&country=iq');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-ndjson');
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="claimwatch-claims-\d{4}-\d\d-\d\d\.jsonl"/);
    const rows = (await res.text()).trim().split('\n').map((l) => JSON.parse(l));
    expect(rows.map((r) => r.claim.quantities[0].value)).toEqual([1, 3]);
    const since = (await (await get('/api/v1/export?format=jsonl&since=2024-03-02&account=@oirspox')).text()).trim().split('\n');
    expect(since).toHaveLength(1);
  });

  it('streams ACLED-like CSV that a CSV parser reads back', async () => {
    const res = await get('/api/v1/export?format=csv');
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const rows = parse(await res.text(), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(3);
    expect(Object.keys(rows[0]!)).toEqual([...CSV_COLUMNS]);
    expect(rows.map((r) => [r.event_date, r.time_precision, r.location, r.country, r.latitude, r.longitude, r.geo_precision, r.source])).toEqual([
      ['2024-03-01', '1', 'Camp X', 'Iraq', '33.1', '44', '1', 'OIRSpox'],
      ['2024-03-02', '1', 'Camp X', 'Syria', '', '', '1', 'Other'],
      ['2024-03-03', '1', 'Camp X', 'Iraq', '33.3', '44', '1', 'OIRSpox'],
    ]);
    expect(rows.map((r) => [r.fatalities_low, r.fatalities_best, r.fatalities_high])).toEqual([
      ['', '', ''],
      ['2', '2', ''],
      ['', '', ''],
    ]);
    expect(rows[1]!.notes).toBe('Counts: rocket 2, killed >=2. Places: Camp X.');
    expect(rows.every((r) => r.status === 'pending' && r.current === 'true' && /^\d+$/.test(r.claim_id!))).toBe(true);
  });

  it('streams a GeoJSON FeatureCollection with a null geometry for the unlocated claim', async () => {
    const res = await get('/api/v1/export?format=geojson');
    expect(res.headers.get('content-type')).toBe('application/geo+json');
    const geo = (await res.json()) as { type: string; features: { type: string; id: string; geometry: { type: string; coordinates: number[] } | null; properties: Record<string, unknown> }[] };
    expect(geo.type).toBe('FeatureCollection');
    expect(geo.features.map((f) => f.geometry?.coordinates ?? null)).toEqual([[44, 33.1], null, [44, 33.3]]);
    expect(geo.features.every((f) => f.type === 'Feature' && f.id === f.properties.claim_id)).toBe(true);
    expect(geo.features[1]!.properties).toMatchObject({ location: 'Camp X', country_code: 'SY', latitude: null, fatalities_low: 2 });
    const none = (await (await get('/api/v1/export?format=geojson&country=FR')).json()) as { type: string; features: unknown[] };
    expect(none).toEqual({ type: 'FeatureCollection', features: [] });
  });

  it('streams JSONL lines that parse back to full claims', async () => {
    const lines = (await (await get('/api/v1/export?format=jsonl')).text()).split('\n');
    expect(lines.pop()).toBe('');
    const claims = lines.map((l) => claimSchema.parse(JSON.parse(l).claim));
    expect(claims).toEqual([claim(1, 'IQ', 33.1), claim(2, 'SY', null), claim(3, 'IQ', 33.3)]);
  });

  it('reads the store page by page', async () => {
    const totals: number[] = [];
    let text = '';
    for await (const chunk of exportChunks(app.store.db, 'jsonl', exportFilterSchema.parse({}), (n) => totals.push(n), 2)) text += chunk;
    expect(totals).toEqual([2, 3]);
    expect(text.trim().split('\n')).toHaveLength(3);
  });

  it('names a bad filter', async () => {
    const res = await get('/api/v1/export?format=xml');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/format must be one of csv, geojson, jsonl/);
    const res2 = await get('/api/v1/export?country=Iraq');
    expect(((await res2.json()) as { error: { message: string } }).error.message).toMatch(/country: must be an ISO 3166-1 alpha-2 code/);
  });
});

describe('export verb', () => {
  it('writes the same bytes as the API, with the same filters', async () => {
    const api = await (await get('/api/v1/export?format=jsonl')).text();
    const apiCsv = await (await get('/api/v1/export?format=csv&country=IQ&since=2024-03-02')).text();
    // The CLI opens the store itself, so the API process must let go of the embedded database first.
    await app.stop();
    const env = { ...process.env, DATA_DIR: dir.path, DATABASE_URL: '' };
    const out = join(dir.path, 'out.jsonl');
    const { stderr } = await run(BIN, ['export', '--format', 'jsonl', '--output', out], { env });
    expect(stderr).toMatch(/exported 3 claims as jsonl/);
    expect(readFileSync(out, 'utf8')).toBe(api);
    const csv = await run(BIN, ['export', '--format', 'csv', '--country', 'IQ', '--since', '2024-03-02'], { env });
    expect(csv.stdout).toBe(apiCsv);
    expect((parse(csv.stdout, { columns: true }) as Record<string, string>[]).map((r) => r.event_date)).toEqual(['2024-03-03']);
    const bad = await run(BIN, ['export', '--event-type', 'picnic'], { env }).catch((e: { code: number; stderr: string }) => e);
    expect(bad).toMatchObject({ code: 2, stderr: expect.stringMatching(/--event-type: /) });
  });
});
