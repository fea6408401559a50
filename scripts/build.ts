/**
 * Builds every deployable artifact: one ESM bundle per resolver/function source, exactly as
 * AppSync expects (flags from the platform facts). `npm run build`; the local stack calls it too.
 */
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundlePath, resolverSources } from '../resolvers/manifest.ts';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * Bundles APPSYNC_JS sources (paths relative to `sourceDir`) to `<outRoot>/<bundlePath(source)>`.
 * The manifest's resolvers use the defaults; tests bundle fixtures the same way.
 */
export async function bundleResolvers(sources: readonly string[], sourceDir = path.join(ROOT, 'resolvers'), outRoot = ROOT): Promise<string[]> {
  await build({
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
    logLevel: 'warning',
  });
  return sources.map((s) => path.join(outRoot, bundlePath(s)));
}

/** Bundles every resolver and pipeline function of the manifest to dist/resolvers/. */
export function buildResolvers(): Promise<string[]> {
  return bundleResolvers(resolverSources());
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const bundles = await buildResolvers();
  console.log(`built ${bundles.length} resolver bundles in dist/resolvers`);
}
