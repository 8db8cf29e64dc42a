/**
 * `claimwatch demo`: the whole service fed by the bundled replay of sample posts, on its own store and
 * queue prefix, started fresh each time so a new user sees claims and incidents within a minute.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startApp, type App } from '../app.ts';
import { loadConfig, type Config } from '../config/env.ts';
import type { SourceConfig } from '../config/sources.ts';
import { createRedis } from '../queue/redis.ts';
import { JobQueues } from '../queue/runtime.ts';
import { JOB_NAMES } from '../queue/catalog.ts';
import { DEMO_LOGIN, followDemoAlerts } from './demoAlerts.ts';
import { CliError, parseFlags } from './jsonl.ts';
import { runUntilStopped } from './service.ts';

export const DEMO_FILE = fileURLToPath(new URL('../../config/demo/posts.jsonl', import.meta.url));
const DEMO_SCHEMA = 'claimwatch_demo';

export const demoHelp = `claimwatch demo [--port N] [--file FILE.jsonl] [--exit-when-done] [--timeout SECONDS]

Runs the whole service (API, UI, workers, pollers) fed by a bundled replay of sample posts (invented
incidents, config/demo/posts.jsonl), on a store of its own (DATA_DIR/demo, or the schema
${DEMO_SCHEMA} when DATABASE_URL is set) and queues prefixed QUEUE_PREFIX-demo, both emptied at start.
Prints progress; --exit-when-done stops once every post is through the pipeline and prints a summary.`;

interface Progress {
  posts: number;
  claims: number;
  incidents: number;
  byStatus: Record<string, number>;
  pending: number;
}

async function progress(app: App): Promise<Progress> {
  const db = app.store.db;
  const n = async (t: 'posts' | 'claims' | 'incidents') => Number((await db.selectFrom(t).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await db.selectFrom('incidents').select(['status', (eb) => eb.fn.countAll<string>().as('n')]).groupBy('status').execute();
  return {
    posts: await n('posts'),
    claims: await n('claims'),
    incidents: await n('incidents'),
    byStatus: Object.fromEntries(rows.map((r) => [r.status, Number(r.n)])),
    pending: await app.queues.pending(['extract', 'match', 'alert', 'deliver']),
  };
}

function countPosts(file: string): number {
  const seen = new Set<string>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      const o = JSON.parse(line) as { id?: unknown; version?: unknown; deleted?: unknown };
      if (!o.deleted) seen.add(`${String(o.id)}#${String(o.version ?? 1)}`);
    } catch {
      // reported by the replay source when it reaches the line
    }
  }
  return seen.size;
}

/** Empties the demo's queues so jobs of an earlier run never act on the new store. */
async function resetQueues(config: Config): Promise<void> {
  const conn = createRedis(config.redis.url);
  const queues = new JobQueues(conn, config.redis.prefix);
  try {
    for (const name of JOB_NAMES) await queues.queue(name).obliterate({ force: true });
  } finally {
    await queues.close();
    conn.disconnect();
  }
}

export async function run(args: string[]): Promise<void> {
  const { flags } = parseFlags(args, { port: 'string', file: 'string', 'exit-when-done': 'boolean', timeout: 'string', help: 'boolean' });
  if (flags.help) return void console.log(demoHelp);
  const base = loadConfig(process.env);
  const config = loadConfig(process.env, {
    DATA_DIR: join(base.store.dataDir, 'demo'),
    QUEUE_PREFIX: `${base.redis.prefix}-demo`,
    ...(typeof flags.port === 'string' ? { PORT: flags.port } : {}),
    ROLES: 'api,worker,poller',
    // The demo talks through its progress lines; pipeline logs only when something goes wrong.
    LOG_LEVEL: process.env.LOG_LEVEL || 'warn',
  });
  const file = typeof flags.file === 'string' ? flags.file : DEMO_FILE;
  let expected: number;
  try {
    expected = countPosts(file);
  } catch (e) {
    throw new CliError(`cannot read the demo posts ${file} (${(e as Error).message})`, 1);
  }
  const timeoutS = typeof flags.timeout === 'string' ? Number(flags.timeout) : 300;
  if (!Number.isFinite(timeoutS) || timeoutS <= 0) throw new CliError('--timeout takes a number of seconds');

  const { checkRedis } = await import('../queue/redis.ts');
  await checkRedis(config.redis.url);
  await resetQueues(config);
  const sources: SourceConfig[] = [{ type: 'replay', id: 'demo', file, batch: 5, every: 1_000, enabled: true }];
  const app = await startApp({ config, sources, storeSchema: DEMO_SCHEMA, freshStore: true });
  console.error(`claimwatch demo: replaying ${expected} sample posts; API and UI at ${app.url}/ (Ctrl-C stops)`);
  console.error(`claimwatch demo: sign in at ${app.url}/ui/login as "${DEMO_LOGIN.name}" with password "${DEMO_LOGIN.password}" (a moderator of this demo store only)`);
  const streamAbort = new AbortController();
  const alertsSeen = await followDemoAlerts(app, streamAbort.signal, (line) => console.error(line));

  const started = Date.now();
  let last = '';
  const report = async (): Promise<Progress> => {
    const p = await progress(app);
    const statuses = Object.entries(p.byStatus).map(([k, v]) => `${v} ${k.replace('_', ' ')}`).join(', ');
    const line = `demo: ${p.posts}/${expected} posts, ${p.claims} claims, ${p.incidents} incidents${statuses ? ` (${statuses})` : ''}, ${alertsSeen()} alerts, ${p.pending} jobs pending`;
    if (line !== last) console.error(line);
    last = line;
    return p;
  };
  // Progress every second; with --exit-when-done, resolves once every post is through the pipeline.
  let timer: NodeJS.Timeout | undefined;
  const finished = new Promise<void>((resolve) => {
    timer = setInterval(() => {
      void report()
        .then((p) => {
          if (!flags['exit-when-done']) return;
          if (p.posts >= expected && p.pending === 0) {
            console.error(`claimwatch demo: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
            resolve();
          } else if (Date.now() - started > timeoutS * 1000) {
            console.error(`claimwatch demo: not finished after ${timeoutS} s (${p.posts}/${expected} posts, ${p.pending} jobs pending); see the log above for failing jobs`);
            process.exitCode = 1;
            resolve();
          }
        })
        .catch((e: unknown) => app.log.warn({ err: { message: (e as Error).message } }, 'demo progress check failed'));
    }, 1_000);
  });
  try {
    await runUntilStopped(app, flags['exit-when-done'] ? finished : undefined);
  } finally {
    clearInterval(timer);
    streamAbort.abort();
  }
}
