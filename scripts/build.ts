/**
 * Builds every deployable artifact: one ESM bundle per resolver/function source, exactly as
 * AppSync expects (flags from the platform facts). `npm run build`; the local stack calls it too.
 */
import { build, stop, type OutputFile } from 'esbuild';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { mkdir, readdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LAMBDAS, lambdaBundlePath, POLICY_STORES_FILE, type LambdaDeclaration, type LambdaId } from '../domain/lambdas.ts';
import { bundlePath, resolverSources } from '../resolvers/manifest.ts';
import { incremental } from './incremental.ts';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Where a root's build stamps live (see incremental.ts). */
const STAMPS = path.join('dist', '.stamps');
/** Inputs of every build: how it is built (this file) and what builds it (esbuild's version). */
const TOOL_INPUTS = [fileURLToPath(import.meta.url), createRequire(import.meta.url).resolve('esbuild/package.json')];

/**
 * Writes bundles by rename, so a reader (a running stack, a CDK synth in another test file) sees the
 * old file or the new one, never half of one.
 */
async function writeAtomically(files: readonly Pick<OutputFile, 'path' | 'contents'>[]): Promise<void> {
  await Promise.all(files.map(async (file) => {
    await mkdir(path.dirname(file.path), { recursive: true });
    const temporary = `${file.path}.${randomUUID()}.tmp`;
    await writeFile(temporary, file.contents);
    await rename(temporary, file.path);
  }));
}

/** The absolute paths of the files a build read, from its metafile (paths relative to the working folder). */
function metafileInputs(metafile: { inputs: Record<string, unknown> }): string[] {
  return Object.keys(metafile.inputs).filter((input) => !input.includes(':')).map((input) => path.resolve(input));
}

/** A folder tree's folders and files: what the control plane's policy-store file is made of. */
async function treeOf(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  return [folder, ...entries.map((entry) => path.join(entry.parentPath, entry.name))];
}

/**
 * Bundles APPSYNC_JS sources (paths relative to `sourceDir`) to `<outRoot>/<bundlePath(source)>`.
 * The manifest's resolvers use the defaults; tests bundle fixtures the same way.
 */
export async function bundleResolvers(sources: readonly string[], sourceDir = path.join(ROOT, 'resolvers'), outRoot = ROOT): Promise<string[]> {
  const outputs = sources.map((s) => path.join(outRoot, bundlePath(s)));
  const build = () => bundleResolversNow(sources, sourceDir, outRoot).then((inputs) => ({ inputs, outputs, value: outputs }));
  // Only the project's own bundles are stamped: fixtures and tests bundle elsewhere, each time.
  return outRoot === ROOT ? incremental(path.join(ROOT, STAMPS), 'resolvers', { sources, sourceDir }, build, TOOL_INPUTS) : (await build()).value;
}

async function bundleResolversNow(sources: readonly string[], sourceDir: string, outRoot: string): Promise<string[]> {
  const result = await build({
    write: false,
    entryPoints: sources.map((s) => path.join(sourceDir, s)),
    outbase: sourceDir,
    outdir: path.join(outRoot, path.dirname(bundlePath('x.ts'))),
    bundle: true,
    format: 'esm',
    target: 'esnext',
    platform: 'node',
    sourcemap: 'inline',
    sourcesContent: false,
    external: ['@aws-appsync/utils'],
    metafile: true,
    logLevel: 'warning',
  });
  const outside = Object.keys(result.metafile.inputs).filter((input) => !isAppSyncCode(path.resolve(input), sourceDir));
  if (outside.length > 0) {
    throw new Error(`Resolver bundles may include only APPSYNC_JS code (resolvers/ and domain/**/model/), but they pull in:\n  ${outside.join('\n  ')}`);
  }
  await writeAtomically(result.outputFiles);
  return metafileInputs(result.metafile);
}

/** Whether a bundled input file is APPSYNC_JS code: under the resolver folder (not a Lambda's) or in a domain `model/` folder. */
export function isAppSyncCode(file: string, sourceDir: string): boolean {
  const relative = path.relative(ROOT, file).split(path.sep);
  if (file.startsWith(sourceDir + path.sep)) return !path.relative(sourceDir, file).split(path.sep).includes('lambda');
  if (relative[0] !== 'domain') return false;
  // Types only: they vanish from the bundle, but esbuild may still list the file.
  if (relative[1] === 'generated') return true;
  return relative.slice(1, -1).includes('model');
}

/** Bundles every resolver and pipeline function of the manifest to dist/resolvers/. */
export function buildResolvers(): Promise<string[]> {
  return bundleResolvers(resolverSources());
}

/** Ends esbuild's helper process once a long-running caller (the local stack) has built what it needs. */
export function releaseBuildService(): Promise<void> {
  return Promise.resolve(stop());
}

/**
 * Bundles each Lambda for the Node.js Lambda runtime (deployed on nodejs22.x, targeting Node 20
 * so the same file runs locally). The runtime provides AWS SDK v3 (and its @smithy parts), so they stay external.
 */
export async function buildLambdas(root = ROOT): Promise<Record<LambdaId, { file: string; bytes: number }>> {
  const ids = Object.keys(LAMBDAS) as LambdaId[];
  const results = await Promise.all(ids.map(async (id) => [id, await incremental(path.join(root, STAMPS), `lambda-${id}`, { root, entry: LAMBDAS[id].entry }, () => buildLambdaNow(root, id), TOOL_INPUTS)] as const));
  return Object.fromEntries(results) as Record<LambdaId, { file: string; bytes: number }>;
}

async function buildLambdaNow(root: string, id: LambdaId): Promise<{ inputs: string[]; outputs: string[]; value: { file: string; bytes: number } }> {
  const file = path.join(root, lambdaBundlePath(id));
  const result = await build({
    write: false,
    entryPoints: [path.join(root, LAMBDAS[id].entry)],
    outfile: file,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    minify: true,
    sourcemap: 'linked',
    external: ['@aws-sdk/*', '@smithy/*'],
    // ESM bundles of CommonJS dependencies need a require.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    metafile: true,
    logLevel: 'warning',
  });
  await writeAtomically(result.outputFiles);
  const inputs = metafileInputs(result.metafile);
  const outputs = result.outputFiles.map((output) => output.path);
  if ((LAMBDAS[id] as LambdaDeclaration).controlPlane) {
    // The control plane fills policy stores: it gets the validated sources, not cedar-wasm and the files.
    const { CEDAR_DIR, STORE_KINDS, loadPolicyStoreSource } = await import('../lambda-authorizer/policy-store.ts');
    const sources = Object.fromEntries(STORE_KINDS.map((kind) => [kind, loadPolicyStoreSource(kind)]));
    const contents = Buffer.from(`${JSON.stringify(sources)}\n`);
    const storesFile = path.join(path.dirname(file), POLICY_STORES_FILE);
    await writeAtomically([{ path: storesFile, contents }]);
    inputs.push(...(await treeOf(CEDAR_DIR)));
    outputs.push(storesFile);
  }
  const bytes = Object.values(result.metafile.outputs).find((o) => o.entryPoint)?.bytes ?? 0;
  return { inputs, outputs, value: { file, bytes } };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const bundles = await buildResolvers();
  console.log(`built ${bundles.length} resolver bundles in dist/resolvers`);
  for (const [id, { bytes }] of Object.entries(await buildLambdas())) console.log(`built lambda ${id}: ${(bytes / 1024).toFixed(1)} KiB`);
}
