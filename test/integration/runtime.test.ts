/** The job runtime on the real BullMQ and Redis: how each kind of failure is treated. */
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedis } from '../../src/queue/redis.ts';
import { JobQueues, PermanentJobError, PostponeJobError, WorkerPool } from '../../src/queue/runtime.ts';
import { dropRedisPrefix, REDIS_URL, uniqueName, waitFor } from '../support/services.ts';

const log = pino({ level: 'silent' });
const conns = [createRedis(REDIS_URL)];
const prefix = uniqueName('cwrt');
const queues = new JobQueues(conns[0]!, prefix);
let healthy = true;
const pool = new WorkerPool({
  prefix,
  log,
  defaultConcurrency: 2,
  connect: () => {
    const c = createRedis(REDIS_URL);
    conns.push(c);
    return c;
  },
  storeHealthy: async () => healthy,
  outageRetryMs: 200,
});

// One handler stands in for all: what it does is chosen by the post id it gets.
const calls = new Map<string, number>();
beforeAll(() => {
  pool.start('extract', async ({ postId }) => {
    const n = (calls.get(postId) ?? 0) + 1;
    calls.set(postId, n);
    switch (postId) {
      case '1':
        throw new PermanentJobError('this post cannot be extracted');
      case '2':
        if (n === 1) throw new PostponeJobError(new Date(Date.now() + 300), 'rate limited');
        return { ok: n };
      case '3':
        // Fails while the "database" is down; succeeds once it is back.
        if (!healthy) throw new Error('Connection terminated unexpectedly');
        return { ok: n };
      default:
        return { ok: n };
    }
  });
});
afterAll(async () => {
  await pool.close();
  await queues.close();
  for (const c of conns) c.disconnect();
  await dropRedisPrefix(prefix);
});

const job = (id: string) => queues.queue('extract').getJob(`extract-${id}`);

describe('job runtime', () => {
  it('fails a job at once on a permanent error, without retries', async () => {
    await queues.add('extract', { postId: '1' });
    await waitFor(async () => (await (await job('1'))?.getState()) === 'failed', 'the job to fail');
    expect((await job('1'))!.attemptsMade).toBe(1);
    expect(calls.get('1')).toBe(1);
  });

  it('postpones a job without spending an attempt', async () => {
    await queues.add('extract', { postId: '2' });
    await waitFor(async () => (await (await job('2'))?.getState()) === 'completed', 'the job to complete');
    expect(calls.get('2')).toBe(2);
    expect((await job('2'))!.returnvalue).toEqual({ ok: 2 });
  });

  it('keeps a job waiting while the database is down, however long, and runs it when it is back', async () => {
    healthy = false;
    await queues.add('extract', { postId: '3' });
    // Far more tries than the job's 5 attempts would allow, none of them spent.
    await waitFor(async () => (calls.get('3') ?? 0) >= 8, 'repeated tries during the outage', 20_000);
    expect(await (await job('3'))!.getState()).toMatch(/delayed|waiting|active/);
    healthy = true;
    await waitFor(async () => (await (await job('3'))?.getState()) === 'completed', 'the job to complete after the outage');
  });

  it('never enqueues a payload the catalog refuses', async () => {
    await expect(queues.add('extract', { postId: 'x' } as never)).rejects.toThrow(/extract job payload invalid: postId/);
  });
});
