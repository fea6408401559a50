/**
 * `npm run bench [-- --quick]`: measures the local stack side by side in one run and writes
 * bench/results.json. The stack runs as `npm start` does, in its own processes.
 */
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { VerifiedPermissionsClient } from '@aws-sdk/client-verifiedpermissions';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { tenantKey } from '../domain/model/keys.ts';
import { employeeItemKey } from '../domain/people/model/keys.ts';
import { createLogger } from '../domain/logger.ts';
import { tableName } from '../domain/model/tables.ts';
import { createAuthorizer, DECISION_TTL_SECONDS } from '../lambda-authorizer/authorizer.ts';
import { tenantRegistry } from '../lambda-authorizer/registry.ts';
import { signIn } from '../local/cognito.ts';
import type { StackDescription } from '../local/stack.ts';
import { enforcementMeasures } from './enforcement.ts';
import { fanoutMeasures } from './fanout.ts';
import { attendanceMeasures } from './attendance.ts';
import { employmentMeasures } from './employment.ts';
import { leaveMeasures, leaveRequestMeasures } from './leave.ts';
import { loadMeasures } from './load.ts';
import { payrollMeasures } from './payroll.ts';
import { jobsMeasures } from './jobs.ts';
import { quietSdkNodeWarning, STACK_NODE_FLAGS } from '../local/node-flags.ts';
import { load, measure, quantile, report, treeRssMb, type LoadResult, type Measure } from './harness.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RESULTS = path.join(ROOT, 'bench', 'results.json');
const PARTS = ['runtime', 'authorizer', 'enforcement', 'fanout', 'jobs', 'employment', 'attendance', 'leave', 'payroll', 'load'] as const;
type Part = (typeof PARTS)[number];
const { values: flags } = parseArgs({ options: { quick: { type: 'boolean', default: false }, only: { type: 'string' } }, strict: true });
/** `--only load,leave`: the parts to run (default all), for working on one of them. */
const only = new Set((flags.only ?? PARTS.join(',')).split(',').map((part) => part.trim()));
for (const part of only) {
  if (!(PARTS as readonly string[]).includes(part)) {
    console.error(`--only takes parts from ${PARTS.join(', ')}; not "${part}"`);
    process.exit(2);
  }
}
const runs = (part: Part) => only.has(part);
const SECONDS = flags.quick ? 4 : 10;
const ROUNDS = flags.quick ? 1 : 2;
const CONCURRENCY = 16;
const EMPLOYEES = flags.quick ? 40 : 200;

/** Starts `npm start`'s entry point in memory mode and resolves with its stack.json once it is up. */
async function startStackProcess(dataDir: string) {
  const child = spawn(process.execPath, [...STACK_NODE_FLAGS, '--import', 'tsx', 'local/cli.ts', '--port', '0', '--memory', '--data-dir', dataDir], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, LOG_LEVEL: 'warn' },
  });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('local stack is up')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the stack exited during start (code ${code})`)));
  });
  child.stdout.resume();
  const stack = JSON.parse(await readFile(path.join(dataDir, 'stack.json'), 'utf8')) as StackDescription;
  const stop = () =>
    new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGINT');
    });
  return { stack, pid: child.pid!, stop };
}

async function graphql(url: string, token: string, query: string, variables: object): Promise<{ data?: Record<string, unknown>; errors?: unknown[] }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: token }, body: JSON.stringify({ query, variables }) });
  return (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
}

const CREATE = `mutation ($input: CreateEmployeeInput!) { createEmployee(input: $input) { id } }`;
const GET = `query ($id: ID!) { employee(id: $id) { id employeeNumber firstName lastName email version employment { jobTitle departmentId status hireDate } } }`;

/** Signs a demo user in through the stack's Cognito, as `npm run token` does. */
async function demoToken(stack: StackDescription, email: string): Promise<string> {
  const user = stack.demoUsers.find((u) => u.email === email)!;
  const clientId = stack.cognito.pools[user.tenantId]!.clientIds[stack.stage]!;
  return (await signIn(stack.cognito.endpoint, clientId, email, user.password)).idToken;
}

/**
 * The authorizer (the code that deploys, with its real registry and Verified Permissions
 * calls against the stack) measured on its own: warm tokens, first-seen tokens, and how many
 * Verified Permissions calls a realistic mix of requests costs.
 */
async function authorizerMeasures(stack: StackDescription): Promise<Measure[]> {
  const credentials = stack.credentials;
  const dynamo = new DynamoDBClient({ endpoint: stack.dynamodb.endpoint, region: stack.region, credentials });
  const avp = new VerifiedPermissionsClient({ endpoint: stack.verifiedPermissions.endpoint, region: stack.region, credentials });
  let avpCalls = 0;
  const counting = { send: (command: never) => ((avpCalls += 1), avp.send(command)) } as unknown as VerifiedPermissionsClient;
  const handler = createAuthorizer({
    registry: tenantRegistry({ client: dynamo, tableName: tableName('TenantRegistry', stack.stage), maxAgeMs: 30_000 }),
    avp: counting,
    stage: stack.stage,
    logger: createLogger({ service: 'bench', level: 'error', write: () => undefined }),
    decisionTtlSeconds: DECISION_TTL_SECONDS,
  });

  const users = stack.demoUsers.filter((u) => u.tenantId !== 'system');
  const FIRST_SEEN = flags.quick ? 40 : 150;
  const fresh: string[] = [];
  for (let i = 0; i < FIRST_SEEN; i += 1) fresh.push(await demoToken(stack, users[i % users.length]!.email));

  const time = async (tokens: string[], rounds: number) => {
    const latencies: number[] = [];
    const started = performance.now();
    for (let r = 0; r < rounds; r += 1) {
      for (const token of tokens) {
        const t = performance.now();
        const answer = await handler({ authorizationToken: token });
        latencies.push(performance.now() - t);
        if (!answer.isAuthorized) throw new Error('a demo token was refused');
      }
    }
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const at = (q: number) => quantile(latencies, q);
    return { perSecond: latencies.length / seconds, p50: at(0.5), p99: at(0.99) };
  };

  const firstSeen = await time(fresh, 1);
  const warm = await time([fresh[0]!], flags.quick ? 5_000 : 20_000);

  // A realistic mix: 1,000 requests from a handful of signed-in users, in random order.
  const mixTokens = await Promise.all(users.map((u) => demoToken(stack, u.email)));
  const before = avpCalls;
  for (let i = 0; i < 1000; i += 1) await handler({ authorizationToken: mixTokens[Math.floor(Math.random() * mixTokens.length)]! });
  const callsPerThousand = avpCalls - before;
  dynamo.destroy();
  avp.destroy();

  return [
    measure('authorizer warm-token decisions', warm.perSecond, 'decisions/s'),
    measure('authorizer warm-token p50', warm.p50 * 1000, 'µs', { max: 1000 }),
    measure('authorizer warm-token p99', warm.p99 * 1000, 'µs'),
    measure('authorizer first-seen-token decisions', firstSeen.perSecond, 'decisions/s'),
    measure('authorizer first-seen-token p50', firstSeen.p50, 'ms'),
    measure('authorizer first-seen-token p99', firstSeen.p99, 'ms'),
    measure(`Verified Permissions calls per 1,000 requests (${mixTokens.length} users)`, callsPerThousand, 'calls', { max: mixTokens.length + 1 }),
  ];
}

/** The runtime's overhead: employee(id) through the stack against a raw GetItem, side by side. */
async function runtimeMeasures(url: string, token: string, stack: StackDescription): Promise<Measure[]> {
  const ids: string[] = [];
  for (let n = 0; n < EMPLOYEES; n += 1) {
    const result = await graphql(url, token, CREATE, {
      input: {
        employeeNumber: `B-${n}`,
        firstName: `Bench${n}`,
        lastName: `Load${n}`,
        email: `bench${n}@acme.example`,
        contract: { startDate: '2023-01-02', terms: { jobTitle: 'Engineer', employmentType: 'FULL_TIME' } },
      },
    });
    const id = (result.data?.createEmployee as { id?: string } | null)?.id;
    if (!id) throw new Error(`seeding failed: ${JSON.stringify(result.errors)}`);
    ids.push(id);
  }

  const client = new DynamoDBClient({
    endpoint: stack.dynamodb.endpoint,
    region: stack.region,
    credentials: stack.credentials,
    requestHandler: { httpAgent: new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY }) },
  });
  const table = tableName('PIM', stack.stage);
  const rawGet = async (i: number) => {
    const out = await client.send(
      new GetItemCommand({ TableName: table, Key: { TenantId: { S: tenantKey('acme') }, EntityItem: { S: employeeItemKey(ids[i % ids.length]!) } } }),
    );
    return out.Item !== undefined;
  };
  const runtimeGet = async (i: number) => {
    const result = await graphql(url, token, GET, { id: ids[i % ids.length] });
    return !result.errors && (result.data?.employee as { id?: string } | null)?.id === ids[i % ids.length];
  };

  await load(rawGet, { seconds: 1, concurrency: CONCURRENCY });
  await load(runtimeGet, { seconds: 1, concurrency: CONCURRENCY });
  const raw: LoadResult[] = [];
  const runtime: LoadResult[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    raw.push(await load(rawGet, { seconds: SECONDS, concurrency: CONCURRENCY }));
    runtime.push(await load(runtimeGet, { seconds: SECONDS, concurrency: CONCURRENCY }));
  }
  client.destroy();
  const total = (rs: typeof raw) => rs.reduce((s, r) => s + r.operations, 0) / rs.reduce((s, r) => s + r.seconds, 0);
  const worst = (rs: typeof raw, key: 'p50Ms' | 'p99Ms') => Math.max(...rs.map((r) => r[key]));
  const errors = [...raw, ...runtime].reduce((s, r) => s + r.errors, 0);

  return [
    measure('raw GetItem throughput', total(raw), 'ops/s'),
    measure('raw GetItem p50', worst(raw, 'p50Ms'), 'ms'),
    measure('raw GetItem p99', worst(raw, 'p99Ms'), 'ms'),
    measure('employee(id) via runtime throughput', total(runtime), 'ops/s'),
    measure('employee(id) via runtime p50', worst(runtime, 'p50Ms'), 'ms'),
    measure('employee(id) via runtime p99', worst(runtime, 'p99Ms'), 'ms'),
    measure('runtime / raw throughput ratio', total(runtime) / total(raw), 'x', { min: 0.5 }),
    measure('failed calls during the run', errors, 'calls', { max: 1 }),
  ];
}

async function main() {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'optimalhr-bench-'));
  const { stack, pid, stop } = await startStackProcess(dataDir);
  const measures: Measure[] = [];
  try {
    const idleRss = treeRssMb(pid);
    const token = await demoToken(stack, 'admin@acme.example');
    const url = stack.graphql.http;

    if (runs('runtime')) measures.push(...(await runtimeMeasures(url, token, stack)));
    if (runs('authorizer')) measures.push(...(await authorizerMeasures(stack)));
    if (runs('enforcement')) measures.push(...(await enforcementMeasures(flags.quick ? 3 : 8, CONCURRENCY)));
    if (runs('fanout')) measures.push(...(await fanoutMeasures(stack, { quick: flags.quick })));
    if (runs('jobs')) measures.push(...(await jobsMeasures({ quick: flags.quick })));
    if (runs('employment')) measures.push(...(await employmentMeasures(stack, await demoToken(stack, 'admin@globex.example'), { quick: flags.quick })));
    if (runs('attendance')) measures.push(...(await attendanceMeasures(stack, await demoToken(stack, 'kiosk@acme.example'), { quick: flags.quick })));
    if (runs('leave')) {
      measures.push(...(await leaveMeasures({ quick: flags.quick })));
      measures.push(...(await leaveRequestMeasures(stack, await demoToken(stack, 'admin@acme.example'), { quick: flags.quick })));
    }
    if (runs('payroll')) measures.push(...(await payrollMeasures({ quick: flags.quick })));
    // Last among the parts that use the stack: it leaves 50 users and their connections' traces behind.
    if (runs('load')) measures.push(...(await loadMeasures(stack, token, flags.quick ? { clients: 50, seconds: 15 } : { clients: 50, seconds: 120 })));
    measures.push(
      measure('stack memory at idle (all processes)', idleRss, 'MB', { max: 512 }),
      measure('stack memory after the run (all processes)', treeRssMb(pid), 'MB', { max: 512 }),
    );
  } finally {
    await stop();
    await rm(dataDir, { recursive: true, force: true });
  }
  await report(measures, RESULTS);
  console.log(`(${flags.quick ? 'quick' : 'full'} run: ${ROUNDS} round(s) of ${SECONDS}s per side, ${CONCURRENCY} concurrent callers, ${os.cpus().length} cores)`);
  if (measures.some((m) => m.met === false)) process.exitCode = 1;
}

quietSdkNodeWarning();
await main();
