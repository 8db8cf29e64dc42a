/** Researchers export the claim record through the API; the CLI writes the same bytes. */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from '../../src/app.ts';
import type { Claim } from '../../src/domain/claim.ts';
import { insertExtractedClaim } from '../../src/store/claims.ts';
import { upsertPost } from '../../src/store/posts.ts';
import { createUser, issueApiKey } from '../../src/store/users.ts';
import { dropRedisPrefix, tempDir, testConfig } from '../support/services.ts';

const run = promisify(execFile);
const BIN = fileURLToPath(new URL('../../bin/claimwatch', import.meta.url));

const claim = (n: number, country: string, lat: number | null): Claim => ({
  event_type: 'rocket_attack',
  quantities: [{ what: 'rocket', group: 'unspecified', value: n, min: null, max: null, qualifier: 'exact', mention: `${n} rockets` }],
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

  it('streams CSV and GeoJSON', async () => {
    const csv = await (await get('/api/v1/export?format=csv')).text();
    const lines = csv.trim().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]!.startsWith('claim_id,status')).toBe(true);
    const geo = (await (await get('/api/v1/export?format=geojson')).json()) as { features: unknown[] };
    expect(geo.features).toHaveLength(2); // the Syrian place has no coordinates
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
  it('writes the same JSONL as the API', async () => {
    const api = await (await get('/api/v1/export?format=jsonl')).text();
    // The CLI opens the store itself, so the API process must let go of the embedded database first.
    await app.stop();
    const out = join(dir.path, 'out.jsonl');
    const { stderr } = await run(BIN, ['export', '--format', 'jsonl', '--output', out], { env: { ...process.env, DATA_DIR: dir.path, DATABASE_URL: '' } });
    expect(stderr).toMatch(/exported 3 claims as jsonl/);
    expect(readFileSync(out, 'utf8')).toBe(api);
  });
});
