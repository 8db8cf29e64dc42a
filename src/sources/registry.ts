/** Builds the configured source adapters. Sources that cannot run here are reported, not fatal. */
import type { Config } from '../config/env.ts';
import type { SourceConfig, XSourceConfig } from '../config/sources.ts';
import { ReplaySource } from './replay.ts';
import { RssSource } from './rss/source.ts';
import type { SourceAdapter } from './types.ts';
import { XApi } from './x/api.ts';
import { RateLimitBook } from './x/rateLimits.ts';
import { XSearchSource } from './x/search.ts';
import { XStreamSource } from './x/stream.ts';
import { XTimelineSource } from './x/timeline.ts';

export interface BuiltSources {
  adapters: Map<string, SourceAdapter>;
  /** Poll interval per source id, for the job scheduler. */
  every: Map<string, number>;
  skipped: { id: string; why: string }[];
}

export interface BuildOptions {
  /** Shared by every X adapter of the process: X budgets requests per app and endpoint, not per source. */
  xBook?: RateLimitBook;
  now?: () => Date;
}

export function buildXSource(s: XSourceConfig, config: Config, options: BuildOptions = {}): SourceAdapter {
  if (!config.x.bearerToken) throw new Error('X_BEARER_TOKEN is not set');
  const api = new XApi({ bearerToken: config.x.bearerToken, baseUrl: config.x.baseUrl, book: options.xBook, ...(options.now ? { now: options.now } : {}) });
  switch (s.mode) {
    case 'timeline':
      return new XTimelineSource(s.id, s, api);
    case 'search':
      return new XSearchSource(s.id, s, api);
    case 'stream':
      return new XStreamSource(s.id, s, api);
  }
}

export function buildSources(sources: readonly SourceConfig[], config: Config, options: BuildOptions = {}): BuiltSources {
  const adapters = new Map<string, SourceAdapter>();
  const every = new Map<string, number>();
  const skipped: { id: string; why: string }[] = [];
  const xBook = options.xBook ?? new RateLimitBook();
  for (const s of sources) {
    if (!s.enabled) {
      skipped.push({ id: s.id, why: 'disabled in the sources config' });
      continue;
    }
    switch (s.type) {
      case 'replay':
        adapters.set(s.id, new ReplaySource(s.id, s.file, s.batch));
        break;
      case 'rss':
        adapters.set(s.id, new RssSource(s.id, s));
        break;
      case 'x':
        if (!config.x.bearerToken) {
          skipped.push({ id: s.id, why: 'X_BEARER_TOKEN is not set (paste the app-only Bearer token from the X developer portal)' });
          continue;
        }
        adapters.set(s.id, buildXSource(s, config, { ...options, xBook }));
        break;
    }
    // Stream sources are polled too, less often: a safety-net search and the deletion checks.
    every.set(s.id, s.every);
  }
  return { adapters, every, skipped };
}
