/**
 * Watched accounts and feeds (config/sources.json by default), validated at boot.
 * A problem is reported as `FILE: sources[i].field: what is wrong`.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { SOURCE_KINDS } from '../domain/claim.ts';
import { ConfigError } from './env.ts';

const UNITS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/** "90s", "5m", "1h", "250ms" -> milliseconds. */
export const durationSchema = z
  .string()
  .regex(/^\d+(ms|s|m|h)$/, 'must be a duration such as "30s", "5m" or "1h"')
  .transform((s) => {
    const [, n, unit] = /^(\d+)(ms|s|m|h)$/.exec(s)!;
    return Number(n) * UNITS[unit!]!;
  });

const id = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'must be lowercase letters, digits, "_" or "-" (used in job ids)');
/** An X handle, with or without its "@"; stored without it. */
export const xHandleSchema = z.string().regex(/^@?[A-Za-z0-9_]{1,15}$/, 'must be an X handle such as "OIRSpox"').transform((h) => h.replace(/^@/, ''));
const handle = xHandleSchema;

export const xSourceSchema = z.object({
  type: z.literal('x'),
  id,
  /** timeline: one user-timeline request per account; search: batched `from:` queries; stream: filtered stream. */
  mode: z.enum(['timeline', 'search', 'stream']).default('timeline'),
  accounts: z.array(handle).min(1, 'needs at least one account'),
  /** Poll interval. In stream mode the stream delivers; polls are a safety-net search and the deletion checks. */
  every: durationSchema.default(60_000),
  sourceKind: z.enum(SOURCE_KINDS).default('social'),
  include: z
    .object({
      retweets: z.boolean().default(false),
      quotes: z.boolean().default(true),
      replies: z.enum(['none', 'same_author', 'all']).default('same_author'),
    })
    .prefault({}),
  /** Extra filtered-stream rule values (mode stream), besides `from:` rules for the accounts. */
  rules: z.array(z.string().min(1).max(1024)).default([]),
  /** Posts per request (X allows 5-100 on timelines, 10-100 on recent search). */
  maxResults: z.number().int().min(10).max(100).default(100),
  /** Longest search query / stream rule X accepts on this access level (512 on Basic and Pro, 1024 on Enterprise). */
  queryLimit: z.number().int().min(64).max(4096).default(512),
  /** Pages one poll may read before it hands over to the next poll (a long catch-up spreads over several jobs). */
  pagesPerPoll: z.number().int().min(1).max(1000).default(50),
  /** Stream mode: no data and no keep-alive for this long counts as a disconnect (X's documented rule: 20 s). */
  stallTimeout: durationSchema.default(20_000),
  /**
   * Deletion checks: posts delivered within `window` are looked up again every `every` (100 ids per request);
   * those X no longer returns are purged (compliance) and kept as tombstones.
   */
  deletions: z
    .object({
      check: z.boolean().default(true),
      window: durationSchema.default(72 * 3_600_000),
      every: durationSchema.default(15 * 60_000),
      /** Most posts looked up per check, newest first. */
      max: z.number().int().min(1).max(20_000).default(2_000),
    })
    .prefault({}),
  enabled: z.boolean().default(true),
});

export const rssSourceSchema = z.object({
  type: z.literal('rss'),
  id,
  url: z.url({ error: 'must be the feed URL (http or https)' }),
  name: z.string().min(1),
  sourceKind: z.enum(SOURCE_KINDS).default('news'),
  every: durationSchema.default(300_000),
  /** Whole-request deadline (connect, headers and body). */
  timeout: durationSchema.default(30_000),
  /** Largest feed document read, in bytes; a bigger one is refused rather than buffered. */
  maxBytes: z.number().int().min(1_024).max(100_000_000).default(10_000_000),
  enabled: z.boolean().default(true),
});

export const replaySourceSchema = z.object({
  type: z.literal('replay'),
  id,
  /** JSONL of {id, text, posted_at, source?}; relative paths resolve from the working directory. */
  file: z.string().min(1),
  /** Posts handed over per poll. */
  batch: z.number().int().min(1).max(10_000).default(20),
  every: durationSchema.default(2_000),
  enabled: z.boolean().default(true),
});

export const sourceConfigSchema = z.discriminatedUnion('type', [xSourceSchema, rssSourceSchema, replaySourceSchema]);
export type SourceConfig = z.infer<typeof sourceConfigSchema>;
export type XSourceConfig = z.infer<typeof xSourceSchema>;
export type RssSourceConfig = z.infer<typeof rssSourceSchema>;
export type ReplaySourceConfig = z.infer<typeof replaySourceSchema>;

export const sourcesFileSchema = z
  .object({ sources: z.array(sourceConfigSchema) })
  .superRefine((f, ctx) => {
    const seen = new Set<string>();
    f.sources.forEach((s, i) => {
      if (seen.has(s.id)) ctx.addIssue({ code: 'custom', path: ['sources', i, 'id'], message: `duplicate source id "${s.id}"` });
      seen.add(s.id);
    });
  });

function formatPath(path: PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');
}

/** Validates a parsed sources document; `label` names it in errors. */
export function parseSources(doc: unknown, label: string): SourceConfig[] {
  const parsed = sourcesFileSchema.safeParse(doc);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${formatPath(i.path) || 'document'}: ${i.message}`);
    throw new ConfigError(`${label}: ${lines.join('; ')}`);
  }
  return parsed.data.sources;
}

export function loadSourcesFile(path: string): SourceConfig[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ConfigError(
      code === 'ENOENT'
        ? `${path}: no such file; create it (see config/sources.example.json) or set SOURCES_FILE`
        : `${path}: cannot read (${(e as Error).message})`,
    );
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`${path}: not valid JSON (${(e as Error).message})`);
  }
  return parseSources(doc, path);
}
