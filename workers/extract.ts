/**
 * extract: post -> claim. Stores the claim and its claim.created event in one transaction (idempotent on
 * post + extractor version), then enqueues matching and alerting with deterministic ids.
 */
import { claimCreatedEventId, EVENT_PAYLOAD_VERSION, type ClaimEventPayload } from '../src/domain/events.ts';
import { extractClaim, EXTRACTOR_VERSION } from '../src/extract/index.ts';
import { PermanentJobError, type Handler } from '../src/queue/runtime.ts';
import { insertExtractedClaim } from '../src/store/claims.ts';
import { markDispatched, recordEvent } from '../src/store/events.ts';
import { getPost } from '../src/store/posts.ts';
import type { WorkerDeps } from './deps.ts';

export function extractHandler(deps: WorkerDeps): Handler<'extract'> {
  return async ({ postId }, ctx) => {
    const db = deps.store.db;
    const post = await getPost(db, postId);
    if (!post) throw new PermanentJobError(`post ${postId} does not exist`);
    if (post.deletedAt || post.text === null) return { skipped: 'post deleted' };
    const started = performance.now();
    const claim = extractClaim({
      text: post.text,
      postedAt: post.postedAt.toISOString(),
      source: { kind: post.sourceKind, name: post.sourceName ?? post.author, account: post.author },
    });
    deps.metrics?.extractSeconds.observe((performance.now() - started) / 1000);
    const eventId = (claimId: string) => claimCreatedEventId(claimId);
    const stored = await db.transaction().execute(async (tx) => {
      const r = await insertExtractedClaim(tx, { postId, claim, extractorVersion: EXTRACTOR_VERSION });
      const payload: ClaimEventPayload = {
        version: EVENT_PAYLOAD_VERSION,
        claim_id: r.id,
        post: {
          id: post.id,
          platform: post.platform,
          external_id: post.externalId,
          author: post.author,
          source_kind: post.sourceKind,
          source_name: post.sourceName,
          url: post.url,
          posted_at: post.postedAt.toISOString(),
        },
        status: 'pending',
        incident_id: null,
        claim,
      };
      await recordEvent(tx, { id: eventId(r.id), type: 'claim.created', subject: `claim:${r.id}`, payload: payload as unknown as Record<string, unknown> });
      return r;
    });
    await deps.queues.add('match', { claimId: stored.id });
    await deps.queues.add('alert', { eventId: eventId(stored.id) });
    await markDispatched(db, [eventId(stored.id)]);
    ctx.log.info(
      { postId, claimId: stored.id, inserted: stored.inserted, superseded: stored.superseded.length, event_type: claim.event_type, quantities: claim.quantities.length },
      'extracted',
    );
    return { claimId: stored.id, inserted: stored.inserted };
  };
}
