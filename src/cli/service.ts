/** Shared by `start` and `demo`: run the app until SIGTERM/SIGINT (or `until` settles), then stop cleanly. */
import type { App } from '../app.ts';

/**
 * Resolves once the app has stopped, after a signal or after `until` resolves. A second signal exits at
 * once. The order of shutdown (HTTP, pollers, workers, connections) is the app's.
 */
export async function runUntilStopped(app: App, until?: Promise<unknown>): Promise<void> {
  let stopping = false;
  let wake!: () => void;
  const signalled = new Promise<void>((resolve) => (wake = resolve));
  const onSignal = (sig: NodeJS.Signals) => {
    if (stopping) {
      app.log.warn('second signal: exiting without waiting');
      process.exit(130);
    }
    stopping = true;
    app.log.info({ signal: sig }, 'shutting down: closing HTTP, pollers, workers, then connections');
    wake();
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  try {
    await Promise.race(until ? [signalled, until] : [signalled]);
    stopping = true;
    await app.stop();
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
  }
}
