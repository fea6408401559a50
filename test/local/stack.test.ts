/** The local stack's lifecycle as `npm start` users meet it: first start, restart, reset, bad flags. */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../domain/logger.ts';
import { DataDirInUseError } from '../../local/stack-file.ts';
import { startStack, type StackDescription } from '../../local/stack.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const quiet = createLogger({ service: 'test', level: 'error', write: () => undefined });
const LIST = '{ employees(limit: 100) { items { id lastName } } }';

async function employees(url: string, token: string): Promise<string[]> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: token }, body: JSON.stringify({ query: LIST }) });
  const body = (await response.json()) as { data: { employees: { items: { lastName: string }[] } } };
  return body.data.employees.items.map((e) => e.lastName);
}

let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'optimalhr-stack-'));
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('a stack on disk', () => {
  // One start of each kind (seeding takes seconds): the first also serves a second stage.
  it('seeds the demo tenants on first start, serves each stage its own tokens and data, keeps data across restarts, and forgets it on reset', async () => {
    const first = await startStack({ port: 0, dataDir, stages: ['Dev', 'Staging'], logger: quiet });
    const written = JSON.parse(await readFile(path.join(dataDir, 'stack.json'), 'utf8')) as StackDescription;
    expect(written).toMatchObject({ stage: 'Dev', graphql: { http: first.graphql.http, https: first.graphql.https }, dynamodb: first.dynamodb });
    expect(Object.keys(written.cognito.pools).sort()).toEqual(['acme', 'globex', 'system']);
    expect(written.demoUsers.map((u) => u.email)).toEqual(expect.arrayContaining(['admin@acme.example', 'admin@globex.example', 'admin@optimalhr.local']));
    const acmeToken = await first.signIn('admin@acme.example');
    const acme = await employees(first.graphql.http, acmeToken);
    expect(acme).toHaveLength(8);
    expect(await employees(first.graphql.http, await first.signIn('admin@globex.example'))).toHaveLength(5);
    // The demo jobs: a CRUD job, and the clock-in/out reminders for the seeded shifts.
    const jobs = await fetch(first.graphql.http, { method: 'POST', headers: { 'content-type': 'application/json', authorization: acmeToken }, body: JSON.stringify({ query: '{ jobs(limit: 100) { items { id runner status } } }' }) });
    const listed = ((await jobs.json()) as { data: { jobs: { items: { id: string; status: string }[] } } }).data.jobs.items;
    expect(listed.map((j) => j.id).sort()).toEqual(['clock-in-reminders', 'clock-out-reminders', 'contracts-daily', 'demo-touch-employee', 'leave-accrual']);
    expect(listed.every((j) => j.status === 'PENDING')).toBe(true);
    // The demo leave: three types, and this year's months already accrued for a user to see.
    const leave = await fetch(first.graphql.http, { method: 'POST', headers: { 'content-type': 'application/json', authorization: acmeToken }, body: JSON.stringify({ query: '{ leaveTypes { name } leavePolicies { accrualFrequency } }' }) });
    const { leaveTypes, leavePolicies } = ((await leave.json()) as { data: { leaveTypes: { name: string }[]; leavePolicies: { accrualFrequency: string }[] } }).data;
    expect(leaveTypes.map((t) => t.name)).toEqual(['Annual leave', 'Sick leave', 'Unpaid leave']);
    expect(leavePolicies.map((p) => p.accrualFrequency).sort()).toEqual(['MONTHLY', 'UP_FRONT']);
    // The demo organisation, in each tenant's time zone.
    const organisation = async (token: string) => {
      const query = '{ orgChart(depth: 9) { items { name depth headEmployeeId } } locations { items { name timeZone } } positions(limit: 100) { items { title } } }';
      const response = await fetch(first.graphql.http, { method: 'POST', headers: { 'content-type': 'application/json', authorization: token }, body: JSON.stringify({ query }) });
      return ((await response.json()) as { data: { orgChart: { items: { name: string; depth: number; headEmployeeId: string | null }[] }; locations: { items: unknown[] }; positions: { items: unknown[] } } }).data;
    };
    const acmeOrganisation = await organisation(acmeToken);
    expect(acmeOrganisation.orgChart.items.map((u) => u.name).sort()).toEqual(['Engineering', 'Finance', 'People']);
    expect(acmeOrganisation.locations.items).toEqual([{ name: 'New York HQ', timeZone: 'America/New_York' }]);
    expect(acmeOrganisation.positions.items).toHaveLength(7);
    const globexOrganisation = await organisation(await first.signIn('admin@globex.example'));
    expect(globexOrganisation.orgChart.items.map((u) => [u.name, u.depth, u.headEmployeeId !== null])).toEqual([['Executive', 0, true], ['Operations', 1, false]]);
    expect(globexOrganisation.locations.items).toEqual([{ name: 'Berlin', timeZone: 'Europe/Berlin' }]);
    // Two stages: one user and pool, each stage's API taking only its own stage's tokens.
    expect(Object.keys(first.stages)).toEqual(['Dev', 'Staging']);
    const dev = first.stages.Dev!.graphql.http;
    const staging = first.stages.Staging!.graphql.http;
    expect(first.graphql.http).toBe(dev);
    const tokens = { Dev: await first.signIn('admin@acme.example'), Staging: await first.signIn('admin@acme.example', undefined, 'Staging'), Prod: await first.signIn('admin@acme.example', undefined, 'Prod') };
    // One user, one pool: the same subject in every stage, each token stamped with its stage.
    expect(new Set(Object.values(tokens).map((t) => claimsOf(t).sub)).size).toBe(1);
    expect(Object.values(tokens).map((t) => claimsOf(t)['custom:environment'])).toEqual(['Dev', 'Staging', 'Prod']);
    // The stage check: a token is refused by another stage's API, and Prod, not served, has no API here.
    const status = async (url: string, token: string) => (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: token }, body: JSON.stringify({ query: LIST }) })).status;
    expect(await status(dev, tokens.Staging)).toBe(401);
    expect(await status(staging, tokens.Dev)).toBe(401);
    expect(await status(dev, tokens.Prod)).toBe(401);
    // Each stage has its own data: the demo employees live in the stack's own stage only.
    expect(await employees(dev, tokens.Dev)).toHaveLength(8);
    expect(await employees(staging, tokens.Staging)).toEqual([]);
    await first.stop();
    expect(existsSync(path.join(dataDir, 'stack.json'))).toBe(false);

    const second = await startStack({ port: 0, dataDir, logger: quiet });
    // Same data, no second seed; users, pools and a token issued before the restart still work.
    expect(await employees(second.graphql.http, acmeToken)).toEqual(acme);
    expect(await employees(second.graphql.http, await second.signIn('admin@acme.example'))).toEqual(acme);
    await second.stop();

    const reset = await startStack({ port: 0, dataDir, reset: true, logger: quiet });
    // New pools: the old token names an issuer nobody knows any more.
    const stale = await fetch(reset.graphql.http, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: acmeToken },
      body: JSON.stringify({ query: LIST }),
    });
    expect(stale.status).toBe(401);
    expect(await employees(reset.graphql.http, await reset.signIn('admin@acme.example'))).toHaveLength(8);
    await reset.stop();
    // Three full starts of the stack on disk, seeding twice: minutes of work on a busy CI machine.
  }, 90_000);
});

describe('npm start flags', () => {
  const run = (args: string[]) =>
    promisify(execFile)(process.execPath, ['--import', 'tsx', 'local/cli.ts', ...args], { cwd: ROOT }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
    );

  // Each refusal's message is checked in start-args.test.ts; this is how the CLI delivers one.
  it('refuses a wrong flag with its message, the usage and exit code 2, before starting anything', async () => {
    const { code, stderr } = await run(['--port', 'abc']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--port must be an integer from 0 to 65535/);
    expect(stderr).toContain('Usage: npm start');
  });
});

function claimsOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('a data folder in use', () => {
  it('is refused to a second stack with the reason, before anything starts', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'optimalhr-locked-'));
    try {
      // A live process (vitest's own, this worker's parent) stands for the stack that holds it.
      await writeFile(path.join(dir, 'stack.lock'), JSON.stringify({ pid: process.ppid }));
      const started = startStack({ port: 0, memory: true, dataDir: path.join(dir), logger: quiet });
      await expect(started).rejects.toBeInstanceOf(DataDirInUseError);
      await expect(started).rejects.toThrow(`A local stack (process ${process.ppid}) is already running on ${dir}`);
      // npm start says so in one paragraph, exit 1, no stack trace; the helpers say it is still starting.
      const cli = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'local/cli.ts', '--data-dir', dir], { cwd: ROOT }).catch((error: { code: number; stdout: string; stderr: string }) => error);
      expect(cli).toMatchObject({ code: 1, stdout: '' });
      expect((cli as { stderr: string }).stderr.trim().split('\n')).toEqual([expect.stringMatching(/^A local stack \(process \d+\) is already running on /)]);
      const token = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'local/token-cli.ts', '--user', 'admin@acme.example', '--data-dir', dir], { cwd: ROOT }).catch((error: { code: number; stderr: string }) => error);
      expect(token).toMatchObject({ code: 1, stderr: expect.stringMatching(/is still starting; try again when npm start says it is up/) });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('is taken over from a stack that is gone', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'optimalhr-stale-'));
    try {
      await writeFile(path.join(dir, 'stack.lock'), JSON.stringify({ pid: 2 ** 22 + 1 }));
      const stack = await startStack({ port: 0, memory: true, seed: false, tickSeconds: 0, dataDir: dir, logger: quiet });
      expect(JSON.parse(await readFile(path.join(dir, 'stack.lock'), 'utf8'))).toMatchObject({ pid: process.pid });
      await stack.stop();
      expect(existsSync(path.join(dir, 'stack.lock'))).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
