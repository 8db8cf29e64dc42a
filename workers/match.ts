/** match: claim -> incident. Wired to the incident engine (src/compare) once it lands. */
import type { Handler } from '../src/queue/runtime.ts';
import type { WorkerDeps } from './deps.ts';

export function matchHandler(_deps: WorkerDeps): Handler<'match'> {
  return async ({ claimId }) => ({ claimId, matched: false });
}
