/**
 * What happens after a delivery attempt, as a pure function of the attempt's outcome, the delivery's
 * history, the endpoint's failure state and the clock. The deliver worker persists the decision and
 * sleeps the job (BullMQ delayed job) until `at`; nothing here does I/O.
 *
 * - 2xx: delivered; the endpoint is healthy again.
 * - 410 Gone: the receiver asks us to stop; the endpoint is disabled.
 * - 429: the receiver is alive but busy; wait for Retry-After (capped) without spending an attempt,
 *   up to `maxThrottles` times, then count it as a failure like any other.
 * - anything else (3xx included: redirects are never followed), a network error or a timeout: a failed
 *   attempt; retry on the schedule (with jitter) until it is used up. An endpoint failing without a
 *   success for `disableAfterMs` (5 days) is disabled.
 */
import { DELIVERY_SCHEDULE_MS, scheduledDelay } from '../queue/catalog.ts';
import type { PostOutcome } from './http.ts';

export interface DeliveryPolicy {
  /** Delay before each attempt: [0, 5 s, 5 min, ...]; its length is the number of attempts. */
  schedule: readonly number[];
  /** +- fraction of each delay. */
  jitter: number;
  disableAfterMs: number;
  /** Longest Retry-After honoured. */
  maxRetryAfterMs: number;
  /** 429 answers that postpone without spending an attempt, per delivery. */
  maxThrottles: number;
  /** Deadline of one request. */
  timeoutMs: number;
}

export const DEFAULT_DELIVERY_POLICY: DeliveryPolicy = Object.freeze({
  schedule: DELIVERY_SCHEDULE_MS,
  jitter: 0.1,
  disableAfterMs: 5 * 24 * 3600_000,
  maxRetryAfterMs: 10 * 3600_000,
  maxThrottles: 20,
  timeoutMs: 15_000,
});

export type AttemptResult =
  | { kind: 'success'; status: number }
  | { kind: 'gone'; status: 410 }
  | { kind: 'throttled'; status: 429; retryAfterMs: number | null }
  | { kind: 'failure'; status: number | null; reason: string };

/** Retry-After is delta-seconds or an HTTP date; returns ms from `now`, or null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: Date): number | null {
  if (!value) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now.getTime());
}

export function classify(outcome: PostOutcome, now: Date): AttemptResult {
  if (outcome.kind === 'error') return { kind: 'failure', status: null, reason: outcome.refused ? `refused: ${outcome.error}` : outcome.error };
  const s = outcome.status;
  if (s >= 200 && s < 300) return { kind: 'success', status: s };
  if (s === 410) return { kind: 'gone', status: 410 };
  if (s === 429) return { kind: 'throttled', status: 429, retryAfterMs: parseRetryAfter(outcome.retryAfter, now) };
  if (s >= 300 && s < 400) return { kind: 'failure', status: s, reason: `HTTP ${s} (redirects are not followed)` };
  return { kind: 'failure', status: s, reason: `HTTP ${s}` };
}

export interface DeliveryState {
  /** Attempts spent before this one (429 postponements excluded). */
  attempts: number;
  throttles: number;
  /** When the endpoint started failing (null: its last attempt succeeded). */
  failingSince: Date | null;
  /** A manual redelivery is one attempt: it never schedules retries. */
  manual: boolean;
}

export type Decision =
  | { next: 'succeeded' }
  | { next: 'retry'; at: Date; reason: string }
  | { next: 'failed'; reason: string }
  | { next: 'disable'; reason: string };

export interface DecisionResult {
  decision: Decision;
  attempts: number;
  throttles: number;
  failingSince: Date | null;
}

export function decide(result: AttemptResult, state: DeliveryState, now: Date, policy: DeliveryPolicy = DEFAULT_DELIVERY_POLICY, random: () => number = Math.random): DecisionResult {
  const at = (ms: number) => new Date(now.getTime() + ms);
  if (result.kind === 'success') return { decision: { next: 'succeeded' }, attempts: state.attempts + 1, throttles: state.throttles, failingSince: null };
  if (result.kind === 'gone') {
    return { decision: { next: 'disable', reason: 'the receiver answered 410 Gone' }, attempts: state.attempts + 1, throttles: state.throttles, failingSince: state.failingSince ?? now };
  }
  if (result.kind === 'throttled' && !state.manual && state.throttles < policy.maxThrottles) {
    const fallback = scheduledDelay(policy.schedule.slice(1), policy.jitter, Math.max(1, state.attempts), random);
    const wait = Math.min(policy.maxRetryAfterMs, Math.max(1_000, result.retryAfterMs ?? fallback));
    return {
      decision: { next: 'retry', at: at(wait), reason: `HTTP 429${result.retryAfterMs !== null ? ` (Retry-After ${Math.round(result.retryAfterMs / 1000)} s)` : ''}` },
      attempts: state.attempts,
      throttles: state.throttles + 1,
      failingSince: state.failingSince,
    };
  }
  const reason = result.kind === 'throttled' ? 'HTTP 429 (too many times)' : result.reason;
  const attempts = state.attempts + 1;
  const failingSince = state.failingSince ?? now;
  if (now.getTime() - failingSince.getTime() >= policy.disableAfterMs) {
    const days = Math.round(policy.disableAfterMs / 86_400_000);
    return { decision: { next: 'disable', reason: `failing since ${failingSince.toISOString()} (${days} days without a success); last: ${reason}` }, attempts, throttles: state.throttles, failingSince };
  }
  if (state.manual || attempts >= policy.schedule.length) return { decision: { next: 'failed', reason }, attempts, throttles: state.throttles, failingSince };
  const delay = scheduledDelay(policy.schedule.slice(1), policy.jitter, attempts, random);
  return { decision: { next: 'retry', at: at(delay), reason }, attempts, throttles: state.throttles, failingSince };
}
