/** Shared by `start` and `demo`: run the app until SIGTERM/SIGINT (or `until` settles), then stop cleanly. */
import type { App } from '../app.ts';

/**
 * Resolves once the app has stopped, after a signal or after `until` resolves. A second signal exits at
 * once. The order of shutdown (HTTP, pollers, workers, connections) is the app's.
 */
export async function runUntilStopped(app: App, until?: Promise<unknown>, signalledDuringBoot?: NodeJS.Signals): Promise<void> {
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
  if (signalledDuringBoot) onSignal(signalledDuringBoot);
  try {
    await Promise.race(until ? [signalled, until] : [signalled]);
    stopping = true;
    await app.stop();
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
  }
}

/**
 * Holds SIGTERM/SIGINT while the app boots: workers take jobs before startApp returns, and the default
 * action (exit at once) would walk away from them. A signal that came meanwhile stops the app as soon as
 * it is up, through runUntilStopped and the usual drain.
 */
export function holdSignalsDuringBoot(): { signal(): NodeJS.Signals | undefined; release(): void } {
  let got: NodeJS.Signals | undefined;
  const hold = (sig: NodeJS.Signals) => {
    if (got) process.exit(130);
    got = sig;
  };
  process.on('SIGTERM', hold);
  process.on('SIGINT', hold);
  return {
    signal: () => got,
    release() {
      process.off('SIGTERM', hold);
      process.off('SIGINT', hold);
    },
  };
}
