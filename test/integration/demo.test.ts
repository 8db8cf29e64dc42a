/**
 * `claimwatch demo`, run as a new user runs it: the bundled replay goes through BullMQ on the local Redis
 * into the embedded store, and the posts, claims and events are there afterwards.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, expect, it } from 'vitest';
import { DEMO_FILE } from '../../src/cli/demo.ts';
import { openStore } from '../../src/store/db.ts';
import { dropRedisPrefix, REDIS_URL, tempDir, uniqueName } from '../support/services.ts';

const run = promisify(execFile);
const BIN = fileURLToPath(new URL('../../bin/claimwatch', import.meta.url));
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

it('stores claims from the bundled replay into PGlite through BullMQ on the local Redis', async () => {
  const dir = tempDir();
  const prefix = uniqueName('cwdemo');
  cleanups.push(dir.remove, () => dropRedisPrefix(`${prefix}-demo`));
  const lines = readFileSync(DEMO_FILE, 'utf8').split('\n').filter((l) => l.trim());
  const { stderr } = await run(BIN, ['demo', '--exit-when-done', '--port', '0', '--timeout', '120'], {
    env: { ...process.env, DATA_DIR: dir.path, QUEUE_PREFIX: prefix, REDIS_URL, DATABASE_URL: '', LOG_LEVEL: 'warn' },
    timeout: 150_000,
  });
  expect(stderr).toMatch(/claimwatch demo: replaying \d+ sample posts; API and UI at http:\/\/127\.0\.0\.1:\d+\//);
  expect(stderr).toMatch(/claimwatch demo: done in/);
  // The demo's researcher subscription sees incidents become corroborated and disputed, live.
  expect(stderr).toMatch(/^alert: incident \d+ corroborated by .+ on /m);
  expect(stderr).toMatch(/^alert: incident \d+ disputed: .+ says .+ vs .+ says /m);
  expect(stderr).toMatch(/sign in at http:\/\/127\.0\.0\.1:\d+\/ui\/login as "demo"/);

  const store = await openStore({ dataDir: join(dir.path, 'demo', 'pglite') });
  cleanups.push(() => store.close());
  const n = async (t: 'posts' | 'claims' | 'events') => Number((await store.db.selectFrom(t).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  const posts = await n('posts');
  expect(posts).toBeGreaterThan(0);
  expect(posts).toBeLessThanOrEqual(lines.length);
  expect(await n('claims')).toBe(posts);
  expect(await n('events')).toBeGreaterThanOrEqual(posts);
  // The replay went through the queues: BullMQ keeps completed extract jobs under the demo prefix.
  const { Redis } = await import('ioredis');
  const r = new Redis(REDIS_URL);
  cleanups.push(() => void r.disconnect());
  expect(await r.zcard(`${prefix}-demo:extract:completed`)).toBe(posts);
  const withCounts = await store.db.selectFrom('claims').select('data').execute();
  expect(withCounts.filter((c) => c.data.event_time !== null).length).toBeGreaterThan(posts / 2);
  expect(withCounts.filter((c) => c.data.quantities.length > 0).length).toBeGreaterThan(posts / 2);
  expect(withCounts.filter((c) => c.data.locations.some((l) => l.lat !== null)).length).toBeGreaterThan(posts / 2);
  // Reports of one incident met: fewer incidents than posts, some corroborated, some disputed.
  const statuses = await store.db.selectFrom('incidents').select('status').where('merged_into', 'is', null).execute();
  expect(statuses.length).toBeLessThan(posts);
  expect(statuses.map((s) => s.status)).toEqual(expect.arrayContaining(['corroborated', 'disputed']));
}, 180_000);
