/**
 * What the alert and deliver workers need besides the store and the queues, built once per process:
 * the delivery policy (schedule, deadline, disable rule), the SSRF-guarded HTTP agent, the per-endpoint
 * limiter and the live-stream publisher. Tests inject a resolver, a shorter schedule or a memory limiter.
 */
import type { Redis } from 'ioredis';
import type { Agent } from 'undici';
import type { Logger } from 'pino';
import { createWebhookAgent } from './http.ts';
import { memoryEndpointLimiter, redisEndpointLimiter, type EndpointLimiter } from './limiter.ts';
import { DEFAULT_DELIVERY_POLICY, type DeliveryPolicy } from './retry.ts';
import { EMPTY_ALLOWLIST, parseAllowlist, systemResolver, type AddressPolicy, type HostResolver } from './ssrf.ts';
import { encodeStreamMessage, streamChannel, type StreamSource } from './streamMessage.ts';

export interface AlertServices {
  readonly policy: DeliveryPolicy;
  readonly addresses: AddressPolicy;
  readonly agent: Agent;
  readonly limiter: EndpointLimiter;
  /** How long a delivery waits when its endpoint has no free slot. */
  busyDelayMs(): number;
  /** Publishes an event to live streams in every API process; a failure is logged, never thrown. */
  publish(event: StreamSource): Promise<void>;
  close(): Promise<void>;
}

export interface AlertServicesOptions {
  allowlist?: readonly string[];
  resolve?: HostResolver;
  policy?: Partial<DeliveryPolicy>;
  /** Requests in flight per endpoint (URL origin) across all workers. */
  perEndpointConcurrency?: number;
  /** Redis for the limiter and pub/sub; without it the limiter is per process and nothing is published. */
  redis?: Redis;
  /** Queue prefix, to namespace Redis keys and the stream channel. */
  prefix?: string;
  log?: Logger;
  limiter?: EndpointLimiter;
}

export const DEFAULT_PER_ENDPOINT_CONCURRENCY = 2;

export function createAlertServices(opts: AlertServicesOptions = {}): AlertServices {
  const policy: DeliveryPolicy = { ...DEFAULT_DELIVERY_POLICY, ...opts.policy };
  const addresses: AddressPolicy = {
    allowlist: opts.allowlist ? parseAllowlist(opts.allowlist) : EMPTY_ALLOWLIST,
    resolve: opts.resolve ?? systemResolver,
  };
  const agent = createWebhookAgent(addresses, { connectTimeoutMs: Math.min(10_000, policy.timeoutMs) });
  const perEndpoint = opts.perEndpointConcurrency ?? DEFAULT_PER_ENDPOINT_CONCURRENCY;
  const prefix = opts.prefix ?? 'claimwatch';
  const limiter =
    opts.limiter ??
    (opts.redis
      ? redisEndpointLimiter(opts.redis, { prefix, limit: perEndpoint, ttlMs: policy.timeoutMs + 15_000 })
      : memoryEndpointLimiter(perEndpoint));
  const channel = streamChannel(prefix);
  return {
    policy,
    addresses,
    agent,
    limiter,
    busyDelayMs: () => 250 + Math.floor(Math.random() * 750),
    async publish(event) {
      if (!opts.redis) return;
      try {
        await opts.redis.publish(channel, encodeStreamMessage(event));
      } catch (e) {
        opts.log?.warn({ eventId: event.id, err: { message: (e as Error).message } }, 'could not publish the event to live streams');
      }
    },
    async close() {
      await agent.close().catch(() => {});
    },
  };
}
