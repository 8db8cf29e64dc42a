/** Shared by `start` and `demo`: run the app until SIGTERM/SIGINT (or `until` settles), then stop cleanly. */
import type { App } from '../app.ts';

/**
 * Resolves once the app has stopped, after a signal or after `until` resolves. A second signal exits at
 * once. The order of shutdown (HTTP, pollers, workers, connections) is the app's.
 */
export interface SignalTrap {
  received(): NodeJS.Signals | undefined;
  release(): void;
}

/**
 * Holds SIGTERM/SIGINT while the app starts (workers may already be running jobs then): without it a
 * signal in that window killed the process the default way, without a clean stop. runUntilStopped acts on
 * a held signal as soon as it takes over.
 */
export function trapEarlySignals(): SignalTrap {
  let got: NodeJS.Signals | undefined;
  const hold = (sig: NodeJS.Signals) => {
    // A second signal during start means "now", as it does once the app runs.
    if (got) process.exit(130);
    got = sig;
  };
  process.on('SIGTERM', hold);
  process.on('SIGINT', hold);
  return {
    received: () => got,
    release: () => {
      process.off('SIGTERM', hold);
      process.off('SIGINT', hold);
    },
  };
}

export async function runUntilStopped(app: App, until?: Promise<unknown>, trap?: SignalTrap): Promise<void> {
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
  trap?.release();
  const early = trap?.received();
  if (early) onSignal(early);
  try {
    await Promise.race(until ? [signalled, until] : [signalled]);
    stopping = true;
    await app.stop();
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
  }
}
