/**
 * Deletion checks. X does not announce deletions on the endpoints claimwatch polls, so the posts an
 * adapter delivered recently are looked up again now and then; those X answers "not found" for were
 * deleted, and their text and their claims' text are purged (compliance) while a tombstone stays.
 * The list lives in the adapter's cursor (bounded by age and count); bookkeeping here is pure.
 */
import type { IncomingPost, PostDeletion } from '../../domain/post.ts';
import { isNotFound, type XError } from './wire.ts';

/** [external id (edit-chain root), id of the newest version seen, posted at (ms)] */
export type RecentEntry = [string, string, number];

export interface DeletionState {
  recent: RecentEntry[];
  /** Last completed check (ms). */
  checkedAt?: number;
}

export interface DeletionOptions {
  check: boolean;
  window: number;
  every: number;
  max: number;
}

export function readDeletionState(v: unknown): DeletionState {
  const o = (v && typeof v === 'object' ? v : {}) as Record<string, unknown>;
  const recent = Array.isArray(o.recent)
    ? (o.recent as unknown[]).filter(
        (e): e is RecentEntry => Array.isArray(e) && typeof e[0] === 'string' && typeof e[1] === 'string' && typeof e[2] === 'number',
      )
    : [];
  return { recent, ...(typeof o.checkedAt === 'number' ? { checkedAt: o.checkedAt } : {}) };
}

/** Adds delivered posts (a newer version replaces the older one's id), newest first, within window and max. */
export function remember(state: DeletionState, posts: readonly IncomingPost[], options: DeletionOptions, nowMs: number): DeletionState {
  if (!options.check) return { recent: [] , ...(state.checkedAt !== undefined ? { checkedAt: state.checkedAt } : {}) };
  const byRoot = new Map<string, { entry: RecentEntry; version: number }>();
  for (const e of state.recent) byRoot.set(e[0], { entry: e, version: 0 });
  for (const p of posts) {
    if (p.platform !== 'x') continue;
    const posted = Date.parse(p.postedAt);
    if (!Number.isFinite(posted)) continue;
    const prev = byRoot.get(p.externalId);
    // The chain's age counts from its first version; its newest version's id is the one to look up.
    const first = Math.min(posted, prev?.entry[2] ?? posted);
    if (prev && prev.version > p.version) prev.entry = [prev.entry[0], prev.entry[1], first];
    else byRoot.set(p.externalId, { entry: [p.externalId, p.versionExternalId ?? p.externalId, first], version: p.version });
  }
  const recent = [...byRoot.values()]
    .map((v) => v.entry)
    .filter((e) => nowMs - e[2] <= options.window)
    .sort((a, b) => b[2] - a[2])
    .slice(0, options.max);
  // The first check comes one interval after the first posts, not at once.
  return { recent, checkedAt: state.checkedAt ?? nowMs };
}

export function checkDue(state: DeletionState, options: DeletionOptions, nowMs: number): boolean {
  return options.check && state.recent.length > 0 && (state.checkedAt === undefined || nowMs - state.checkedAt >= options.every);
}

/** Batches of version ids to look up (X takes 100 per request). */
export function lookupBatches(state: DeletionState, size = 100): string[][] {
  const ids = state.recent.map((e) => e[1]);
  const out: string[][] = [];
  for (let i = 0; i < ids.length; i += size) out.push(ids.slice(i, i + size));
  return out;
}

/** The posts a lookup reported as not found, as deletions of their edit chains. */
export function deletionsFrom(state: DeletionState, errors: readonly XError[], deletedAt: string): PostDeletion[] {
  const gone = new Set(errors.filter(isNotFound).map((e) => e.resource_id ?? e.value).filter((x): x is string => !!x));
  return state.recent.filter((e) => gone.has(e[1])).map((e) => ({ platform: 'x', externalId: e[0], deletedAt }));
}

export function forget(state: DeletionState, deletions: readonly PostDeletion[]): DeletionState {
  const gone = new Set(deletions.map((d) => d.externalId));
  return { ...state, recent: state.recent.filter((e) => !gone.has(e[0])) };
}
