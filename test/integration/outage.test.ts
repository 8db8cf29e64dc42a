/**
 * Outages lose nothing: the database or Redis goes away while posts are flowing, comes back, and every
 * post still ends up stored and extracted exactly once, with no job failed for good. Each test runs its
 * own server on another port, never the shared ones.
 */
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { startApp, type App } from '../../src/app.ts';
import type { SourceConfig } from '../../src/config/sources.ts';
import { JOB_NAMES } from '../../src/queue/catalog.ts';
import { startOwnPostgres } from '../support/own-postgres.ts';
import { startOwnRedis } from '../support/own-redis.ts';
import { dropRedisPrefix, tempDir, testConfig, waitFor } from '../support/services.ts';

const FIXTURE = fileURLToPath(new URL('../fixtures/replay/pipeline.jsonl', import.meta.url));
// One post per poll, so the outage falls in the middle of the replay.
const sources: SourceConfig[] = [{ type: 'replay', id: 'fixture', file: FIXTURE, batch: 1, every: 300, enabled: true }];
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const count = async (app: App, table: 'posts' | 'claims') =>
  Number((await app.store.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

async function failedJobs(app: App): Promise<number> {
  let n = 0;
  for (const name of JOB_NAMES) n += (await app.queues.queue(name).getJobCounts('failed')).failed ?? 0;
  return n;
}

it('waits out a PostgreSQL outage in the middle of the pipeline', async () => {
  const pg = await startOwnPostgres();
  cleanups.push(() => pg.destroy());
  const dir = tempDir();
  cleanups.push(dir.remove);
  const app = await startApp({ config: testConfig('pglite', dir.path, { DATABASE_URL: pg.url }), sources, roles: ['worker', 'poller'] });
  cleanups.push(() => dropRedisPrefix(app.config.redis.prefix), () => app.stop());

  await waitFor(async () => (await count(app, 'claims')) >= 1, 'a first claim');
  pg.stop();
  // Polls and extractions fail while it is down; they must wait, not use up their attempts.
  await new Promise((r) => setTimeout(r, 6_000));
  pg.start();
  await waitFor(async () => (await count(app, 'claims').catch(() => 0)) === 5, 'all five claims after the outage', 60_000, 250);
  await waitFor(async () => (await app.queues.pending(['extract', 'match', 'alert'])) === 0, 'the queues to drain', 90_000);
  expect(await count(app, 'posts')).toBe(5);
  expect(await failedJobs(app)).toBe(0);
}, 240_000);

it('carries on after Redis restarts, with its queued work intact', async () => {
  const redis = await startOwnRedis(['--appendonly', 'yes', '--appendfsync', 'always']);
  cleanups.push(() => redis.stop());
  const dir = tempDir();
  cleanups.push(dir.remove);
  const app = await startApp({ config: testConfig('pglite', dir.path, { REDIS_URL: redis.url }), sources, roles: ['worker', 'poller'] });
  cleanups.push(() => app.stop());

  await waitFor(async () => (await count(app, 'claims')) >= 1, 'a first claim');
  await redis.pause();
  await new Promise((r) => setTimeout(r, 3_000));
  await redis.resume();
  await waitFor(async () => (await count(app, 'claims')) === 5, 'all five claims after the restart', 60_000, 250);
  await waitFor(async () => (await app.queues.pending(['extract', 'match', 'alert'])) === 0, 'the queues to drain', 90_000);
  expect(await count(app, 'posts')).toBe(5);
  expect(await failedJobs(app)).toBe(0);
}, 240_000);
