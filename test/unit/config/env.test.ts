import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config/env.ts';
import { parseSources } from '../../../src/config/sources.ts';

describe('environment config', () => {
  it('has working defaults for a fresh machine', () => {
    const c = loadConfig({});
    expect(c.store.databaseUrl).toBeUndefined();
    expect(c.store.dataDir).toBe('./data');
    expect(c.redis.url).toBe('redis://127.0.0.1:6379');
    expect(c.roles).toEqual(['api', 'worker', 'poller']);
    expect(c.http.port).toBe(8080);
    expect(c.metrics).toEqual({ public: false, port: undefined });
    expect(loadConfig({ METRICS_PUBLIC: 'true', METRICS_PORT: '9464' }).metrics).toEqual({ public: true, port: 9464 });
    expect(Object.isFrozen(c) && Object.isFrozen(c.redis)).toBe(true);
  });

  it('reads the reconcile interval and worker lock, holding back at most a minute of work from a sweep', () => {
    expect(loadConfig({}).reconcile).toEqual({ everyMs: 300_000, olderThanMs: 60_000 });
    expect(loadConfig({ RECONCILE_EVERY_MS: '5000', WORKER_LOCK_MS: '10000' })).toMatchObject({ reconcile: { everyMs: 5_000, olderThanMs: 5_000 }, workerLockMs: 10_000 });
    expect(loadConfig({}).workerLockMs).toBe(30_000);
    expect(() => loadConfig({ RECONCILE_EVERY_MS: '10' })).toThrow('RECONCILE_EVERY_MS must be at least 1000 (one second)');
    expect(() => loadConfig({ WORKER_LOCK_MS: 'soon' })).toThrow('WORKER_LOCK_MS must be a whole number');
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' }).http.port).toBe(8080);
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT must be a TCP port number/],
    [{ PORT: '70000' }, /PORT must be 0-65535/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL must look like postgres:\/\//],
    [{ REDIS_URL: 'localhost:6379' }, /REDIS_URL must look like redis:\/\//],
    [{ ROLES: 'api,cron' }, /ROLES must be a comma list of api, worker, poller \(got "api,cron"\)/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of fatal/],
    [{ QUEUE_PREFIX: 'a:b' }, /QUEUE_PREFIX may hold letters/],
    [{ SESSION_SECRET: 'short' }, /SESSION_SECRET must be at least 32 characters/],
    [{ METRICS_PORT: 'nine' }, /METRICS_PORT must be a TCP port number/],
    [{ METRICS_PUBLIC: 'maybe' }, /METRICS_PUBLIC/],
  ])('rejects %o with a message naming the fix', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('reports every problem on one line', () => {
    try {
      loadConfig({ PORT: 'x', ROLES: 'nope' });
      expect.unreachable();
    } catch (e) {
      expect((e as Error).message).not.toContain('\n');
      expect((e as Error).message).toMatch(/PORT.*; ROLES/);
    }
  });
});

describe('sources config', () => {
  it('applies defaults and converts durations', () => {
    const [x, rss, replay] = parseSources(
      {
        sources: [
          { type: 'x', id: 'x1', accounts: ['@OIRSpox'] },
          { type: 'rss', id: 'feed', url: 'https://example.org/rss', name: 'Feed', every: '90s' },
          { type: 'replay', id: 'r', file: 'x.jsonl' },
        ],
      },
      'test.json',
    );
    expect(x).toMatchObject({ mode: 'timeline', accounts: ['OIRSpox'], every: 60_000, include: { retweets: false, replies: 'same_author' } });
    expect(rss).toMatchObject({ every: 90_000, sourceKind: 'news' });
    expect(replay).toMatchObject({ batch: 20, every: 2_000 });
  });

  it('names the file, the entry and the field', () => {
    expect(() => parseSources({ sources: [{ type: 'rss', id: 'a', url: 'not a url', name: 'A' }] }, 'cfg.json')).toThrow(
      /^cfg\.json: sources\[0\]\.url: must be the feed URL/,
    );
    expect(() => parseSources({ sources: [{ type: 'x', id: 'a', accounts: ['has space'] }] }, 'cfg.json')).toThrow(/sources\[0\]\.accounts\[0\]: must be an X handle/);
    expect(() =>
      parseSources({ sources: [{ type: 'replay', id: 'a', file: 'f' }, { type: 'replay', id: 'a', file: 'g' }] }, 'cfg.json'),
    ).toThrow(/sources\[1\]\.id: duplicate source id "a"/);
    expect(() => parseSources({ sources: [{ type: 'replay', id: 'a', file: 'f', every: 'soon' }] }, 'cfg.json')).toThrow(/every: must be a duration/);
  });
});

describe('shipped sources files', () => {
  it.each(['config/sources.json', 'config/sources.example.json'])('%s is valid', async (file) => {
    const { loadSourcesFile } = await import('../../../src/config/sources.ts');
    const { fileURLToPath } = await import('node:url');
    const sources = loadSourcesFile(fileURLToPath(new URL(`../../../${file}`, import.meta.url)));
    expect(sources.length).toBeGreaterThan(0);
  });
});
