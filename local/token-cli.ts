/**
 * `npm run -s token -- --user <email> [--stage Dev] [--claims] [--password <pw>] [--data-dir <folder>]`
 *
 * Signs a demo user in to the running local stack through local Cognito (the real InitiateAuth
 * API, on the app client of the user's tenant for the stage) and prints the ID token only, so
 * `TOKEN=$(npm run -s token -- --user admin@acme.example)` works; `--claims` prints the token's claims instead.
 *
 * Exit codes: 0 token printed; 1 the stack is not running or sign-in failed; 2 bad flags or unknown user.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { type Stage } from '../domain/model/stage.ts';
import { parseStage } from '../domain/env.ts';
import { signIn } from './cognito.ts';
import { quietSdkNodeWarning } from './node-flags.ts';
import { CliError, dataDirFrom, isConnectionError, readStack, runCli, type CliIo } from './stack-file.ts';

export type { CliIo } from './stack-file.ts';

const USAGE = `Usage: npm run -s token -- --user <email> [--stage Dev|Staging|Prod] [--claims] [--password <password>] [--data-dir <folder>]

Prints an ID token of a demo user of the running local stack (npm start).
  --user       the user's email (see demoUsers in <data-dir>/stack.json)
  --stage      the stage the token is for (default: the stack's stage); any stage, served or not
  --claims     print the token's claims (one JSON line) instead of the token
  --password   the password (default: the demo user's password)
  --data-dir   the stack's data folder (default: $OPTIMALHR_DATA_DIR, else .optimalhr/ in the checkout)`;

/** Runs the command with `argv` (without node and script) and resolves to its exit code. */
export function runTokenCli(argv: readonly string[], io: CliIo): Promise<number> {
  return runCli('token', io, () => issueToken(argv));
}

async function issueToken(argv: readonly string[]): Promise<string> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        user: { type: 'string' },
        stage: { type: 'string' },
        claims: { type: 'boolean' },
        password: { type: 'string' },
        'data-dir': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new CliError(`token: ${(error as Error).message}\n\n${USAGE}`, 2);
  }
  if (values.help) throw new CliError(USAGE, 0);
  if (!values.user) throw new CliError(`token: --user is required\n\n${USAGE}`, 2);
  let requestedStage: Stage | undefined;
  try {
    requestedStage = values.stage === undefined ? undefined : parseStage(values.stage);
  } catch (error) {
    throw new CliError(`token: ${(error as Error).message}\n\n${USAGE}`, 2);
  }

  const dataDir = dataDirFrom(values['data-dir']);
  const stack = await readStack(dataDir, 'token');
  const stage = requestedStage ?? stack.stage ?? 'Dev';
  const email = values.user.trim().toLowerCase();
  const user = stack.demoUsers?.find((u) => u.email.toLowerCase() === email);
  if (!user) {
    const known = (stack.demoUsers ?? []).map((u) => `  ${u.email}`).join('\n');
    throw new CliError(`token: no demo user ${values.user} in this stack. Known users:\n${known}`, 2);
  }
  const cognito = stack.cognito;
  if (!cognito) throw new CliError(`token: the stack in ${dataDir} runs without local Cognito (stack.json has no "cognito")`, 1);
  const clientId = cognito.pools[user.tenantId]?.clientIds[stage];
  if (!clientId) throw new CliError(`token: tenant ${user.tenantId} has no app client for stage ${stage}`, 1);

  try {
    const { idToken } = await signIn(cognito.endpoint, clientId, user.email, values.password ?? user.password);
    return values.claims ? Buffer.from(idToken.split('.')[1] ?? '', 'base64url').toString('utf8') : idToken;
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    if (name === 'NotAuthorizedException') throw new CliError(`token: wrong password for ${values.user}`, 1);
    if (name === 'UserLambdaValidationException') throw new CliError(`token: sign-in refused: ${(error as Error).message}`, 1);
    if (isConnectionError(error)) throw new CliError(`token: local Cognito at ${cognito.endpoint} does not answer; is the stack running? (npm start)`, 1);
    throw error;
  }
}


if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  quietSdkNodeWarning();
  process.exitCode = await runTokenCli(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
}
