/**
 * Faults (issue 19 §2): the stack's child processes are killed under use.
 * - The local DynamoDB, in the middle of a stream of writes from concurrent clients: the
 *   supervisor starts it again on the same endpoint and data; requests caught by the crash get
 *   typed errors in AppSync's shape, never a 5xx or a hang; every write the API acknowledged is
 *   there afterwards, none twice; and the stack serves on.
 * - cognito-local, between sign-ins: back on the same endpoint with its pools and users; tokens
 *   issued before still work and users sign in again.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../domain/logger.ts';
import { startStack, type StackHandle } from '../../local/stack.ts';
import { signedIn, type Gql, type GraphQLResponse } from '../support/stack.ts';

const CREATE = 'mutation ($input: CreateEmployeeInput!) { createEmployee(input: $input) { id employeeNumber } }';
const LIST = 'query ($nextToken: String) { employees(limit: 100, nextToken: $nextToken) { items { id employeeNumber } nextToken } }';
const WRITERS = 6;
const WRITES_PER_WRITER = 12;
/** The crash comes once this many writes have been acknowledged. */
const CRASH_AFTER = 20;

let dataDir: string;
let stack: StackHandle;
let admin: Gql;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'optimalhr-faults-'));
  // On disk: a database process that dies keeps what it acknowledged, as DynamoDB does.
  stack = await startStack({ port: 0, dataDir, seed: false, tickSeconds: 0, iamLogLevel: 'error', logger: createLogger({ service: 'test', level: 'error', write: () => undefined }) });
  admin = await signedIn(stack, { tenantId: 'acme', role: 'TenantAdmin' });
}, 60_000);

afterAll(async () => {
  await stack?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('given concurrent clients writing employees', () => {
  it('when the database process is killed mid-stream, every acknowledged write survives exactly once and failures are typed', async () => {
    const acknowledged = new Map<string, string>();
    const failures: { status: number; errorType: string | null | undefined }[] = [];
    let crash: Promise<void> | undefined;
    const crashOnce = () => {
      if (crash || acknowledged.size < CRASH_AFTER) return;
      const restarted = stack.processes.dynamodb.nextRestart();
      process.kill(stack.processes.dynamodb.pid!, 'SIGKILL');
      crash = restarted;
    };

    // Each client retries a failed write with the same input (as clients do), once the database is back.
    await Promise.all(Array.from({ length: WRITERS }, async (_, writer) => {
      for (let n = 0; n < WRITES_PER_WRITER; n += 1) {
        const employeeNumber = `F-${writer}-${n}`;
        const input = { employeeNumber, firstName: 'Fault', lastName: `W${writer}N${n}`, email: `f${writer}-${n}@faults.test`, contract: { startDate: '2025-01-06', terms: { jobTitle: 'Engineer', employmentType: 'FULL_TIME' } } };
        for (let attempt = 1; attempt <= 3; attempt += 1) {
          const answer = await admin<{ createEmployee: { id: string } | null }>(CREATE, { input });
          const id = answer.data?.createEmployee?.id;
          if (id && !answer.errors) {
            acknowledged.set(employeeNumber, id);
            break;
          }
          failures.push({ status: answer.status, errorType: answer.errors?.[0]?.errorType });
          // A retry finding its own earlier write: stored by an attempt whose answer the crash lost.
          if (attempt > 1 && answer.errors?.[0]?.errorType === 'CONFLICT') break;
          await crash;
        }
        crashOnce();
      }
    }));
    expect(crash).toBeDefined();
    await crash;

    // Requests caught by the crash: AppSync's shape, a type, never a server error.
    expect(failures.length).toBeGreaterThan(0);
    for (const failure of failures) {
      expect(failure.status).toBeLessThan(500);
      expect(failure.errorType).toEqual(expect.any(String));
    }
    // Everything acknowledged is stored, once; whatever failed may or may not have been written, but never twice.
    const stored: { id: string; employeeNumber: string }[] = [];
    let nextToken: string | null = null;
    do {
      type Page = { employees: { items: { id: string; employeeNumber: string }[]; nextToken: string | null } };
      const page: GraphQLResponse<Page> = await admin<Page>(LIST, { nextToken });
      const employees: Page['employees'] = page.data!.employees;
      stored.push(...employees.items);
      nextToken = employees.nextToken;
    } while (nextToken);
    const byNumber = new Map(stored.map((e) => [e.employeeNumber, e.id]));
    expect(byNumber.size).toBe(stored.length);
    for (const [employeeNumber, id] of acknowledged) expect(byNumber.get(employeeNumber)).toBe(id);
    expect(acknowledged.size).toBeGreaterThan(CRASH_AFTER);

    // And the stack serves on.
    const after = await admin<{ createEmployee: { id: string } | null }>(CREATE, { input: { employeeNumber: 'F-after', firstName: 'Fault', lastName: 'After', email: 'after@faults.test', contract: { startDate: '2025-01-06', terms: { jobTitle: 'Engineer', employmentType: 'FULL_TIME' } } } });
    expect(after.errors).toBeUndefined();
  }, 90_000);
});

describe('given signed-in users', () => {
  it('when cognito-local is killed, it is back on the same endpoint with its users, and tokens issued before still work', async () => {
    const email = 'faulty@acme.test';
    await stack.addUser({ email, tenantId: 'acme', role: 'TenantAdmin' });
    const before = await stack.signIn(email);
    const pid = stack.processes.cognito.pid;

    const restarted = stack.processes.cognito.nextRestart();
    process.kill(pid!, 'SIGKILL');
    await restarted;

    expect(stack.processes.cognito.pid).not.toBe(pid);
    const again = await stack.signIn(email);
    for (const token of [before, again]) {
      const answer = await fetch(stack.graphql.http, { method: 'POST', headers: { 'content-type': 'application/json', authorization: token }, body: JSON.stringify({ query: '{ employees(limit: 1) { items { id } } }' }) });
      expect(answer.status).toBe(200);
      expect(((await answer.json()) as { errors?: unknown }).errors).toBeUndefined();
    }
  }, 60_000);
});
