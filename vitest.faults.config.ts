/**
 * The fault suite (`npm run test:faults`): servers and worker processes killed and stopped under load.
 * Its own config so `npm test` stays fast; files run one at a time (each starts its own PostgreSQL, Redis
 * and worker processes on a 2-core machine), every test has its own time limit.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/faults/**/*.test.ts'],
    environment: 'node',
    env: { TZ: 'UTC', LOG_LEVEL: 'silent' },
    testTimeout: 300_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    maxWorkers: 1,
  },
});
