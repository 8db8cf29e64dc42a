/**
 * A review step while Redis is down: the request still succeeds (the change, its audit row and its event
 * are in the store), and once Redis is back the outbox relay enqueues the alert job. Runs its own
 * redis-server on a free port in a temp dir, never the shared one.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxHandler } from '../../../workers/outbox.ts';
import { startApp, type App } from '../../../src/app.ts';
import { followUpJobs, reviewFollowUpOf } from '../../../src/api/review/dispatch.ts';
import type { HandlerContext } from '../../../src/queue/runtime.ts';
import { tempDir, testConfig, uniqueName, waitFor } from '../../support/services.ts';
import { seedPostWithClaim, seedUsers, TAJI_TEXT, tajiClaim } from './fixtures.ts';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

function startRedis(port: number, dir: string): Promise<ChildProcess> {
  const p = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction'], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('redis-server did not start')), 10_000);
    p.stdout!.on('data', (d: Buffer) => {
      if (d.toString().includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve(p);
      }
    });
    p.on('exit', (code) => reject(new Error(`redis-server exited with ${code}`)));
  });
}

function stop(p: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (p.exitCode !== null) return resolve();
    p.once('exit', () => resolve());
    p.kill('SIGKILL');
  });
}

describe('review while Redis is down', () => {
  const dir = tempDir();
  let port: number;
  let redis: ChildProcess;
  let app: App;

  beforeAll(async () => {
    port = await freePort();
    redis = await startRedis(port, dir.path);
    app = await startApp({ config: testConfig('pglite', dir.path, { REDIS_URL: `redis://127.0.0.1:${port}` }), sources: [], roles: ['api'], storeSchema: uniqueName('rdown') });
  });
  afterAll(async () => {
    await app?.stop();
    if (redis) await stop(redis);
    dir.remove();
  });

  it('stores the correction and lets the outbox relay enqueue its alert later', async () => {
    const users = await seedUsers(app.store.db);
    const { claimId } = await seedPostWithClaim(app.store.db, { text: TAJI_TEXT, claim: tajiClaim() });
    await stop(redis);

    const started = Date.now();
    const res = await app.server!.inject({
      method: 'POST',
      url: `/api/v1/claims/${claimId}/corrections`,
      headers: { authorization: `Bearer ${users.moderator.key}` },
      payload: { revision: 1, changes: { event_type: 'missile_attack' }, reason: 'launch site says ballistic' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ revision: 2, jobs_enqueued: false });
    expect(Date.now() - started).toBeLessThan(10_000);
    const eventId = `claim.reviewed:${claimId}:2`;
    const ev = await app.store.db.selectFrom('events').select(['dispatched_at']).where('id', '=', eventId).executeTakeFirstOrThrow();
    expect(ev.dispatched_at).toBeNull();
    const audit = await app.store.db.selectFrom('audit_log').select('action').where('entity_id', '=', claimId).execute();
    expect(audit).toEqual([{ action: 'claim.corrected' }]);

    redis = await startRedis(port, dir.path);
    await waitFor(async () => app.queues.ping().then(() => true, () => false), 'the app to reconnect to Redis');
    // The relay only takes events older than its grace period; age this one instead of waiting a minute.
    await app.store.db.updateTable('events').set({ occurred_at: new Date(Date.now() - 5 * 60_000) }).where('id', '=', eventId).execute();
    const relay = outboxHandler({ store: app.store, queues: app.queues, sources: new Map(), now: () => new Date(), log: app.log });
    const out = (await relay({}, { log: app.log } as unknown as HandlerContext)) as { relayed: number };
    expect(out.relayed).toBe(1);
    expect(await app.queues.queue('alert').getJob(`alert-claim.reviewed_${claimId}_2`)).toBeTruthy();
    const after = await app.store.db.selectFrom('events').select(['dispatched_at']).where('id', '=', eventId).executeTakeFirstOrThrow();
    expect(after.dispatched_at).not.toBeNull();
    // What the relay should also add for a correction (see the report): the re-match, with its own job id.
    const stored = await app.store.db.selectFrom('events').select(['id', 'type', 'payload']).where('id', '=', eventId).executeTakeFirstOrThrow();
    const followUp = reviewFollowUpOf(stored);
    expect(followUp).toEqual({ claimId, revision: 2, eventId, rematch: true });
    await followUpJobs(app.queues, followUp!);
    expect(await app.queues.queue('match').getJob(`match-${claimId}-r2`)).toBeTruthy();
  });
});
