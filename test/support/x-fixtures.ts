/** Helpers for tests of the X adapters against the local X API v2 server. */
import { pino } from 'pino';
import { xSourceSchema, type XSourceConfig } from '../../src/config/sources.ts';
import type { FetchContext, FetchResult, SourceAdapter } from '../../src/sources/types.ts';
import { XApi } from '../../src/sources/x/api.ts';
import { TEST_BEARER, type XApiServer } from './x-api-server.ts';

export const silentLog = pino({ level: 'silent' });

export function xSource(partial: Partial<Record<keyof XSourceConfig, unknown>> & { accounts: string[] }): XSourceConfig {
  return xSourceSchema.parse({ type: 'x', id: 'x-test', ...partial });
}

export function fetchCtx(now: () => Date = () => new Date()): FetchContext {
  return { signal: new AbortController().signal, log: silentLog, now };
}

export function apiFor(server: XApiServer, now?: () => Date): XApi {
  return new XApi({ bearerToken: TEST_BEARER, baseUrl: server.url, ...(now ? { now } : {}) });
}

/** Polls until the adapter says there is nothing more, waiting out rate limits; returns every result. */
export async function drain(adapter: SourceAdapter, cursor: unknown, ctx: FetchContext, maxRounds = 100): Promise<{ results: FetchResult[]; cursor: unknown }> {
  const results: FetchResult[] = [];
  for (let i = 0; i < maxRounds; i++) {
    const r = await adapter.fetch(cursor, ctx);
    results.push(r);
    cursor = r.cursor;
    if (!r.more) return { results, cursor };
    if (r.notBefore) await new Promise((res) => setTimeout(res, Math.max(0, r.notBefore!.getTime() - Date.now())));
  }
  throw new Error('adapter never finished');
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
