/**
 * A child process for memory benches: runs a `claimwatch` verb through the real CLI entry (src/cli.ts),
 * in a process of its own so its peak RSS belongs to that one command, and answers the parent over the
 * IPC channel with its memory: peak RSS (VmHWM, see peakRss), RSS and heap now, and the largest heap
 * seen by a sampler. A finite verb (export) reports once more when it is done.
 *
 *   node --import tsx bench/support/measured.ts export --format csv --output F
 *   node --import tsx bench/support/measured.ts start --role api,worker,poller
 *   node --import tsx bench/support/measured.ts open-store     (the baseline: open the store, read one page)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli.ts';

export interface Usage {
  /** Peak resident set of this process so far (bytes): VmHWM on Linux. */
  maxRss: number;
  rss: number;
  heapUsed: number;
  /** Largest heapUsed the sampler saw (every 10 ms, so a short spike between samples is missed). */
  peakHeapUsed: number;
  external: number;
  arrayBuffers: number;
  seconds: number;
}

export type ChildMessage = { type: 'usage'; usage: Usage; final: boolean; tag?: string } | { type: 'error'; message: string };
export type ParentMessage = { type: 'usage'; tag?: string } | { type: 'exit' };

const started = performance.now();
let peakHeapUsed = 0;
const sampler = setInterval(() => {
  peakHeapUsed = Math.max(peakHeapUsed, process.memoryUsage().heapUsed);
}, 10);
sampler.unref();

/**
 * Peak RSS of this process. On Linux, read VmHWM from /proc/self/status: `process.resourceUsage().maxRSS`
 * (getrusage) keeps the high-water mark of the forked copy of the parent across exec, so a child spawned
 * by a bench holding 400 MB would report at least 400 MB whatever it does. VmHWM belongs to the process's
 * own address space, created at exec. Elsewhere, maxRSS is the best there is.
 */
export function peakRss(): number {
  try {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]) * 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS * 1024;
}

function usage(): Usage {
  const m = process.memoryUsage();
  peakHeapUsed = Math.max(peakHeapUsed, m.heapUsed);
  return {
    maxRss: peakRss(),
    rss: m.rss,
    heapUsed: m.heapUsed,
    peakHeapUsed,
    external: m.external,
    arrayBuffers: m.arrayBuffers,
    seconds: (performance.now() - started) / 1000,
  };
}

const send = (m: ChildMessage): Promise<void> => new Promise((resolve) => (process.send ? process.send(m, undefined, {}, () => resolve()) : resolve()));

process.on('message', (m: ParentMessage) => {
  if (m.type === 'usage') void send({ type: 'usage', usage: usage(), final: false, ...(m.tag ? { tag: m.tag } : {}) });
  // `start` stops on SIGTERM like in production; `exit` is for verbs with nothing to stop.
  if (m.type === 'exit') process.disconnect?.();
});

/** The baseline of an export: the same process opening the same store and reading one page of the record. */
async function openStore(): Promise<void> {
  const { loadConfig } = await import('../../src/config/env.ts');
  const { openStore } = await import('../../src/store/db.ts');
  const { exportRows, exportFilterSchema } = await import('../../src/store/exportQuery.ts');
  const config = loadConfig();
  const store = await openStore({ databaseUrl: config.store.databaseUrl, dataDir: join(config.store.dataDir, 'pglite') });
  try {
    for await (const page of exportRows(store.db, exportFilterSchema.parse({}))) {
      if (page.length) break;
    }
  } finally {
    await store.close();
  }
}

const [verb, ...args] = process.argv.slice(2);
try {
  if (verb === 'open-store') await openStore();
  else await main([verb ?? '--help', ...args]);
  await send({ type: 'usage', usage: usage(), final: true });
} catch (e) {
  await send({ type: 'error', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  process.exitCode = 1;
}
process.disconnect?.();
