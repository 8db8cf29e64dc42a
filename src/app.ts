/**
 * One codebase, roles chosen by config: `api` (HTTP + UI), `worker` (extract, match, alert, deliver,
 * outbox), `poller` (source schedules and the poll queue). `claimwatch start` runs all three in one
 * process; past one machine, run several processes with different ROLES against one Redis and PostgreSQL.
 */
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { createHandlers } from '../workers/index.ts';
import { startStreamRunners } from '../workers/stream.ts';
import { createAlertServices, type AlertServicesOptions } from './alerts/services.ts';
import { parseAllowlist } from './alerts/ssrf.ts';
import { connectGazetteer, startAliasSync } from './api/review/gazetteerAliases.ts';
import { addAliases } from './extract/gazetteer/index.ts';
import { healthRoutes } from './api/routes/health.ts';
import { metricsRoutes } from './api/routes/metrics.ts';
import { buildServer, type RouteModule } from './api/server.ts';
import { ConfigError, type Config, type Role } from './config/env.ts';
import type { SourceConfig } from './config/sources.ts';
import { createLogger } from './log.ts';
import { Metrics } from './ops/metrics.ts';
import type { JobName } from './queue/catalog.ts';
import { reconcileOnce } from './queue/reconcile.ts';
import { checkRedis, createRedis, onReconnect } from './queue/redis.ts';
import { assertHandlers, JobQueues, WorkerPool } from './queue/runtime.ts';
import { buildSources } from './sources/registry.ts';
import type { SourceAdapter } from './sources/types.ts';
import { openStore, type Store } from './store/db.ts';
import { ensureBootstrapAdmin } from './store/users.ts';

export interface AppOptions {
  config: Config;
  sources: readonly SourceConfig[];
  roles?: readonly Role[];
  log?: Logger;
  now?: () => Date;
  /** Extra adapters by id (tests, backfill), added to those built from `sources`. */
  adapters?: ReadonlyMap<string, SourceAdapter>;
  routeModules?: RouteModule[];
  /** PostgreSQL schema (tests, the demo) and whether to start from an empty store. */
  storeSchema?: string;
  freshStore?: boolean;
  /** Webhook delivery overrides (tests: a resolver, a shorter schedule, per-endpoint concurrency). */
  alerts?: Omit<AlertServicesOptions, 'redis' | 'prefix' | 'log'>;
}

export interface App {
  readonly config: Config;
  readonly store: Store;
  readonly queues: JobQueues;
  readonly log: Logger;
  readonly roles: readonly Role[];
  /** Base URL of the HTTP API when the api role runs (of the metrics page when METRICS_PORT serves one). */
  readonly url: string | undefined;
  readonly server: FastifyInstance | undefined;
  /** This instance's Prometheus registry (served at GET /metrics by the api role). */
  readonly metrics: Metrics;
  stop(): Promise<void>;
}

export const WORKER_JOBS: readonly JobName[] = ['extract', 'match', 'alert', 'deliver', 'outbox', 'reconcile'];
export const POLLER_JOBS: readonly JobName[] = ['poll'];
const OUTBOX_EVERY_MS = 30_000;

export async function startApp(options: AppOptions): Promise<App> {
  const { config } = options;
  const roles = options.roles ?? config.roles;
  const log = options.log ?? createLogger(config.log.level);
  const now = options.now ?? (() => new Date());
  checkAllowlist(options.alerts?.allowlist ?? config.webhooks.allowlist);

  await checkRedis(config.redis.url);
  const store = await openStore({
    databaseUrl: config.store.databaseUrl,
    dataDir: join(config.store.dataDir, 'pglite'),
    ...(options.storeSchema ? { schema: options.storeSchema } : {}),
    ...(options.freshStore ? { fresh: true } : {}),
  });
  const connections = [createRedis(config.redis.url)];
  const queues = new JobQueues(connections[0]!, config.redis.prefix);
  const metrics = new Metrics();
  metrics.watchQueues(queues);
  metrics.describeSources(options.sources);
  const built = buildSources(options.sources, config);
  for (const [id, a] of options.adapters ?? []) built.adapters.set(id, a);
  for (const s of built.skipped) log.warn({ source: s.id }, `source skipped: ${s.why}`);

  const pool = new WorkerPool({
    prefix: config.redis.prefix,
    connect: () => {
      const c = createRedis(config.redis.url);
      connections.push(c);
      return c;
    },
    log,
    defaultConcurrency: config.workerConcurrency,
    onJobDone: (queue, outcome, seconds) => metrics.jobDone(queue, outcome, seconds),
    lockMs: config.workerLockMs,
    storeHealthy: () => withTimeout(store.ping(), 3_000).then(
      () => true,
      () => false,
    ),
  });
  const alerts = createAlertServices({
    allowlist: config.webhooks.allowlist,
    ...options.alerts,
    redis: connections[0]!,
    prefix: config.redis.prefix,
    log,
  });
  const handlers = createHandlers({ store, queues, sources: built.adapters, now, log, alerts, metrics });
  const stoppers: (() => Promise<void>)[] = [];
  let server: FastifyInstance | undefined;
  let url: string | undefined;

  try {
    // Reviewed place aliases reach the gazetteer in every role (extraction runs in workers).
    connectGazetteer({
      applyAliases: (aliases) => {
        // Only aliases of known places can be taught; loading the gazetteer waits for the first one.
        const entries = aliases.flatMap((a) => (a.placeId ? [{ placeId: a.placeId, alias: a.alias }] : []));
        if (entries.length) addAliases(entries);
      },
    });
    const stopAliasSync = await startAliasSync(store.db, log);
    stoppers.push(async () => stopAliasSync());
    // Job schedulers live in Redis only: set at start, and set again whenever Redis comes back (it may be empty).
    const schedules = async () => {
      if (roles.includes('worker')) {
        await queues.schedule('outbox', 'outbox', OUTBOX_EVERY_MS, {});
        await queues.schedule('reconcile', 'reconcile', config.reconcile.everyMs, { olderThanMs: config.reconcile.olderThanMs });
      }
      if (roles.includes('poller')) await syncSchedules(queues, built.adapters, built.every, log);
    };
    if (roles.includes('worker')) {
      assertHandlers(handlers, WORKER_JOBS);
      for (const name of WORKER_JOBS) pool.start(name, handlers[name]);
    }
    if (roles.includes('poller')) {
      assertHandlers(handlers, POLLER_JOBS);
      pool.start('poll', handlers.poll);
    }
    await schedules();
    if (roles.includes('poller')) {
      const streams = startStreamRunners({ store, queues, now, log }, built.adapters);
      stoppers.push(() => streams.stop());
    }
    if (roles.includes('worker') || roles.includes('poller')) {
      // A sweep at start (what a crash or a lost Redis left unfinished) and after every reconnect (with
      // nothing held back: a Redis that restarted empty forgot even the newest work).
      const sweeps = new Set<Promise<unknown>>();
      let closing = false;
      const sweep = (why: string, olderThanMs: number) => {
        if (closing || !roles.includes('worker')) return;
        const p = reconcileOnce({ store, queues, log }, why, { olderThanMs }).finally(() => sweeps.delete(p));
        sweeps.add(p);
      };
      const stopWatching = onReconnect(connections[0]!, () => {
        if (closing) return;
        log.warn('Redis connection is back: restoring job schedules and reconciling queued work with the database');
        schedules().then(
          () => sweep('redis reconnected', 0),
          (e: unknown) => log.warn({ err: { message: (e as Error).message } }, 'could not restore job schedules; the next reconnect retries'),
        );
      });
      sweep('worker started', 0);
      stoppers.push(async () => {
        closing = true;
        stopWatching();
        await Promise.allSettled([...sweeps]);
      });
    }
    if (roles.includes('api')) {
      const admin = await ensureBootstrapAdmin(store.db, config.auth.adminApiKey);
      if (admin === 'created') log.info('created the "admin" user with the key from ADMIN_API_KEY');
      server = await buildServer({ config, store, queues, log, now, metrics }, options.routeModules);
      url = await server.listen({ host: config.http.host, port: config.http.port });
      log.info({ url }, 'API listening');
      stoppers.push(() => server!.close());
    } else if (config.metrics.port !== undefined) {
      // Workers and pollers count their own jobs: without the API they still need a page to be scraped.
      server = await buildServer({ config, store, queues, log, now, metrics }, [healthRoutes, metricsRoutes]);
      url = await server.listen({ host: config.http.host, port: config.metrics.port });
      log.info({ url }, 'metrics listening');
      stoppers.push(() => server!.close());
    }
  } catch (e) {
    await shutdown();
    throw e;
  }

  async function shutdown(): Promise<void> {
    // Order matters: stop taking requests, then stop taking jobs, then close what they used.
    for (const stop of stoppers.reverse()) await stop().catch(() => {});
    await pool.close().catch(() => {});
    await alerts.close();
    for (const a of built.adapters.values()) await a.close?.().catch(() => {});
    await queues.close().catch(() => {});
    for (const c of connections) c.disconnect();
    await store.close().catch(() => {});
  }

  let stopping: Promise<void> | undefined;
  log.info({ roles, store: store.kind, sources: [...built.adapters.keys()] }, 'claimwatch started');
  return {
    config,
    store,
    queues,
    log,
    roles,
    url,
    server,
    metrics,
    stop: () => (stopping ??= shutdown()),
  };
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([p.finally(() => clearTimeout(timer)), new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timed out')), ms)))]);
}

/** A bad WEBHOOK_ALLOWLIST entry stops the boot before any connection opens. */
function checkAllowlist(entries: readonly string[]): void {
  try {
    parseAllowlist(entries);
  } catch (e) {
    throw new ConfigError(`bad configuration: ${(e as Error).message}`);
  }
}

/** One job scheduler per configured source; schedulers of sources no longer configured are removed. */
async function syncSchedules(queues: JobQueues, adapters: ReadonlyMap<string, SourceAdapter>, every: ReadonlyMap<string, number>, log: Logger): Promise<void> {
  const wanted = new Set<string>();
  for (const id of adapters.keys()) {
    const ms = every.get(id);
    if (!ms) continue;
    const schedulerId = `poll-${id}`;
    wanted.add(schedulerId);
    await queues.schedule('poll', schedulerId, ms, { sourceId: id });
  }
  const q = queues.queue('poll');
  for (const s of await q.getJobSchedulers()) {
    if (s.key && !wanted.has(s.key)) {
      await q.removeJobScheduler(s.key);
      log.info({ scheduler: s.key }, 'removed the schedule of a source no longer configured');
    }
  }
}
