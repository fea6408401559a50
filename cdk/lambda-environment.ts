/**
 * Each Lambda's environment is exactly what its code reads: the variable names come from the
 * project sources inside its bundle (listed by the bundle's source map), the values from the stage.
 * A new Lambda or runner gets its configuration without a change here, unless it reads a variable
 * this file has no value for, which fails the synth with the variable's name.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { lambdaBundlePath, type LambdaId } from '../domain/lambdas.ts';
import type { Stage } from '../domain/model/stage.ts';
import { TABLE_IDS, tableEnvName, tableName, type TableId } from '../domain/model/tables.ts';
import { ROOT } from '../scripts/build.ts';

/** Where a variable's name appears in a source: `requiredEnv('STAGE')`, `integerEnv('X', ...)`, `requiredEnv(tableEnvName('PIM'))`. */
const NAMED_READ = /\b(?:requiredEnv|integerEnv)\(\s*['"]([A-Z][A-Z0-9_]*)['"]/g;
const TABLE_READ = /\brequiredEnv\(\s*tableEnvName\(\s*([^)]*)\)\s*\)/g;

/** The project source files bundled into a Lambda (dependencies left out), from its source map. */
export function bundledSources(id: LambdaId, root = ROOT): string[] {
  const mapFile = path.join(root, `${lambdaBundlePath(id)}.map`);
  const map = JSON.parse(readFileSync(mapFile, 'utf8')) as { sources: string[] };
  return map.sources
    .map((source) => path.resolve(path.dirname(mapFile), source))
    .filter((file) => !file.split(path.sep).includes('node_modules') && file.startsWith(root));
}

/**
 * The environment variables a Lambda's code reads. A table variable computed from a table id that
 * is not a literal (the runner framework's `tableName(id)`) stands for every table.
 */
export function environmentNames(id: LambdaId, root = ROOT): string[] {
  const names = new Set<string>();
  for (const file of bundledSources(id, root)) {
    const text = readFileSync(file, 'utf8');
    for (const [, name] of text.matchAll(NAMED_READ)) names.add(name!);
    for (const [, argument] of text.matchAll(TABLE_READ)) {
      const literal = /^['"](\w+)['"]$/.exec(argument!.trim());
      const tables: readonly TableId[] = literal ? [literal[1] as TableId] : TABLE_IDS;
      for (const table of tables) {
        if (!TABLE_IDS.includes(table)) throw new Error(`${file} reads the variable of an unknown table "${table}"`);
        names.add(tableEnvName(table));
      }
    }
  }
  return [...names].sort();
}

/** The values a stage can give; a Lambda that reads a variable whose value is missing here fails the synth. */
export interface EnvironmentValues {
  readonly stage: Stage;
  /** Seconds an authorizer decision may be reused (AppSync's cache and the authorizer's own). */
  readonly authorizerCacheSeconds: number;
  readonly tenantRoleArn: string;
  readonly documentsBucket: string;
  /** The API's URL, where the stack knows it. */
  readonly graphqlUrl?: string;
}

/** The environment of Lambda `id`: each variable its code reads, with its value. */
export function lambdaEnvironment(id: LambdaId, values: EnvironmentValues, names: readonly string[] = environmentNames(id)): Record<string, string> {
  const tableVariables = new Map(TABLE_IDS.map((table) => [tableEnvName(table), tableName(table, values.stage)]));
  const fixed: Record<string, string | undefined> = {
    STAGE: values.stage,
    AUTHORIZER_CACHE_SECONDS: String(values.authorizerCacheSeconds),
    TENANT_ROLE_ARN: values.tenantRoleArn,
    DOCUMENTS_BUCKET: values.documentsBucket,
    GRAPHQL_URL: values.graphqlUrl,
  };
  return Object.fromEntries(
    names.map((name) => {
      const value = tableVariables.get(name) ?? fixed[name];
      if (value === undefined) {
        throw new Error(`Lambda ${id} reads the environment variable ${name}, which cdk/lambda-environment.ts cannot provide in this stack`);
      }
      return [name, value];
    }),
  );
}

/**
 * The environment of a Lambda that serves every stage (the pre-token-generation trigger, shared by
 * all stages' app clients): no stage can give it values, so a variable its code reads fails the synth.
 */
export function sharedLambdaEnvironment(id: LambdaId, names: readonly string[] = environmentNames(id)): Record<string, string> {
  if (names.length > 0) {
    throw new Error(`Lambda ${id} serves every stage but reads ${names.join(', ')}, which only a stage's stack can provide`);
  }
  return {};
}
