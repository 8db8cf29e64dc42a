import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    env: { TZ: 'UTC', LOG_LEVEL: 'silent' },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: integration files share one Redis and one PostgreSQL; keep parallelism modest.
    maxWorkers: 2,
    fileParallelism: true,
  },
});
