/**
 * poll: fetch what is new for one source since its cursor, store each post idempotently, enqueue its
 * extraction, then save the cursor. A crash between the two re-fetches posts that are already stored,
 * which changes nothing; a rate limit postpones the job to the reset instead of failing it.
 */
import { incomingPostSchema } from '../src/domain/post.ts';
import { PermanentJobError, PostponeJobError, type Handler } from '../src/queue/runtime.ts';
import { SourcePermanentError, SourceRateLimitedError } from '../src/sources/types.ts';
import { deletePost, upsertPost } from '../src/store/posts.ts';
import { getSourceState, saveSourceState } from '../src/store/sources.ts';
import type { WorkerDeps } from './deps.ts';

export interface PollOutcome {
  fetched: number;
  inserted: number;
  deleted: number;
  rejected: number;
  more: boolean;
}

export function pollHandler(deps: WorkerDeps): Handler<'poll'> {
  return async ({ sourceId }, ctx): Promise<PollOutcome> => {
    const adapter = deps.sources.get(sourceId);
    if (!adapter) throw new PermanentJobError(`no source "${sourceId}" is configured in this process; check the sources config`);
    const db = deps.store.db;
    const state = await getSourceState(db, sourceId);
    const now = deps.now();
    if (state.rateLimitedUntil && state.rateLimitedUntil > now) {
      throw new PostponeJobError(state.rateLimitedUntil, `source ${sourceId} rate limited; polling after the reset`);
    }
    let result;
    try {
      result = await adapter.fetch(state.cursor, { signal: ctx.signal, log: ctx.log.child({ source: sourceId }), now: deps.now });
    } catch (e) {
      if (e instanceof SourceRateLimitedError) {
        await saveSourceState(db, sourceId, adapter.type, { rateLimitedUntil: e.resetAt, lastError: e.message });
        throw new PostponeJobError(e.resetAt, e.message);
      }
      const message = (e as Error).message;
      await saveSourceState(db, sourceId, adapter.type, { lastError: message, lastPolledAt: now });
      if (e instanceof SourcePermanentError) throw new PermanentJobError(message);
      throw e;
    }
    for (const w of result.warnings ?? []) ctx.log.warn({ source: sourceId }, w);

    let inserted = 0;
    let rejected = 0;
    for (const raw of result.posts) {
      const parsed = incomingPostSchema.safeParse(raw);
      if (!parsed.success) {
        rejected++;
        const i = parsed.error.issues[0];
        ctx.log.warn({ source: sourceId, externalId: (raw as { externalId?: unknown }).externalId }, `post rejected: ${i?.path.join('.')}: ${i?.message}`);
        continue;
      }
      const post = await upsertPost(db, parsed.data);
      if (post.inserted) inserted++;
      // Enqueue even when the post was already stored: an earlier attempt may have died before enqueueing.
      await deps.queues.add('extract', { postId: post.id });
    }
    let deleted = 0;
    for (const d of result.deletions) deleted += await deletePost(db, d);

    await saveSourceState(db, sourceId, adapter.type, {
      cursor: result.cursor,
      lastPolledAt: now,
      rateLimitedUntil: null,
      lastError: null,
    });
    if (result.more) await deps.queues.add('poll', { sourceId }, { jobId: `poll-${sourceId}-more-${now.getTime()}` });
    const outcome = { fetched: result.posts.length, inserted, deleted, rejected, more: !!result.more };
    ctx.log.info({ source: sourceId, ...outcome }, 'polled');
    return outcome;
  };
}
