/**
 * The reconcile sweep: the database is the record of what is done, Redis only of what is queued. After
 * Redis lost its data (a restart without persistence, a failover, a flush), a crash between a commit and
 * its enqueue, or a job that vanished, the sweep finds the unfinished work in the database and enqueues it
 * again with the catalog's deterministic job ids, so a job still queued is not doubled and work already
 * done is not redone (every handler is idempotent besides). It runs when a worker starts, every
 * RECONCILE_EVERY_MS (the `reconcile` job) and whenever the Redis connection comes back after a loss.
 */
import type { Logger } from 'pino';
import type { Store } from '../store/db.ts';
import { getEvent } from '../store/events.ts';
import { tryWithLock } from '../store/locks.ts';
import { dueDeliveries, unalertedEvents, unextractedPosts, unmatchedClaims, type Page } from '../store/reconcile.ts';
import { relayEvent } from './followUps.ts';
import type { JobQueues } from './runtime.ts';

export interface ReconcileCounts {
  extract: number;
  match: number;
  alert: number;
  deliver: number;
}

export interface ReconcileOptions {
  /** Work younger than this is left alone (most likely still in flight); 0 after Redis lost its data. */
  olderThanMs: number;
  /** Rows read per query. */
  pageSize?: number;
  signal?: AbortSignal;
}

const PAGE = 500;

/** Reads `query` page by page after an id cursor and hands each id to `each`; returns how many. */
async function forEachPage(query: (p: Page) => Promise<string[]>, opts: ReconcileOptions, each: (id: string) => Promise<boolean>): Promise<number> {
  let after = '0';
  let n = 0;
  for (;;) {
    opts.signal?.throwIfAborted();
    const ids = await query({ olderThanMs: opts.olderThanMs, after, limit: opts.pageSize ?? PAGE });
    for (const id of ids) if (await each(id)) n++;
    if (ids.length < (opts.pageSize ?? PAGE)) return n;
    after = ids[ids.length - 1]!;
  }
}

/** One sweep over every stage; returns how many jobs it (re-)enqueued per queue. */
export async function reconcile(store: Store, queues: JobQueues, opts: ReconcileOptions): Promise<ReconcileCounts> {
  const db = store.db;
  const extract = await forEachPage((p) => unextractedPosts(db, p), opts, async (postId) => (await queues.add('extract', { postId }), true));
  const match = await forEachPage((p) => unmatchedClaims(db, p), opts, async (claimId) => (await queues.add('match', { claimId }), true));
  const alert = await forEachPage((p) => unalertedEvents(db, p), opts, async (eventId) => {
    const event = await getEvent(db, eventId);
    if (!event) return false;
    await relayEvent(queues, event);
    return true;
  });
  // A delivery sleeps in a delayed job until its next attempt; only one with no live job gets a new one.
  const deliver = await forEachPage((p) => dueDeliveries(db, p), opts, async (deliveryId) => {
    const existing = await queues.queue('deliver').getJob(`deliver-${deliveryId}`);
    const state = existing ? await existing.getState() : 'missing';
    if (state === 'failed') await existing!.retry();
    else if (state === 'missing' || state === 'unknown') await queues.add('deliver', { deliveryId });
    else return false;
    return true;
  });
  return { extract, match, alert, deliver };
}

/**
 * Runs a sweep unless one is already running (in this process, or in another one on PostgreSQL): several
 * workers coming back from one Redis outage sweep once. Logs what it did; never throws (it is retried by
 * the next trigger).
 */
export async function reconcileOnce(deps: { store: Store; queues: JobQueues; log: Logger }, why: string, opts: ReconcileOptions): Promise<ReconcileCounts | undefined> {
  const started = Date.now();
  try {
    const r = await tryWithLock(deps.store, 'claimwatch-reconcile', () => reconcile(deps.store, deps.queues, opts));
    if (!r.ran) {
      deps.log.debug({ why }, 'reconcile sweep skipped: another one is running');
      return undefined;
    }
    const total = r.value.extract + r.value.match + r.value.alert + r.value.deliver;
    deps.log[total ? 'info' : 'debug']({ why, ...r.value, ms: Date.now() - started }, total ? 're-enqueued unfinished work from the database' : 'reconcile sweep found nothing unfinished');
    return r.value;
  } catch (e) {
    deps.log.warn({ why, err: { message: (e as Error).message } }, 'reconcile sweep failed; the next one retries');
    return undefined;
  }
}
