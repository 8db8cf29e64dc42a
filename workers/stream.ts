/**
 * Runs the push sources (X filtered stream) in the poller role. Streamed posts go through the same
 * idempotent path as polled ones (ingestBatch: store, enqueue extract with the catalog's job id); the
 * stream's liveness, last delivered post and open gap are kept in stream_state so a restart fills the gap.
 * One process per source holds the stream: on PostgreSQL a session advisory lock elects it (the lock goes
 * with the connection if the process dies); the embedded store is single-process anyway.
 */
import type { Logger } from 'pino';
import type { SourceAdapter, StreamHandle, StreamSink } from '../src/sources/types.ts';
import { getStreamState, saveStreamState } from '../src/store/ingest.ts';
import { tryWithLock } from '../src/store/locks.ts';
import type { WorkerDeps } from './deps.ts';
import { ingestBatch } from './poll.ts';
import { sleep } from '../src/lib/sleep.ts';

/** How often liveness (keep-alives) is written; posts are recorded as they come. */
const ALIVE_WRITE_MS = 5_000;
/** A process that did not get a stream's lock asks again this often. */
const LEASE_RETRY_MS = 30_000;

export interface StreamRunners {
  /** Source ids with a running (or waiting-for-lease) stream. */
  readonly sources: readonly string[];
  stop(): Promise<void>;
}


export function startStreamRunners(deps: Pick<WorkerDeps, 'store' | 'queues' | 'now' | 'log'>, adapters: ReadonlyMap<string, SourceAdapter>): StreamRunners {
  const ac = new AbortController();
  const runs: Promise<void>[] = [];
  const ids: string[] = [];
  for (const [id, adapter] of adapters) {
    if (!adapter.stream) continue;
    ids.push(id);
    runs.push(runOne(deps, id, adapter, ac.signal));
  }
  return {
    sources: ids,
    async stop() {
      ac.abort();
      await Promise.all(runs);
    },
  };
}

async function runOne(deps: Pick<WorkerDeps, 'store' | 'queues' | 'now' | 'log'>, sourceId: string, adapter: SourceAdapter, signal: AbortSignal): Promise<void> {
  const log = deps.log.child({ source: sourceId, role: 'stream' });
  while (!signal.aborted) {
    try {
      const outcome = await tryWithLock(deps.store, `claimwatch-stream:${sourceId}`, () => streamWhileLeased(deps, sourceId, adapter, signal, log));
      if (!outcome.ran) {
        log.debug('another process holds this stream; waiting');
        await sleep(LEASE_RETRY_MS, signal);
      }
      // The stream ended for a reason reconnecting cannot fix (it said so): do not hammer X.
      else if (!signal.aborted) return;
    } catch (e) {
      if (signal.aborted) return;
      log.error({ err: { message: (e as Error).message } }, 'stream stopped; starting it again in a minute');
      await sleep(60_000, signal);
    }
  }
}

async function streamWhileLeased(
  deps: Pick<WorkerDeps, 'store' | 'queues' | 'now' | 'log'>,
  sourceId: string,
  adapter: SourceAdapter,
  signal: AbortSignal,
  log: Logger,
): Promise<void> {
  const db = deps.store.db;
  const prior = await getStreamState(db, sourceId);
  let lastAliveWrite = 0;
  const sink: StreamSink = {
    async deliver(batch) {
      const counts = await ingestBatch(deps, sourceId, batch, log);
      log.info({ live: batch.live, fetched: counts.fetched, inserted: counts.inserted }, batch.live ? 'streamed posts stored' : 'gap posts stored');
    },
    async gap(openSinceId, reason) {
      await saveStreamState(db, sourceId, { gapSinceId: openSinceId, ...(reason ? { lastError: reason } : {}) });
    },
    status(s) {
      const now = deps.now();
      let patch: Parameters<typeof saveStreamState>[2] | undefined;
      if (s.state === 'connected') {
        if (s.lastSeenId || now.getTime() - lastAliveWrite >= ALIVE_WRITE_MS) {
          patch = { connected: true, aliveAt: now, ...(s.lastSeenId ? { lastSeenId: s.lastSeenId } : {}) };
          lastAliveWrite = now.getTime();
        }
      } else if (s.state === 'disconnected') patch = { connected: false, disconnected: true, lastError: s.reason ?? null };
      else patch = { connected: false, lastError: `${s.reason ?? 'waiting'}; reconnecting at ${s.until?.toISOString() ?? 'once possible'}` };
      if (patch) saveStreamState(db, sourceId, patch).catch((e: unknown) => log.warn({ err: { message: (e as Error).message } }, 'could not record stream state'));
    },
  };
  const handle: StreamHandle = adapter.stream!(sink, {
    signal,
    log,
    now: deps.now,
    lastSeenId: prior?.lastSeenId ?? undefined,
    aliveAt: prior?.aliveAt ?? undefined,
    gapSinceId: prior?.gapSinceId ?? undefined,
  });
  const stop = () => void handle.stop();
  signal.addEventListener('abort', stop, { once: true });
  try {
    await handle.done;
  } finally {
    signal.removeEventListener('abort', stop);
    await saveStreamState(db, sourceId, { connected: false }).catch(() => {});
  }
}
