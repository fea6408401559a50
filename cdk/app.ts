/**
 * `npm run synth`: builds the resolver and Lambda bundles (scripts/build.ts), then synthesizes
 * every stage (or `-c stage=Dev`) to cdk.out/ with cdk-nag's AwsSolutionsChecks. Offline: no
 * account, no lookups, no Docker.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { buildLambdas, buildResolvers, releaseBuildService } from '../scripts/build.ts';
import { createApp } from './create-app.ts';

const [resolvers, lambdas] = await Promise.all([buildResolvers(), buildLambdas()]);
await releaseBuildService();
const { app } = createApp();
const assembly = app.synth();

// On stderr: the CLI keeps stdout for itself.
const report = (line: string) => process.stderr.write(`${line}\n`);
report(`bundles: ${resolvers.length} resolver files; lambdas ${Object.entries(lambdas).map(([id, { bytes }]) => `${id} ${(bytes / 1024).toFixed(1)} KiB`).join(', ')}`);
for (const stack of assembly.stacks) {
  report(`template ${stack.stackName}: ${statSync(path.join(assembly.directory, stack.templateFile)).size} bytes`);
}
