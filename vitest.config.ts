import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { SDK_NODE_WARNING_SWITCH } from './local/node-flags.ts';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    // A stack starts in seconds; a busy CI machine gets room.
    hookTimeout: 60_000,
    pool: 'forks',
    // Most files wait on the stack's child processes (DynamoDB, Cognito) as much as they compute:
    // two files at a time use a 2-core machine, where vitest's default (cores - 1) runs one.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // Transformed like the test code, so it shares the test's graphql module (graphql 16 has an
    // ESM and a CJS build; a schema from one is "from another realm" to the other).
    server: { deps: { inline: ['@graphql-inspector/core'] } },
    // The deployable Lambdas log at info to stdout; tests that read logs pass their own sink.
    // The SDK's Node 20 warning (local/node-flags.ts) would otherwise print once per worker.
    env: { LOG_LEVEL: 'warn', [SDK_NODE_WARNING_SWITCH]: 'true' },
  },
});
