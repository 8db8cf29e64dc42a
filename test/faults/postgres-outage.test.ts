/**
 * PostgreSQL stopped for 30 s mid-run: jobs that fail while it is away are postponed without spending
 * attempts (WorkerPool's storeHealthy check), the feeder retries its batches, and when it is back every
 * post is finished with no job failed.
 */
import { afterEach, expect, it } from 'vitest';
import { audit, cleanAudit, faultPosts, feed, progress, sleep, startCluster, waitUntilDone, type Cluster } from './harness.ts';
import { inventPosts } from './posts.ts';

const POSTS = faultPosts(1_000);
const DOWN_MS = 30_000;
let cluster: Cluster | undefined;
afterEach(async () => {
  await cluster?.destroy();
  cluster = undefined;
});

it(`finishes all ${POSTS} posts with no failed job after PostgreSQL is stopped for ${DOWN_MS / 1000} s`, async () => {
  const c = (cluster = await startCluster({ workers: 2 }));
  const posts = inventPosts(POSTS, 'pg');
  const started = Date.now();
  const feeding = feed(c, posts, { batch: 20, pauseMs: 150 });

  for (;;) {
    const p = await progress(c.store);
    if (p.claims >= POSTS / 5) break;
    await sleep(250);
  }
  const at = await progress(c.store);
  c.pg.stop();
  const stoppedAt = Date.now();
  await sleep(DOWN_MS);
  c.pg.start();
  const { retries } = await feeding;
  const done = await waitUntilDone(c, POSTS, 180_000);
  const result = await audit(c, posts);
  console.log(
    `[faults] postgres-outage: ${POSTS} posts, PostgreSQL stopped at ${stoppedAt - started} ms (${at.claims} claims) for ${DOWN_MS} ms; ` +
      `${retries} feed batches retried; all done in ${Date.now() - started} ms; ${JSON.stringify(done)}`,
  );
  expect(at.posts, 'posts were still arriving when the database stopped').toBeLessThan(POSTS);
  expect(result).toEqual(cleanAudit(POSTS));
}, 300_000);
