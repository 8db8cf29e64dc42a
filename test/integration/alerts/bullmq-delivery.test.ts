/**
 * Webhook delivery through real BullMQ workers on the local Redis, with the retry schedule shortened by
 * injection (the shape of the schedule is covered with a fake clock in delivery.test.ts): receiver
 * outages and 500s still end with every event processed once per webhook-id; a dead receiver never
 * holds more than its per-endpoint slots, so a healthy one is served at once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startApp, type App } from '../../../src/app.ts';
import { recordEvent } from '../../../src/store/events.ts';
import { createUser, issueApiKey } from '../../../src/store/users.ts';
import { claimEvent } from '../../unit/alerts/fixtures.ts';
import { dropRedisPrefix, tempDir, testConfig, uniqueName, waitFor } from '../../support/services.ts';
import { startReceiver, type WebhookReceiver } from '../../support/webhook-receiver.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const SHORT_SCHEDULE = [0, 150, 300, 450, 600, 750, 900, 900];

async function boot(receivers: WebhookReceiver[], alerts: Parameters<typeof startApp>[0]['alerts'] = {}): Promise<{ app: App; key: string }> {
  const dir = tempDir();
  const config = testConfig('pglite', dir.path, { WEBHOOK_ALLOWLIST: receivers.map((r) => `127.0.0.1:${r.port}`).join(',') });
  const app = await startApp({ config, sources: [], roles: ['api', 'worker'], storeSchema: uniqueName('bq'), alerts });
  cleanups.push(dir.remove, () => dropRedisPrefix(config.redis.prefix), () => app.stop());
  const uid = await createUser(app.store.db, { name: 'researcher', role: 'researcher' });
  return { app, key: (await issueApiKey(app.store.db, uid)).key };
}

async function subscribe(app: App, key: string, name: string, url: string): Promise<{ id: string; webhook_secret: string }> {
  const res = await fetch(`${app.url}/api/v1/subscriptions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name, filter: { event_types: ['claim.created'] }, webhook_url: url }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; webhook_secret: string };
}

async function emit(app: App, ids: string[]): Promise<void> {
  for (const id of ids) {
    const e = claimEvent({ id });
    await recordEvent(app.store.db, e);
    await app.queues.add('alert', { eventId: id });
  }
}

describe('webhook delivery through BullMQ', () => {
  it('delivers each event once per webhook-id across an outage and 500s (shortened schedule)', async () => {
    const receiver = await startReceiver();
    cleanups.push(() => receiver.close());
    const { app, key } = await boot([receiver], { policy: { schedule: SHORT_SCHEDULE } });
    const sub = await subscribe(app, key, 'outage', `${receiver.url}/in`);
    receiver.secrets = [sub.webhook_secret];
    // Every id fails its first two arrivals (one "processed but answered 500"), and the receiver is
    // down for the first 400 ms.
    receiver.script = (a) => (a.nForId === 1 ? { status: 500, processed: true } : a.nForId === 2 ? { status: 503 } : { status: 204 });
    const ids = Array.from({ length: 12 }, (_, i) => `claim.created:bq-${i}`);
    // Queue everything first, so the outage is measured from the first attempts however slow the machine.
    const deliverQueue = app.queues.queue('deliver');
    await deliverQueue.pause();
    await emit(app, ids);
    await waitFor(async () => (await deliverQueue.getWaitingCount()) === 12, 'all 12 deliveries queued', 30_000);
    await receiver.stop();
    await deliverQueue.resume();
    await new Promise((r) => setTimeout(r, 400));
    await receiver.start();

    const deliveries = () => app.store.db.selectFrom('deliveries').select(['status', 'attempts', 'webhook_id']).execute();
    await waitFor(
      async () => {
        const rows = await deliveries();
        return rows.length === 12 && rows.every((r) => r.status === 'succeeded');
      },
      'all 12 deliveries to succeed',
      40_000,
    );

    const rows = await deliveries();
    expect(receiver.processed.size).toBe(12);
    expect(new Set(receiver.processed.keys())).toEqual(new Set(rows.map((r) => r.webhook_id)));
    expect(receiver.arrivals.length).toBeGreaterThanOrEqual(36); // 3 arrivals per id at least
    expect(receiver.duplicatesDropped).toBe(12); // the retry after "processed, answered 500"
    expect(receiver.arrivals.every((a) => a.verified)).toBe(true);
    expect(Math.min(...rows.map((r) => r.attempts))).toBeGreaterThanOrEqual(3);
    expect(Math.max(...rows.map((r) => r.attempts))).toBeLessThanOrEqual(8);
    // Nothing left in the deliver queue but finished jobs.
    expect(await app.queues.pending(['deliver', 'alert'])).toBe(0);
  }, 90_000);

  it('keeps a dead receiver to its per-endpoint slots: a healthy one gets everything before the first timeout', async () => {
    const dead = await startReceiver(() => 'hang');
    const healthy = await startReceiver(() => ({ status: 204 }));
    cleanups.push(() => dead.close(), () => healthy.close());
    const timeoutMs = 8_000;
    const { app, key } = await boot([dead, healthy], { policy: { schedule: SHORT_SCHEDULE, timeoutMs }, perEndpointConcurrency: 2 });
    await subscribe(app, key, 'dead', `${dead.url}/in`);
    await subscribe(app, key, 'healthy', `${healthy.url}/in`);
    const ids = Array.from({ length: 30 }, (_, i) => `claim.created:slow-${i}`);
    // Queue all 60 deliveries while the deliver queue is paused, then let the workers at them: each event
    // goes to the dead endpoint first, so without a per-endpoint limit its deliveries would take all 16
    // worker slots until they time out.
    const deliverQueue = app.queues.queue('deliver');
    await deliverQueue.pause();
    await emit(app, ids);
    await waitFor(async () => (await app.queues.pending(['alert'])) === 0 && (await deliverQueue.getWaitingCount()) === 60, 'all 60 deliveries queued', 30_000);
    const resumed = Date.now();
    await deliverQueue.resume();
    await waitFor(async () => healthy.processed.size === 30, 'the healthy receiver to get all 30', 30_000);
    expect(Date.now() - resumed).toBeLessThan(timeoutMs);
    expect(dead.arrivals.length).toBeGreaterThan(0);
    expect(dead.maxInFlight).toBeLessThanOrEqual(2);
    // No dead request has timed out yet: the healthy ones never waited for one.
    const timedOut = await app.store.db.selectFrom('delivery_attempts').select('id').where('error', 'like', 'timed out%').execute();
    expect(timedOut).toEqual([]);
    // Let the hanging requests fail now rather than hold the shutdown until their deadline.
    await dead.close();
  }, 90_000);
});
