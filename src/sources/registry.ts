/** Builds the configured source adapters. Sources that cannot run here are reported, not fatal. */
import type { Config } from '../config/env.ts';
import type { SourceConfig } from '../config/sources.ts';
import { ReplaySource } from './replay.ts';
import type { SourceAdapter } from './types.ts';

export interface BuiltSources {
  adapters: Map<string, SourceAdapter>;
  /** Poll interval per source id, for the job scheduler. */
  every: Map<string, number>;
  skipped: { id: string; why: string }[];
}

export function buildSources(sources: readonly SourceConfig[], _config: Config): BuiltSources {
  const adapters = new Map<string, SourceAdapter>();
  const every = new Map<string, number>();
  const skipped: { id: string; why: string }[] = [];
  for (const s of sources) {
    if (!s.enabled) {
      skipped.push({ id: s.id, why: 'disabled in the sources config' });
      continue;
    }
    switch (s.type) {
      case 'replay':
        adapters.set(s.id, new ReplaySource(s.id, s.file, s.batch));
        break;
      case 'x':
      case 'rss':
        skipped.push({ id: s.id, why: `${s.type} sources are not available in this build yet` });
        continue;
    }
    every.set(s.id, s.every);
  }
  return { adapters, every, skipped };
}
