import { defineConfig } from 'vitest/config';
import { SDK_NODE_WARNING_SWITCH } from './local/node-flags.ts';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Transformed like the test code, so it shares the test's graphql module (graphql 16 has an
    // ESM and a CJS build; a schema from one is "from another realm" to the other).
    server: { deps: { inline: ['@graphql-inspector/core'] } },
    // The deployable Lambdas log at info to stdout; tests that read logs pass their own sink.
    // The SDK's Node 20 warning (local/node-flags.ts) would otherwise print once per worker.
    env: { LOG_LEVEL: 'warn', [SDK_NODE_WARNING_SWITCH]: 'true' },
  },
});
