/**
 * The job catalog: every queue's payload schema, retry policy, timeout and deterministic job id.
 * Producers and workers both read it, so a payload is validated before it enters Redis and again when
 * it leaves; a worker process refuses to start when a job here has no handler (see runtime.ts).
 */
import { z } from 'zod';

const idString = z.string().regex(/^[0-9]{1,19}$/, 'must be a numeric row id');

/** BullMQ job ids may not contain ":" and may not be plain integers. */
export function jobIdPart(s: string): string {
  return s.replace(/[^A-Za-z0-9_.-]/g, '_');
}

export interface JobSpec<S extends z.ZodType> {
  /** Queue name (also the BullMQ job name). */
  readonly queue: string;
  readonly payload: S;
  readonly attempts: number;
  /** Exponential base delay in ms, or a fixed schedule of delays (ms) per retry, jittered by the worker. */
  readonly backoff: { type: 'exponential'; delay: number } | { type: 'schedule'; delays: readonly number[]; jitter: number };
  /** The handler is aborted (and the attempt fails, to be retried) after this long. */
  readonly timeoutMs: number;
  /** Deterministic id: the same logical work is enqueued once however often producers retry. */
  readonly jobId: ((p: z.infer<S>) => string) | null;
  /** How many jobs one worker process runs at once; 'config' takes WORKER_CONCURRENCY. */
  readonly concurrency: number | 'config';
}

function spec<S extends z.ZodType>(s: JobSpec<S>): JobSpec<S> {
  return s;
}

/** Standard Webhooks / Svix-like retry schedule: immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h. */
export const DELIVERY_SCHEDULE_MS = [0, 5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000] as const;

export const JOBS = {
  poll: spec({
    queue: 'poll',
    payload: z.object({ sourceId: z.string().min(1).max(64) }),
    attempts: 5,
    backoff: { type: 'exponential', delay: 10_000 },
    timeoutMs: 5 * 60_000,
    // Scheduled polls get their ids from the job scheduler; manual ones (backfill) from the caller.
    jobId: null,
    concurrency: 2,
  }),
  extract: spec({
    queue: 'extract',
    payload: z.object({ postId: idString }),
    attempts: 5,
    backoff: { type: 'exponential', delay: 2_000 },
    timeoutMs: 60_000,
    jobId: (p) => `extract-${p.postId}`,
    concurrency: 'config',
  }),
  match: spec({
    queue: 'match',
    /** revision: set when a reviewed claim must be matched again (a correction, a rejection). */
    payload: z.object({ claimId: idString, revision: z.number().int().min(1).optional() }),
    attempts: 8,
    backoff: { type: 'exponential', delay: 2_000 },
    timeoutMs: 60_000,
    jobId: (p) => (p.revision ? `match-${p.claimId}-r${p.revision}` : `match-${p.claimId}`),
    // Incidents are updated read-modify-write; one match at a time per process, a database lock across processes.
    concurrency: 1,
  }),
  alert: spec({
    queue: 'alert',
    payload: z.object({ eventId: z.string().min(1).max(200) }),
    attempts: 8,
    backoff: { type: 'exponential', delay: 2_000 },
    timeoutMs: 60_000,
    jobId: (p) => `alert-${jobIdPart(p.eventId)}`,
    concurrency: 'config',
  }),
  /**
   * One webhook delivery. The handler keeps the retry schedule in the delivery row and sleeps the job
   * between attempts (PostponeJobError), so `attempts`/`backoff` here only retry unexpected errors (the
   * store unreachable). `redelivery` n is the n-th manual redelivery: its own job, one attempt.
   */
  deliver: spec({
    queue: 'deliver',
    payload: z.object({ deliveryId: idString, redelivery: z.number().int().min(1).max(1_000_000).optional() }),
    attempts: DELIVERY_SCHEDULE_MS.length,
    backoff: { type: 'schedule', delays: DELIVERY_SCHEDULE_MS.slice(1), jitter: 0.1 },
    // Request deadline (15 s) plus store writes.
    timeoutMs: 30_000,
    jobId: (p) => (p.redelivery ? `deliver-${p.deliveryId}-r${p.redelivery}` : `deliver-${p.deliveryId}`),
    // Per-endpoint slots (src/alerts/limiter.ts) keep one endpoint from taking all of these.
    concurrency: 16,
  }),
  /** Re-enqueues alert jobs for events whose enqueue never happened (Redis was down, a crash). */
  outbox: spec({
    queue: 'outbox',
    payload: z.object({}).strict(),
    attempts: 3,
    backoff: { type: 'exponential', delay: 5_000 },
    timeoutMs: 60_000,
    jobId: null,
    concurrency: 1,
  }),
  /**
   * The reconcile sweep (src/queue/reconcile.ts): re-enqueues work the database says is unfinished
   * (posts without claims, unmatched claims, events never alerted, due deliveries without a job).
   * Scheduled every RECONCILE_EVERY_MS; `olderThanMs` leaves out work still in flight.
   */
  reconcile: spec({
    queue: 'reconcile',
    payload: z.object({ olderThanMs: z.number().int().min(0).max(86_400_000) }).strict(),
    attempts: 3,
    backoff: { type: 'exponential', delay: 5_000 },
    timeoutMs: 10 * 60_000,
    jobId: null,
    concurrency: 1,
  }),
} as const;

export type JobName = keyof typeof JOBS;
export const JOB_NAMES = Object.keys(JOBS) as JobName[];
export type Payload<N extends JobName> = z.infer<(typeof JOBS)[N]['payload']>;

/** Parses a payload against the catalog; throws a message naming the job and the field. */
export function parsePayload<N extends JobName>(name: N, data: unknown): Payload<N> {
  const r = JOBS[name].payload.safeParse(data);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new InvalidPayloadError(`${name} job payload invalid: ${i?.path.join('.') || 'payload'}: ${i?.message}`);
  }
  return r.data as Payload<N>;
}

export class InvalidPayloadError extends Error {
  readonly code = 'INVALID_PAYLOAD';
}

/** Delay before retry number `attemptsMade` (1-based) of a scheduled-backoff job, with +-jitter. */
export function scheduledDelay(delays: readonly number[], jitter: number, attemptsMade: number, random = Math.random): number {
  const base = delays[Math.min(attemptsMade - 1, delays.length - 1)] ?? 0;
  const spread = base * jitter;
  return Math.max(0, Math.round(base - spread + random() * 2 * spread));
}
