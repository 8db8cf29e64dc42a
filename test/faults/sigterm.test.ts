/**
 * SIGTERM drains: a worker told to stop while jobs are in flight finishes them (or leaves them waiting),
 * exits 0, and leaves no job active for stalled-job recovery to find; started again, the work completes
 * with nothing lost and nothing failed.
 */
import { afterEach, expect, it } from 'vitest';
import { audit, cleanAudit, faultPosts, feed, jobStates, progress, sleep, startCluster, waitUntilDone, type Cluster } from './harness.ts';
import { inventPosts } from './posts.ts';

const POSTS = faultPosts(600);
let cluster: Cluster | undefined;
afterEach(async () => {
  await cluster?.destroy();
  cluster = undefined;
});

it(`drains cleanly on SIGTERM while ${POSTS} posts are in flight, exits 0 and loses nothing`, async () => {
  const c = (cluster = await startCluster({ workers: 2 }));
  const posts = inventPosts(POSTS, 'term');
  const started = Date.now();
  await feed(c, posts, { batch: 100, pauseMs: 0 });

  // Stop one worker while it is up and the queues are busy, then the other: each must exit 0 of its own accord.
  const busy = async (i: number) => {
    for (;;) {
      if (c.workers[i]!.readyAt === undefined) {
        await sleep(100);
        continue;
      }
      const s = await jobStates(c, ['extract', 'match', 'alert']);
      if ((s['extract.active'] ?? 0) + (s['match.active'] ?? 0) + (s['alert.active'] ?? 0) > 0) return s;
      await sleep(100);
    }
  };
  const exits: { code: number | null; signal: NodeJS.Signals | null; ms: number }[] = [];
  for (const i of [0, 1]) {
    await busy(i);
    const t = Date.now();
    const exit = await Promise.race([c.stopWorker(i, 'SIGTERM'), sleep(30_000).then(() => ({ code: null, signal: null }))]);
    exits.push({ ...exit, ms: Date.now() - t });
  }
  expect(exits.map((e) => [e.code, e.signal]), `workers did not exit 0 on SIGTERM:\n${c.tails()}`).toEqual([
    [0, null],
    [0, null],
  ]);
  // Every process is gone: a job still marked active would be one a worker walked away from.
  const left = await jobStates(c, ['extract', 'match', 'alert']);
  const midway = await progress(c.store);
  expect(Object.keys(left).filter((k) => k.endsWith('.active') || k.endsWith('.failed'))).toEqual([]);

  c.spawnWorker(0);
  c.spawnWorker(1);
  const done = await waitUntilDone(c, POSTS, 180_000);
  const result = await audit(c, posts);
  console.log(
    `[faults] sigterm: ${POSTS} posts, 2 workers SIGTERMed while busy, exits ${JSON.stringify(exits)}, ${midway.claims} claims before the restart, ` +
      `left queued ${JSON.stringify(left)}; all done in ${Date.now() - started} ms`,
  );
  expect(midway.claims - midway.unmatched, 'work was left for the restarted workers').toBeLessThan(POSTS);
  expect(done.claims).toBe(POSTS);
  expect(result).toEqual(cleanAudit(POSTS));
}, 300_000);
