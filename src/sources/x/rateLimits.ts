/**
 * What X said about each endpoint's request budget (x-rate-limit-limit / -remaining / -reset on every
 * response), and the rule that follows: once an endpoint's budget is spent, no request goes out before
 * its reset. Pure bookkeeping; the clock is passed in.
 */

export interface EndpointLimit {
  limit?: number;
  remaining: number;
  resetAt: Date;
}

export type HeaderBag = Record<string, string | string[] | undefined>;

function header(h: HeaderBag, name: string): string | undefined {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Reads the three rate-limit headers; undefined when the response did not carry them. */
export function readRateLimitHeaders(h: HeaderBag): EndpointLimit | undefined {
  const remaining = Number(header(h, 'x-rate-limit-remaining'));
  const reset = Number(header(h, 'x-rate-limit-reset'));
  if (!Number.isFinite(remaining) || !Number.isFinite(reset) || header(h, 'x-rate-limit-reset') === undefined) return undefined;
  const limit = Number(header(h, 'x-rate-limit-limit'));
  return { ...(Number.isFinite(limit) ? { limit } : {}), remaining, resetAt: new Date(reset * 1000) };
}

/** A 429 that names no spent budget (too many stream connections, an unknown cap): wait a minute. */
export const FALLBACK_WINDOW_MS = 60_000;

/**
 * When a 429 lets the endpoint be called again: the 15-minute window's reset when its budget is spent,
 * the 24-hour app cap's reset when that is spent, otherwise (no budget named) a minute from now.
 */
export function resetOf429(h: HeaderBag, now: Date): { resetAt: Date; limit?: EndpointLimit } {
  const limit = readRateLimitHeaders(h);
  if (limit && limit.remaining <= 0 && limit.resetAt > now) return { resetAt: limit.resetAt, limit };
  const dayRemaining = Number(header(h, 'x-app-limit-24hour-remaining'));
  const dayReset = Number(header(h, 'x-app-limit-24hour-reset'));
  if (dayRemaining === 0 && Number.isFinite(dayReset) && dayReset * 1000 > now.getTime()) {
    return { resetAt: new Date(dayReset * 1000), ...(limit ? { limit } : {}) };
  }
  return { resetAt: new Date(now.getTime() + FALLBACK_WINDOW_MS), ...(limit ? { limit } : {}) };
}

export class RateLimitBook {
  private readonly limits = new Map<string, EndpointLimit>();

  /** Records a response's headers for `endpoint` (a path template such as /2/users/:id/tweets). */
  record(endpoint: string, limit: EndpointLimit | undefined): void {
    if (limit) this.limits.set(endpoint, limit);
  }

  /** A 429: nothing more for this endpoint until `resetAt` (see resetOf429). */
  exhausted(endpoint: string, resetAt: Date, limit?: EndpointLimit): Date {
    this.limits.set(endpoint, { ...(limit?.limit !== undefined ? { limit: limit.limit } : {}), remaining: 0, resetAt });
    return resetAt;
  }

  /** When the endpoint may be called again, or undefined when it may be called now. */
  blockedUntil(endpoint: string, now: Date): Date | undefined {
    const l = this.limits.get(endpoint);
    if (!l) return undefined;
    if (l.resetAt <= now) {
      this.limits.delete(endpoint);
      return undefined;
    }
    return l.remaining <= 0 ? l.resetAt : undefined;
  }

  get(endpoint: string): EndpointLimit | undefined {
    return this.limits.get(endpoint);
  }
}
