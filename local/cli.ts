/**
 * `npm start [-- --port 4000 --data-dir .optimalhr --memory --reset --stage Dev]`
 * Builds, starts the local stack on 127.0.0.1, prints where everything is, stops on Ctrl-C.
 */
import { parseArgs } from 'node:util';
import { parseStage } from '../domain/env.ts';
import { createLogger } from '../domain/logger.ts';
import { keepServingOnStrayErrors } from './appsync/process-errors.ts';
import { DEFAULT_DATA_DIR, DEFAULT_PORT, startStack } from './stack.ts';

const USAGE = `Usage: npm start -- [--port <0-65535>] [--data-dir <folder>] [--memory] [--reset] [--stage Dev|Staging|Prod] [--tick <seconds>]
  --port      GraphQL port, HTTP and TLS on the same port (default ${DEFAULT_PORT}; 0 = any free port)
  --data-dir  where data, certificates and stack.json live (default ${DEFAULT_DATA_DIR})
  --memory    keep DynamoDB data in memory (nothing survives a restart)
  --reset     wipe the data folder before starting
  --stage     stage to run as (default Dev)
  --tick      seconds between JobPicker runs (default 60, the deployed schedule; 0 = never)`;

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}\n`);
  process.exit(2);
}

function parsePort(value: string | undefined): number {
  if (value === undefined) return DEFAULT_PORT;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) fail(`--port must be an integer from 0 to 65535, not "${value}".`);
  return port;
}

let args;
try {
  args = parseArgs({
    options: {
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      memory: { type: 'boolean', default: false },
      reset: { type: 'boolean', default: false },
      stage: { type: 'string', default: 'Dev' },
      tick: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  }).values;
} catch (error) {
  fail((error as Error).message);
}
if (args.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}

let stage;
try {
  stage = parseStage(args.stage);
} catch (error) {
  fail((error as Error).message);
}

function parseTick(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) > 86_400) fail(`--tick must be a whole number of seconds from 0 to 86400, not "${value}".`);
  return Number(value);
}

const stack = await startStack({
  port: parsePort(args.port),
  tickSeconds: parseTick(args.tick),
  dataDir: args['data-dir'],
  memory: args.memory,
  reset: args.reset,
  stage,
}).catch((error: Error & { code?: string }) => {
  if (error.code === 'EADDRINUSE') fail(`Port ${args.port ?? DEFAULT_PORT} is in use: stop what holds it or pass --port.`);
  throw error;
});

// Started: from now on one request's fault must not take the whole stack down (a failed start still exits).
keepServingOnStrayErrors(createLogger({ service: 'local-stack' }));

const users = stack.demoUsers
  .map((u) => `  ${u.email.padEnd(28)} ${u.role.padEnd(16)} ${u.tenantId.padEnd(8)} ${u.password}`)
  .join('\n');
process.stdout.write(`
OptimalHR local stack (${stack.stage}) is up.
  GraphQL      ${stack.graphql.http}
  GraphQL/TLS  ${stack.graphql.https}  (self-signed; certificate in ${stack.dataDir}/tls)
  Cognito      ${stack.cognito.endpoint}
  DynamoDB     ${stack.dynamodb.endpoint}
  Verified Permissions ${stack.verifiedPermissions.endpoint}
  stack.json   ${stack.dataDir}/stack.json

Demo sign-ins (email, role, tenant, password):
${users}

Try:
  TOKEN=$(npm run -s token -- --user admin@acme.example)
  curl -s ${stack.graphql.http} -H 'content-type: application/json' -H "authorization: $TOKEN" \\
    -d '{"query":"{ employees(limit: 5) { items { id firstName lastName employment { jobTitle } } nextToken } }"}'

Ctrl-C stops the stack; data stays in ${stack.dataDir} unless --memory.
`);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  process.stdout.write(`\n${signal}: stopping…\n`);
  await stack.stop();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
