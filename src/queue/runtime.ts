/**
 * Producers and consumers over the job catalog. Handlers are plain functions of (payload, context);
 * this module owns what BullMQ needs: validation, deterministic ids, retries, timeouts, delays, logs.
 */
import { DelayedError, Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { JOBS, JOB_NAMES, InvalidPayloadError, parsePayload, scheduledDelay, type JobName, type Payload } from './catalog.ts';

export interface HandlerContext {
  log: Logger;
  jobId: string;
  /** 1 on the first try. */
  attempt: number;
  /** Aborted when the job's timeout passes or the worker shuts down. */
  signal: AbortSignal;
  /** The BullMQ job, for progress reports; handlers should not need more of it. */
  job: Job;
}

export type Handler<N extends JobName> = (payload: Payload<N>, ctx: HandlerContext) => Promise<unknown>;
/** Every job in the catalog must have a handler: a missing one is a compile error where Handlers is built. */
export type Handlers = { [N in JobName]: Handler<N> };

/** Thrown by a handler when retrying cannot help (bad data, a 4xx): the job fails at once. */
export class PermanentJobError extends Error {
  readonly code: string = 'PERMANENT';
}

/** Thrown by a handler to postpone the job (rate limit, endpoint cooling down) without spending an attempt. */
export class PostponeJobError extends Error {
  constructor(
    readonly until: Date,
    message: string,
  ) {
    super(message);
  }
}

/** How often a job may be taken back from a dead worker before it counts as failed (BullMQ's default is 1). */
export const MAX_STALLED = 5;

/** How long a job waits before trying again while the database is unreachable. */
export const OUTAGE_RETRY_MS = 5_000;

export class JobTimeoutError extends Error {
  readonly code = 'JOB_TIMEOUT';
}

export function assertHandlers(handlers: Partial<Handlers>, names: readonly JobName[] = JOB_NAMES): asserts handlers is Handlers {
  const missing = names.filter((n) => typeof handlers[n] !== 'function');
  if (missing.length) throw new Error(`no handler for job(s) ${missing.join(', ')}: every job in src/queue/catalog.ts needs one`);
}

const KEEP = { removeOnComplete: { age: 24 * 3600, count: 5_000 }, removeOnFail: { age: 14 * 24 * 3600 } };

export class JobQueues {
  private readonly queues = new Map<JobName, Queue>();

  constructor(
    private readonly connection: Redis,
    readonly prefix: string,
  ) {}

  queue(name: JobName): Queue {
    let q = this.queues.get(name);
    if (!q) {
      q = new Queue(JOBS[name].queue, { connection: this.connection, prefix: this.prefix });
      q.on('error', () => {}); // surfaced by the caller's await; keeps a Redis blip from crashing the process
      this.queues.set(name, q);
    }
    return q;
  }

  private jobOptions(name: JobName) {
    const spec = JOBS[name];
    const backoff =
      spec.backoff.type === 'exponential' ? { type: 'exponential', delay: spec.backoff.delay, jitter: 0.2 } : { type: 'schedule' };
    return { attempts: spec.attempts, backoff, ...KEEP };
  }

  /** A BullMQ job scheduler (one per id) that enqueues `payload` every `everyMs`, with the catalog's retry policy. */
  async schedule<N extends JobName>(name: N, schedulerId: string, everyMs: number, payload: Payload<N>): Promise<void> {
    const data = parsePayload(name, payload);
    await this.queue(name).upsertJobScheduler(schedulerId, { every: everyMs }, { name, data, opts: this.jobOptions(name) });
  }

  /** Validates and enqueues; the catalog's deterministic id makes a repeated add a no-op. Returns the job id. */
  async add<N extends JobName>(name: N, payload: Payload<N>, opts: { delay?: number; jobId?: string } = {}): Promise<string> {
    const data = parsePayload(name, payload);
    const idOf = JOBS[name].jobId as ((p: Payload<N>) => string) | null;
    const jobId = opts.jobId ?? (idOf ? idOf(data) : undefined);
    const job = await this.queue(name).add(name, data, {
      ...(jobId ? { jobId } : {}),
      ...(opts.delay ? { delay: opts.delay } : {}),
      ...this.jobOptions(name),
    });
    return job.id ?? jobId ?? '';
  }

  async ping(): Promise<void> {
    await this.connection.ping();
  }

  /** Jobs not yet finished (waiting, active, delayed, prioritized) across the given queues. */
  async pending(names: readonly JobName[] = JOB_NAMES): Promise<number> {
    let n = 0;
    for (const name of names) {
      const c = await this.queue(name).getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children');
      n += Object.values(c).reduce((a, b) => a + b, 0);
    }
    return n;
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    this.queues.clear();
  }
}

export interface WorkerPoolOptions {
  prefix: string;
  /** A fresh connection per worker: BullMQ workers block on their own connection. */
  connect: () => Redis;
  log: Logger;
  defaultConcurrency: number;
  /** BullMQ lockDuration and stalledInterval (default 30 s each): a dead worker's jobs come back within about twice this. */
  lockMs?: number;
  /** Answers whether the database is reachable; a job failing while it is not is postponed, not failed. */
  storeHealthy?: () => Promise<boolean>;
  /** How long such a job waits (default OUTAGE_RETRY_MS). */
  outageRetryMs?: number;
  /** Hears how each attempt ended and how long it took (Prometheus metrics). */
  onJobDone?: (queue: string, outcome: JobOutcome, seconds: number) => void;
}

/** How a job attempt ended: done, failed (retried while attempts remain), failed for good, or put off. */
export type JobOutcome = 'completed' | 'failed' | 'permanent_failure' | 'postponed' | 'store_outage' | 'bad_payload';

export class WorkerPool {
  private readonly workers: Worker[] = [];
  private readonly controllers = new Set<AbortController>();

  constructor(private readonly options: WorkerPoolOptions) {}

  start<N extends JobName>(name: N, handler: Handler<N>): Worker {
    const spec = JOBS[name];
    const log = this.options.log.child({ queue: name });
    const concurrency = spec.concurrency === 'config' ? this.options.defaultConcurrency : spec.concurrency;
    const worker = new Worker(
      spec.queue,
      async (job: Job, token?: string) => this.process(name, handler, job, token, log),
      {
        connection: this.options.connect(),
        prefix: this.options.prefix,
        concurrency,
        // A job whose worker process died (OOM, SIGKILL, a lost host) is taken back by another worker; a few
        // deaths in a row are the crashes' fault, not the job's, so it is not failed on the second one.
        maxStalledCount: MAX_STALLED,
        ...(this.options.lockMs ? { lockDuration: this.options.lockMs, stalledInterval: this.options.lockMs } : {}),
        settings: {
          backoffStrategy: (attemptsMade: number) =>
            spec.backoff.type === 'schedule' ? scheduledDelay(spec.backoff.delays, spec.backoff.jitter, attemptsMade) : 0,
        },
      },
    );
    worker.on('failed', (job, err) => {
      if (!job) return;
      const final = job.attemptsMade >= (job.opts.attempts ?? 1) || err instanceof UnrecoverableError;
      log[final ? 'error' : 'warn']({ jobId: job.id, attempt: job.attemptsMade, err: { message: err.message, code: (err as { code?: string }).code } }, final ? 'job failed for good' : 'job failed, will retry');
    });
    worker.on('error', (err) => log.warn({ err: { message: err.message } }, 'worker connection error; BullMQ reconnects'));
    this.workers.push(worker);
    return worker;
  }

  private async process<N extends JobName>(name: N, handler: Handler<N>, job: Job, token: string | undefined, parentLog: Logger): Promise<unknown> {
    const jobId = job.id ?? '?';
    const log = parentLog.child({ jobId });
    const started = Date.now();
    const done = (outcome: JobOutcome) => this.options.onJobDone?.(JOBS[name].queue, outcome, (Date.now() - started) / 1000);
    let payload: Payload<N>;
    try {
      payload = parsePayload(name, job.data);
    } catch (e) {
      log.error({ err: { message: (e as Error).message } }, 'rejecting job with a bad payload');
      done('bad_payload');
      throw new UnrecoverableError((e as Error).message);
    }
    const ac = new AbortController();
    this.controllers.add(ac);
    const timeoutMs = JOBS[name].timeoutMs;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const err = new JobTimeoutError(`${name} job ${jobId} took longer than ${timeoutMs} ms`);
        ac.abort(err);
        reject(err);
      }, timeoutMs);
    });
    try {
      const result = await Promise.race([handler(payload, { log, jobId, attempt: job.attemptsMade + 1, signal: ac.signal, job }), timeout]);
      log.debug({ ms: Date.now() - started }, 'job done');
      done('completed');
      return result;
    } catch (e) {
      if (e instanceof PostponeJobError) {
        done('postponed');
        log.info({ until: e.until.toISOString() }, e.message);
        await job.moveToDelayed(Math.max(e.until.getTime(), Date.now() + 1), token);
        throw new DelayedError();
      }
      if (e instanceof PermanentJobError || e instanceof InvalidPayloadError) {
        done('permanent_failure');
        throw new UnrecoverableError(e.message);
      }
      if (!ac.signal.aborted && this.options.storeHealthy && !(await this.options.storeHealthy())) {
        done('store_outage');
        // The database is down: the job waits for it without spending one of its attempts, so a long outage loses nothing.
        const wait = this.options.outageRetryMs ?? OUTAGE_RETRY_MS;
        log.warn({ err: { message: (e as Error).message }, retryInMs: wait }, 'the database is unreachable; the job waits and tries again');
        await job.moveToDelayed(Date.now() + wait, token);
        throw new DelayedError();
      }
      done('failed');
      throw e;
    } finally {
      clearTimeout(timer);
      this.controllers.delete(ac);
    }
  }

  /** Stops taking jobs, lets running ones finish (aborting them after `graceMs`), closes connections. */
  async close(graceMs = 10_000): Promise<void> {
    const abortLater = setTimeout(() => {
      for (const ac of this.controllers) ac.abort(new Error('worker shutting down'));
    }, graceMs);
    try {
      await Promise.all(this.workers.map((w) => w.close()));
    } finally {
      clearTimeout(abortLater);
    }
    this.workers.length = 0;
  }
}
