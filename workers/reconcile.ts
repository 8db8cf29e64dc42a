/** reconcile: the periodic sweep that re-enqueues unfinished work from the database (src/queue/reconcile.ts). */
import { reconcileOnce } from '../src/queue/reconcile.ts';
import type { Handler } from '../src/queue/runtime.ts';
import type { WorkerDeps } from './deps.ts';

export function reconcileHandler(deps: WorkerDeps): Handler<'reconcile'> {
  return async ({ olderThanMs }, ctx) => {
    const counts = await reconcileOnce({ store: deps.store, queues: deps.queues, log: ctx.log }, 'schedule', { olderThanMs, signal: ctx.signal });
    return counts ?? { skipped: 'another sweep was running or this one failed' };
  };
}
