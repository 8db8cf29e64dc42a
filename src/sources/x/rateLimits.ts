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

/** A 429 without a usable reset header: X's windows are 15 minutes, so wait one window. */
export const FALLBACK_WINDOW_MS = 15 * 60_000;

export class RateLimitBook {
  private readonly limits = new Map<string, EndpointLimit>();

  /** Records a response's headers for `endpoint` (a path template such as /2/users/:id/tweets). */
  record(endpoint: string, limit: EndpointLimit | undefined): void {
    if (limit) this.limits.set(endpoint, limit);
  }

  /** A 429: nothing more for this endpoint until the reset it gave (or one window when it gave none). */
  exhausted(endpoint: string, limit: EndpointLimit | undefined, now: Date): Date {
    const resetAt = limit && limit.resetAt > now ? limit.resetAt : new Date(now.getTime() + FALLBACK_WINDOW_MS);
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
