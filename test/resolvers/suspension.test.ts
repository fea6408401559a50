/** Suspending a tenant shuts its users out: HTTP calls and open subscriptions, within the authorizer's cache time. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StackHandle } from '../../local/stack.ts';
import { RealtimeClient } from '../fixtures/appsync/realtime/harness.ts';
import { graphqlWith, signedIn, startTestStack, type Gql } from '../support/stack.ts';
import { eventually } from '../support/eventually.ts';

let stack: StackHandle;

beforeAll(async () => {
  // Decisions live one second here (60 s by default), so the test needs no long waits.
  stack = await startTestStack({ authorizerCacheSeconds: 1 });
  await stack.addUser({ email: 'worker@initech.test', tenantId: 'initech', role: 'TenantUser' });
});

afterAll(async () => {
  await stack?.stop();
});

describe('a suspended tenant', () => {
  it('loses its open subscriptions and its API access, and gets them back when reactivated', async () => {
    const token = await stack.signIn('worker@initech.test');
    const host = new URL(stack.graphql.http).host;
    const socket = RealtimeClient.connect(stack.graphql.http, { Authorization: token, host });
    await socket.init();
    socket.send({
      type: 'start',
      id: 's1',
      payload: { data: JSON.stringify({ query: 'subscription { onNotification { id } }', variables: {} }), extensions: { authorization: { Authorization: token, host } } },
    });
    await socket.next('start_ack', 's1');
    expect((await graphqlWith(stack, token)('{ notifications { items { id } } }')).status).toBe(200);

    await stack.setTenantStatus('initech', 'suspended');
    // The connection is re-authorized when its cached decision expires; the authorizer now refuses.
    const closed = await Promise.race([
      socket.closed,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the connection stayed open')), 15_000)),
    ]);
    expect(closed.code).toBeGreaterThanOrEqual(1000);
    expect((await graphqlWith(stack, token)('{ notifications { items { id } } }')).status).toBe(401);
    // (Sign-in itself is refused too once the trigger's 30 s registry cache turns over; tokens are what the API checks.)

    await stack.setTenantStatus('initech', 'active');
    const again = await stack.signIn('worker@initech.test');
    // Reactivation, like suspension, reaches the authorizer when its one-second caches turn over.
    expect(await eventually(async () => (await graphqlWith(stack, again)('{ notifications { items { id } } }')).status === 200, { everyMs: 200 })).toBe(true);
  });
});

describe('a system admin onboarding and naming a tenant', () => {
  const CREATE_EMPLOYEE = 'mutation ($input: CreateEmployeeInput!, $tenantId: ID) { createEmployee(input: $input, tenantId: $tenantId) { id tenantId } }';
  const CREATE_JOB = 'mutation ($input: CreateJobInput!, $tenantId: ID) { createJob(input: $input, tenantId: $tenantId) { id tenantId } }';
  const employee = (n: number) => ({
    employeeNumber: `S-${n}`,
    firstName: 'Sys',
    lastName: `Made${n}`,
    email: `sys${n}@example.com`,
    contract: { startDate: '2022-01-10', terms: { jobTitle: 'Engineer', employmentType: 'FULL_TIME' } },
  });
  const job = (n: number) => ({
    id: `sys-job-${n}`,
    runner: 'AIML-SaaS-CRUD-Item',
    payload: JSON.stringify({ entity: 'employee', id: `x${n}`, set: { preferredName: 'Jo' } }),
    runAt: '2099-01-01T00:00:00Z',
  });
  let admin: Gql;

  const CREATE_TENANT = 'mutation ($input: CreateTenantInput!) { createTenant(input: $input) { tenantId status steps done error } }';
  const ONBOARDING = 'query ($id: ID!) { tenantOnboarding(id: $id) { tenantId status done } }';

  beforeAll(async () => {
    admin = await signedIn(stack, { tenantId: 'system', role: 'SystemAdmin' });
  });

  it('given valid input, when a system admin calls createTenant, then the tenant is onboarded and its workflow reads COMPLETED', async () => {
    const created = await admin<{ createTenant: { status: string; steps: string[]; done: string[]; error: string | null } }>(CREATE_TENANT, {
      input: { tenantId: 'umbrella', displayName: 'Umbrella', plan: 'enterprise', adminEmail: 'hr@umbrella.example', settings: { timeZone: 'Asia/Tokyo', currency: 'JPY' } },
    });
    expect(created.errors).toBeUndefined();
    expect(created.data?.createTenant).toEqual({ tenantId: 'umbrella', status: 'COMPLETED', steps: ['userPool', 'appClients', 'policyStore', 'registry', 'firstAdmin', 'activate'], done: ['userPool', 'appClients', 'policyStore', 'registry', 'firstAdmin', 'activate'], error: null });
    const read = await admin<{ tenantOnboarding: { status: string } | null }>(ONBOARDING, { id: 'umbrella' });
    expect(read.data?.tenantOnboarding).toMatchObject({ tenantId: 'umbrella', status: 'COMPLETED' });
    expect((await admin<{ tenantOnboarding: null }>(ONBOARDING, { id: 'never-made' })).data?.tenantOnboarding).toBeNull();
  });

  it('refuses invalid input with the fields named, and a tenant that exists with CONFLICT', async () => {
    const invalid = await admin(CREATE_TENANT, { input: { tenantId: 'Bad Id', adminEmail: 'nope', settings: { weekStart: 'FUNDAY' } } });
    expect(invalid.errors?.[0]).toMatchObject({ errorType: 'VALIDATION_ERROR', errorInfo: { fields: expect.arrayContaining([expect.objectContaining({ field: 'tenantId' }), expect.objectContaining({ field: 'adminEmail' }), expect.objectContaining({ field: 'settings.weekStart' })]) } });
    const taken = await admin(CREATE_TENANT, { input: { tenantId: 'umbrella', adminEmail: 'other@umbrella.example' } });
    expect(taken.errors?.[0]?.errorType).toBe('CONFLICT');
  });

  it('given an active tenant, when they create an employee and a job in it, then both land there', async () => {
    // A tenant onboarded since the admin's decision is nameable once the decision (one second here, 60 s by default) turns over.
    expect(await eventually(async () => (await admin(CREATE_JOB, { input: job(0), tenantId: 'umbrella' })).errors === undefined, { everyMs: 200 })).toBe(true);
    const made = await admin<{ createEmployee: { tenantId: string } }>(CREATE_EMPLOYEE, { input: employee(1), tenantId: 'umbrella' });
    expect(made.errors).toBeUndefined();
    expect(made.data?.createEmployee.tenantId).toBe('umbrella');
    const queued = await admin<{ createJob: { tenantId: string } }>(CREATE_JOB, { input: job(1), tenantId: 'umbrella' });
    expect(queued.errors).toBeUndefined();
    expect(queued.data?.createJob.tenantId).toBe('umbrella');
  });

  it('given a tenant that does not exist, when they create an employee or a job in it, then INVALID_TENANT_ID', async () => {
    for (const [query, input] of [[CREATE_EMPLOYEE, employee(2)], [CREATE_JOB, job(2)]] as const) {
      const refused = await admin(query, { input, tenantId: 'nope' });
      expect(refused.errors?.[0]).toMatchObject({ errorType: 'INVALID_TENANT_ID', message: expect.stringMatching(/"nope" names no active tenant/) });
    }
  });

  it('given a suspended tenant, when they create an employee or a job in it, then INVALID_TENANT_ID until it is reactivated', async () => {
    await stack.setTenantStatus('umbrella', 'suspended');
    // The admin's decision (with the tenants it lists) lives one second here.
    expect(await eventually(async () => (await admin(CREATE_JOB, { input: job(3), tenantId: 'umbrella' })).errors?.[0]?.errorType === 'INVALID_TENANT_ID', { everyMs: 200 })).toBe(true);
    const refused = await admin(CREATE_EMPLOYEE, { input: employee(3), tenantId: 'umbrella' });
    expect(refused.errors?.[0]?.errorType).toBe('INVALID_TENANT_ID');
    await stack.setTenantStatus('umbrella', 'active');
    expect(await eventually(async () => (await admin(CREATE_JOB, { input: job(4), tenantId: 'umbrella' })).errors === undefined, { everyMs: 200 })).toBe(true);
  });
});
