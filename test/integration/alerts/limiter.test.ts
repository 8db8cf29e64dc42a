/** The Redis per-endpoint limiter on the local Redis: shared across "processes", atomic, self-healing. */
import { afterAll, describe, expect, it } from 'vitest';
import { redisEndpointLimiter } from '../../../src/alerts/limiter.ts';
import { createRedis } from '../../../src/queue/redis.ts';
import { dropRedisPrefix, REDIS_URL, uniqueName } from '../../support/services.ts';

const prefix = uniqueName('cwlim');
const a = createRedis(REDIS_URL);
const b = createRedis(REDIS_URL);
afterAll(async () => {
  a.disconnect();
  b.disconnect();
  await dropRedisPrefix(prefix);
});

describe('Redis endpoint limiter', () => {
  it('shares slots between two connections and never hands out more than the limit under contention', async () => {
    const l1 = redisEndpointLimiter(a, { prefix, limit: 3, ttlMs: 10_000 });
    const l2 = redisEndpointLimiter(b, { prefix, limit: 3, ttlMs: 10_000 });
    const got = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? l1 : l2).acquire('https://x.example')));
    const slots = got.filter((s) => s !== null);
    expect(slots).toHaveLength(3);
    expect(await l1.acquire('https://y.example')).not.toBeNull();
    await slots[0]!.release();
    expect(await l2.acquire('https://x.example')).not.toBeNull();
    expect(await l2.acquire('https://x.example')).toBeNull();
  });

  it('frees a slot whose holder died once its time-to-live passes', async () => {
    const l = redisEndpointLimiter(a, { prefix, limit: 1, ttlMs: 300 });
    expect(await l.acquire('https://z.example')).not.toBeNull(); // never released
    expect(await l.acquire('https://z.example')).toBeNull();
    await new Promise((r) => setTimeout(r, 400));
    expect(await l.acquire('https://z.example')).not.toBeNull();
  });
});
