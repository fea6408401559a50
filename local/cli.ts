/**
 * `npm start [-- --port 4000 --data-dir .optimalhr --memory --reset --stages Dev,Staging --log-format human]`
 * Builds, starts the local stack on 127.0.0.1, prints where everything is, stops on Ctrl-C.
 */
import { parseArgs } from 'node:util';
import { parseStage } from '../domain/env.ts';
import { createLogger } from '../domain/logger.ts';
import { STAGES, type Stage } from '../domain/model/stage.ts';
import { keepServingOnStrayErrors } from './appsync/process-errors.ts';
import { installConsoleLog, LOG_FORMATS, type LogFormat } from './console-log.ts';
import { quietSdkNodeWarning } from './node-flags.ts';
import { DATA_DIR_VARIABLE, dataDirFrom, DataDirInUseError } from './stack-file.ts';
import { DEFAULT_PORT, startStack, type StackHandle } from './stack.ts';

quietSdkNodeWarning();

const USAGE = `Usage: npm start -- [--port <0-65535>] [--data-dir <folder>] [--memory] [--reset] [--stages <Stage,...>] [--tick <seconds>] [--log-format human|json]
  --port        GraphQL port of the first stage, HTTP and TLS on the same port (default ${DEFAULT_PORT}; 0 = any free port);
                each further stage takes the next port
  --data-dir    where data, certificates and stack.json live (default $${DATA_DIR_VARIABLE}, else .optimalhr/ in the checkout)
  --memory      keep DynamoDB data in memory (nothing survives a restart)
  --reset       wipe the data folder before starting
  --stages      the stages to serve, comma-separated, from ${STAGES.join(', ')} (default Dev); the first one gets the demo data
  --stage       the same as --stages with one stage
  --tick        seconds between JobPicker runs (default 60, the deployed schedule; 0 = never)
  --log-format  human: one line per request and job run, plus warnings and errors (default); json: every structured log line`;

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

function parseTick(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) > 86_400) fail(`--tick must be a whole number of seconds from 0 to 86400, not "${value}".`);
  return Number(value);
}

function parseStages(stages: string | undefined, stage: string | undefined): Stage[] {
  if (stages !== undefined && stage !== undefined) fail('Give --stages or --stage, not both.');
  const names = (stages ?? stage ?? 'Dev').split(',').map((name) => name.trim());
  let parsed: Stage[];
  try {
    parsed = names.map(parseStage);
  } catch (error) {
    fail((error as Error).message);
  }
  if (new Set(parsed).size !== parsed.length) fail(`--stages names a stage twice: "${stages}".`);
  return parsed;
}

function parseLogFormat(value: string): LogFormat {
  if (!(LOG_FORMATS as readonly string[]).includes(value)) fail(`--log-format must be ${LOG_FORMATS.join(' or ')}, not "${value}".`);
  return value as LogFormat;
}

let args;
try {
  args = parseArgs({
    options: {
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      memory: { type: 'boolean', default: false },
      reset: { type: 'boolean', default: false },
      stage: { type: 'string' },
      stages: { type: 'string' },
      tick: { type: 'string' },
      'log-format': { type: 'string', default: 'human' },
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
const port = parsePort(args.port);
const tickSeconds = parseTick(args.tick);
const stages = parseStages(args.stages, args.stage);
installConsoleLog(parseLogFormat(args['log-format']), { showStage: stages.length > 1 });

// Ctrl-C during the start is honoured once the stack can be stopped cleanly. Repeats are ignored:
// npm forwards the terminal's SIGINT to this process, which has already received it.
let stack: StackHandle | undefined;
let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  process.stdout.write(stack ? `\n${signal}: stopping…\n` : `\n${signal}: stopping once the start has finished…\n`);
  if (!stack) return;
  await stack.stop();
  process.exit(0);
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(signal));

try {
  stack = await startStack({ port, tickSeconds, dataDir: dataDirFrom(args['data-dir']), memory: args.memory, reset: args.reset, stages });
} catch (error) {
  const failure = error as Error & { code?: string; port?: number };
  if (failure instanceof DataDirInUseError) {
    process.stderr.write(`${failure.message}\n`);
    process.exit(1);
  }
  if (failure.code === 'EADDRINUSE') {
    process.stderr.write(`Port ${failure.port ?? port} is in use: stop what holds it, or pass another --port.\n`);
    process.exit(1);
  }
  throw error;
}
if (stopping) {
  await stack.stop();
  process.exit(0);
}
// Started: from now on one request's fault must not take the whole stack down (a failed start still exits).
keepServingOnStrayErrors(createLogger({ service: 'local-stack' }));

const users = stack.demoUsers
  .map((u) => `  ${u.email.padEnd(28)} ${u.role.padEnd(16)} ${u.tenantId.padEnd(8)} ${u.password}`)
  .join('\n');
const apis = Object.entries(stack.stages)
  .map(([stage, endpoints]) => `  GraphQL ${stage.padEnd(8)} ${endpoints.graphql.http}  (TLS: ${endpoints.graphql.https})`)
  .join('\n');
process.stdout.write(`
OptimalHR local stack is up (${Object.keys(stack.stages).join(', ')}).
${apis}
  Certificate        ${stack.dataDir}/tls/localhost-cert.pem (self-signed)
  Cognito            ${stack.cognito.endpoint}
  DynamoDB           ${stack.dynamodb.endpoint}
  stack.json         ${stack.dataDir}/stack.json

Demo sign-ins (email, role, tenant, password):
${users}

Try:
  TOKEN=$(npm run -s token -- --user admin@acme.example)
  curl -s ${stack.graphql.http} -H 'content-type: application/json' -H "authorization: $TOKEN" \\
    -d '{"query":"{ employees(limit: 5) { items { id firstName lastName } } }"}'

${args['log-format'] === 'json' ? 'The structured JSON log follows.' : 'One line per request and job run follows (--log-format json for the full log).'} Ctrl-C stops the stack; data stays in ${stack.dataDir}${args.memory ? ' (except DynamoDB: --memory)' : ''}.
`);
