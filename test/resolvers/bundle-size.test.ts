/**
 * AppSync takes at most 32,768 characters of code per resolver or function, and the deployed
 * bundle is the whole file, inline source map included: every bundle must fit.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { resolverSources } from '../../resolvers/manifest.ts';
import { bundleResolvers } from '../../scripts/build.ts';

const APPSYNC_CODE_LIMIT = 32_768;
let outRoot: string | undefined;

afterAll(async () => {
  if (outRoot) await rm(outRoot, { recursive: true, force: true });
});

it('keeps every resolver and function bundle within AppSync\'s code size limit', async () => {
  outRoot = await mkdtemp(path.join(os.tmpdir(), 'bundle-size-'));
  const files = await bundleResolvers(resolverSources(), undefined, outRoot);
  const sizes = await Promise.all(files.map(async (file) => ({ file: path.relative(outRoot!, file), size: (await readFile(file, 'utf8')).length })));
  expect(sizes.filter((s) => s.size > APPSYNC_CODE_LIMIT)).toEqual([]);
});
