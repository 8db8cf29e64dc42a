/**
 * Webhook delivery over the full retry schedule with a fake clock, on both stores: the alert and
 * deliver handlers run for real (real HTTP to a local receiver, real store), and a small driver plays
 * BullMQ's part, waking each postponed job at its `until`. Only `Date` is faked, so the receiver's
 * standardwebhooks verifier sees the same clock as the signer.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Job } from 'bullmq';
import { alertHandler } from '../../../workers/alert.ts';
import { deliverHandler } from '../../../workers/deliver.ts';
import type { WorkerDeps } from '../../../workers/deps.ts';
import { memoryEndpointLimiter } from '../../../src/alerts/limiter.ts';
import { createAlertServices, type AlertServices } from '../../../src/alerts/services.ts';
import { generateWebhookSecret } from '../../../src/alerts/signing.ts';
import { DELIVERY_SCHEDULE_MS, type Payload } from '../../../src/queue/catalog.ts';
import { PermanentJobError, PostponeJobError, type HandlerContext, type JobQueues } from '../../../src/queue/runtime.ts';
import { createLogger } from '../../../src/log.ts';
import { openStore, type Store } from '../../../src/store/db.ts';
import { webhookIdFor } from '../../../src/store/deliveries.ts';
import { recordEvent } from '../../../src/store/events.ts';
import { listNotifications } from '../../../src/store/notifications.ts';
import { createSubscription, getSubscription, rotateSecret } from '../../../src/store/subscriptions.ts';
import { claimEvent } from '../../unit/alerts/fixtures.ts';
import { PG_URL, STORE_FLAVOURS, tempDir, uniqueName, type StoreFlavour } from '../../support/services.ts';
import { startReceiver, type Reply, type WebhookReceiver } from '../../support/webhook-receiver.ts';

const T0 = new Date('2024-05-02T10:00:00Z').getTime();
const MIN = 60_000;
const HOUR = 3600_000;
const log = createLogger('silent');

async function openIsolated(flavour: StoreFlavour): Promise<{ store: Store; dispose(): Promise<void> }> {
  if (flavour === 'pglite') {
    const dir = tempDir('cw-alerts-');
    const store = await openStore({ dataDir: dir.path });
    return { store, dispose: async () => (await store.close(), dir.remove()) };
  }
  const schema = uniqueName('alerts');
  const store = await openStore({ databaseUrl: PG_URL, schema, poolSize: 4 });
  return {
    store,
    dispose: async () => {
      const { sql } = await import('kysely');
      await sql.raw(`drop schema if exists ${schema} cascade`).execute(store.db);
      await store.close();
    },
  };
}

interface SimJob {
  deliveryId: string;
  redelivery?: number;
  due: number;
}

/** Plays BullMQ: runs due jobs in time order, re-queues postponed ones at their `until`. */
class Driver {
  readonly jobs: SimJob[] = [];
  readonly finals: { deliveryId: string; error: string }[] = [];
  readonly queues = {
    add: async (name: string, payload: Payload<'deliver'>) => {
      if (name !== 'deliver') return '';
      const id = payload.redelivery ? `${payload.deliveryId}-r${payload.redelivery}` : payload.deliveryId;
      // A deterministic job id makes a repeated add a no-op, as in BullMQ.
      if (!this.jobs.some((j) => (j.redelivery ? `${j.deliveryId}-r${j.redelivery}` : j.deliveryId) === id)) {
        this.jobs.push({ deliveryId: payload.deliveryId, ...(payload.redelivery ? { redelivery: payload.redelivery } : {}), due: Date.now() });
      }
      return `deliver-${id}`;
    },
  } as unknown as JobQueues;

  private readonly deliver: ReturnType<typeof deliverHandler>;

  constructor(
    makeDeliver: (queues: JobQueues) => ReturnType<typeof deliverHandler>,
    private readonly beforeRun: (t: number) => Promise<void> = async () => {},
  ) {
    this.deliver = makeDeliver(this.queues);
  }

  /** Runs jobs until none is left or the next is due after `until`. */
  async run(until = Number.POSITIVE_INFINITY): Promise<void> {
    for (;;) {
      this.jobs.sort((a, b) => a.due - b.due);
      const j = this.jobs[0];
      if (!j || j.due > until) return;
      this.jobs.shift();
      vi.setSystemTime(Math.max(j.due, Date.now()));
      await this.beforeRun(Date.now());
      try {
        await this.deliver({ deliveryId: j.deliveryId, ...(j.redelivery ? { redelivery: j.redelivery } : {}) }, ctx());
      } catch (e) {
        if (e instanceof PostponeJobError) this.jobs.push({ ...j, due: e.until.getTime() });
        else if (e instanceof PermanentJobError) this.finals.push({ deliveryId: j.deliveryId, error: e.message });
        else throw e;
      }
    }
  }
}

function ctx(): HandlerContext {
  return { log, jobId: 'sim', attempt: 1, signal: new AbortController().signal, job: {} as Job };
}

describe.each(STORE_FLAVOURS)('webhook delivery with a fake clock on %s', (flavour) => {
  let store: Store;
  let dispose: () => Promise<void>;
  let receiver: WebhookReceiver;
  let services: AlertServices;

  beforeAll(async () => {
    ({ store, dispose } = await openIsolated(flavour));
  });
  afterAll(async () => {
    await dispose();
  });
  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(T0);
    receiver = await startReceiver();
    services = createAlertServices({ allowlist: [`127.0.0.1:${receiver.port}`], limiter: memoryEndpointLimiter(2), policy: { timeoutMs: 3_000 } });
  });
  afterEach(async () => {
    vi.useRealTimers();
    await receiver.close();
    await services.close();
  });

  function deps(queues: JobQueues): WorkerDeps {
    return { store, queues, sources: new Map(), now: () => new Date(), log, alerts: services };
  }

  async function subscribe(name: string, secret = generateWebhookSecret(), filter: Record<string, unknown> = {}) {
    receiver.secrets = [secret];
    // Tests share the store: only this test's subscription takes part.
    await store.db.updateTable('subscriptions').set({ active: false }).execute();
    return createSubscription(store.db, { owner: '1', name, filter, webhookUrl: `${receiver.url}/hooks/${name}`, webhookSecret: secret });
  }

  async function emit(driver: Driver, id: string, over: Parameters<typeof claimEvent>[0] = {}) {
    const e = claimEvent({ ...over, id });
    await recordEvent(store.db, { ...e, occurredAt: new Date() });
    await alertHandler(deps(driver.queues))({ eventId: id }, ctx());
  }

  async function attemptsOf(deliveryWebhookId: string) {
    return store.db
      .selectFrom('delivery_attempts as a')
      .innerJoin('deliveries as d', 'd.id', 'a.delivery_id')
      .select(['a.attempt', 'a.started_at', 'a.status_code', 'a.error', 'a.outcome', 'a.trigger', 'd.status', 'd.attempts'])
      .where('d.webhook_id', '=', deliveryWebhookId)
      .orderBy('a.id')
      .execute();
  }

  it('delivers every event exactly once per webhook-id across a 1 h outage, resets and 500s, using up to all 8 attempts', async () => {
    const sub = await subscribe(`s-${flavour}-once`);
    const ids = [1, 2, 3, 4, 5].map((i) => `claim.created:once-${flavour}-${i}`);
    const wid = ids.map((e) => webhookIdFor(e, sub.id));
    const which = (id: string) => wid.indexOf(id) + 1;
    receiver.script = (a) => {
      switch (which(a.id)) {
        case 2: // two plain 500s
          return a.nForId <= 2 ? { status: 500 } : { status: 204 };
        case 3: // the connection dies mid-request once
          return a.nForId === 1 ? 'reset' : { status: 200, body: 'ok' };
        case 4: // processed, but the answer is lost twice: the retries are duplicates the receiver drops
          return a.nForId <= 2 ? { status: 500, processed: true } : { status: 204 };
        case 5: // a receiver bug fixed only before the last attempt
          return a.nForId < 5 ? { status: 503 } : { status: 204 };
        default:
          return { status: 204 };
      }
    };
    // Outage from 1 s to 60 min after the first attempts: every retry in that window is refused.
    const outage = (t: number) => t >= T0 + 1_000 && t < T0 + 60 * MIN;
    const driver = new Driver(
      (q) => deliverHandler(deps(q)),
      async (t) => void (outage(t) ? await receiver.stop() : await receiver.start()),
    );
    for (const id of ids) await emit(driver, id);
    expect(driver.jobs).toHaveLength(5);
    await driver.run();

    // The receiver saw each webhook-id processed once; raw arrivals include the duplicates it dropped.
    const raw = receiver.arrivals.length;
    expect(receiver.processed.size).toBe(5);
    expect([...receiver.processed.keys()].sort()).toEqual([...wid].sort());
    expect(receiver.duplicatesDropped).toBe(2);
    expect(receiver.rejected).toBe(0);
    expect(receiver.arrivals.every((a) => a.verified)).toBe(true);
    // 1 + 3 + 2 + 3 + 5 arrivals (refused connections never arrive).
    expect(raw).toBe(14);
    expect(driver.finals).toEqual([]);

    const spent = await Promise.all(wid.map(async (w) => (await attemptsOf(w)).length));
    // Attempts at 0, 5 s, 5 min, 35 min fall in or before the outage; the next lands ~2 h 35 min in.
    expect(spent).toEqual([1, 6, 5, 6, 8]);
    const last = await attemptsOf(wid[4]!);
    expect(last.map((a) => a.outcome)).toEqual(['retry', 'retry', 'retry', 'retry', 'retry', 'retry', 'retry', 'succeeded']);
    // The three attempts inside the outage never got an answer (refused, or a pooled socket found closed).
    const unanswered = last.filter((a) => a.status_code === null);
    expect(unanswered).toHaveLength(3);
    expect(unanswered.every((a) => a.started_at.getTime() < T0 + 60 * MIN && !!a.error)).toBe(true);
    expect(last.at(-1)).toMatchObject({ status: 'succeeded', attempts: 8, status_code: 204 });
    // The gaps follow the schedule within its 10 % jitter; the whole run takes ~27.6 simulated hours.
    const gaps = last.slice(1).map((a, i) => a.started_at.getTime() - last[i]!.started_at.getTime());
    gaps.forEach((g, i) => {
      expect(g).toBeGreaterThanOrEqual(DELIVERY_SCHEDULE_MS[i + 1]! * 0.9 - 1);
      expect(g).toBeLessThanOrEqual(DELIVERY_SCHEDULE_MS[i + 1]! * 1.1 + 1);
    });
    expect(last.at(-1)!.started_at.getTime() - T0).toBeGreaterThan(24 * HOUR);
    const rows = await store.db.selectFrom('deliveries').select(['status']).where('subscription_id', '=', sub.id).execute();
    expect(rows.map((r) => r.status)).toEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded', 'succeeded']);
    // Healthy again after the last success.
    expect((await getSubscription(store.db, sub.id))!.failingSince).toBeNull();

    // Running the alert job again (a retry) queues nothing new and the receiver sees nothing more.
    for (const id of ids) await alertHandler(deps(driver.queues))({ eventId: id }, ctx());
    await driver.run();
    expect(receiver.arrivals.length).toBe(raw);
  });

  it('gives up after the 8th failed attempt and leaves the delivery failed, with the log to show for it', async () => {
    const sub = await subscribe(`s-${flavour}-fail`);
    receiver.script = () => ({ status: 500, body: 'database is down' });
    const driver = new Driver((q) => deliverHandler(deps(q)));
    await emit(driver, `claim.created:fail-${flavour}`);
    await driver.run();
    const log = await attemptsOf(webhookIdFor(`claim.created:fail-${flavour}`, sub.id));
    expect(log).toHaveLength(8);
    expect(log.at(-1)).toMatchObject({ outcome: 'failed', status: 'failed', attempts: 8, status_code: 500 });
    expect(driver.finals).toHaveLength(1);
    expect(receiver.arrivals).toHaveLength(8);
  });

  it('honours Retry-After on 429 without spending an attempt, and counts 3xx as a failure without following it', async () => {
    const sub = await subscribe(`s-${flavour}-429`);
    receiver.script = (a): Reply => (a.nForId === 1 ? { status: 429, headers: { 'retry-after': '120' } } : a.nForId === 2 ? { status: 307, headers: { location: '/elsewhere' } } : { status: 204 });
    const driver = new Driver((q) => deliverHandler(deps(q)));
    await emit(driver, `claim.created:429-${flavour}`);
    await driver.run();
    const log = await attemptsOf(webhookIdFor(`claim.created:429-${flavour}`, sub.id));
    expect(log.map((a) => [a.status_code, a.attempt, a.outcome])).toEqual([
      [429, 0, 'retry'],
      [307, 1, 'retry'],
      [204, 2, 'succeeded'],
    ]);
    expect(log[1]!.started_at.getTime() - log[0]!.started_at.getTime()).toBe(120_000);
    expect(receiver.arrivals.map((a) => a.path)).toEqual([`/hooks/${sub.name}`, `/hooks/${sub.name}`, `/hooks/${sub.name}`]);
  });

  it('disables an endpoint failing for 5 days and tells its owner; 410 Gone disables at once', async () => {
    const sub = await subscribe(`s-${flavour}-dead`);
    receiver.script = () => ({ status: 502 });
    const driver = new Driver((q) => deliverHandler(deps(q)));
    // A new event every 12 hours for 6 days; the endpoint never recovers.
    for (let i = 0; i < 12; i++) {
      vi.setSystemTime(T0 + i * 12 * HOUR);
      await emit(driver, `claim.created:dead-${flavour}-${i}`);
      await driver.run(T0 + (i + 1) * 12 * HOUR - 1);
    }
    await driver.run();
    const s = (await getSubscription(store.db, sub.id))!;
    expect(s.webhookDisabledAt).not.toBeNull();
    expect(s.webhookDisabledAt!.getTime() - T0).toBeGreaterThanOrEqual(5 * 24 * HOUR);
    expect(s.webhookDisabledAt!.getTime() - T0).toBeLessThan(5 * 24 * HOUR + 12 * HOUR);
    expect(s.disabledReason).toMatch(/^failing since 2024-05-02T10:00:00.000Z \(5 days without a success\)/);
    const notes = await listNotifications(store.db, { owner: '1', limit: 10 });
    expect(notes.filter((n) => n.subscriptionId === sub.id)).toHaveLength(1);
    expect(notes[0]).toMatchObject({ kind: 'webhook.disabled', message: expect.stringContaining('was disabled') });
    // Nothing reaches the receiver after the endpoint is disabled, and nothing stays pending.
    expect(receiver.arrivals.every((a) => a.at <= s.webhookDisabledAt!.getTime())).toBe(true);
    const states = await store.db.selectFrom('deliveries').select(['status', 'last_error']).where('subscription_id', '=', sub.id).execute();
    expect(states.filter((r) => r.status === 'pending')).toEqual([]);
    expect(states.filter((r) => r.last_error?.startsWith('endpoint disabled')).length).toBeGreaterThan(0);
    // New events no longer create deliveries for it.
    const before = driver.jobs.length;
    await emit(driver, `claim.created:dead-${flavour}-late`);
    expect(driver.jobs.length).toBe(before);

    const gone = await subscribe(`s-${flavour}-gone`);
    receiver.script = () => ({ status: 410 });
    await emit(driver, `claim.created:gone-${flavour}`);
    await driver.run();
    const g = (await getSubscription(store.db, gone.id))!;
    expect(g.disabledReason).toBe('the receiver answered 410 Gone');
    expect((await attemptsOf(webhookIdFor(`claim.created:gone-${flavour}`, gone.id))).map((a) => a.outcome)).toEqual(['disabled']);
  });

  it('keeps verifying through a secret rotation, and rejects what the old secret alone signs after the grace period', async () => {
    const oldSecret = generateWebhookSecret();
    const sub = await subscribe(`s-${flavour}-rot`, oldSecret);
    const driver = new Driver((q) => deliverHandler(deps(q)));
    const newSecret = generateWebhookSecret();
    await rotateSecret(store.db, sub.id, newSecret, new Date(T0 + HOUR), new Date());
    // The receiver still holds only the old secret: the second signature carries it through the grace hour.
    receiver.secrets = [oldSecret];
    await emit(driver, `claim.created:rot1-${flavour}`);
    await driver.run();
    expect(receiver.arrivals.at(-1)).toMatchObject({ verified: true });
    expect(receiver.arrivals.at(-1)!.signature.split(' ')).toHaveLength(2);
    // After the grace period only the new secret signs: an old-secret-only receiver rejects (401, retried).
    vi.setSystemTime(T0 + 2 * HOUR);
    await emit(driver, `claim.created:rot2-${flavour}`);
    await driver.run(T0 + 2 * HOUR);
    expect(receiver.arrivals.at(-1)).toMatchObject({ verified: false, verifyError: 'No matching signature found' });
    expect(receiver.arrivals.at(-1)!.signature.split(' ')).toHaveLength(1);
    receiver.secrets = [newSecret];
    await driver.run();
    expect(receiver.arrivals.at(-1)).toMatchObject({ verified: true });
    expect(receiver.processed.size).toBe(2);
  });

  it('redelivers by hand with the same webhook-id: one attempt, logged as manual, dropped by the receiver as a repeat', async () => {
    const sub = await subscribe(`s-${flavour}-manual`);
    const driver = new Driver((q) => deliverHandler(deps(q)));
    const eventId = `claim.created:manual-${flavour}`;
    await emit(driver, eventId);
    await driver.run();
    const d = await store.db.selectFrom('deliveries').select(['id']).where('webhook_id', '=', webhookIdFor(eventId, sub.id)).executeTakeFirstOrThrow();
    await driver.queues.add('deliver', { deliveryId: d.id, redelivery: 1 });
    await driver.run();
    expect(receiver.arrivals.map((a) => a.id)).toEqual([webhookIdFor(eventId, sub.id), webhookIdFor(eventId, sub.id)]);
    expect(receiver.processed.size).toBe(1);
    expect(receiver.duplicatesDropped).toBe(1);
    expect((await attemptsOf(webhookIdFor(eventId, sub.id))).map((a) => a.trigger)).toEqual(['auto', 'manual']);
  });
});
