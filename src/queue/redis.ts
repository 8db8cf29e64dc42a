/**
 * Redis connections for BullMQ. Before anything runs, `checkRedis` proves the server is reachable and
 * will not evict keys: an evicting Redis silently drops queued jobs, so claimwatch refuses to run on one.
 */
import { Redis, type RedisOptions } from 'ioredis';

export class RedisUnavailableError extends Error {
  readonly code = 'REDIS_UNAVAILABLE';
}
export class RedisEvictionPolicyError extends Error {
  readonly code = 'REDIS_EVICTION_POLICY';
}

/** Hides a password in a URL before it reaches a message or a log line. */
export function safeRedisUrl(url: string): string {
  return url.replace(/\/\/([^:@/]*):([^@/]*)@/, '//$1:***@');
}

/** A connection for BullMQ workers and queues: blocking commands need maxRetriesPerRequest null. */
export function createRedis(url: string, options: RedisOptions = {}): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, lazyConnect: false, ...options });
  // Connection errors are reported by checkRedis and by BullMQ's own reconnect logs; an unhandled
  // 'error' event would otherwise crash the process while Redis restarts.
  redis.on('error', () => {});
  return redis;
}

/** Reads the eviction policy, from CONFIG GET or (where CONFIG is disabled, as on managed Redis) INFO memory. */
async function evictionPolicy(redis: Redis): Promise<string | undefined> {
  try {
    const reply = (await redis.config('GET', 'maxmemory-policy')) as unknown as string[];
    if (Array.isArray(reply) && reply[1]) return reply[1];
  } catch {
    // fall through to INFO
  }
  const info = await redis.info('memory');
  return /^maxmemory_policy:(\S+)/m.exec(info)?.[1];
}

/**
 * Connects once with a short timeout and no retries; throws a one-line error naming the fix when Redis
 * is down or evicts keys. Returns the server version.
 */
export async function checkRedis(url: string, timeoutMs = 3_000): Promise<{ version: string; policy: string }> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  let lastError: Error | undefined;
  redis.on('error', (e: Error) => (lastError = e));
  try {
    try {
      await redis.connect();
      await redis.ping();
    } catch (e) {
      const why = (lastError ?? (e as Error)).message || String(e);
      throw new RedisUnavailableError(
        `cannot reach Redis at ${safeRedisUrl(url)} (${why}); start it (redis-server --port 6379) or set REDIS_URL`,
      );
    }
    const policy = (await evictionPolicy(redis)) ?? 'unknown';
    if (policy !== 'noeviction') {
      throw new RedisEvictionPolicyError(
        `Redis at ${safeRedisUrl(url)} has maxmemory-policy ${policy}, which can evict queued jobs; set it to noeviction ` +
          `(redis-cli config set maxmemory-policy noeviction, and maxmemory-policy noeviction in redis.conf)`,
      );
    }
    const version = /^redis_version:(\S+)/m.exec(await redis.info('server'))?.[1] ?? 'unknown';
    return { version, policy };
  } finally {
    redis.disconnect();
  }
}

/**
 * Calls `fn` each time `redis` is ready again after losing its connection (a restart, a failover, a
 * network cut) but not on the first connect. Redis may have come back empty, so callers restore what
 * lives only there (job schedulers) and reconcile queued work against the database.
 */
export function onReconnect(redis: Redis, fn: () => void): () => void {
  let lost = false;
  const onClose = () => (lost = true);
  const onReady = () => {
    if (!lost) return;
    lost = false;
    fn();
  };
  redis.on('close', onClose);
  redis.on('ready', onReady);
  return () => {
    redis.off('close', onClose);
    redis.off('ready', onReady);
  };
}
