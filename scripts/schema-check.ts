/**
 * API evolution: compares `schema.graphql` with the released schema kept in the repo
 * (`api/released.graphql`) and fails on a change that would break a client already shipped —
 * a removed or retyped field, a new required argument, a removed enum value, a field losing an
 * authorization directive — unless the field was deprecated in the release first. Additions and
 * deprecations pass. `npm run schema:check` runs it (and `npm test`, through its test);
 * `npm run schema:check -- --release` records the current schema as the released one.
 *
 * The diff is @graphql-inspector/core's; AppSync's implicit scalars and directives come from the
 * prelude codegen also reads, since the bare SDL does not build without them.
 */
import { copyFileSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CriticalityLevel, diff, DiffRule, type Change, type Rule } from '@graphql-inspector/core';
import { buildSchema } from 'graphql';

const root = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));
export const SCHEMA_FILE = root('schema.graphql');
export const RELEASED_FILE = root('api/released.graphql');
const PRELUDE = readFileSync(root('local/appsync/prelude.graphql'), 'utf8');

/** Directives that say who may call a field or type: losing one widens or changes access. */
const AUTH_DIRECTIVES = ['aws_iam', 'aws_lambda', 'aws_api_key', 'aws_oidc', 'aws_cognito_user_pools', 'aws_auth'];

/** Removing an authorization directive is breaking (the inspector calls it only dangerous). */
const authDirectiveRemoval: Rule = ({ changes }) =>
  changes.map((change) => {
    const removed = /^DIRECTIVE_USAGE_.*_REMOVED$/.test(change.type);
    const directive = (change.meta as { removedDirectiveName?: string } | undefined)?.removedDirectiveName;
    if (!removed || directive === undefined || !AUTH_DIRECTIVES.includes(directive)) return change;
    return { ...change, criticality: { level: CriticalityLevel.Breaking, reason: `@${directive} decides who may call it; removing it changes access for shipped clients.` } };
  });

/** The schema as graphql-js builds it, with AppSync's prelude. */
function build(sdl: string) {
  return buildSchema(`${PRELUDE}\n${sdl}`);
}

/** Every change from `released` to `current`, classified; a deprecated field may go (dangerous, not breaking). */
export async function schemaChanges(released: string, current: string): Promise<Change[]> {
  return diff(build(released), build(current), [DiffRule.suppressRemovalOfDeprecatedField, authDirectiveRemoval]);
}

/** The changes that break shipped clients. */
export async function breakingChanges(released: string, current: string): Promise<Change[]> {
  return (await schemaChanges(released, current)).filter((change) => change.criticality.level === CriticalityLevel.Breaking);
}

async function main(args: string[]): Promise<number> {
  const unknown = args.filter((arg) => arg !== '--release');
  if (unknown.length > 0) {
    console.error(`schema:check: unknown argument ${unknown.join(' ')} (the only flag is --release)`);
    return 2;
  }
  if (args.includes('--release')) {
    copyFileSync(SCHEMA_FILE, RELEASED_FILE);
    console.log('schema.graphql recorded as the released schema (api/released.graphql).');
    return 0;
  }
  const changes = await schemaChanges(readFileSync(RELEASED_FILE, 'utf8'), readFileSync(SCHEMA_FILE, 'utf8'));
  const breaking = changes.filter((change) => change.criticality.level === CriticalityLevel.Breaking);
  const dangerous = changes.filter((change) => change.criticality.level === CriticalityLevel.Dangerous);
  for (const change of dangerous) console.log(`dangerous: ${change.message}`);
  for (const change of breaking) console.error(`BREAKING: ${change.message}`);
  console.log(`${changes.length} changes since the released schema: ${breaking.length} breaking, ${dangerous.length} dangerous.`);
  if (breaking.length > 0) console.error('Deprecate a field (@deprecated(reason: ...)) in a release before removing or retyping it; never add a required argument to a released field.');
  return breaking.length > 0 ? 1 : 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then((code) => process.exit(code), (error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
