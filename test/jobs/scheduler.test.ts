/** A job through the local stack as the deployed system runs it: tick → picker → Lambda Invoke (Event) → runner. */
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJob, jobFromItem, jobKey } from '../../domain/jobs/engine.ts';
import { tableName } from '../../domain/model/tables.ts';
import type { StackHandle } from '../../local/stack.ts';
import { signedIn, startTestStack, type Gql } from '../support/stack.ts';
import { eventually } from '../support/eventually.ts';

let stack: StackHandle;
let admin: Gql;
let dynamodb: DynamoDBClient;

beforeAll(async () => {
  stack = await startTestStack();
  admin = await signedIn(stack, { tenantId: 'acme', role: 'TenantAdmin' });
  // The stack's own key acts as the internal (system) role, as the admin API's resolvers will.
  dynamodb = new DynamoDBClient({ endpoint: stack.dynamodb.endpoint, region: stack.region, credentials: stack.credentials });
});

afterAll(async () => {
  dynamodb?.destroy();
  await stack?.stop();
});

async function jobStatus(jobId: string): Promise<string | undefined> {
  const out = await dynamodb.send(new GetItemCommand({ TableName: tableName('TenantJob', stack.stage), Key: jobKey('acme', jobId), ConsistentRead: true }));
  return out.Item ? jobFromItem(out.Item).status : undefined;
}

describe('the local scheduler', () => {
  it('takes a due CRUD job from pending to succeeded and applies its effect once', async () => {
    const created = await admin<{ createEmployee: { id: string } }>(
      `mutation ($input: CreateEmployeeInput!) { createEmployee(input: $input) { id } }`,
      { input: { employeeNumber: 'J-1', firstName: 'Job', lastName: 'Target', email: 'job.target@acme.test', contract: { startDate: '2024-01-02', terms: { jobTitle: 'Clerk', employmentType: 'FULL_TIME' } } } },
    );
    const employeeId = created.data!.createEmployee.id;
    await createJob(
      { dynamodb, tableName: tableName('TenantJob', stack.stage) },
      { tenantId: 'acme', jobId: 'rename-1', runner: 'AIML-SaaS-CRUD-Item', payload: { entity: 'employee', id: employeeId, set: { preferredName: 'Jobby' } }, runAt: new Date(Date.now() - 1000).toISOString() },
      new Date(),
    );
    expect(await jobStatus('rename-1')).toBe('pending');

    const tick = (await stack.tick()) as { claimed: number; dispatched: number };
    expect(tick).toMatchObject({ claimed: 1, dispatched: 1 });
    expect(await eventually(async () => (await jobStatus('rename-1')) === 'succeeded', { everyMs: 100 })).toBe(true);

    const read = await admin<{ employee: { preferredName: string | null } }>(`query ($id: ID!) { employee(id: $id) { preferredName } }`, { id: employeeId });
    expect(read.data!.employee.preferredName).toBe('Jobby');
    // A second tick finds nothing due: finished jobs leave the due index.
    expect(await stack.tick()).toMatchObject({ read: 0, claimed: 0 });
  });

  it("changes a work email through the people rules, so the API's uniqueness, listing, updates and deletes still hold", async () => {
    const hire = (n: number, email: string) => admin<{ createEmployee: { id: string } }>(
      `mutation ($input: CreateEmployeeInput!) { createEmployee(input: $input) { id } }`,
      // Starting in the future: a hire not yet started may be withdrawn (deleted) at the end.
      { input: { employeeNumber: `J-E${n}`, firstName: 'Mail', lastName: `Mover${n}`, email, contract: { startDate: '2099-01-05', terms: { jobTitle: 'Clerk', employmentType: 'FULL_TIME' } } } },
    );
    const id = (await hire(2, 'old.address@acme.test')).data!.createEmployee.id;
    await createJob(
      { dynamodb, tableName: tableName('TenantJob', stack.stage) },
      { tenantId: 'acme', jobId: 'move-mail', runner: 'AIML-SaaS-CRUD-Item', payload: { entity: 'employee', id, set: { email: 'New.Address@acme.test' } }, runAt: new Date(Date.now() - 1000).toISOString() },
      new Date(),
    );
    await stack.tick();
    expect(await eventually(async () => (await jobStatus('move-mail')) === 'succeeded', { everyMs: 100 })).toBe(true);

    // The new address is taken, the old one free again: the guards moved with the record.
    expect((await hire(3, 'new.address@acme.test')).errors?.[0]).toMatchObject({ errorType: 'CONFLICT' });
    expect((await hire(4, 'old.address@acme.test')).errors).toBeUndefined();
    const listed = await admin<{ employees: { items: { id: string; email: string; updatedAt: string }[] } }>('{ employees(limit: 100) { items { id email updatedAt } } }');
    expect(listed.errors).toBeUndefined();
    expect(listed.data!.employees.items.find((e) => e.id === id)).toMatchObject({ email: 'new.address@acme.test' });
    const updated = await admin<{ updateEmployee: { version: number } }>(
      `mutation ($input: UpdateEmployeeInput!) { updateEmployee(input: $input) { version } }`,
      { input: { id, expectedVersion: 2, preferredName: 'Moved' } },
    );
    expect(updated.errors).toBeUndefined();
    expect(updated.data!.updateEmployee.version).toBe(3);
    const deleted = await admin(`mutation ($id: ID!) { deleteEmployee(id: $id, expectedVersion: 3) { id } }`, { id });
    expect(deleted.errors).toBeUndefined();
  });
});
