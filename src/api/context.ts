/** What route modules may use; built by src/app.ts, so routes never open connections themselves. */
import type { Logger } from 'pino';
import type { Config } from '../config/env.ts';
import type { Metrics } from '../ops/metrics.ts';
import type { JobQueues } from '../queue/runtime.ts';
import type { Store } from '../store/db.ts';

export interface ApiContext {
  config: Config;
  store: Store;
  queues: JobQueues;
  log: Logger;
  now: () => Date;
  /** This process's Prometheus registry (GET /metrics); absent when a test builds a bare server. */
  metrics?: Metrics | undefined;
}
