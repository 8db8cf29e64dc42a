/**
 * Prometheus metrics (prom-client), one registry per app instance: tests start several apps in one
 * process, and the global registry would mix their counters. Counters are bumped where the work happens
 * (the worker pool, the extract, deliver and poll handlers); queue depths are read from Redis on scrape.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { SourceConfig } from '../config/sources.ts';
import { JOB_NAMES, JOBS } from '../queue/catalog.ts';
import type { JobOutcome, JobQueues } from '../queue/runtime.ts';

/** BullMQ job states reported per queue. */
export const JOB_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'completed', 'failed'] as const;


/** What became of one webhook delivery attempt (or of a delivery job that sent nothing). */
export type DeliveryOutcome = 'delivered' | 'retry_scheduled' | 'failed' | 'disabled' | 'skipped' | 'endpoint_busy' | 'manual_failed';

/** How one poll of a source ended. */
export type PollStatus = 'ok' | 'rate_limited' | 'error' | 'permanent_error' | 'skipped_rate_limited' | 'skipped_busy';

export class Metrics {
  readonly registry = new Registry();
  readonly jobs: Counter<'queue' | 'outcome'>;
  readonly jobSeconds: Histogram<'queue' | 'outcome'>;
  readonly extractSeconds: Histogram;
  readonly deliveries: Counter<'outcome'>;
  readonly polls: Counter<'source_type' | 'mode' | 'status'>;
  readonly rateLimitWaits: Counter<'source_type' | 'mode'>;
  readonly rateLimitWaitSeconds: Counter<'source_type' | 'mode'>;
  private readonly sourceLabels = new Map<string, { source_type: string; mode: string }>();
  private queues: JobQueues | undefined;

  constructor(options: { defaultMetrics?: boolean } = {}) {
    const registers = [this.registry];
    if (options.defaultMetrics !== false) collectDefaultMetrics({ register: this.registry });
    this.jobs = new Counter({ name: 'claimwatch_jobs_total', help: 'Job attempts processed by this process, by queue and outcome', labelNames: ['queue', 'outcome'], registers });
    this.jobSeconds = new Histogram({
      name: 'claimwatch_job_duration_seconds',
      help: 'Time from a job attempt starting to its outcome, by queue and outcome',
      labelNames: ['queue', 'outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers,
    });
    this.extractSeconds = new Histogram({
      name: 'claimwatch_extraction_seconds',
      help: 'Extraction time of one post (text to claim, without store writes)',
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      registers,
    });
    this.deliveries = new Counter({ name: 'claimwatch_webhook_deliveries_total', help: 'Webhook delivery jobs by outcome', labelNames: ['outcome'], registers });
    this.polls = new Counter({ name: 'claimwatch_poll_requests_total', help: 'Polls of a source, by source type, mode and status', labelNames: ['source_type', 'mode', 'status'], registers });
    this.rateLimitWaits = new Counter({ name: 'claimwatch_rate_limit_waits_total', help: 'Polls put off until a rate-limit reset', labelNames: ['source_type', 'mode'], registers });
    this.rateLimitWaitSeconds = new Counter({
      name: 'claimwatch_rate_limit_wait_seconds_total',
      help: 'Seconds polls were put off waiting for rate-limit resets',
      labelNames: ['source_type', 'mode'],
      registers,
    });
    const self = this;
    new Gauge({
      name: 'claimwatch_queue_jobs',
      help: 'Jobs in each BullMQ queue by state (read from Redis at scrape time)',
      labelNames: ['queue', 'state'],
      registers,
      async collect() {
        const queues = self.queues;
        if (!queues) return;
        this.reset();
        for (const name of JOB_NAMES) {
          const counts = await queues.queue(name).getJobCounts(...JOB_STATES);
          for (const state of JOB_STATES) this.set({ queue: JOBS[name].queue, state }, counts[state] ?? 0);
        }
      },
    });
  }

  /** Queue depths come from these queues (the process's producer connections). */
  watchQueues(queues: JobQueues): void {
    this.queues = queues;
  }

  /** Labels polls of configured sources by type and mode (X: timeline/search/stream; RSS: feed; replay: file). */
  describeSources(sources: readonly SourceConfig[]): void {
    for (const s of sources) this.sourceLabels.set(s.id, { source_type: s.type, mode: s.type === 'x' ? s.mode : s.type === 'rss' ? 'feed' : 'file' });
  }

  private labelsOf(sourceId: string, type: string): { source_type: string; mode: string } {
    return this.sourceLabels.get(sourceId) ?? { source_type: type, mode: 'unknown' };
  }

  jobDone(queue: string, outcome: JobOutcome, seconds: number): void {
    this.jobs.inc({ queue, outcome });
    this.jobSeconds.observe({ queue, outcome }, seconds);
  }

  poll(sourceId: string, type: string, status: PollStatus): void {
    this.polls.inc({ ...this.labelsOf(sourceId, type), status });
  }

  /** A poll put off until `until`; the wait counts from `now`. */
  rateLimitWait(sourceId: string, type: string, now: Date, until: Date): void {
    const labels = this.labelsOf(sourceId, type);
    this.rateLimitWaits.inc(labels);
    this.rateLimitWaitSeconds.inc(labels, Math.max(0, (until.getTime() - now.getTime()) / 1000));
  }

  /** The text exposition format, for GET /metrics. */
  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
