/**
 * `npm run job -- list|show|run|tick …`: the jobs of the running local stack (npm start).
 *
 * Reads TenantJob through the stack's DynamoDB endpoint with the stack's internal key (the system
 * role the JobPicker and the admin API use) and ticks the JobPicker the way EventBridge Scheduler
 * does: a Lambda Invoke of the deployed function through the stack's Lambda endpoint. Nothing here
 * is a backdoor: `run` makes the job due with `runJobNow` and lets the production picker and
 * runner take it from there, watching the job item until the run ends.
 *
 * Exit codes: 0 done (`run`: the run succeeded); 1 the stack is not running, the job cannot run
 * now, its run failed, or the wait timed out; 2 bad flags or an unknown job.
 */
import { DynamoDBClient, GetItemCommand, QueryCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { StoredJobRun } from '../domain/jobs/model/records.ts';
import { jobFromItem, jobKey, JobNotFoundError, JobStateError, runJobNow, type Job, type JobStatus, type JobStore } from '../domain/jobs/engine.ts';
import { JOB_PREFIXES, JOBS_BY_STATUS_INDEX, jobRunPrefix } from '../domain/jobs/model/keys.ts';
import { isValidEntityId, isValidTenantId, tenantKey } from '../domain/model/keys.ts';
import { LAMBDAS } from '../domain/lambdas.ts';
import { tableName } from '../domain/model/tables.ts';
import type { Stage } from '../domain/model/stage.ts';
import { REGISTRY_ITEM } from '../domain/tenancy/registry.ts';
import type { PickResult } from '../jobs/picker.ts';
import { quietSdkNodeWarning } from './node-flags.ts';
import { CliError, dataDirFrom, isConnectionError, readStack, runCli, type CliIo } from './stack-file.ts';
import { TENANTS_BY_ITEM } from '../domain/tenancy/model/keys.ts';

export type { CliIo } from './stack-file.ts';

/** The statuses a job can be in (`failed` only ever marks a run, never a job). */
export const LISTED_STATUSES = ['running', 'pending', 'dead', 'succeeded', 'cancelled'] as const satisfies readonly JobStatus[];
type ListedStatus = (typeof LISTED_STATUSES)[number];

const DEFAULT_LIST_LIMIT = 50;
const DEFAULT_RUNS_LIMIT = 20;
const MAX_LIMIT = 1000;
const DEFAULT_TIMEOUT_SECONDS = 60;
const MAX_TIMEOUT_SECONDS = 3600;
/** How often `run` re-reads the job while it waits. */
const POLL_MS = 200;
const PICK_FIELDS = ['read', 'claimed', 'reclaimed', 'dead', 'lost', 'dispatched', 'dispatchFailed'] as const satisfies readonly (keyof PickResult)[];

const USAGE = `Usage: npm run job -- <command> [flags]

Lists, shows and runs the jobs of the running local stack (npm start).
  list [--tenant <id>] [--status ${LISTED_STATUSES.join('|')}] [--limit <n>]
        jobs (id, runner, status, next run, attempts, last error): running, pending and dead
        first, then finished ones, most recent change first; every tenant without --tenant
  show <jobId> --tenant <id> [--limit <n>]
        one job and its run history, newest run first
  run <jobId> --tenant <id> [--timeout <seconds>]
        makes a pending job due now (a dead job: retried), ticks the JobPicker at once and
        watches the job until that run ends; exit code 0 only if the run succeeded
  tick   (or --now)
        ticks the JobPicker once now, as EventBridge Scheduler does every minute, and prints
        what the tick did

Flags:
  --tenant    a tenant id such as acme
  --status    list only jobs in this status
  --limit     list: at most this many jobs (default ${DEFAULT_LIST_LIMIT}); show: runs (default ${DEFAULT_RUNS_LIMIT}); 1-${MAX_LIMIT}
  --timeout   run: seconds to wait for the run to end (default ${DEFAULT_TIMEOUT_SECONDS}, at most ${MAX_TIMEOUT_SECONDS})
  --data-dir  the stack's data folder (default: $OPTIMALHR_DATA_DIR, else .optimalhr/ in the checkout)

Exit codes: 0 done; 1 no running stack, the job cannot run now, its run failed or timed out;
2 bad flags or an unknown job.`;

const COMMANDS = ['list', 'show', 'run', 'tick'] as const;
type Command = (typeof COMMANDS)[number];

/** Which flags each command accepts (besides --data-dir and --help). */
const COMMAND_FLAGS: Record<Command, readonly string[]> = {
  list: ['tenant', 'status', 'limit'],
  show: ['tenant', 'limit'],
  run: ['tenant', 'timeout'],
  tick: ['now'],
};

/** A parsed, validated command line. */
export type JobCommand =
  | { command: 'list'; dataDir: string; tenantId?: string; status?: ListedStatus; limit: number }
  | { command: 'show'; dataDir: string; tenantId: string; jobId: string; limit: number }
  | { command: 'run'; dataDir: string; tenantId: string; jobId: string; timeoutSeconds: number }
  | { command: 'tick'; dataDir: string };

/** Runs the command with `argv` (without node and script) and resolves to its exit code. */
export function runJobCli(argv: readonly string[], io: CliIo): Promise<number> {
  return runCli('job', io, async () => execute(parseJobArgs(argv), io));
}

function usageError(message: string): CliError {
  return new CliError(`job: ${message}\n\n${USAGE}`, 2);
}

/** Parses and validates the command line; a {@link CliError} (exit 2, or 0 for --help) otherwise. */
export function parseJobArgs(argv: readonly string[]): JobCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        tenant: { type: 'string' },
        status: { type: 'string' },
        limit: { type: 'string' },
        timeout: { type: 'string' },
        now: { type: 'boolean' },
        'data-dir': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    // Includes parseArgs' own hint for values starting with "-" ("--timeout -5": use --timeout=-5).
    throw usageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) throw new CliError(USAGE, 0);

  const [name, ...rest] = positionals;
  let command: Command;
  if (name === undefined) {
    if (!values.now) throw usageError('a command is required (list, show, run, tick or --now)');
    command = 'tick';
  } else if ((COMMANDS as readonly string[]).includes(name)) {
    command = name as Command;
  } else {
    throw usageError(`unknown command "${name}"; use one of ${COMMANDS.join(', ')} (or --now)`);
  }
  if (values.now && command !== 'tick') throw usageError(`--now ticks the JobPicker and takes no command; use "tick" or "run ${rest[0] ?? '<jobId>'}"`);
  for (const flag of ['tenant', 'status', 'limit', 'timeout', 'now'] as const) {
    if (values[flag] !== undefined && !COMMAND_FLAGS[command].includes(flag)) throw usageError(`${command} takes no --${flag}`);
  }

  const dataDir = dataDirFrom(values['data-dir']);
  const tenantId = values.tenant === undefined ? undefined : parseTenant(values.tenant);
  switch (command) {
    case 'tick':
      if (rest.length > 0) throw usageError(`tick takes no arguments, not "${rest.join(' ')}"`);
      return { command, dataDir };
    case 'list': {
      if (rest.length > 0) throw usageError(`list takes no arguments, not "${rest.join(' ')}"; filter with --tenant and --status`);
      const status = values.status === undefined ? undefined : parseStatus(values.status);
      return { command, dataDir, limit: parseWhole('limit', values.limit, DEFAULT_LIST_LIMIT, MAX_LIMIT), ...(tenantId ? { tenantId } : {}), ...(status ? { status } : {}) };
    }
    case 'show':
    case 'run': {
      const jobId = rest[0];
      if (jobId === undefined || jobId === '') throw usageError(`${command} needs a job id: npm run job -- ${command} <jobId> --tenant <id>`);
      if (rest.length > 1) throw usageError(`${command} takes one job id, not "${rest.join(' ')}"`);
      if (!isValidEntityId(jobId)) throw usageError(`"${jobId}" is not a job id (1-64 letters, digits, - or _)`);
      if (!tenantId) throw usageError(`${command} needs --tenant <id>, the tenant the job belongs to`);
      if (command === 'show') return { command, dataDir, tenantId, jobId, limit: parseWhole('limit', values.limit, DEFAULT_RUNS_LIMIT, MAX_LIMIT) };
      return { command, dataDir, tenantId, jobId, timeoutSeconds: parseSeconds(values.timeout) };
    }
  }
}

function parseTenant(value: string): string {
  if (!isValidTenantId(value)) throw usageError(`--tenant "${value}" is not a tenant id (2-63 lowercase letters, digits or -, starting with a letter), such as acme`);
  return value;
}

function parseStatus(value: string): ListedStatus {
  const status = value.toLowerCase();
  if (!(LISTED_STATUSES as readonly string[]).includes(status)) throw usageError(`--status must be one of ${LISTED_STATUSES.join(', ')}, not "${value}"`);
  return status as ListedStatus;
}

function parseWhole(flag: string, value: string | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > max) throw usageError(`--${flag} must be a whole number from 1 to ${max}, not "${value}"`);
  return Number(value);
}

function parseSeconds(value: string | undefined): number {
  if (value === undefined) return DEFAULT_TIMEOUT_SECONDS;
  const seconds = /^\d+(\.\d+)?$/.test(value) ? Number(value) : NaN;
  if (!(seconds > 0 && seconds <= MAX_TIMEOUT_SECONDS)) throw usageError(`--timeout must be a number of seconds above 0 and at most ${MAX_TIMEOUT_SECONDS}, not "${value}"`);
  return seconds;
}

/** What the commands use of the running stack. */
interface Session {
  stage: Stage;
  store: JobStore;
  lambda: LambdaClient;
}

async function execute(command: JobCommand, io: CliIo): Promise<string> {
  const stack = await readStack(command.dataDir, 'job');
  const { stage, region, credentials, dynamodb: dynamoEndpoint, lambda: lambdaEndpoint } = stack;
  if (!stage || !region || !credentials || !dynamoEndpoint || !lambdaEndpoint) {
    throw new CliError(`job: ${path.join(command.dataDir, 'stack.json')} lacks the stage, region, credentials, DynamoDB or Lambda entries; restart the stack with npm start`, 1);
  }
  const dynamodb = new DynamoDBClient({ endpoint: dynamoEndpoint.endpoint, region, credentials, maxAttempts: 2 });
  const lambda = new LambdaClient({ endpoint: lambdaEndpoint.endpoint, region, credentials, maxAttempts: 1 });
  const session: Session = { stage, store: { dynamodb, tableName: tableName('TenantJob', stage) }, lambda };
  try {
    switch (command.command) {
      case 'list':
        return await listJobs(session, command);
      case 'show':
        return await showJob(session, command);
      case 'run':
        return await runJob(session, command, io);
      case 'tick':
        return formatPick(session, await tickPicker(session));
    }
  } catch (error) {
    if (isConnectionError(error)) throw new CliError(`job: the local stack does not answer at ${dynamoEndpoint.endpoint} / ${lambdaEndpoint.endpoint}; is it running? Start it with npm start`, 1);
    throw error;
  } finally {
    dynamodb.destroy();
    lambda.destroy();
  }
}

// ---- list ---------------------------------------------------------------------------------------

async function listJobs(session: Session, command: Extract<JobCommand, { command: 'list' }>): Promise<string> {
  const tenants = command.tenantId ? [command.tenantId] : await allTenants(session);
  const statuses = command.status ? [command.status] : LISTED_STATUSES;
  const jobs: Job[] = [];
  // Through the JobsByStatus index, status by status (most relevant first), newest change first:
  // the read stops at --limit instead of walking every finished job.
  for (const tenantId of tenants) {
    for (const status of statuses) {
      if (jobs.length >= command.limit) break;
      jobs.push(...(await jobsInStatus(session, tenantId, status, command.limit - jobs.length)));
    }
  }
  const where = command.tenantId ? `tenant ${command.tenantId}` : 'any tenant';
  if (jobs.length === 0) return `No ${command.status ? `${command.status} ` : ''}jobs in ${where}.`;
  const rows = jobs.map((job) => [
    ...(command.tenantId ? [] : [job.tenantId]),
    job.jobId,
    job.runner,
    job.status,
    nextRun(job),
    `${job.attempts}/${job.maxAttempts}`,
    job.lastError ? oneLine(job.lastError.message, 60) : '-',
  ]);
  const header = [...(command.tenantId ? [] : ['TENANT']), 'ID', 'RUNNER', 'STATUS', 'NEXT RUN', 'ATTEMPTS', 'LAST ERROR'];
  const more = jobs.length >= command.limit ? `\n(the first ${command.limit}; raise --limit to see more)` : '';
  return `${table([header, ...rows])}${more}`;
}

async function jobsInStatus(session: Session, tenantId: string, status: ListedStatus, limit: number): Promise<Job[]> {
  const jobs: Job[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await session.store.dynamodb.send(new QueryCommand({
      TableName: session.store.tableName,
      IndexName: JOBS_BY_STATUS_INDEX.name,
      KeyConditionExpression: 'TenantId = :tenant AND begins_with(StatusAt, :status)',
      ExpressionAttributeValues: { ':tenant': { S: tenantKey(tenantId) }, ':status': { S: `${status}#` } },
      ScanIndexForward: false,
      Limit: limit - jobs.length,
      ExclusiveStartKey: start,
    }));
    // Only job items carry StatusAt; the prefix check is a guard, not a filter that drops work.
    jobs.push(...(page.Items ?? []).filter((item) => item.EntityItem?.S?.startsWith(JOB_PREFIXES.job)).map(jobFromItem));
    start = page.LastEvaluatedKey;
  } while (start && jobs.length < limit);
  return jobs;
}

/** Every tenant of the registry, through its ByItem index (as the authorizer lists them). */
async function allTenants(session: Session): Promise<string[]> {
  const tenants: string[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await session.store.dynamodb.send(new QueryCommand({
      TableName: tableName('TenantRegistry', session.stage),
      IndexName: TENANTS_BY_ITEM.name,
      KeyConditionExpression: 'EntityItem = :profile',
      ExpressionAttributeValues: { ':profile': { S: REGISTRY_ITEM } },
      ExclusiveStartKey: start,
    }));
    for (const item of page.Items ?? []) {
      const id = item.tenantId?.S;
      if (id) tenants.push(id);
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return tenants.sort();
}

// ---- show ---------------------------------------------------------------------------------------

async function showJob(session: Session, command: Extract<JobCommand, { command: 'show' }>): Promise<string> {
  const job = await readJob(session, command.tenantId, command.jobId);
  if (!job) throw unknownJob(command.tenantId, command.jobId);
  const runs = await readRuns(session, job, command.limit);
  const schedule = !job.schedule ? 'one-off' : 'cron' in job.schedule ? `cron "${job.schedule.cron}" in ${job.schedule.timeZone}` : `every ${job.schedule.rateMinutes} min`;
  const lines = [
    `Job ${job.jobId} (tenant ${job.tenantId})`,
    ...table([
      ['  runner', job.runner],
      ['  status', job.status],
      ['  schedule', schedule],
      ['  occurrence', job.occurrenceAt],
      ['  next run', nextRun(job)],
      ['  attempts', `${job.attempts} of ${job.maxAttempts} at this occurrence`],
      ['  runs', String(job.runs)],
      ...(job.lastError ? [['  last error', `${oneLine(job.lastError.message, 200)} (attempt ${job.lastError.attempt}, ${job.lastError.at}${job.lastError.type ? `, ${job.lastError.type}` : ''})`]] : []),
      ['  payload', JSON.stringify(job.payload)],
      ['  created', job.createdAt],
      ['  updated', job.updatedAt],
    ]).split('\n'),
    '',
  ];
  if (runs.length === 0) {
    lines.push('No runs yet.');
  } else {
    lines.push(job.runs > runs.length ? `Runs (the last ${runs.length} of ${job.runs}, newest first):` : 'Runs (newest first):');
    const rows = runs.map((run) => [String(run.run), String(run.attempt), run.outcome, run.startedAt, `${durationMs(run)} ms`, run.error ? oneLine(run.error, 80) : '-']);
    lines.push(table([['RUN', 'ATTEMPT', 'OUTCOME', 'STARTED', 'TOOK', 'ERROR'], ...rows]));
  }
  return lines.join('\n');
}

// ---- run ----------------------------------------------------------------------------------------

async function runJob(session: Session, command: Extract<JobCommand, { command: 'run' }>, io: CliIo): Promise<string> {
  const { tenantId, jobId } = command;
  const deadline = Date.now() + command.timeoutSeconds * 1000;
  const started = Date.now();
  const before = await readJob(session, tenantId, jobId);
  if (!before) throw unknownJob(tenantId, jobId);
  let due: Job;
  try {
    due = await runJobNow(session.store, tenantId, jobId, new Date());
  } catch (error) {
    if (error instanceof JobNotFoundError) throw unknownJob(tenantId, jobId);
    if (error instanceof JobStateError) {
      const current = await readJob(session, tenantId, jobId);
      throw new CliError(`job: ${jobId} is ${current?.status ?? 'gone'}, so it cannot run now: ${cannotRunHint(current, tenantId)}`, 1);
    }
    throw error;
  }
  io.stdout(`${jobId} (tenant ${tenantId}): ${before.status === 'dead' ? 'dead → pending, retried with fresh attempts' : 'pending'}, due now\n`);

  // The scheduler's tick, now rather than at the next minute (a concurrent scheduled tick is harmless: claims are conditional).
  const pick = await tickPicker(session, Math.max(1, deadline - Date.now()));
  io.stdout(`${formatPick(session, pick)}\n`);

  // Our run is the first whose number is above the job's run count when it was made due.
  const baseline = due.runs;
  let last = `${due.status}#${due.runs}`;
  for (;;) {
    const job = await readJob(session, tenantId, jobId);
    if (!job) throw new CliError(`job: ${jobId} disappeared from tenant ${tenantId} while it was watched`, 1);
    const seen = `${job.status}#${job.runs}`;
    if (seen !== last) {
      io.stdout(`  ${elapsed(started)}  ${job.status}${statusDetail(job)}\n`);
      last = seen;
    }
    const finished = job.status === 'succeeded' || job.status === 'dead' || job.status === 'cancelled' || (job.runs > baseline && job.status !== 'running');
    if (finished) return finalReport(session, job, baseline, io);
    if (Date.now() >= deadline) {
      throw new CliError(
        `job: ${jobId} is still ${job.status} after ${command.timeoutSeconds} s; it goes on in the stack. Check it with npm run job -- show ${jobId} --tenant ${tenantId}`,
        1,
      );
    }
    await sleep(Math.min(POLL_MS, Math.max(0, deadline - Date.now())));
  }
}

/** Prints the runs that ended and answers the final status; a failed or missing run is an error (exit 1). */
async function finalReport(session: Session, job: Job, baseline: number, io: CliIo): Promise<string> {
  const runs = job.runs > baseline ? (await readRuns(session, job, job.runs - baseline)).filter((run) => run.run > baseline).reverse() : [];
  for (const run of runs) {
    io.stdout(`  run ${run.run} (attempt ${run.attempt}): ${run.outcome} in ${durationMs(run)} ms${run.error ? `: ${oneLine(run.error, 200)}` : ''}\n`);
  }
  const latest = runs.at(-1);
  if (job.status === 'succeeded' || (job.status === 'pending' && latest?.outcome === 'succeeded')) {
    return job.status === 'succeeded' ? 'succeeded' : `succeeded (recurring: next run at ${job.nextRunAt})`;
  }
  const error = job.lastError?.message ?? latest?.error;
  if (job.status === 'pending') {
    throw new CliError(`job: failed (attempt ${job.lastError?.attempt ?? latest?.attempt ?? '?'} of ${job.maxAttempts})${error ? `: ${oneLine(error, 300)}` : ''}; the picker retries it at ${job.nextRunAt}`, 1);
  }
  throw new CliError(`job: ${job.status}${error ? `: ${oneLine(error, 300)}` : ''}`, 1);
}

function cannotRunHint(job: Job | undefined, tenantId: string): string {
  switch (job?.status) {
    case 'running':
      return `a run is under way; watch it with npm run job -- show ${job.jobId} --tenant ${tenantId}`;
    case 'succeeded':
      return 'a one-off job runs once; create a new job to run the work again';
    case 'cancelled':
      return 'a cancelled job never runs again; create a new job';
    default:
      return 'only a pending or dead job can be run now';
  }
}

function statusDetail(job: Job): string {
  switch (job.status) {
    case 'running':
      return ` (run ${job.runs}, attempt ${job.attempts} of ${job.maxAttempts})`;
    case 'pending':
      return job.runs > 0 ? ` (next run at ${job.nextRunAt})` : '';
    default:
      return '';
  }
}

// ---- tick ---------------------------------------------------------------------------------------

/** Invokes the deployed JobPicker through the stack's Lambda endpoint, as EventBridge Scheduler does. */
async function tickPicker(session: Session, timeoutMs = DEFAULT_TIMEOUT_SECONDS * 1000): Promise<PickResult> {
  const functionName = LAMBDAS.jobPicker.functionName(session.stage);
  let answer;
  try {
    answer = await session.lambda.send(
      new InvokeCommand({ FunctionName: functionName, InvocationType: 'RequestResponse', Payload: Buffer.from(JSON.stringify(schedulerEvent())) }),
      { abortSignal: AbortSignal.timeout(timeoutMs) },
    );
  } catch (error) {
    if ((error as Error).name === 'ResourceNotFoundException') {
      throw new CliError(`job: the stack's Lambda endpoint has no ${functionName}; it was started by an older checkout — restart it with npm start`, 1);
    }
    if ((error as Error).name === 'TimeoutError' || (error as Error).name === 'AbortError') throw new CliError(`job: the JobPicker did not answer within ${Math.ceil(timeoutMs / 1000)} s`, 1);
    throw error;
  }
  const text = Buffer.from(answer.Payload ?? new Uint8Array()).toString('utf8');
  let body: unknown;
  try {
    body = JSON.parse(text || 'null');
  } catch {
    throw new CliError(`job: the JobPicker answered something that is not JSON: ${oneLine(text, 200)}`, 1);
  }
  if (answer.FunctionError) {
    const message = (body as { errorMessage?: string } | null)?.errorMessage ?? text;
    throw new CliError(`job: the JobPicker failed (${answer.FunctionError}): ${oneLine(message, 300)}`, 1);
  }
  if (!isPickResult(body)) throw new CliError(`job: the JobPicker answered an unexpected result: ${oneLine(text, 200)}`, 1);
  return body;
}

/** The event EventBridge Scheduler's Lambda target receives (the picker reads nothing from it). */
function schedulerEvent(): Record<string, unknown> {
  return { source: 'optimalhr.local.job-cli', time: new Date().toISOString() };
}

function isPickResult(value: unknown): value is PickResult {
  return typeof value === 'object' && value !== null && PICK_FIELDS.every((field) => typeof (value as Record<string, unknown>)[field] === 'number');
}

function formatPick(session: Session, pick: PickResult): string {
  return `tick (${LAMBDAS.jobPicker.functionName(session.stage)}): ${PICK_FIELDS.map((field) => `${field} ${pick[field]}`).join(', ')}`;
}

// ---- shared -------------------------------------------------------------------------------------

async function readJob(session: Session, tenantId: string, jobId: string): Promise<Job | undefined> {
  const { Item } = await session.store.dynamodb.send(new GetItemCommand({ TableName: session.store.tableName, Key: jobKey(tenantId, jobId), ConsistentRead: true }));
  return Item ? jobFromItem(Item) : undefined;
}

/** The job's newest `limit` runs, newest first. */
async function readRuns(session: Session, job: Job, limit: number): Promise<StoredJobRun[]> {
  const runs: StoredJobRun[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await session.store.dynamodb.send(new QueryCommand({
      TableName: session.store.tableName,
      KeyConditionExpression: 'TenantId = :tenant AND begins_with(EntityItem, :prefix)',
      ExpressionAttributeValues: { ':tenant': { S: tenantKey(job.tenantId) }, ':prefix': { S: jobRunPrefix(job.jobId) } },
      ScanIndexForward: false,
      ConsistentRead: true,
      Limit: limit - runs.length,
      ExclusiveStartKey: start,
    }));
    runs.push(...(page.Items ?? []).map((item) => unmarshall(item) as StoredJobRun));
    start = page.LastEvaluatedKey;
  } while (start && runs.length < limit);
  return runs;
}

function unknownJob(tenantId: string, jobId: string): CliError {
  return new CliError(`job: no job ${jobId} in tenant ${tenantId}; see the tenant's jobs with npm run job -- list --tenant ${tenantId}`, 2);
}

function nextRun(job: Job): string {
  if (job.status === 'pending') return job.nextRunAt;
  if (job.status === 'running') return job.lease ? `running until ${job.lease.expiresAt}` : 'running';
  return '-';
}

function durationMs(run: StoredJobRun): number {
  return Date.parse(run.finishedAt) - Date.parse(run.startedAt);
}

function elapsed(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)}s`.padStart(6);
}

function oneLine(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** Rows as left-aligned columns. */
function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length)));
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ')).join('\n');
}


if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  quietSdkNodeWarning();
  process.exitCode = await runJobCli(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
}
