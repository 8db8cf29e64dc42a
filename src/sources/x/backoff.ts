/**
 * X's documented reconnect rules for streaming endpoints, pure:
 * - an established connection that drops: reconnect at once;
 * - TCP/IP-level errors: back off linearly, 250 ms more each attempt, at most 16 s;
 * - HTTP errors worth retrying: back off exponentially from 5 s, doubling, at most 320 s;
 * - HTTP 429: back off exponentially from 1 minute, doubling (never before the reset X gave).
 */

export type DisconnectKind = 'dropped' | 'network' | 'http' | 'rate_limited';

export const NETWORK_STEP_MS = 250;
export const NETWORK_MAX_MS = 16_000;
export const HTTP_START_MS = 5_000;
export const HTTP_MAX_MS = 320_000;
export const RATE_LIMIT_START_MS = 60_000;
/** X gives no ceiling for 429s; one hour keeps a stuck stream from sleeping for days. */
export const RATE_LIMIT_MAX_MS = 3_600_000;

/**
 * Delay before reconnect attempt `attempt` (1 = first retry after failures of `kind`). `resetAt` (from a
 * 429's headers) is a floor: the delay never ends before it.
 */
export function reconnectDelay(kind: DisconnectKind, attempt: number, now?: Date, resetAt?: Date): number {
  const n = Math.max(1, Math.floor(attempt));
  let ms: number;
  switch (kind) {
    case 'dropped':
      ms = 0;
      break;
    case 'network':
      ms = Math.min(NETWORK_STEP_MS * n, NETWORK_MAX_MS);
      break;
    case 'http':
      ms = Math.min(HTTP_START_MS * 2 ** (n - 1), HTTP_MAX_MS);
      break;
    case 'rate_limited':
      ms = Math.min(RATE_LIMIT_START_MS * 2 ** (n - 1), RATE_LIMIT_MAX_MS);
      break;
  }
  if (resetAt && now) ms = Math.max(ms, resetAt.getTime() - now.getTime());
  return ms;
}

/** HTTP statuses after which reconnecting cannot help (bad credentials, forbidden, bad request). */
export function isFatalStreamStatus(status: number): boolean {
  return status === 400 || status === 401 || status === 403 || status === 404;
}
