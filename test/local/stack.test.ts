/** The local stack's lifecycle as `npm start` users meet it: first start, restart, reset, bad flags. */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../domain/logger.ts';
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
  it('seeds the demo tenants on first start, keeps data across restarts, and forgets it on reset', async () => {
    const first = await startStack({ port: 0, dataDir, logger: quiet });
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
    expect(listed.map((j) => j.id).sort()).toEqual(['clock-in-reminders', 'clock-out-reminders', 'contracts-daily', 'demo-touch-employee']);
    expect(listed.every((j) => j.status === 'PENDING')).toBe(true);
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

  it.each([
    [['--port', 'abc'], /--port must be an integer from 0 to 65535/],
    [['--port', '70000'], /--port must be an integer/],
    [['--stage', 'Qa'], /Unknown stage "Qa"/],
    [['--colour'], /Unknown option '--colour'/],
    [['--tick', 'often'], /--tick must be a whole number of seconds/],
  ])('refuses %j with a clear message and exit code 2', async (args, message) => {
    const { code, stderr } = await run(args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).toContain('Usage: npm start');
  });
});
