/**
 * `claimwatch backfill @handle --since DATE`: pages an account's history through the same adapter code
 * and store path as the pollers (posts stored idempotently, extraction enqueued for the workers), with
 * progress lines on stderr (pages, posts, rate-limit waits). Interrupted, it resumes where it stopped.
 */
import { join } from 'node:path';
import type { Logger } from 'pino';
import { ingestBatch } from '../../workers/poll.ts';
import { loadConfig, type Config } from '../config/env.ts';
import { loadSourcesFile, xSourceSchema, type XSourceConfig } from '../config/sources.ts';
import { createLogger } from '../log.ts';
import { checkRedis, createRedis } from '../queue/redis.ts';
import { JobQueues } from '../queue/runtime.ts';
import { SourceRateLimitedError } from '../sources/types.ts';
import { XApi } from '../sources/x/api.ts';
import { XTimelineBackfill } from '../sources/x/backfill.ts';
import { openStore, type Store } from '../store/db.ts';
import { getBackfill, saveBackfill } from '../store/ingest.ts';
import { CliError, parseFlags } from './jsonl.ts';

export const backfillHelp = `claimwatch backfill @HANDLE --since YYYY-MM-DD [--until YYYY-MM-DD] [--source ID] [--restart]

Reads an X account's posts since a date (user timeline, newest first, 100 per page), stores them like the
pollers do and enqueues their extraction for the workers (run \`claimwatch start\` to process them).
Progress goes to stderr: one line per page with posts read and stored, and every rate-limit wait (the
backfill sleeps until X's reset, never sends before it). The include options (retweets, quotes, replies)
and source kind come from the X source in SOURCES_FILE that lists the account (or --source ID), else the
defaults. Run again with the same arguments to resume an interrupted backfill; --restart starts over.
X serves only the newest 3,200 posts of a timeline; older ones are reported as out of reach.
Needs X_BEARER_TOKEN, Redis (REDIS_URL) and the store (DATA_DIR or DATABASE_URL).`;

export interface BackfillOptions {
  config: Config;
  handle: string;
  since: Date;
  until?: Date;
  source?: XSourceConfig;
  restart?: boolean;
  store: Store;
  queues: JobQueues;
  /** Progress lines (stderr by default). */
  progress?: (line: string) => void;
  log?: Logger;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  signal?: AbortSignal;
}

export interface BackfillSummary {
  account: string;
  since: string;
  pages: number;
  posts: number;
  inserted: number;
  rateLimitWaits: number;
  resumed: boolean;
  warnings: string[];
}

function day(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function parseDate(s: string, flag: string): Date {
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T00:00:00Z` : s);
  if (Number.isNaN(d.getTime())) throw new CliError(`${flag} must be a date such as 2021-03-01 (got "${s}")`);
  return d;
}

export async function backfill(o: BackfillOptions): Promise<BackfillSummary> {
  const progress = o.progress ?? ((l: string) => process.stderr.write(`${l}\n`));
  const now = o.now ?? (() => new Date());
  const signal = o.signal ?? new AbortController().signal;
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const log = o.log ?? createLogger('warn');
  if (!o.config.x.bearerToken) throw new CliError('X_BEARER_TOKEN is not set; paste the app-only Bearer token from the X developer portal', 1);
  const source = o.source ?? xSourceSchema.parse({ type: 'x', id: 'backfill', accounts: [o.handle] });
  const id = `x:${o.handle.toLowerCase()}:${day(o.since)}${o.until ? `:${day(o.until)}` : ''}`;
  const api = new XApi({ bearerToken: o.config.x.bearerToken, baseUrl: o.config.x.baseUrl, now });
  const adapter = new XTimelineBackfill(id, api, o.handle, source, o.since, o.until);
  const prior = o.restart ? undefined : await getBackfill(o.store.db, id);
  let cursor: unknown = prior && !prior.finishedAt ? prior.cursor : null;
  const summary: BackfillSummary = {
    account: o.handle,
    since: day(o.since),
    pages: prior && !prior.finishedAt ? prior.pages : 0,
    posts: prior && !prior.finishedAt ? prior.posts : 0,
    inserted: 0,
    rateLimitWaits: prior && !prior.finishedAt ? prior.rateLimitWaits : 0,
    resumed: !!(prior && !prior.finishedAt),
    warnings: [],
  };
  progress(
    summary.resumed
      ? `backfill @${o.handle} since ${day(o.since)}: resuming after page ${summary.pages} (${summary.posts} posts so far)`
      : `backfill @${o.handle} since ${day(o.since)}${o.until ? ` until ${day(o.until)}` : ''}: starting`,
  );
  try {
    for (;;) {
      signal.throwIfAborted();
      let r;
      try {
        r = await adapter.fetch(cursor, { signal, log, now });
      } catch (e) {
        if (!(e instanceof SourceRateLimitedError)) throw e;
        summary.rateLimitWaits++;
        const waitMs = Math.max(0, e.resetAt.getTime() - now().getTime());
        progress(`  rate limited: waiting ${Math.ceil(waitMs / 1000)} s, until ${e.resetAt.toISOString()} (X's reset)`);
        await saveBackfill(o.store.db, id, { cursor, pages: summary.pages, posts: summary.posts, rateLimitWaits: summary.rateLimitWaits });
        await sleep(waitMs);
        continue;
      }
      const counts = await ingestBatch(o, id, r, log);
      cursor = r.cursor;
      summary.pages++;
      summary.posts += counts.fetched;
      summary.inserted += counts.inserted;
      for (const w of r.warnings ?? []) {
        summary.warnings.push(w);
        progress(`  warning: ${w}`);
      }
      const budget = r.rateLimit ? `; budget ${r.rateLimit.remaining}${r.rateLimit.limit !== undefined ? `/${r.rateLimit.limit}` : ''} until ${r.rateLimit.resetAt.toISOString().slice(11, 19)}Z` : '';
      progress(`  page ${summary.pages}: ${counts.fetched} posts (${counts.inserted} new), ${summary.posts} in all${budget}`);
      await saveBackfill(o.store.db, id, { cursor, pages: summary.pages, posts: summary.posts, rateLimitWaits: summary.rateLimitWaits, finished: !r.more, restart: !!o.restart && summary.pages === 1 });
      if (!r.more) break;
    }
  } finally {
    api.close();
  }
  progress(`backfill @${o.handle}: done, ${summary.pages} pages, ${summary.posts} posts (${summary.inserted} new), ${summary.rateLimitWaits} rate-limit waits`);
  return summary;
}

export async function run(args: string[]): Promise<void> {
  const { flags, rest } = parseFlags(args, { since: 'string', until: 'string', source: 'string', restart: 'boolean', help: 'boolean' });
  if (flags.help) return void console.log(backfillHelp);
  const raw = rest[0];
  if (!raw || rest.length > 1) throw new CliError(`name one account, e.g. claimwatch backfill @OIRSpox --since 2021-03-01\n\n${backfillHelp}`);
  if (!/^@?[A-Za-z0-9_]{1,15}$/.test(raw)) throw new CliError(`"${raw}" is not an X handle (letters, digits and "_", at most 15)`);
  const handle = raw.replace(/^@/, '');
  if (typeof flags.since !== 'string') throw new CliError('--since is required, e.g. --since 2021-03-01');
  const since = parseDate(flags.since, '--since');
  const until = typeof flags.until === 'string' ? parseDate(flags.until, '--until') : undefined;
  if (until && until <= since) throw new CliError('--until must be after --since');
  const config = loadConfig();
  let source: XSourceConfig | undefined;
  try {
    const xs = loadSourcesFile(config.sourcesFile).filter((s): s is XSourceConfig => s.type === 'x');
    source = typeof flags.source === 'string' ? xs.find((s) => s.id === flags.source) : xs.find((s) => s.accounts.some((a) => a.toLowerCase() === handle.toLowerCase()));
    if (typeof flags.source === 'string' && !source) throw new CliError(`no X source "${flags.source}" in ${config.sourcesFile}`);
  } catch (e) {
    if (e instanceof CliError) throw e;
    // No sources file is fine here: the defaults apply.
  }
  await checkRedis(config.redis.url);
  const store = await openStore({ databaseUrl: config.store.databaseUrl, dataDir: join(config.store.dataDir, 'pglite') });
  const redis = createRedis(config.redis.url);
  const queues = new JobQueues(redis, config.redis.prefix);
  const ac = new AbortController();
  const onSignal = () => ac.abort(new Error('interrupted; run the same command again to resume'));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const summary = await backfill({
      config,
      handle,
      since,
      ...(until ? { until } : {}),
      ...(source ? { source } : {}),
      restart: flags.restart === true,
      store,
      queues,
      signal: ac.signal,
      log: createLogger(config.log.level === 'info' ? 'warn' : config.log.level),
      sleep: (ms) => new Promise<void>((resolve) => {
        const t = setTimeout(resolve, ms);
        ac.signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
      }),
    });
    console.log(JSON.stringify(summary));
  } catch (e) {
    if (ac.signal.aborted) throw new CliError(`backfill @${handle} interrupted; run the same command again to resume`, 130);
    throw e;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await queues.close().catch(() => {});
    redis.disconnect();
    await store.close().catch(() => {});
  }
}
