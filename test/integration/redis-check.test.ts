/** Redis that is down or evicts keys stops claimwatch at once with one line naming the fix. */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRedis, RedisEvictionPolicyError, RedisUnavailableError } from '../../src/queue/redis.ts';
import { freePort, startOwnRedis, type OwnRedis } from '../support/own-redis.ts';
import { REDIS_URL, tempDir } from '../support/services.ts';

const run = promisify(execFile);
const BIN = fileURLToPath(new URL('../../bin/claimwatch', import.meta.url));

let evicting: OwnRedis;
beforeAll(async () => {
  evicting = await startOwnRedis(['--maxmemory', '64mb', '--maxmemory-policy', 'allkeys-lru']);
});
afterAll(async () => evicting?.stop());

describe('Redis check', () => {
  it('accepts the local Redis (noeviction)', async () => {
    const r = await checkRedis(REDIS_URL);
    expect(r.policy).toBe('noeviction');
  });

  it('names the fix when nothing listens', async () => {
    const port = await freePort();
    const err = await checkRedis(`redis://127.0.0.1:${port}`, 1_000).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RedisUnavailableError);
    expect((err as Error).message).toMatch(new RegExp(`cannot reach Redis at redis://127.0.0.1:${port} \\(.*ECONNREFUSED.*\\); start it .* or set REDIS_URL`));
  });

  it('hides the password of the URL in its message', async () => {
    const port = await freePort();
    const err = (await checkRedis(`redis://user:hunter2@127.0.0.1:${port}`, 1_000).catch((e: unknown) => e)) as Error;
    expect(err.message).toContain('redis://user:***@127.0.0.1');
    expect(err.message).not.toContain('hunter2');
  });

  it('refuses a Redis that may evict queued jobs', async () => {
    const err = await checkRedis(evicting.url).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RedisEvictionPolicyError);
    expect((err as Error).message).toMatch(/maxmemory-policy allkeys-lru, which can evict queued jobs; set it to noeviction/);
  });
});

describe('claimwatch start with a bad Redis, database or configuration', () => {
  async function start(env: Record<string, string>): Promise<{ code: number; stderr: string }> {
    const dir = tempDir();
    try {
      await run(BIN, ['start', '--role', 'worker'], { env: { ...process.env, DATA_DIR: dir.path, LOG_LEVEL: 'silent', ...env }, timeout: 30_000 });
      return { code: 0, stderr: '' };
    } catch (e) {
      const err = e as { code: number; stderr: string };
      return { code: err.code, stderr: err.stderr };
    } finally {
      dir.remove();
    }
  }

  it('prints one line and exits 1 when Redis is down', async () => {
    const port = await freePort();
    const r = await start({ REDIS_URL: `redis://127.0.0.1:${port}` });
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^claimwatch start: cannot reach Redis at .*; start it \(redis-server --port 6379\) or set REDIS_URL$/);
  });

  it('prints one line and exits 1 on an evicting Redis', async () => {
    const r = await start({ REDIS_URL: evicting.url });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/set it to noeviction/);
  });

  it('prints one line and exits 1 when PostgreSQL is down', async () => {
    const port = await freePort();
    const r = await start({ DATABASE_URL: `postgres://postgres:secret@127.0.0.1:${port}/test` });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^claimwatch start: cannot reach PostgreSQL at postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/test \(.*\); start the server or fix DATABASE_URL/);
  });

  it('prints one line and exits 1 on bad configuration', async () => {
    const r = await start({ PORT: 'http', WORKER_CONCURRENCY: '0' });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^claimwatch start: bad configuration: PORT must be a TCP port number; WORKER_CONCURRENCY must be at least 1/);
  });
});
