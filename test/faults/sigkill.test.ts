/**
 * Workers SIGKILLed over and over while posts flow: a killed process's jobs are taken back by the others
 * (BullMQ stalled-job recovery) or by its restart, and every post still ends up with exactly one claim,
 * matched into one incident and alerted; no job fails.
 */
import { afterEach, expect, it } from 'vitest';
import { audit, cleanAudit, faultPosts, feed, progress, sleep, startCluster, waitUntilDone, type Cluster } from './harness.ts';
import { inventPosts } from './posts.ts';
import { rng } from './posts.ts';

const POSTS = faultPosts(10_000);
const WORKERS = 3;
const KILL_EVERY_MS = 5_000;
/** A worker is killed only once it has been taking jobs this long: booting (tsx, the gazetteer) takes seconds on 2 busy cores, and a worker killed before it works tests nothing. */
const MIN_UP_MS = 10_000;
let cluster: Cluster | undefined;
afterEach(async () => {
  await cluster?.destroy();
  cluster = undefined;
});

it(`loses and duplicates nothing of ${POSTS} posts while a random worker is SIGKILLed every ${KILL_EVERY_MS / 1000} s`, async () => {
  const c = (cluster = await startCluster({ workers: WORKERS, redisArgs: ['--appendonly', 'yes', '--appendfsync', 'everysec'] }));
  const posts = inventPosts(POSTS, 'kill');
  const started = Date.now();
  const feeding = feed(c, posts, { batch: 100, pauseMs: 50 });
  const random = rng(42);
  let kills = 0;
  let stopKilling = false;
  const killer = (async () => {
    while (!stopKilling) {
      await sleep(KILL_EVERY_MS);
      if (stopKilling) break;
      const up = c.workers.filter((w) => w.readyAt !== undefined && Date.now() - w.readyAt >= MIN_UP_MS);
      if (!up.length) continue;
      const i = up[Math.floor(random() * up.length)]!.index;
      const exit = await c.stopWorker(i, 'SIGKILL');
      expect(exit.signal).toBe('SIGKILL');
      kills++;
      c.spawnWorker(i);
    }
  })();
  // Kill while posts are fed and until nine in ten claims are matched (every stage is hit), then let them finish.
  await feeding;
  const fedMs = Date.now() - started;
  for (;;) {
    const p = await progress(c.store);
    if (process.env.FAULT_VERBOSE) console.log(`[faults] ${Date.now() - started} ms, ${kills} kills: ${JSON.stringify(p)}`);
    if (p.claims - p.unmatched >= 0.9 * POSTS) break;
    await sleep(process.env.FAULT_VERBOSE ? 5_000 : 500);
  }
  stopKilling = true;
  await killer;
  const done = await waitUntilDone(c, POSTS, 240_000);
  const result = await audit(c, posts);
  const ms = Date.now() - started;
  console.log(`[faults] sigkill: ${POSTS} posts, ${WORKERS} workers, ${kills} SIGKILLs (every ${KILL_EVERY_MS} ms, of workers up at least ${MIN_UP_MS} ms), fed in ${fedMs} ms, all done in ${ms} ms; ${JSON.stringify(done)}`);
  expect(kills).toBeGreaterThan(0);
  expect(result).toEqual(cleanAudit(POSTS));
}, Math.max(420_000, POSTS * 90));
