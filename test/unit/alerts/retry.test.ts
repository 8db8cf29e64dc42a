import { describe, expect, it } from 'vitest';
import { classify, decide, DEFAULT_DELIVERY_POLICY, parseRetryAfter, type AttemptResult, type DeliveryState } from '../../../src/alerts/retry.ts';
import { DELIVERY_SCHEDULE_MS } from '../../../src/queue/catalog.ts';

const t0 = new Date('2024-05-02T10:00:00Z');
const later = (ms: number) => new Date(t0.getTime() + ms);
const fresh: DeliveryState = { attempts: 0, throttles: 0, failingSince: null, manual: false };
const fail: AttemptResult = { kind: 'failure', status: 500, reason: 'HTTP 500' };
const mid = () => 0.5;

describe('delivery retry decisions', () => {
  it('classifies answers: 2xx ok, 3xx and 5xx failures, 410 gone, 429 throttled, network errors failures', () => {
    const r = (status: number, retryAfter: string | null = null) => classify({ kind: 'response', status, retryAfter, bodyExcerpt: '', ms: 1 }, t0);
    expect(r(204)).toEqual({ kind: 'success', status: 204 });
    expect(r(301)).toMatchObject({ kind: 'failure', reason: 'HTTP 301 (redirects are not followed)' });
    expect(r(500)).toMatchObject({ kind: 'failure', status: 500 });
    expect(r(400)).toMatchObject({ kind: 'failure', status: 400 });
    expect(r(410)).toEqual({ kind: 'gone', status: 410 });
    expect(r(429, '120')).toEqual({ kind: 'throttled', status: 429, retryAfterMs: 120_000 });
    expect(classify({ kind: 'error', error: 'connect ECONNREFUSED', refused: false, timedOut: false, ms: 1 }, t0)).toMatchObject({ kind: 'failure', status: null });
    expect(classify({ kind: 'error', error: 'private', refused: true, timedOut: false, ms: 1 }, t0)).toMatchObject({ reason: 'refused: private' });
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('30', t0)).toBe(30_000);
    expect(parseRetryAfter(new Date(t0.getTime() + 90_000).toUTCString(), t0)).toBe(90_000);
    expect(parseRetryAfter('soon', t0)).toBeNull();
    expect(parseRetryAfter(null, t0)).toBeNull();
  });

  it('walks the Svix-like schedule (immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h) and gives up after 8 attempts', () => {
    expect(DEFAULT_DELIVERY_POLICY.schedule).toEqual([0, 5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000]);
    let state = fresh;
    let now = t0;
    const waits: number[] = [];
    for (let i = 1; i <= 8; i++) {
      const r = decide(fail, state, now, DEFAULT_DELIVERY_POLICY, mid);
      expect(r.attempts).toBe(i);
      if (i < 8) {
        expect(r.decision.next).toBe('retry');
        const at = (r.decision as { at: Date }).at;
        waits.push(at.getTime() - now.getTime());
        now = at;
      } else {
        expect(r.decision).toEqual({ next: 'failed', reason: 'HTTP 500' });
      }
      state = { ...state, attempts: r.attempts, failingSince: r.failingSince };
    }
    expect(waits).toEqual(DELIVERY_SCHEDULE_MS.slice(1));
    expect(state.failingSince).toEqual(t0);
  });

  it('adds up to 10 % jitter either way', () => {
    const lo = decide(fail, { ...fresh, attempts: 2 }, t0, DEFAULT_DELIVERY_POLICY, () => 0).decision as { at: Date };
    const hi = decide(fail, { ...fresh, attempts: 2 }, t0, DEFAULT_DELIVERY_POLICY, () => 0.999999).decision as { at: Date };
    expect(lo.at.getTime() - t0.getTime()).toBe(1_620_000);
    expect(hi.at.getTime() - t0.getTime()).toBeCloseTo(1_980_000, -1);
  });

  it('clears the failure state on success', () => {
    const r = decide({ kind: 'success', status: 200 }, { ...fresh, attempts: 3, failingSince: t0 }, later(1000));
    expect(r).toEqual({ decision: { next: 'succeeded' }, attempts: 4, throttles: 0, failingSince: null });
  });

  it('disables the endpoint on 410 Gone', () => {
    expect(decide({ kind: 'gone', status: 410 }, fresh, t0).decision).toEqual({ next: 'disable', reason: 'the receiver answered 410 Gone' });
  });

  it('honours Retry-After on 429 without spending an attempt, capped, and only so many times', () => {
    const r = decide({ kind: 'throttled', status: 429, retryAfterMs: 120_000 }, { ...fresh, attempts: 1 }, t0);
    expect(r.attempts).toBe(1);
    expect(r.throttles).toBe(1);
    expect(r.decision).toMatchObject({ next: 'retry', at: later(120_000) });
    const capped = decide({ kind: 'throttled', status: 429, retryAfterMs: 90 * 3600_000 }, fresh, t0);
    expect(capped.decision).toMatchObject({ at: later(DEFAULT_DELIVERY_POLICY.maxRetryAfterMs) });
    const tooMany = decide({ kind: 'throttled', status: 429, retryAfterMs: 1000 }, { ...fresh, throttles: DEFAULT_DELIVERY_POLICY.maxThrottles }, t0);
    expect(tooMany.attempts).toBe(1);
    expect(tooMany.decision).toMatchObject({ next: 'retry', reason: 'HTTP 429 (too many times)' });
  });

  it('disables an endpoint that has failed for 5 days without a success', () => {
    const failingSince = t0;
    const before = decide(fail, { ...fresh, failingSince }, later(5 * 86_400_000 - 1), DEFAULT_DELIVERY_POLICY, mid);
    expect(before.decision.next).toBe('retry');
    const after = decide(fail, { ...fresh, failingSince }, later(5 * 86_400_000), DEFAULT_DELIVERY_POLICY, mid);
    expect(after.decision).toMatchObject({ next: 'disable', reason: expect.stringContaining('5 days without a success') });
  });

  it('gives a manual redelivery exactly one attempt', () => {
    expect(decide(fail, { ...fresh, manual: true }, t0).decision).toEqual({ next: 'failed', reason: 'HTTP 500' });
    expect(decide({ kind: 'throttled', status: 429, retryAfterMs: 5 }, { ...fresh, manual: true }, t0).decision.next).toBe('failed');
  });
});
