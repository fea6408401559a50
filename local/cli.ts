/**
 * `npm start [-- --port 4000 --data-dir .optimalhr --memory --reset --stages Dev,Staging --log-format human]`
 * Builds, starts the local stack on 127.0.0.1, prints where everything is, stops on Ctrl-C.
 */
import { createLogger } from '../domain/logger.ts';
import { keepServingOnStrayErrors } from './appsync/process-errors.ts';
import { installConsoleLog } from './console-log.ts';
import { quietSdkNodeWarning } from './node-flags.ts';
import { dataDirFrom, DataDirInUseError } from './stack-file.ts';
import { parseStartArgs, UsageError, USAGE, type StartOptions } from './start-args.ts';
import { startStack, type StackHandle } from './stack.ts';

quietSdkNodeWarning();

let options: StartOptions;
try {
  options = parseStartArgs(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  process.stderr.write(`${error.message}\n\n${USAGE}\n`);
  process.exit(2);
}
if (options.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const { port, tickSeconds, stages, dataDir, memory, reset } = options;
installConsoleLog(options.logFormat, { showStage: stages.length > 1 });

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
  stack = await startStack({ port, tickSeconds, dataDir: dataDirFrom(dataDir), memory, reset, stages });
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

${options.logFormat === 'json' ? 'The structured JSON log follows.' : 'One line per request and job run follows (--log-format json for the full log).'} Ctrl-C stops the stack; data stays in ${stack.dataDir}${memory ? ' (except DynamoDB: --memory)' : ''}.
`);
