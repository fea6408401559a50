/** `npm run job`: list, show and run jobs of a running stack, and tick its JobPicker through the Lambda Invoke API. */
import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cancelJob, createJob, jobFromItem, jobKey, type Job, type NewJobInput } from '../../domain/jobs/engine.ts';
import { LAMBDAS } from '../../domain/lambdas.ts';
import { createLogger } from '../../domain/logger.ts';
import { tableName } from '../../domain/model/tables.ts';
import { employeeRow } from '../jobs/helpers.ts';
import { runJobCli } from '../../local/job-cli.ts';
import { runTenantCli } from '../../local/tenant-cli.ts';
import { startLocalLambda, type LocalLambda } from '../../local/lambda/index.ts';
import type { StackDescription, StackHandle } from '../../local/stack.ts';
import { startTestStack } from '../support/stack.ts';

let stack: StackHandle;
let dynamodb: DynamoDBClient;
let emptyDir: string;
/** A stack.json like the stack's, but whose Lambda endpoint is {@link standIn}: the test decides what the JobPicker does. */
let standInDir: string;
let standIn: LocalLambda;

/** A time no test reaches: jobs created for it wait until the CLI runs them. */
const LATER = '2099-01-01T00:00:00.000Z';

beforeAll(async () => {
  stack = await startTestStack();
  // The registry lists acme (`list` without --tenant reads it); jobs need no user.
  await stack.onboardTenant({ tenantId: 'acme' });
  dynamodb = new DynamoDBClient({ endpoint: stack.dynamodb.endpoint, region: stack.region, credentials: stack.credentials });
  // The employee the CRUD jobs change, stored as hiring stores one.
  const target = employeeRow('acme', 'cli-target', { firstName: 'Cli', lastName: 'Target' });
  await dynamodb.send(new PutItemCommand({ TableName: tableName('PIM', stack.stage), Item: marshall(target, { removeUndefinedValues: true }) }));
  emptyDir = await mkdtemp(path.join(os.tmpdir(), 'optimalhr-no-stack-'));
  standIn = await startLocalLambda({ logger: createLogger({ service: 'test-lambda', level: 'error', write: () => undefined }) });
  standInDir = await mkdtemp(path.join(os.tmpdir(), 'optimalhr-stand-in-'));
  const description = JSON.parse(await readFile(path.join(stack.dataDir, 'stack.json'), 'utf8')) as StackDescription;
  await writeFile(path.join(standInDir, 'stack.json'), JSON.stringify({ ...description, lambda: { endpoint: standIn.endpoint } }));
});

afterAll(async () => {
  dynamodb?.destroy();
  await stack?.stop();
  await standIn?.stop();
  for (const dir of [emptyDir, standInDir]) if (dir) await rm(dir, { recursive: true, force: true });
});

async function job(argv: string[], dataDir = stack.dataDir) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runJobCli([...argv, '--data-dir', dataDir], { stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
  return { code, out: out.join(''), err: err.join('') };
}

function create(input: Partial<NewJobInput> & { jobId: string }): Promise<Job> {
  return createJob(
    { dynamodb, tableName: tableName('TenantJob', stack.stage) },
    { tenantId: 'acme', runner: 'AIML-SaaS-CRUD-Item', payload: { entity: 'employee', id: 'cli-target', set: { preferredName: input.jobId } }, runAt: LATER, ...input },
    new Date(),
  );
}

async function stored(jobId: string): Promise<Job> {
  const { Item } = await dynamodb.send(new GetItemCommand({ TableName: tableName('TenantJob', stack.stage), Key: jobKey('acme', jobId), ConsistentRead: true }));
  return jobFromItem(Item!);
}

describe('npm run job -- run', () => {
  it('takes a one-off job from pending to succeeded now, printing each change, exit 0', async () => {
    await create({ jobId: 'cli-once' });
    const { code, out, err } = await job(['run', 'cli-once', '--tenant', 'acme']);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toMatch(/^cli-once \(tenant acme\): pending, due now\n/);
    expect(out).toMatch(/tick \(AIML-SaaS-JobPicker-Dev\): read 1, claimed 1, .*dispatched 1/);
    expect(out).toMatch(/run 1 \(attempt 1\): succeeded in \d+ ms/);
    expect(out.trimEnd().split('\n').at(-1)).toBe('succeeded');
    expect(await stored('cli-once')).toMatchObject({ status: 'succeeded', runs: 1 });
    const { Item } = await dynamodb.send(new GetItemCommand({ TableName: tableName('PIM', stack.stage), Key: { TenantId: { S: 'TENANT#acme' }, EntityItem: { S: 'EMP#cli-target' } }, ConsistentRead: true }));
    expect(Item?.preferredName?.S).toBe('cli-once');
  });

  it('runs a recurring job once now and leaves it pending at the scheduled occurrence it had', async () => {
    const created = await create({ jobId: 'cli-daily', runAt: undefined, schedule: { cron: '0 9 * * *', timeZone: 'America/New_York' } });
    const { code, out } = await job(['run', 'cli-daily', '--tenant', 'acme']);
    expect(code).toBe(0);
    expect(out).toContain(`succeeded (recurring: next run at ${created.occurrenceAt})\n`);
    expect(await stored('cli-daily')).toMatchObject({ status: 'pending', runs: 1, occurrenceAt: created.occurrenceAt, nextRunAt: created.occurrenceAt });
  });

  it('reports a run that dies with its error and exit 1, and retries a dead job', async () => {
    await create({ jobId: 'cli-missing', payload: { entity: 'employee', id: 'nobody', set: { preferredName: 'x' } } });
    const first = await job(['run', 'cli-missing', '--tenant', 'acme']);
    expect(first.code).toBe(1);
    expect(first.out).toMatch(/run 1 \(attempt 1\): failed/);
    expect(first.err).toMatch(/^job: dead: No employee nobody in this tenant/);
    const again = await job(['run', 'cli-missing', '--tenant', 'acme']);
    expect(again.code).toBe(1);
    expect(again.out).toMatch(/dead → pending, retried/);
    expect(again.out).toMatch(/run 2 \(attempt 1\): failed/);
  });

  it('refuses a job that cannot run now (exit 1) and an unknown one (exit 2)', async () => {
    const done = await job(['run', 'cli-once', '--tenant', 'acme']);
    expect(done.code).toBe(1);
    expect(done.err).toMatch(/cli-once is succeeded, so it cannot run now: a one-off job runs once/);
    const unknown = await job(['run', 'no-such-job', '--tenant', 'acme']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/no job no-such-job in tenant acme/);
  });

});

describe('npm run job against a JobPicker that misbehaves', () => {
  const picker = LAMBDAS.jobPicker.functionName('Dev');

  it('says to restart a stack whose Lambda endpoint has no JobPicker', async () => {
    const { code, err } = await job(['--now'], standInDir);
    expect(code).toBe(1);
    expect(err).toMatch(/has no AIML-SaaS-JobPicker-Dev; .*restart it with npm start/);
  });

  it('reports a tick that fails, exit 1', async () => {
    standIn.register(picker, () => {
      throw new Error('index unavailable');
    });
    const { code, err } = await job(['tick'], standInDir);
    expect(code).toBe(1);
    expect(err).toMatch(/the JobPicker failed \(Unhandled\): index unavailable/);
  });

  it('gives up after --timeout when the job does not run, saying it goes on', async () => {
    // A tick that picks nothing: the job stays pending (due) until a later tick.
    standIn.register(picker, () => ({ read: 0, claimed: 0, reclaimed: 0, dead: 0, lost: 0, dispatched: 0, dispatchFailed: 0 }));
    await create({ jobId: 'cli-stuck' });
    const { code, out, err } = await job(['run', 'cli-stuck', '--tenant', 'acme', '--timeout', '0.5'], standInDir);
    expect(code).toBe(1);
    expect(out).toMatch(/claimed 0/);
    expect(err).toMatch(/cli-stuck is still pending after 0.5 s; it goes on in the stack/);
    // Out of the due range again, so the real ticks below find only their own jobs.
    await cancelJob({ dynamodb, tableName: tableName('TenantJob', stack.stage) }, 'acme', 'cli-stuck', new Date());
  });
});

// Reads the jobs the tests above left behind (vitest runs a file's tests in order).
describe('npm run job -- list / show / tick', () => {
  it('lists a tenant\'s jobs, active and dead first, and filters by status', async () => {
    const all = await job(['list', '--tenant', 'acme']);
    expect(all.code).toBe(0);
    const lines = all.out.trim().split('\n');
    expect(lines[0]).toMatch(/^ID\s+RUNNER\s+STATUS\s+NEXT RUN\s+ATTEMPTS\s+LAST ERROR$/);
    const order = lines.slice(1).map((line) => line.split(/\s+/)[0]);
    expect(order).toEqual(expect.arrayContaining(['cli-once', 'cli-daily', 'cli-missing', 'cli-stuck']));
    // pending, dead, succeeded, cancelled
    expect(['cli-daily', 'cli-missing', 'cli-once', 'cli-stuck'].map((id) => order.indexOf(id))).toEqual([0, 1, 2, 3]);
    expect(all.out).toMatch(/cli-missing\s+AIML-SaaS-CRUD-Item\s+dead\s+-\s+1\/5\s+No employee nobody in this tenant\./);

    const dead = await job(['list', '--tenant', 'acme', '--status', 'dead']);
    expect(dead.out).toMatch(/cli-missing/);
    expect(dead.out).not.toMatch(/cli-once|cli-daily/);
    expect((await job(['list', '--tenant', 'acme', '--status', 'running'])).out).toBe('No running jobs in tenant acme.\n');
    expect((await job(['list', '--tenant', 'acme', '--limit', '1'])).out).toMatch(/the first 1; raise --limit/);
  });

  it('lists every tenant\'s jobs without --tenant', async () => {
    const { code, out } = await job(['list']);
    expect(code).toBe(0);
    expect(out).toMatch(/^TENANT\s+ID\s+RUNNER/);
    expect(out).toMatch(/acme\s+cli-once\s+AIML-SaaS-CRUD-Item\s+succeeded/);
  });

  it('shows a job with its run history, newest run first', async () => {
    const { code, out } = await job(['show', 'cli-missing', '--tenant', 'acme']);
    expect(code).toBe(0);
    expect(out).toMatch(/^Job cli-missing \(tenant acme\)\n/);
    expect(out).toMatch(/status\s+dead/);
    expect(out).toMatch(/last error\s+No employee nobody in this tenant\./);
    expect(out).toMatch(/Runs \(newest first\):\nRUN\s+ATTEMPT\s+OUTCOME\s+STARTED\s+TOOK\s+ERROR\n2\s+1\s+failed[^\n]*\n1\s+1\s+failed/);
    expect((await job(['show', 'cli-missing', '--tenant', 'acme', '--limit', '1'])).out).toMatch(/Runs \(the last 1 of 2, newest first\)/);
  });

  it('ticks the JobPicker with --now (or tick) and prints what it did', async () => {
    await create({ jobId: 'cli-due', runAt: new Date(Date.now() - 1000).toISOString() });
    const now = await job(['--now']);
    expect(now.code).toBe(0);
    expect(now.out).toMatch(/^tick \(AIML-SaaS-JobPicker-Dev\): read \d+, claimed 1, reclaimed 0, dead 0, lost 0, dispatched 1, dispatchFailed 0\n$/);
    const tick = await job(['tick']);
    expect(tick.code).toBe(0);
    expect(tick.out).toMatch(/claimed 0/);
  });
});

describe('npm run job -- bad input', () => {
  it.each([
    [[], /a command is required/],
    [['start'], /unknown command "start"/],
    [['show', '--tenant', 'acme'], /show needs a job id/],
    [['run', '--tenant', 'acme'], /run needs a job id/],
    [['run', 'cli-once'], /run needs --tenant <id>/],
    [['run', 'a', 'b', '--tenant', 'acme'], /run takes one job id/],
    [['run', 'bad id!', '--tenant', 'acme'], /"bad id!" is not a job id/],
    [['list', '--tenant', 'ACME'], /--tenant "ACME" is not a tenant id/],
    [['list', '--tenant', 'TENANT#acme'], /is not a tenant id/],
    [['list', '--status', 'failed'], /--status must be one of running, pending, dead, succeeded, cancelled/],
    [['list', '--limit', '0'], /--limit must be a whole number from 1 to 1000/],
    [['list', 'acme'], /list takes no arguments/],
    [['show', 'cli-once', '--tenant', 'acme', '--status', 'dead'], /show takes no --status/],
    [['run', 'cli-once', '--tenant', 'acme', '--timeout', 'soon'], /--timeout must be a number of seconds/],
    [['run', 'cli-once', '--tenant', 'acme', '--timeout=-5'], /--timeout must be a number of seconds/],
    [['run', 'cli-once', '--tenant', 'acme', '--timeout', '-5'], /argument is ambiguous/],
    [['run', 'cli-once', '--tenant', 'acme', '--now'], /--now ticks the JobPicker and takes no command/],
    [['list', '--loud'], /Unknown option '--loud'/],
    [['show', 'nope', '--tenant', 'acme'], /no job nope in tenant acme/],
  ])('refuses %j with exit code 2 and the reason', async (argv, message) => {
    const { code, out, err } = await job(argv);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(message);
  });

  it('prints the usage with --help, exit 0', async () => {
    const { code, err } = await job(['--help']);
    expect(code).toBe(0);
    expect(err).toMatch(/^Usage: npm run job -- <command>/);
  });

  it('says to start the stack when none runs, exit 1', async () => {
    const { code, err } = await job(['list', '--tenant', 'acme'], emptyDir);
    expect(code).toBe(1);
    expect(err).toMatch(/no local stack is running .*; start it with npm start/);
  });
});

describe('npm run tenant', () => {
  async function tenant(argv: string[], dataDir = stack.dataDir) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runTenantCli([...argv, '--data-dir', dataDir], { stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
    return { code, out: out.join(''), err: err.join('') };
  }

  it('given valid flags, when create runs, then the tenant is onboarded step by step and its status reads completed', async () => {
    const created = await tenant(['create', '--tenant', 'cli-co', '--admin-email', 'hr@cli-co.example', '--name', 'Cli Co', '--time-zone', 'Europe/Paris', '--currency', 'EUR', '--week-start', 'MONDAY', '--fiscal-year-start', '07-01']);
    expect(created.out).toMatch(/\[1\/6\] userPool done[\s\S]*\[6\/6\] activate done/);
    expect(created.code).toBe(0);
    expect(created.out).toMatch(/\ntenant cli-co: completed \(6\/6 steps\)/);
    const status = await tenant(['status', '--tenant', 'cli-co']);
    expect(status.out).toMatch(/6\. activate +done/);
    // Again: nothing to do.
    expect((await tenant(['create', '--tenant', 'cli-co', '--admin-email', 'hr@cli-co.example', '--name', 'Cli Co', '--time-zone', 'Europe/Paris', '--currency', 'EUR', '--week-start', 'MONDAY', '--fiscal-year-start', '07-01'])).code).toBe(0);
    // A finished onboarding is not rolled back.
    expect(await tenant(['rollback', '--tenant', 'cli-co'])).toMatchObject({ code: 2, err: expect.stringMatching(/CONFLICT/) });
  });

  it.each([
    ['no command', [], /no command/],
    ['an unknown command', ['delete', '--tenant', 'x'], /unknown command "delete"/],
    ['an unknown flag', ['create', '--tenant', 'x', '--admin-email', 'a@b.example', '--bogus', '1'], /Unknown option '--bogus'/],
    ['a missing --tenant', ['status'], /--tenant is required/],
    ['create without --admin-email', ['create', '--tenant', 'x'], /needs --admin-email/],
    ['create flags on status', ['status', '--tenant', 'x', '--plan', 'trial'], /takes only --tenant/],
  ])('exits 2 with usage for %s', async (_case, argv, message) => {
    const result = await tenant(argv);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(message);
    expect(result.err).toMatch(/Usage: npm run tenant/);
  });

  it('exits 2 naming every bad field of the input, making nothing', async () => {
    const result = await tenant(['create', '--tenant', 'Bad', '--admin-email', 'nope', '--currency', 'XXXX', '--fiscal-year-start', '13-01']);
    expect(result.code).toBe(2);
    for (const field of ['tenantId', 'adminEmail', 'settings.currency', 'settings.fiscalYearStart']) expect(result.err).toContain(`${field}:`);
    expect((await tenant(['status', '--tenant', 'bad'])).code).toBe(2);
  });

  it('exits 1 when no stack is running', async () => {
    const result = await tenant(['status', '--tenant', 'acme'], emptyDir);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/no local stack is running/);
  });
});
