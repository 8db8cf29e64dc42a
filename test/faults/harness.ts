/**
 * The fault suite's cluster: a private PostgreSQL and a private redis-server (never the shared ones), a
 * few `claimwatch start --role worker` processes that can be SIGKILLed, SIGTERMed and started again, a
 * feeder that ingests invented posts through the one ingestion path (ingestBatch, retrying a batch when
 * Redis or the database is away, as a poll job would), and the checks that every post ended up with
 * exactly one claim, matched and alerted, with no job failed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { sql } from 'kysely';
import { pino } from 'pino';
import { ingestBatch } from '../../workers/poll.ts';
import type { IncomingPost } from '../../src/domain/post.ts';
import { extractClaim, EXTRACTOR_VERSION } from '../../src/extract/index.ts';
import { JOB_NAMES, type JobName } from '../../src/queue/catalog.ts';
import { createRedis } from '../../src/queue/redis.ts';
import { JobQueues } from '../../src/queue/runtime.ts';
import { openStore, type Store } from '../../src/store/db.ts';
import { startOwnPostgres, type OwnPostgres } from '../support/own-postgres.ts';
import { startOwnRedis, type OwnRedis } from '../support/own-redis.ts';
import { tempDir, uniqueName } from '../support/services.ts';

const BIN = fileURLToPath(new URL('../../bin/claimwatch', import.meta.url));
const quiet = pino({ level: 'silent' });

/** Posts per fault test: FAULT_POSTS, else the CI value (docs/faults.md says why). */
export function faultPosts(ciDefault: number): number {
  const n = Number(process.env.FAULT_POSTS ?? ciDefault);
  if (!Number.isInteger(n) || n < 1) throw new Error(`FAULT_POSTS must be a positive whole number (got "${process.env.FAULT_POSTS}")`);
  return n;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface WorkerProcess {
  readonly index: number;
  child: ChildProcess;
  /** The last lines it wrote (warnings and errors), for a failure message. */
  tail: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  starts: number;
  /** Its reconcile sweeps that re-enqueued work: why, and how many jobs per queue. */
  sweeps: { why: string; time: string; extract: number; match: number; alert: number; deliver: number }[];
  /** When it logged that it started (its workers take jobs), or undefined while it boots. */
  readyAt: number | undefined;
}

export interface Cluster {
  pg: OwnPostgres;
  redis: OwnRedis;
  prefix: string;
  store: Store;
  queues: JobQueues;
  workers: WorkerProcess[];
  spawnWorker(index: number): WorkerProcess;
  /** Sends `signal` and waits for the process to exit. */
  stopWorker(index: number, signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Worker output of every process, for a failure message. */
  tails(): string;
  destroy(): Promise<void>;
}

export interface ClusterOptions {
  workers: number;
  redisArgs?: string[];
  env?: Record<string, string>;
}

export async function startCluster(o: ClusterOptions): Promise<Cluster> {
  const pg = await startOwnPostgres();
  const redis = await startOwnRedis(o.redisArgs ?? []);
  const dir = tempDir('claimwatch-faults-');
  const prefix = uniqueName('cwfault');
  const store = await openStore({ databaseUrl: pg.url, poolSize: 4 });
  const conn = createRedis(redis.url);
  const queues = new JobQueues(conn, prefix);
  const workers: WorkerProcess[] = [];

  const spawnWorker = (index: number): WorkerProcess => {
    const child = spawn(BIN, ['start', '--role', 'worker'], {
      env: {
        ...process.env,
        NODE_ENV: 'test',
        DATABASE_URL: pg.url,
        REDIS_URL: redis.url,
        QUEUE_PREFIX: prefix,
        DATA_DIR: dir.path,
        // info: the start line tells when the process takes jobs; only warnings and errors are kept.
        LOG_LEVEL: 'info',
        WORKER_CONCURRENCY: '4',
        RECONCILE_EVERY_MS: '5000',
        // A killed worker's jobs come back within about 2 x 10 s instead of 2 x 30 s.
        WORKER_LOCK_MS: '10000',
        ...o.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const w: WorkerProcess = {
      index,
      child,
      tail: [],
      exited: new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal }))),
      starts: (workers[index]?.starts ?? 0) + 1,
      readyAt: undefined,
      sweeps: workers[index]?.sweeps ?? [],
    };
    // A log line can arrive split over two chunks; sweeps are read from whole lines only (one buffer per stream).
    const keeper = () => {
      let partial = '';
      return (d: Buffer) => {
        const text = d.toString();
        const joined = partial + text;
        if (w.readyAt === undefined && joined.includes('"msg":"claimwatch started"')) w.readyAt = Date.now();
        const lines = joined.split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines) if (line.includes('"msg":"re-enqueued unfinished work from the database"')) w.sweeps.push(JSON.parse(line) as WorkerProcess['sweeps'][number]);
        if (!/"level":[4-6]0|Error/.test(text)) return;
        w.tail.push(...text.split('\n').filter((l) => l && !/"level":[123]0,/.test(l)));
        if (w.tail.length > 40) w.tail.splice(0, w.tail.length - 40);
      };
    };
    child.stdout!.on('data', keeper());
    child.stderr!.on('data', keeper());
    workers[index] = w;
    return w;
  };
  for (let i = 0; i < o.workers; i++) spawnWorker(i);

  return {
    pg,
    redis,
    prefix,
    store,
    queues,
    workers,
    spawnWorker,
    async stopWorker(index, signal) {
      const w = workers[index]!;
      if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill(signal);
      return w.exited;
    },
    tails: () => workers.map((w) => `--- worker ${w.index} (start ${w.starts}):\n${w.tail.join('\n')}`).join('\n'),
    async destroy() {
      for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
      await Promise.all(workers.map((w) => w.exited));
      await queues.close().catch(() => {});
      conn.disconnect();
      await store.close().catch(() => {});
      await redis.stop();
      pg.destroy();
      dir.remove();
    },
  };
}

/**
 * Ingests `posts` in batches through ingestBatch, `pauseMs` apart. A batch that fails (Redis or the
 * database away) is tried again after a short wait, as the poll job would be: storing is idempotent.
 */
export async function feed(c: Cluster, posts: readonly IncomingPost[], o: { batch: number; pauseMs: number; stop?: AbortSignal }): Promise<{ retries: number }> {
  let retries = 0;
  for (let i = 0; i < posts.length; i += o.batch) {
    const batch = posts.slice(i, i + o.batch);
    for (;;) {
      if (o.stop?.aborted) return { retries };
      try {
        await ingestBatch({ store: c.store, queues: c.queues }, 'fault-feed', { posts: batch, deletions: [] }, quiet);
        break;
      } catch {
        retries++;
        await sleep(500);
      }
    }
    if (o.pauseMs) await sleep(o.pauseMs);
  }
  return { retries };
}

export interface Progress {
  posts: number;
  claims: number;
  /** Posts without a claim. */
  unextracted: number;
  /** Current claims without an incident. */
  unmatched: number;
  /** Events whose alert job has not run. */
  unalerted: number;
}

const n = (v: unknown) => Number(v);

export async function progress(store: Store): Promise<Progress> {
  const r = await sql<{ posts: string; claims: string; unextracted: string; unmatched: string; unalerted: string }>`
    select (select count(*) from posts) as posts,
           (select count(*) from claims) as claims,
           (select count(*) from posts p where not exists (select 1 from claims c where c.post_id = p.id)) as unextracted,
           (select count(*) from claims where incident_id is null and is_current) as unmatched,
           (select count(*) from events where alerted_at is null) as unalerted`.execute(store.db);
  const row = r.rows[0]!;
  return { posts: n(row.posts), claims: n(row.claims), unextracted: n(row.unextracted), unmatched: n(row.unmatched), unalerted: n(row.unalerted) };
}

/** Jobs per state over every queue, read from the private Redis. */
export async function jobStates(c: Cluster, names: readonly JobName[] = JOB_NAMES): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const name of names) {
    const counts = await c.queues.queue(name).getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'failed');
    for (const [k, v] of Object.entries(counts)) if (v) out[`${name}.${k}`] = v;
  }
  return out;
}

/** Waits until all `total` posts are stored, extracted, matched and alerted, or throws with where it stood. */
export async function waitUntilDone(c: Cluster, total: number, timeoutMs: number, onTick?: () => Promise<void>): Promise<Progress> {
  const deadline = Date.now() + timeoutMs;
  let last: Progress | undefined;
  while (Date.now() < deadline) {
    last = await progress(c.store).catch(() => last);
    if (last && last.posts === total && last.unextracted === 0 && last.unmatched === 0 && last.unalerted === 0) return last;
    if (onTick) await onTick();
    await sleep(1_000);
    if (process.env.FAULT_VERBOSE) console.log(`[faults] ${Math.round((Date.now() - deadline + timeoutMs) / 1000)} s: ${JSON.stringify(last)}`);
  }
  throw new Error(`not done after ${timeoutMs} ms: ${JSON.stringify(last)}; jobs ${JSON.stringify(await jobStates(c).catch(() => ({})))}\n${c.tails()}`);
}

export interface Audit {
  posts: number;
  claims: number;
  /** Posts with more than one claim for this extractor (must be none: zero duplicated). */
  duplicated: number;
  /** Posts without a claim (must be none: zero lost). */
  lost: number;
  unmatched: number;
  unalerted: number;
  /** Claims listed as members of more than one open incident, or more than once in one. */
  doubleMembers: number;
  /** Sampled posts whose stored claim differs from extracting the post again here. */
  mismatched: number;
  failedJobs: number;
}

/** The end-of-run checks: every post has exactly its expected claim, matched once and alerted; no job failed. */
export async function audit(c: Cluster, posts: readonly IncomingPost[], sample = 50): Promise<Audit> {
  const p = await progress(c.store);
  const dup = await sql<{ n: string }>`select count(*) as n from (select post_id from claims where extractor_version = ${EXTRACTOR_VERSION} group by post_id having count(*) > 1) d`.execute(c.store.db);
  const members = await sql<{ n: string }>`
    select count(*) as n from (
      select m->>'id' as id from incidents i, jsonb_array_elements(i.members) m where i.merged_into is null
      group by m->>'id' having count(*) > 1) d`.execute(c.store.db);
  const byId = new Map(posts.map((x) => [x.externalId, x]));
  const stored = await c.store.db
    .selectFrom('claims as c')
    .innerJoin('posts as p', 'p.id', 'c.post_id')
    .select(['p.external_id', 'c.data'])
    .orderBy(sql`md5(p.external_id)`)
    .limit(sample)
    .execute();
  let mismatched = 0;
  for (const s of stored) {
    const post = byId.get(s.external_id);
    if (!post) {
      mismatched++;
      continue;
    }
    const again = extractClaim({ text: post.text, postedAt: post.postedAt, source: { kind: post.sourceKind, name: post.sourceName ?? post.author, account: post.author } });
    // jsonb keeps keys in its own order: compare values, not text.
    if (!isDeepStrictEqual(JSON.parse(JSON.stringify(again)), s.data)) mismatched++;
  }
  const failed = await jobStates(c);
  const failedJobs = Object.entries(failed).filter(([k]) => k.endsWith('.failed')).reduce((a, [, v]) => a + v, 0);
  return {
    posts: p.posts,
    claims: p.claims,
    duplicated: n(dup.rows[0]!.n),
    lost: p.unextracted,
    unmatched: p.unmatched,
    unalerted: p.unalerted,
    doubleMembers: n(members.rows[0]!.n),
    mismatched,
    failedJobs,
  };
}

/** What a clean run's audit must be for `total` posts. */
export function cleanAudit(total: number): Audit {
  return { posts: total, claims: total, duplicated: 0, lost: 0, unmatched: 0, unalerted: 0, doubleMembers: 0, mismatched: 0, failedJobs: 0 };
}
