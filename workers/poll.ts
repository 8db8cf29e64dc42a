/**
 * poll: fetch what is new for one source since its cursor, store each post idempotently, enqueue its
 * extraction, then save the cursor. A crash between the two re-fetches posts that are already stored,
 * which changes nothing; a rate limit postpones the job to the reset instead of failing it, and a rate
 * limit hit halfway stores what was read and resumes after the reset, never before.
 */
import type { Logger } from 'pino';
import { incomingPostSchema, type IncomingPost, type PostDeletion } from '../src/domain/post.ts';
import { truncationReason } from '../src/domain/postText.ts';
import { jobIdPart } from '../src/queue/catalog.ts';
import type { PollStatus } from '../src/ops/metrics.ts';
import { PermanentJobError, PostponeJobError, type Handler, type HandlerContext } from '../src/queue/runtime.ts';
import { SourcePermanentError, SourceRateLimitedError } from '../src/sources/types.ts';
import { recentSourcePosts, recordSourcePosts, type SourcePost } from '../src/store/ingest.ts';
import { tryWithLock } from '../src/store/locks.ts';
import { upsertRevision } from '../src/store/postRevisions.ts';
import { deletePost, upsertPost } from '../src/store/posts.ts';
import { getSourceState, saveSourceState } from '../src/store/sources.ts';
import type { WorkerDeps } from './deps.ts';

export interface PollOutcome {
  fetched: number;
  inserted: number;
  deleted: number;
  rejected: number;
  more: boolean;
  /** Set when the source was still rate limited and this poll did nothing. */
  skipped?: string;
}

export interface IngestBatch {
  posts: readonly IncomingPost[];
  deletions: readonly PostDeletion[];
  revisions?: readonly IncomingPost[] | undefined;
}

export interface IngestCounts {
  fetched: number;
  inserted: number;
  deleted: number;
  rejected: number;
  /** Posts stored with their text cut to the ingestion limit (posts.text_truncated_from says by how much). */
  truncated: number;
  /** Ids of the stored post versions handed to extraction. */
  postIds: string[];
}

/**
 * The one path from a source into the pipeline (polls, the stream, backfills): validate, store
 * idempotently (platform + external id + version), enqueue extraction with the catalog's deterministic
 * job id, apply deletions (purge text, keep a tombstone). Delivering the same batch twice changes nothing.
 */
export async function ingestBatch(deps: Pick<WorkerDeps, 'store' | 'queues'>, sourceId: string, batch: IngestBatch, log: Logger): Promise<IngestCounts> {
  const db = deps.store.db;
  const counts: IngestCounts = { fetched: batch.posts.length + (batch.revisions?.length ?? 0), inserted: 0, deleted: 0, rejected: 0, truncated: 0, postIds: [] };
  const delivered: SourcePost[] = [];
  const take = async (raw: IncomingPost, revisable: boolean) => {
    const parsed = incomingPostSchema.safeParse(raw);
    if (!parsed.success) {
      counts.rejected++;
      const i = parsed.error.issues[0];
      log.warn({ source: sourceId, externalId: (raw as { externalId?: unknown }).externalId }, `post rejected: ${i?.path.join('.')}: ${i?.message}`);
      return;
    }
    const p = parsed.data;
    const post = revisable ? await upsertRevision(db, p) : await upsertPost(db, p);
    if (post.inserted) counts.inserted++;
    if (post.truncatedFrom !== undefined) {
      counts.truncated++;
      log.warn({ source: sourceId, externalId: p.externalId, postId: post.id, truncatedFrom: post.truncatedFrom }, truncationReason(post.truncatedFrom));
    }
    if (post.deleted) return;
    counts.postIds.push(post.id);
    const version = 'version' in post ? (post.version as number) : p.version;
    delivered.push({ platform: p.platform, externalId: p.externalId, version, versionExternalId: p.versionExternalId ?? p.externalId, postedAt: new Date(p.postedAt) });
    // Enqueue even when the post was already stored: an earlier attempt may have died before enqueueing.
    await deps.queues.add('extract', { postId: post.id });
  };
  for (const p of batch.posts) await take(p, false);
  for (const p of batch.revisions ?? []) await take(p, true);
  await recordSourcePosts(db, sourceId, delivered);
  for (const d of batch.deletions) counts.deleted += await deletePost(db, d);
  return counts;
}

/** Job id of the poll that resumes a source after its rate-limit reset (one per reset, however often asked). */
export function resumeJobId(sourceId: string, at: Date): string {
  return `poll-${jobIdPart(sourceId)}-resume-${at.getTime()}`;
}

export function pollHandler(deps: WorkerDeps): Handler<'poll'> {
  return async (payload, ctx): Promise<PollOutcome> => {
    const { sourceId } = payload;
    if (!deps.sources.get(sourceId)) throw new PermanentJobError(`no source "${sourceId}" is configured in this process; check the sources config`);
    // One poll of a source at a time (scheduled, "more" and resume jobs may overlap): two would read the
    // same cursor and spend the same request budget twice. The one that finds the source busy steps aside.
    const locked = await tryWithLock(deps.store, `claimwatch-poll:${sourceId}`, () => pollOnce(deps, sourceId, ctx));
    if (locked.ran) {
      const { next, ...outcome } = locked.value;
      // Enqueued once the lock is released, so the follow-up never finds its own source busy.
      if (next) await deps.queues.add('poll', { sourceId }, next);
      return outcome;
    }
    ctx.log.debug({ source: sourceId }, 'another poll of this source is running; skipped');
    deps.metrics?.poll(sourceId, deps.sources.get(sourceId)!.type, 'skipped_busy');
    return { fetched: 0, inserted: 0, deleted: 0, rejected: 0, more: false, skipped: 'another poll of this source is running' };
  };
}

async function pollOnce(deps: WorkerDeps, sourceId: string, ctx: HandlerContext): Promise<PollOutcome & { next?: { jobId: string; delay?: number } }> {
  const adapter = deps.sources.get(sourceId)!;
  const db = deps.store.db;
  const state = await getSourceState(db, sourceId);
  const now = deps.now();
  const count = (status: PollStatus) => deps.metrics?.poll(sourceId, adapter.type, status);
  if (state.rateLimitedUntil && state.rateLimitedUntil > now) {
    // A resume job (or the postponed job itself) is already waiting for the reset; scheduled polls in
    // between would only pile up behind it, so they step aside. The resume job, early, waits again.
    if (ctx.jobId === resumeJobId(sourceId, state.rateLimitedUntil)) {
      count('skipped_rate_limited');
      throw new PostponeJobError(state.rateLimitedUntil, `source ${sourceId} rate limited; polling after the reset`);
    }
    ctx.log.debug({ source: sourceId, until: state.rateLimitedUntil.toISOString() }, 'rate limited; poll skipped');
    count('skipped_rate_limited');
    return { fetched: 0, inserted: 0, deleted: 0, rejected: 0, more: false, skipped: `rate limited until ${state.rateLimitedUntil.toISOString()}` };
  }
  let result;
  try {
    result = await adapter.fetch(state.cursor, {
      signal: ctx.signal,
      log: ctx.log.child({ source: sourceId }),
      now: deps.now,
      recentPosts: (since, limit) => recentSourcePosts(db, sourceId, since, limit),
    });
  } catch (e) {
    if (e instanceof SourceRateLimitedError) {
      count('rate_limited');
      deps.metrics?.rateLimitWait(sourceId, adapter.type, now, e.resetAt);
      await saveSourceState(db, sourceId, adapter.type, { rateLimitedUntil: e.resetAt, lastError: e.message });
      throw new PostponeJobError(e.resetAt, e.message);
    }
    const message = (e as Error).message;
    count(e instanceof SourcePermanentError ? 'permanent_error' : 'error');
    await saveSourceState(db, sourceId, adapter.type, { lastError: message, lastPolledAt: now });
    if (e instanceof SourcePermanentError) throw new PermanentJobError(message);
    throw e;
  }
  for (const w of result.warnings ?? []) ctx.log.warn({ source: sourceId }, w);

  const counts = await ingestBatch(deps, sourceId, result, ctx.log);
  const notBefore = result.more && result.notBefore && result.notBefore > now ? result.notBefore : undefined;
  // A rate limit hit halfway: what was read is stored, and the rest waits for the reset.
  count(notBefore ? 'rate_limited' : 'ok');
  if (notBefore) deps.metrics?.rateLimitWait(sourceId, adapter.type, now, notBefore);
  await saveSourceState(db, sourceId, adapter.type, {
    cursor: result.cursor,
    lastPolledAt: now,
    rateLimitedUntil: notBefore ?? null,
    lastError: notBefore ? `rate limited until ${notBefore.toISOString()}; resuming then` : null,
  });
  const next = notBefore
    ? { jobId: resumeJobId(sourceId, notBefore), delay: notBefore.getTime() - now.getTime() }
    : result.more
      ? { jobId: `poll-${jobIdPart(sourceId)}-more-${now.getTime()}` }
      : undefined;
  const outcome = { fetched: counts.fetched, inserted: counts.inserted, deleted: counts.deleted, rejected: counts.rejected, more: !!result.more };
  ctx.log.info(
    { source: sourceId, ...outcome, ...(result.rateLimit ? { rateLimitRemaining: result.rateLimit.remaining } : {}), ...(notBefore ? { resumeAt: notBefore.toISOString() } : {}) },
    'polled',
  );
  return { ...outcome, ...(next ? { next } : {}) };
}
