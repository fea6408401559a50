/**
 * Every list operation answers a nextToken it cannot use (malformed, tampered with, from another
 * query, or from another tenant's listing) with INVALID_PAGINATION_TOKEN, never a data source's
 * own error type, and shows nothing of the page it names.
 */
import { PutItemCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { iamGraphQL } from '../../domain/internal-graphql.ts';
import { buildJob, jobToItem } from '../../domain/jobs/engine.ts';
import { jobRunKey } from '../../domain/jobs/model/keys.ts';
import { tenantKey } from '../../domain/model/keys.ts';
import { tableName } from '../../domain/model/tables.ts';
import type { StackHandle } from '../../local/stack.ts';
import { graphqlWith, startTestStack, type Gql, type GraphQLResponse } from '../support/stack.ts';

let stack: StackHandle;
let acme: Gql;
let globex: Gql;
/** An employee with documents in each tenant: the listing is the same, the partition another. */
const employeeIds: Record<'acme' | 'globex', string> = { acme: '', globex: '' };
/** A manager with two reports in acme; in globex, an employee without any. */
const managerIds: Record<'acme' | 'globex', string> = { acme: '', globex: '' };

interface ListOperation {
  name: string;
  query: string;
  variables: (nextToken: string | null, tenant?: 'acme' | 'globex') => Record<string, unknown>;
  /** The connection in the answer. */
  connection: (data: Record<string, unknown>) => { nextToken: string | null } | null | undefined;
}

const FAR = new Date(Date.now() + 10 * 365 * 86_400_000).toISOString();

const OPERATIONS: ListOperation[] = [
  {
    name: 'employees',
    query: 'query ($t: String) { employees(limit: 1, nextToken: $t) { items { id } nextToken } }',
    variables: (t) => ({ t }),
    connection: (d) => d.employees as { nextToken: string | null },
  },
  {
    name: 'employeeDocuments',
    query: 'query ($e: ID!, $t: String) { employeeDocuments(employeeId: $e, limit: 1, nextToken: $t) { items { id } nextToken } }',
    variables: (t, tenant = 'acme') => ({ e: employeeIds[tenant], t }),
    connection: (d) => d.employeeDocuments as { nextToken: string | null },
  },
  {
    name: 'reports',
    query: 'query ($m: ID!, $t: String) { reports(employeeId: $m, limit: 1, nextToken: $t) { items { id } nextToken } }',
    variables: (t, tenant = 'acme') => ({ m: managerIds[tenant], t }),
    connection: (d) => d.reports as { nextToken: string | null },
  },
  {
    name: 'notifications',
    query: 'query ($t: String) { notifications(limit: 1, nextToken: $t) { items { id } nextToken } }',
    variables: (t) => ({ t }),
    connection: (d) => d.notifications as { nextToken: string | null },
  },
  {
    name: 'notifications(unreadOnly)',
    query: 'query ($t: String) { notifications(unreadOnly: true, limit: 1, nextToken: $t) { items { id } nextToken } }',
    variables: (t) => ({ t }),
    connection: (d) => d.notifications as { nextToken: string | null },
  },
  ...[
    ['jobs', {}],
    ['jobs(status)', { status: 'PENDING' }],
    ['jobs(runner)', { runner: 'AIML-SaaS-Tenant-Notification-Dispatcher' }],
    ['jobs(runner, status)', { runner: 'AIML-SaaS-Tenant-Notification-Dispatcher', status: 'PENDING' }],
  ].map(([name, filter]) => ({
    name: name as string,
    query: 'query ($f: JobFilter, $t: String) { jobs(filter: $f, limit: 1, nextToken: $t) { items { id } nextToken } }',
    variables: (t: string | null) => ({ f: filter, t }),
    connection: (d: Record<string, unknown>) => d.jobs as { nextToken: string | null },
  })),
  {
    name: 'job(id).runs',
    query: 'query ($t: String) { job(id: "paged-job", runsLimit: 1, runsNextToken: $t) { runs { items { run } nextToken } } }',
    variables: (t) => ({ t }),
    connection: (d) => (d.job as { runs: { nextToken: string | null } } | null)?.runs,
  },
];

async function firstToken(operation: ListOperation): Promise<string> {
  const answer = await acme(operation.query, operation.variables(null));
  expect(answer.errors, operation.name).toBeUndefined();
  const token = operation.connection(answer.data!)?.nextToken;
  expect(token, `${operation.name} has a second page`).toBeTruthy();
  return token!;
}

function expectRefused(answer: GraphQLResponse, operation: ListOperation): void {
  expect(answer.errors?.map((e) => e.errorType), operation.name).toEqual(['INVALID_PAGINATION_TOKEN']);
  expect(answer.errors![0]!.message).toMatch(/nextToken/);
  expect(operation.connection(answer.data ?? {}) ?? null, operation.name).toBeNull();
}

async function createEmployee(gql: Gql, n: number, managerId: string | null = null): Promise<string> {
  const created = await gql<{ createEmployee: { id: string } }>(
    'mutation ($input: CreateEmployeeInput!) { createEmployee(input: $input) { id } }',
    { input: { employeeNumber: `P-${n}`, firstName: 'Page', lastName: `Er${n}`, email: `pager${n}@example.com`, contract: { startDate: '2024-01-02', terms: { jobTitle: 'Clerk', employmentType: 'FULL_TIME', managerId } } } },
  );
  expect(created.errors).toBeUndefined();
  return created.data!.createEmployee.id;
}

beforeAll(async () => {
  stack = await startTestStack();
  await stack.addUser({ email: 'pager@acme.test', tenantId: 'acme', role: 'TenantAdmin' });
  const token = await stack.signIn('pager@acme.test');
  const sub = (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { sub: string }).sub;
  acme = graphqlWith(stack, token);
  await stack.addUser({ email: 'pager@globex.test', tenantId: 'globex', role: 'TenantAdmin' });
  globex = graphqlWith(stack, await stack.signIn('pager@globex.test'));

  // Two of everything in acme, so each listing has a second page.
  managerIds.acme = await createEmployee(acme, 1);
  employeeIds.acme = await createEmployee(acme, 2, managerIds.acme);
  await createEmployee(acme, 4, managerIds.acme);
  employeeIds.globex = await createEmployee(globex, 3);
  managerIds.globex = employeeIds.globex;
  for (const n of [1, 2]) {
    const upload = await acme('mutation ($input: RequestDocumentUploadInput!) { requestDocumentUpload(input: $input) { document { id } } }', {
      input: { employeeId: employeeIds.acme, kind: 'CERTIFICATE', fileName: `c${n}.pdf`, contentType: 'application/pdf', sizeBytes: 10 },
    });
    expect(upload.errors).toBeUndefined();
  }
  const internal = iamGraphQL({ url: stack.graphql.http, region: stack.region, credentials: stack.credentials });
  for (const n of [1, 2]) {
    const sent = await internal('mutation ($i: PublishNotificationInput!) { publishNotification(tenantId: "acme", input: $i) { id } }', {
      i: { recipientUserId: sub, kind: 'GENERAL', title: `Page ${n}` },
    });
    expect(sent.errors).toBeUndefined();
  }
  for (const n of [1, 2]) {
    const created = await acme('mutation ($i: CreateJobInput!) { createJob(input: $i) { id } }', {
      i: { id: `paged-${n}`, runner: 'AIML-SaaS-Tenant-Notification-Dispatcher', payload: JSON.stringify({ reminder: 'CLOCK_IN', leadMinutes: 15, windowMinutes: 5 }), runAt: FAR },
    });
    expect(created.errors).toBeUndefined();
  }
  // A job with two runs in its history.
  const system = new DynamoDBClient({ endpoint: stack.dynamodb.endpoint, region: stack.region, credentials: stack.credentials });
  for (const tenantId of ['acme', 'globex']) {
    const job = buildJob({ tenantId, jobId: 'paged-job', runner: 'AIML-SaaS-Tenant-Notification-Dispatcher', payload: { reminder: 'CLOCK_OUT', leadMinutes: 5, windowMinutes: 5 }, runAt: FAR }, new Date());
    await system.send(new PutItemCommand({ TableName: tableName('TenantJob', stack.stage), Item: jobToItem(job) }));
  }
  for (const run of [1, 2]) {
    await system.send(new PutItemCommand({
      TableName: tableName('TenantJob', stack.stage),
      Item: {
        TenantId: { S: tenantKey('acme') }, EntityItem: { S: jobRunKey('paged-job', run) }, jobId: { S: 'paged-job' }, run: { N: `${run}` }, attempt: { N: '1' },
        occurrenceAt: { S: FAR }, leaseOwner: { S: 'x' }, outcome: { S: 'succeeded' }, startedAt: { S: FAR }, finishedAt: { S: FAR },
      },
    }));
  }
  system.destroy();
});

afterAll(async () => {
  await stack?.stop();
});

describe('a nextToken a list operation cannot use', () => {
  it.each(OPERATIONS.map((o) => [o.name, o] as const))('%s: malformed or tampered with → INVALID_PAGINATION_TOKEN', async (_name, operation) => {
    const token = await firstToken(operation);
    for (const bad of ['garbage', `${token.slice(0, -4)}AAAA`, `x${token}`]) expectRefused(await acme(operation.query, operation.variables(bad)), operation);
    // The token itself still works for the listing it came from.
    expect((await acme(operation.query, operation.variables(token))).errors).toBeUndefined();
  });

  it.each(OPERATIONS.map((o) => [o.name, o] as const))("%s: another tenant's token → INVALID_PAGINATION_TOKEN, nothing of acme shown", async (_name, operation) => {
    expectRefused(await globex(operation.query, operation.variables(await firstToken(operation), 'globex')), operation);
  });

  it('a token of one listing is refused by another', async () => {
    const [employees, jobs] = [OPERATIONS[0]!, OPERATIONS.find((o) => o.name === 'jobs')!];
    expectRefused(await acme(jobs.query, jobs.variables(await firstToken(employees))), jobs);
  });
});
