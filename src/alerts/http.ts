/**
 * The webhook HTTP client: an undici Agent whose every connection goes through the SSRF guard and is pinned
 * to the address that passed it; no redirects (a plain undici request never follows them); a hard
 * deadline per request. Returns what happened as data; only programming errors throw.
 */
import { isIP } from 'node:net';
import { Agent, buildConnector, request } from 'undici';
import { allowedAddresses, normHost, WebhookAddressError, type AddressPolicy } from './ssrf.ts';

export interface WebhookAgentOptions {
  connectTimeoutMs?: number;
}

/** An Agent that refuses to connect to private addresses, whatever DNS says at connect time. */
export function createWebhookAgent(policy: AddressPolicy, opts: WebhookAgentOptions = {}): Agent {
  const base = buildConnector({ timeout: opts.connectTimeoutMs ?? 10_000 });
  const connect: buildConnector.connector = (options, callback) => {
    const host = normHost(options.hostname);
    const port = Number(options.port) || (options.protocol === 'https:' ? 443 : 80);
    allowedAddresses(host, port, policy).then(
      (addresses) => {
        // Connect to the checked address; TLS still verifies the certificate against the name.
        const servername = options.servername ?? (isIP(host) ? undefined : host);
        // Every address passed; IPv4 first, as hosts without an IPv6 route are the common failure.
        const target = addresses.find((a) => a.family === 4) ?? addresses[0]!;
        base({ ...options, hostname: target.address, ...(servername ? { servername } : {}) }, callback);
      },
      (err: Error) => callback(err, null),
    );
  };
  return new Agent({ connect, keepAliveTimeout: 5_000, keepAliveMaxTimeout: 30_000 });
}

export type PostOutcome =
  | { kind: 'response'; status: number; retryAfter: string | null; bodyExcerpt: string; ms: number }
  | { kind: 'error'; error: string; refused: boolean; timedOut: boolean; ms: number };

const EXCERPT_BYTES = 1_024;

export interface PostOptions {
  dispatcher: Agent;
  timeoutMs: number;
  signal?: AbortSignal;
}

/** POSTs `body` once. Reads at most 1 kB of the answer (for the delivery log) and drops the rest. */
export async function postWebhook(url: string, body: string, headers: Record<string, string>, opts: PostOptions): Promise<PostOutcome> {
  const started = Date.now();
  const deadline = AbortSignal.timeout(opts.timeoutMs);
  const signal = opts.signal ? AbortSignal.any([opts.signal, deadline]) : deadline;
  try {
    const res = await request(url, {
      method: 'POST',
      body,
      headers,
      dispatcher: opts.dispatcher,
      signal,
      headersTimeout: opts.timeoutMs,
      bodyTimeout: opts.timeoutMs,
    });
    let excerpt = '';
    try {
      for await (const chunk of res.body) {
        excerpt += Buffer.from(chunk as Buffer).toString('utf8');
        if (excerpt.length >= EXCERPT_BYTES) break;
      }
    } catch {
      // A receiver that answers and then breaks the body still answered; the status decides.
    } finally {
      if (!res.body.destroyed) res.body.destroy();
    }
    const ra = res.headers['retry-after'];
    return {
      kind: 'response',
      status: res.statusCode,
      retryAfter: typeof ra === 'string' ? ra : Array.isArray(ra) ? (ra[0] ?? null) : null,
      bodyExcerpt: excerpt.slice(0, EXCERPT_BYTES),
      ms: Date.now() - started,
    };
  } catch (e) {
    const err = e as Error & { code?: string; cause?: Error };
    const refused = err instanceof WebhookAddressError || err.cause instanceof WebhookAddressError;
    const timedOut = deadline.aborted || err.name === 'TimeoutError' || err.code === 'UND_ERR_HEADERS_TIMEOUT' || err.code === 'UND_ERR_BODY_TIMEOUT' || err.code === 'UND_ERR_CONNECT_TIMEOUT';
    const message = timedOut ? `timed out after ${opts.timeoutMs} ms` : err.cause && !refused ? `${err.message}: ${err.cause.message}` : err.message;
    return { kind: 'error', error: message, refused, timedOut, ms: Date.now() - started };
  }
}
