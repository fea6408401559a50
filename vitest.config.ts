import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // The deployable Lambdas log at info to stdout; tests that read logs pass their own sink.
    env: { LOG_LEVEL: 'warn' },
  },
});
