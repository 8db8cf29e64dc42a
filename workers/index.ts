/** Every processor, keyed by job name. `Handlers` makes a missing one a compile error. */
import { gazetteerCompareContext } from '../src/compare/gazetteerContext.ts';
import type { Handlers } from '../src/queue/runtime.ts';
import { alertHandler } from './alert.ts';
import { deliverHandler } from './deliver.ts';
import type { WorkerDeps } from './deps.ts';
import { extractHandler } from './extract.ts';
import { matchHandler } from './match.ts';
import { outboxHandler } from './outbox.ts';
import { pollHandler } from './poll.ts';
import { reconcileHandler } from './reconcile.ts';

export type { WorkerDeps };

export function createHandlers(deps: WorkerDeps): Handlers {
  return {
    poll: pollHandler(deps),
    extract: extractHandler(deps),
    match: matchHandler(deps, gazetteerCompareContext()),
    alert: alertHandler(deps),
    deliver: deliverHandler(deps),
    outbox: outboxHandler(deps),
    reconcile: reconcileHandler(deps),
  };
}
