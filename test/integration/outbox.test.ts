/** The outbox relay: events whose jobs were never enqueued, and deliveries whose job vanished, get jobs. */
import type { Job } from 'bullmq';
import { pino } from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { outboxHandler } from '../../workers/outbox.ts';
import type { WorkerDeps } from '../../workers/deps.ts';
import { createRedis } from '../../src/queue/redis.ts';
import { JobQueues, type HandlerContext } from '../../src/queue/runtime.ts';
import { ensureDelivery } from '../../src/store/deliveries.ts';
import { getEvent, recordEvent } from '../../src/store/events.ts';
import { dropRedisPrefix, isolatedStore, REDIS_URL, uniqueName } from '../support/services.ts';

const log = pino({ level: 'silent' });
const ctx = (): HandlerContext => ({ log, jobId: 't', attempt: 1, signal: new AbortController().signal, job: {} as Job });
let store: Awaited<ReturnType<typeof isolatedStore>>;
let deps: WorkerDeps;
const prefix = uniqueName('cwoutbox');
const conn = createRedis(REDIS_URL);

beforeAll(async () => {
  store = await isolatedStore('postgres');
  deps = { store, queues: new JobQueues(conn, prefix), sources: new Map(), now: () => new Date(), log };
});
afterAll(async () => {
  await deps.queues.close();
  conn.disconnect();
  await dropRedisPrefix(prefix);
  await store.dispose();
});

it('enqueues the jobs of stale events once, the re-match of a review included, and revives lost deliveries', async () => {
  const old = new Date(Date.now() - 5 * 60_000);
  await recordEvent(store.db, { id: 'claim.created:1', type: 'claim.created', subject: 'claim:1', payload: {}, occurredAt: old });
  await recordEvent(store.db, { id: 'claim.reviewed:7:3', type: 'claim.reviewed', subject: 'claim:7', payload: { claim_id: '7', review: { revision: 3, rematch: true } }, occurredAt: old });
  await recordEvent(store.db, { id: 'claim.created:2', type: 'claim.created', subject: 'claim:2', payload: {} }); // too fresh: its own job may still come
  const sub = await store.db
    .insertInto('subscriptions')
    .values({ owner: '1', name: 's', filter: '{}', webhook_url: 'https://example.org/h', webhook_secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', disabled_reason: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  const deliveryId = await ensureDelivery(store.db, 'claim.created:1', sub.id);
  await store.db.updateTable('deliveries').set({ next_attempt_at: new Date(Date.now() - 60 * 60_000) }).where('id', '=', deliveryId).execute();

  const out = (await outboxHandler(deps)({}, ctx())) as { relayed: number; revived: number };
  expect(out).toEqual({ relayed: 2, revived: 1 });
  expect(await deps.queues.queue('alert').getJob('alert-claim.created_1')).toBeTruthy();
  expect(await deps.queues.queue('alert').getJob('alert-claim.reviewed_7_3')).toBeTruthy();
  expect(await deps.queues.queue('match').getJob('match-7-r3')).toBeTruthy();
  expect(await deps.queues.queue('alert').getJob('alert-claim.created_2')).toBeUndefined();
  expect(await deps.queues.queue('deliver').getJob(`deliver-${deliveryId}`)).toBeTruthy();
  expect((await getEvent(store.db, 'claim.created:1'))!.dispatchedAt).not.toBeNull();

  // A second run finds nothing to do: events are marked, the delivery's job exists.
  expect(await outboxHandler(deps)({}, ctx())).toEqual({ relayed: 0, revived: 0 });
});
