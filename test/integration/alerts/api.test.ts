/**
 * The subscriptions and webhook API over HTTP with API keys: ownership, validation, the SSRF check at
 * registration, secret rotation, the delivery log, manual redelivery, endpoint disabling and the owner's
 * notification. Real app (api + worker roles), real Redis and BullMQ, embedded store.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from '../../../src/app.ts';
import { recordEvent } from '../../../src/store/events.ts';
import { createUser, issueApiKey } from '../../../src/store/users.ts';
import { claim, claimEvent } from '../../unit/alerts/fixtures.ts';
import { dropRedisPrefix, tempDir, testConfig, uniqueName, waitFor } from '../../support/services.ts';
import { startCanary, startReceiver, type WebhookReceiver } from '../../support/webhook-receiver.ts';

let app: App;
let receiver: WebhookReceiver;
let canary: Awaited<ReturnType<typeof startCanary>>;
const keys: Record<'alice' | 'bob' | 'admin', string> = { alice: '', bob: '', admin: '' };
const dir = tempDir();

beforeAll(async () => {
  receiver = await startReceiver();
  canary = await startCanary();
  const config = testConfig('pglite', dir.path, { WEBHOOK_ALLOWLIST: `127.0.0.1:${receiver.port}` });
  app = await startApp({ config, sources: [], roles: ['api', 'worker'], storeSchema: uniqueName('api'), alerts: { policy: { schedule: [0, 100, 200, 300, 400, 500, 600, 700] } } });
  for (const [name, role] of [
    ['alice', 'researcher'],
    ['bob', 'researcher'],
    ['admin', 'admin'],
  ] as const) {
    const id = await createUser(app.store.db, { name, role });
    keys[name] = (await issueApiKey(app.store.db, id)).key;
  }
});
afterAll(async () => {
  await app.stop();
  await dropRedisPrefix(app.config.redis.prefix);
  await receiver.close();
  await canary.close();
  dir.remove();
});

async function call(who: keyof typeof keys | null, method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(`${app.url}${path}`, {
    method,
    headers: { ...(who ? { authorization: `Bearer ${keys[who]}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

describe('subscriptions API', () => {
  let aliceSub: { id: string; webhook_secret: string };

  it('needs a researcher key and validates the filter with a message naming the field', async () => {
    expect((await call(null, 'POST', '/api/v1/subscriptions', { name: 'x' })).status).toBe(401);
    const bad = await call('alice', 'POST', '/api/v1/subscriptions', { name: 'x', filter: { countries: ['Iraq'] } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toMatch(/filter\.countries\.0: countries are ISO 3166-1 alpha-2 codes/);
    expect((await call('alice', 'POST', '/api/v1/subscriptions', { name: 'x', colour: 'red' })).status).toBe(400);
  });

  it('refuses private webhook URLs at registration with 422, reaching nothing', async () => {
    const p = canary.port;
    for (const url of [
      `http://127.0.0.1:${p}/`,
      `http://2130706433:${p}/`,
      `http://0x7f000001:${p}/`,
      `http://0177.0.0.1:${p}/`,
      `http://127.1:${p}/`,
      `http://localhost:${p}/`,
      `http://[::1]:${p}/`,
      `http://[::ffff:127.0.0.1]:${p}/`,
      'http://10.1.2.3/',
      'http://172.20.0.1/',
      'http://192.168.0.10/',
      'http://169.254.169.254/latest/meta-data/',
      'http://100.100.100.100/',
      'http://[fd00::1]/',
      'http://[fe80::1]/',
      'http://0.0.0.0/',
      'ftp://example.org/',
    ]) {
      const r = await call('alice', 'POST', '/api/v1/subscriptions', { name: 'x', webhook_url: url });
      expect([url, r.status, r.json.error.code]).toEqual([url, 422, 'WEBHOOK_URL_REFUSED']);
    }
    expect(canary.connections()).toBe(0);
  });

  it('creates a subscription, shows the secret once, and keeps it to its owner (admins see all)', async () => {
    const r = await call('alice', 'POST', '/api/v1/subscriptions', {
      name: 'Erbil drones',
      filter: { claim_event_types: ['drone_attack'], near: { lat: 36.19, lon: 44.01, radius_km: 50 }, quantities: [{ what: 'injured', op: '>=', value: 1 }] },
      webhook_url: `${receiver.url}/alice`,
    });
    expect(r.status).toBe(201);
    expect(r.json.webhook_secret).toMatch(/^whsec_/);
    expect(r.json.webhook).toMatchObject({ url: `${receiver.url}/alice`, enabled: true });
    aliceSub = r.json;
    receiver.secrets = [r.json.webhook_secret];
    const got = await call('alice', 'GET', `/api/v1/subscriptions/${aliceSub.id}`);
    expect(got.status).toBe(200);
    expect(JSON.stringify(got.json)).not.toContain('whsec_');
    expect(got.json.filter.near).toEqual([{ lat: 36.19, lon: 44.01, radius_km: 50 }]);

    expect((await call('bob', 'GET', `/api/v1/subscriptions/${aliceSub.id}`)).status).toBe(404);
    expect((await call('bob', 'PATCH', `/api/v1/subscriptions/${aliceSub.id}`, { name: 'mine' })).status).toBe(404);
    expect((await call('bob', 'DELETE', `/api/v1/subscriptions/${aliceSub.id}`)).status).toBe(404);
    await call('bob', 'POST', '/api/v1/subscriptions', { name: 'bob stream only', filter: { only_disputed: true } });
    expect((await call('bob', 'GET', '/api/v1/subscriptions')).json.items.map((s: { name: string }) => s.name)).toEqual(['bob stream only']);
    expect((await call('bob', 'GET', `/api/v1/subscriptions?owner=${1}`)).json.items.map((s: { name: string }) => s.name)).toEqual(['bob stream only']);
    expect((await call('admin', 'GET', '/api/v1/subscriptions')).json.items).toHaveLength(2);
    expect((await call('admin', 'GET', `/api/v1/subscriptions/${aliceSub.id}`)).status).toBe(200);
  });

  it('delivers a matching event, logs it, and redelivers it by hand with the same webhook-id', async () => {
    await recordEvent(app.store.db, claimEvent({ id: 'claim.created:api-1' }));
    await app.queues.add('alert', { eventId: 'claim.created:api-1' });
    await waitFor(async () => receiver.processed.size === 1, 'the first delivery');
    const list = await call('alice', 'GET', `/api/v1/subscriptions/${aliceSub.id}/deliveries`);
    expect(list.json.items).toHaveLength(1);
    const d = list.json.items[0];
    expect(d).toMatchObject({ event_id: 'claim.created:api-1', status: 'succeeded', attempts: 1 });
    const redo = await call('alice', 'POST', `/api/v1/subscriptions/${aliceSub.id}/deliveries/${d.id}/redeliver`);
    expect(redo.status).toBe(202);
    expect(redo.json).toMatchObject({ webhook_id: d.webhook_id, redelivery: 1 });
    await waitFor(async () => receiver.arrivals.length === 2, 'the manual redelivery');
    expect(receiver.arrivals.map((a) => a.id)).toEqual([d.webhook_id, d.webhook_id]);
    expect(receiver.duplicatesDropped).toBe(1);
    const one = await waitFor(async () => {
      const r = await call('alice', 'GET', `/api/v1/subscriptions/${aliceSub.id}/deliveries/${d.id}`);
      return r.json.attempt_log.length === 2 ? r : undefined;
    }, 'two attempts in the log');
    expect(one!.json.attempt_log.map((a: { trigger: string; status_code: number }) => [a.trigger, a.status_code])).toEqual([
      ['auto', 204],
      ['manual', 204],
    ]);
    expect((await call('bob', 'POST', `/api/v1/subscriptions/${aliceSub.id}/deliveries/${d.id}/redeliver`)).status).toBe(404);
    // An event outside the filter (no injured) creates no delivery.
    await recordEvent(app.store.db, claimEvent({ id: 'claim.created:api-2', claim: claim({ quantities: [] }) }));
    await app.queues.add('alert', { eventId: 'claim.created:api-2' });
    await waitFor(async () => (await app.queues.pending(['alert', 'deliver'])) === 0, 'the alert job');
    expect((await call('alice', 'GET', `/api/v1/subscriptions/${aliceSub.id}/deliveries`)).json.items).toHaveLength(1);
  });

  it('rotates the secret: the new one is shown once and both sign until the old one expires', async () => {
    const r = await call('alice', 'POST', `/api/v1/subscriptions/${aliceSub.id}/rotate-secret`, { previous_valid_hours: 1 });
    expect(r.status).toBe(200);
    expect(r.json.webhook_secret).toMatch(/^whsec_/);
    expect(r.json.webhook_secret).not.toBe(aliceSub.webhook_secret);
    expect(r.json.webhook.previous_secret_expires_at).not.toBeNull();
    receiver.secrets = [aliceSub.webhook_secret]; // the receiver has not switched yet
    await recordEvent(app.store.db, claimEvent({ id: 'claim.created:api-3' }));
    await app.queues.add('alert', { eventId: 'claim.created:api-3' });
    await waitFor(async () => receiver.processed.size === 2, 'a delivery after rotation');
    expect(receiver.arrivals.at(-1)!.signature.split(' ')).toHaveLength(2);
    expect(receiver.arrivals.at(-1)!.verified).toBe(true);
    receiver.secrets = [r.json.webhook_secret];
  });

  it('disables the endpoint on 410, tells the owner, refuses redelivery until re-enabled', async () => {
    receiver.script = () => ({ status: 410 });
    await recordEvent(app.store.db, claimEvent({ id: 'claim.created:api-4' }));
    await app.queues.add('alert', { eventId: 'claim.created:api-4' });
    const sub = await waitFor(async () => {
      const s = await call('alice', 'GET', `/api/v1/subscriptions/${aliceSub.id}`);
      return s.json.webhook.enabled === false ? s : undefined;
    }, 'the endpoint to be disabled');
    expect(sub!.json.webhook.disabled_reason).toBe('the receiver answered 410 Gone');
    const notes = await call('alice', 'GET', '/api/v1/notifications?unread=true');
    expect(notes.json.items).toHaveLength(1);
    expect(notes.json.items[0]).toMatchObject({ kind: 'webhook.disabled', subscription_id: aliceSub.id });
    expect((await call('bob', 'GET', '/api/v1/notifications')).json.items).toEqual([]);
    expect((await call('bob', 'POST', `/api/v1/notifications/${notes.json.items[0].id}/read`)).status).toBe(404);
    expect((await call('alice', 'POST', `/api/v1/notifications/${notes.json.items[0].id}/read`)).status).toBe(204);
    expect((await call('alice', 'GET', '/api/v1/notifications?unread=true')).json.items).toEqual([]);

    const failed = (await call('alice', 'GET', `/api/v1/subscriptions/${aliceSub.id}/deliveries?status=failed`)).json.items;
    expect(failed).toHaveLength(1);
    const refused = await call('alice', 'POST', `/api/v1/subscriptions/${aliceSub.id}/deliveries/${failed[0].id}/redeliver`);
    expect([refused.status, refused.json.error.code]).toEqual([409, 'WEBHOOK_DISABLED']);
    receiver.script = () => ({ status: 204 });
    const on = await call('alice', 'PATCH', `/api/v1/subscriptions/${aliceSub.id}`, { webhook_enabled: true });
    expect(on.json.webhook).toMatchObject({ enabled: true, disabled_reason: null });
    expect((await call('alice', 'POST', `/api/v1/subscriptions/${aliceSub.id}/deliveries/${failed[0].id}/redeliver`)).status).toBe(202);
    await waitFor(async () => receiver.processed.size === 3, 'the redelivered event');
  });

  it('changes and deletes a subscription; a refused URL cannot be patched in', async () => {
    const bad = await call('alice', 'PATCH', `/api/v1/subscriptions/${aliceSub.id}`, { webhook_url: 'http://169.254.169.254/' });
    expect(bad.status).toBe(422);
    const ok = await call('alice', 'PATCH', `/api/v1/subscriptions/${aliceSub.id}`, { filter: { countries: ['SY'] }, active: false });
    expect(ok.json).toMatchObject({ filter: { countries: ['SY'] }, active: false });
    expect((await call('alice', 'DELETE', `/api/v1/subscriptions/${aliceSub.id}`)).status).toBe(204);
    expect((await call('alice', 'GET', `/api/v1/subscriptions/${aliceSub.id}`)).status).toBe(404);
    expect((await call('alice', 'GET', '/api/v1/subscriptions')).json.items).toEqual([]);
  });
});
