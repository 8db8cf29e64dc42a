/**
 * Operations surface on the real service (api, worker and poller roles, real BullMQ on the local Redis,
 * PGlite, the real twitter-api-v2 client against the local X API server, a local webhook receiver):
 * after a small pipeline run, GET /metrics is scraped and parsed, and each counter moved by what the run
 * did; the Bull Board dashboard shows admins our queues and nobody else.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from '../../../src/app.ts';
import { JOB_NAMES } from '../../../src/queue/catalog.ts';
import { createUser, issueApiKey } from '../../../src/store/users.ts';
import { parseExposition, total, type Sample } from '../../support/prom-text.ts';
import { dropRedisPrefix, tempDir, testConfig, uniqueName, waitFor } from '../../support/services.ts';
import { startReceiver, type WebhookReceiver } from '../../support/webhook-receiver.ts';
import { TEST_BEARER, XApiServer } from '../../support/x-api-server.ts';
import { xSource } from '../../support/x-fixtures.ts';

const POSTS = [
  'Initial report: 6 rockets struck near Camp Victory this morning. No injuries reported.',
  'Two drones were shot down over Erbil late on Tuesday. There were no casualties.',
  'At least 3 civilians were killed in an airstrike near Idlib on Monday.',
  'Update: 12 rockets targeted Al Asad Airbase at approx 7:20 a.m. (Iraqi time).',
];

let app: App;
let server: XApiServer;
let receiver: WebhookReceiver;
const keys: Record<'researcher' | 'moderator' | 'admin', string> = { researcher: '', moderator: '', admin: '' };
const dir = tempDir();

async function scrape(key: string | null = keys.researcher): Promise<Sample[]> {
  const res = await fetch(`${app.url}/metrics`, { headers: key ? { authorization: `Bearer ${key}` } : {} });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
  const { samples, types } = parseExposition(await res.text());
  expect(types.get('claimwatch_job_duration_seconds')).toBe('histogram');
  expect(types.get('claimwatch_queue_jobs')).toBe('gauge');
  return samples;
}

beforeAll(async () => {
  server = new XApiServer();
  await server.start();
  receiver = await startReceiver((a) => (a.nForId === 1 ? { status: 500 } : { status: 204 }));
  for (const [i, text] of POSTS.entries()) server.post(`OpsSpox${i % 2}`, text);
  // The first search is answered 429: the poll waits for the reset instead of failing.
  server.fail('tweets/search/recent', { status: 429, resetInMs: 1_000 });
  const config = testConfig('pglite', dir.path, { X_BEARER_TOKEN: TEST_BEARER, X_API_BASE_URL: server.url, WEBHOOK_ALLOWLIST: `127.0.0.1:${receiver.port}` });
  app = await startApp({
    config,
    sources: [xSource({ id: 'x-ops', mode: 'search', accounts: ['OpsSpox0', 'OpsSpox1'], every: '500ms', deletions: { check: false } })],
    roles: ['api', 'worker', 'poller'],
    storeSchema: uniqueName('ops'),
    alerts: { policy: { schedule: [0, 150, 300, 450, 600, 750, 900, 900] } },
  });
  for (const role of ['researcher', 'moderator', 'admin'] as const) keys[role] = (await issueApiKey(app.store.db, await createUser(app.store.db, { name: `ops-${role}`, role }))).key;
  const res = await fetch(`${app.url}/api/v1/subscriptions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${keys.researcher}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'ops', filter: { event_types: ['claim.created'] }, webhook_url: `${receiver.url}/in` }),
  });
  expect(res.status).toBe(201);
  receiver.secrets = [((await res.json()) as { webhook_secret: string }).webhook_secret];
  // The subscription exists before the first claim: the rate-limited first poll holds the posts back.
  await waitFor(async () => {
    const rows = await app.store.db.selectFrom('deliveries').select('status').execute();
    return rows.length === POSTS.length && rows.every((r) => r.status === 'succeeded') && (await app.queues.pending(['extract', 'match', 'alert', 'deliver'])) === 0;
  }, 'every claim delivered', 40_000);
}, 60_000);

afterAll(async () => {
  await app?.stop();
  await dropRedisPrefix(app.config.redis.prefix);
  await receiver?.close();
  await server?.close();
  dir.remove();
});

describe('GET /metrics', () => {
  it('counts what a small pipeline run did', async () => {
    const s = await scrape();
    const n = POSTS.length;
    // Extraction: one observation per post, and every extract job completed once.
    expect(total(s, 'claimwatch_extraction_seconds_count')).toBe(n);
    expect(total(s, 'claimwatch_extraction_seconds_sum')).toBeGreaterThan(0);
    expect(total(s, 'claimwatch_jobs_total', { queue: 'extract', outcome: 'completed' })).toBe(n);
    expect(total(s, 'claimwatch_jobs_total', { queue: 'extract', outcome: 'failed' })).toBe(0);
    expect(total(s, 'claimwatch_job_duration_seconds_count', { queue: 'extract', outcome: 'completed' })).toBe(n);
    expect(total(s, 'claimwatch_job_duration_seconds_bucket', { queue: 'extract', outcome: 'completed', le: '+Inf' })).toBe(n);
    expect(total(s, 'claimwatch_jobs_total', { queue: 'match', outcome: 'completed' })).toBe(n);
    // Webhooks: every first attempt answered 500 (a retry), every second one 204.
    expect(total(s, 'claimwatch_webhook_deliveries_total', { outcome: 'retry_scheduled' })).toBe(n);
    expect(total(s, 'claimwatch_webhook_deliveries_total', { outcome: 'delivered' })).toBe(n);
    expect(total(s, 'claimwatch_webhook_deliveries_total', { outcome: 'failed' })).toBe(0);
    expect(receiver.processed.size).toBe(n);
    expect(total(s, 'claimwatch_jobs_total', { queue: 'deliver', outcome: 'completed' })).toBe(n);
    expect(total(s, 'claimwatch_jobs_total', { queue: 'deliver', outcome: 'postponed' })).toBeGreaterThanOrEqual(n);
    // Polls: the 429 put one poll off until the reset (about a second); later polls went through.
    const limited = total(s, 'claimwatch_poll_requests_total', { source_type: 'x', mode: 'search', status: 'rate_limited' });
    expect(limited).toBeGreaterThanOrEqual(1);
    expect(total(s, 'claimwatch_rate_limit_waits_total', { source_type: 'x', mode: 'search' })).toBe(limited);
    const waited = total(s, 'claimwatch_rate_limit_wait_seconds_total', { source_type: 'x', mode: 'search' });
    expect(waited).toBeGreaterThan(0);
    // Each wait is until the reset the stand-in announced (about a second), not a fixed back-off of minutes.
    expect(waited).toBeLessThanOrEqual(limited * 10);
    expect(total(s, 'claimwatch_poll_requests_total', { source_type: 'x', mode: 'search', status: 'ok' })).toBeGreaterThanOrEqual(1);
    expect(total(s, 'claimwatch_poll_requests_total', { status: 'error' })).toBe(0);
    // Queue depths, read from Redis at the scrape.
    expect(total(s, 'claimwatch_queue_jobs', { queue: 'extract', state: 'completed' })).toBe(n);
    expect(total(s, 'claimwatch_queue_jobs', { queue: 'extract', state: 'failed' })).toBe(0);
    expect(total(s, 'claimwatch_queue_jobs', { queue: 'deliver', state: 'completed' })).toBe(n);
    expect(s.filter((x) => x.name === 'claimwatch_queue_jobs' && x.labels.state === 'waiting').map((x) => x.labels.queue).sort()).toEqual([...JOB_NAMES].sort());
    // The process's own metrics come along.
    expect(total(s, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(total(s, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
  });

  it('counters only go up between scrapes', async () => {
    const before = total(await scrape(), 'claimwatch_poll_requests_total');
    server.post('OpsSpox1', 'Three rockets hit near Baghdad airport this morning.');
    await waitFor(async () => (await app.store.db.selectFrom('deliveries').select('id').execute()).length === POSTS.length + 1, 'the new post delivered', 20_000);
    const after = await scrape(keys.admin);
    expect(total(after, 'claimwatch_poll_requests_total')).toBeGreaterThan(before);
    await waitFor(async () => total(await scrape(), 'claimwatch_extraction_seconds_count') === POSTS.length + 1, 'the extraction counted');
  });

  it('needs an API key unless METRICS_PUBLIC is set; a worker process serves it on METRICS_PORT', async () => {
    const res = await fetch(`${app.url}/metrics`);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED');
    const open = tempDir();
    const other = await startApp({ config: testConfig('pglite', open.path, { METRICS_PUBLIC: 'true', METRICS_PORT: '0' }), sources: [], roles: ['worker'] });
    try {
      const res = await fetch(`${other.url}/metrics`);
      expect(res.status).toBe(200);
      const { samples, types } = parseExposition(await res.text());
      // Its own registry: none of the first app's work shows here.
      expect(total(samples, 'claimwatch_extraction_seconds_count')).toBe(0);
      expect(total(samples, 'claimwatch_queue_jobs', { queue: 'extract' })).toBe(0);
      expect(types.get('claimwatch_jobs_total')).toBe('counter');
      // Only the operations pages: no API on a worker's metrics port.
      expect((await fetch(`${other.url}/readyz`)).status).toBe(200);
      expect((await fetch(`${other.url}/api/v1/claims`)).status).toBe(404);
    } finally {
      await other.stop();
      await dropRedisPrefix(other.config.redis.prefix);
      open.remove();
    }
  });
});

describe('queue dashboard', () => {
  it('shows an admin the Bull Board page and our queues through its API', async () => {
    const page = await fetch(`${app.url}/admin/queues`, { headers: { authorization: `Bearer ${keys.admin}` } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('<title>claimwatch queues</title>');
    expect(html).toContain('<base href="/admin/queues/"');
    const asset = /src="([^"]*static\/js\/[^"]+\.js)"/.exec(html)?.[1];
    expect(asset).toBeDefined();
    expect((await fetch(new URL(asset!, `${app.url}/admin/queues/`), { headers: { authorization: `Bearer ${keys.admin}` } })).status).toBe(200);

    const api = await fetch(`${app.url}/admin/queues/api/queues`, { headers: { authorization: `Bearer ${keys.admin}` } });
    expect(api.status).toBe(200);
    const body = (await api.json()) as { queues: { name: string; readOnlyMode: boolean; counts: Record<string, number> }[] };
    expect(body.queues.map((q) => q.name).sort()).toEqual([...JOB_NAMES].sort());
    expect(body.queues.every((q) => q.readOnlyMode)).toBe(true);
    expect(body.queues.find((q) => q.name === 'extract')!.counts.completed).toBeGreaterThanOrEqual(POSTS.length);
  });

  it('is for admins only, and offers no way to change a queue', async () => {
    for (const [key, status] of [[null, 401], [keys.researcher, 403], [keys.moderator, 403]] as const) {
      for (const path of ['/admin/queues', '/admin/queues/api/queues', '/admin/queues/static/favicon-32x32.png']) {
        const res = await fetch(`${app.url}${path}`, { headers: key ? { authorization: `Bearer ${key}` } : {} });
        expect([path, res.status]).toEqual([path, status]);
      }
    }
    const retry = await fetch(`${app.url}/admin/queues/api/queues/extract/retry/failed`, { method: 'PUT', headers: { authorization: `Bearer ${keys.admin}` } });
    expect(retry.status).toBe(404);
    expect(app.server!.routeTable.filter((r) => r.url.startsWith('/admin/queues') && r.method !== 'GET' && r.method !== 'HEAD')).toEqual([]);
  });
});
