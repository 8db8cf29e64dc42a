/** What every processor may use. Built once per process by src/app.ts; tests build their own. */
import type { Logger } from 'pino';
import type { AlertServices } from '../src/alerts/services.ts';
import type { Metrics } from '../src/ops/metrics.ts';
import type { JobQueues } from '../src/queue/runtime.ts';
import type { SourceAdapter } from '../src/sources/types.ts';
import type { Store } from '../src/store/db.ts';

export interface WorkerDeps {
  store: Store;
  queues: JobQueues;
  /** Configured source adapters by id (poller role). */
  sources: ReadonlyMap<string, SourceAdapter>;
  now: () => Date;
  log: Logger;
  /** Webhook delivery and live-stream services (alert, deliver); defaults apply when absent. */
  alerts?: AlertServices;
  /** Prometheus counters of this process; absent in tests and tools that do not scrape. */
  metrics?: Metrics | undefined;
}
