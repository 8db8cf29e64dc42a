import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The fault suite kills servers and processes for minutes: `npm run test:faults` (vitest.faults.config.ts).
    exclude: [...configDefaults.exclude, 'test/faults/**'],
    environment: 'node',
    env: { TZ: 'UTC', LOG_LEVEL: 'silent' },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: integration files share one Redis and one PostgreSQL; keep parallelism modest.
    maxWorkers: 2,
    fileParallelism: true,
  },
});
