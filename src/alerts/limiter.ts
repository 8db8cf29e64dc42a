/**
 * Per-endpoint concurrency: at most `limit` requests in flight to one endpoint (URL origin) across every
 * worker process. The deliver job takes a slot before its request and, when the endpoint is full,
 * postpones itself instead of waiting, so the worker slot goes to another endpoint's delivery at once.
 * With a 15 s request deadline a dead receiver can hold at most `limit` worker slots, never all of them;
 * the deliver job asks for a single slot while an endpoint is failing, so a dead one holds just one.
 *
 * BullMQ (open source) has no per-group concurrency, so slots live in a Redis sorted set per endpoint
 * (member = slot token, score = expiry by the Redis clock). Expired slots (a crashed worker) free
 * themselves; taking a slot is one atomic script.
 */
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';

export interface EndpointSlot {
  release(): Promise<void>;
}

export interface EndpointLimiter {
  /** A slot for `endpoint`, or null when `limit` (default: the limiter's) requests to it are in flight. */
  acquire(endpoint: string, limit?: number): Promise<EndpointSlot | null>;
}

// KEYS[1] slot set; ARGV: ttl ms, limit, token. Uses the server clock so workers on other hosts agree.
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[2]) then
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[1]), ARGV[3])
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[1]))
  return 1
end
return 0
`;

export interface RedisLimiterOptions {
  /** Key prefix (the queue prefix), so tests and deployments sharing a Redis stay apart. */
  prefix: string;
  limit: number;
  /** How long a slot lives if its holder never releases it (the request deadline plus margin). */
  ttlMs: number;
}

export function redisEndpointLimiter(redis: Redis, opts: RedisLimiterOptions): EndpointLimiter {
  return {
    async acquire(endpoint, limit = opts.limit) {
      const key = `${opts.prefix}:webhook-slots:${endpoint}`;
      const token = randomBytes(8).toString('hex');
      const ok = (await redis.eval(ACQUIRE, 1, key, String(opts.ttlMs), String(limit), token)) === 1;
      if (!ok) return null;
      return {
        async release() {
          await redis.zrem(key, token).catch(() => {});
        },
      };
    },
  };
}

/** The same contract in process memory, for handler tests without Redis. */
export function memoryEndpointLimiter(limit: number): EndpointLimiter & { inFlight(endpoint: string): number } {
  const counts = new Map<string, number>();
  return {
    inFlight: (endpoint) => counts.get(endpoint) ?? 0,
    async acquire(endpoint, max = limit) {
      const n = counts.get(endpoint) ?? 0;
      if (n >= max) return null;
      counts.set(endpoint, n + 1);
      let released = false;
      return {
        async release() {
          if (released) return;
          released = true;
          counts.set(endpoint, (counts.get(endpoint) ?? 1) - 1);
        },
      };
    },
  };
}

/** The endpoint key of a webhook URL: its origin (scheme, host, port). */
export function endpointKey(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}
