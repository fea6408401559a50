/**
 * `npm run codegen [-- --check]`: the files codegen.yml declares, generated with GraphQL Code
 * Generator's own library (`@graphql-codegen/core`) and plugins.
 *
 * Why not `@graphql-codegen/cli`: it carries loaders for URLs, GitHub, git and Apollo Studio that
 * this project never uses, and their current releases require Node ≥ 22.13 (npm ci printed 17
 * EBADENGINE warnings on Node 20). Reading codegen.yml here keeps the same configuration file and
 * the same output: the schema files merged and sorted as the CLI does (`sort: true`), plugins named
 * as the CLI names them (`typescript` → `@graphql-codegen/typescript`, `add`, or a local file).
 *
 * `--check` writes nothing and exits 1 if a generated file is missing or stale.
 */
import { codegen } from '@graphql-codegen/core';
import { getCachedDocumentNodeFromSchema, type CodegenPlugin, type Types } from '@graphql-codegen/plugin-helpers';
import { buildASTSchema, concatAST, lexicographicSortSchema, parse } from 'graphql';
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { ROOT } from './build.ts';

/** The part of codegen.yml this project uses. */
interface CodegenConfig {
  schema: string | string[];
  config?: Record<string, unknown>;
  generates: Record<string, { plugins: (string | Types.ConfiguredPlugin)[]; config?: Record<string, unknown> }>;
}

const require = createRequire(import.meta.url);

/** A plugin by the name codegen.yml gives it: a local file, `@graphql-codegen/<name>`, or a package. */
async function loadPlugin(name: string): Promise<CodegenPlugin> {
  const local = path.resolve(ROOT, name);
  const isFile = name.startsWith('.') || (name.includes('/') && !name.startsWith('@'));
  const candidates = isFile ? [local] : [`@graphql-codegen/${name}`, name];
  for (const candidate of candidates) {
    let resolved: string;
    try {
      resolved = require.resolve(candidate, { paths: [ROOT] });
    } catch {
      continue;
    }
    const module = (await import(pathToFileURL(resolved).href)) as CodegenPlugin & { default?: CodegenPlugin };
    return typeof module.plugin === 'function' ? module : module.default!;
  }
  throw new Error(`codegen: plugin "${name}" not found (tried ${candidates.join(', ')})`);
}

/** Every file codegen.yml generates, with its content. */
export async function generate(configFile = path.join(ROOT, 'codegen.yml')): Promise<{ file: string; content: string }[]> {
  const config = parseYaml(await readFile(configFile, 'utf8')) as CodegenConfig;
  const schemaFiles = [config.schema].flat();
  const documents = await Promise.all(schemaFiles.map(async (file) => parse(await readFile(path.resolve(ROOT, file), 'utf8'))));
  const schemaAst = lexicographicSortSchema(buildASTSchema(concatAST(documents), { assumeValidSDL: true }));
  const schema = getCachedDocumentNodeFromSchema(schemaAst);
  return Promise.all(
    Object.entries(config.generates).map(async ([file, output]) => {
      const plugins: Types.ConfiguredPlugin[] = output.plugins.map((plugin) => (typeof plugin === 'string' ? { [plugin]: {} } : plugin));
      const names = plugins.map((plugin) => Object.keys(plugin)[0]!);
      const pluginMap = Object.fromEntries(await Promise.all(names.map(async (name) => [name, await loadPlugin(name)] as const)));
      const content = await codegen({
        filename: file,
        schema,
        schemaAst,
        documents: [],
        plugins,
        pluginMap,
        config: { ...config.config, ...output.config, emitLegacyCommonJSImports: true },
      });
      return { file, content };
    }),
  );
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({ options: { check: { type: 'boolean', default: false } }, strict: true }));
  } catch (error) {
    process.stderr.write(`codegen: ${(error as Error).message}\nUsage: npm run codegen [-- --check]\n`);
    process.exitCode = 2;
    return;
  }
  const stale: string[] = [];
  for (const { file, content } of await generate()) {
    const target = path.join(ROOT, file);
    const current = await readFile(target, 'utf8').catch(() => undefined);
    if (current === content) continue;
    if (values.check) stale.push(file);
    else await writeFile(target, content);
  }
  if (stale.length > 0) {
    process.stderr.write(`codegen: out of date: ${stale.join(', ')}; run npm run codegen and commit the result\n`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) await main();
