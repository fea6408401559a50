/**
 * The tenant control plane through the whole local stack (one stack for the file):
 * - lifecycle: suspending a tenant shuts it out — sign-in, API, open and new subscriptions, jobs —
 *   within the caches' bounds (one second here), and reactivating lets it back in; plans and limits;
 * - users: a tenant's admins invite, disable and enable users (sign-in and existing sessions), set
 *   roles and employee links, list them; never a system role, never another tenant's users, never
 *   the last admin.
 */
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { iamGraphQL } from '../../domain/internal-graphql.ts';
import { createJob, jobFromItem, jobKey } from '../../domain/jobs/engine.ts';
import { tableName } from '../../domain/model/tables.ts';
import { PLAN_LIMITS } from '../../domain/tenancy/plans.ts';
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

describe('suspendTenant and reactivateTenant (system admins): sign-in, API, subscriptions and jobs stop, then resume', () => {
  const SUSPEND = 'mutation ($id: ID!, $reason: String) { suspendTenant(id: $id, reason: $reason) { tenantId status statusHistory { status from by reason } } }';
  const REACTIVATE = 'mutation ($id: ID!) { reactivateTenant(id: $id) { tenantId status statusHistory { status from } } }';
  const TENANT = 'query ($id: ID!) { tenant(id: $id) { status plan limits { employees users jobs requestsPerSecond } } }';
  // Subscribers receive the fields the publishing mutation selects.
  const PUBLISH = 'mutation ($tenantId: ID!, $input: PublishNotificationInput!) { publishNotification(tenantId: $tenantId, input: $input) { id tenantId recipientUserId kind title body link createdAt readAt } }';
  const SUBSCRIBE = 'subscription { onNotification { id title } }';
  let admin: Gql;
  let internal: ReturnType<typeof iamGraphQL>;
  let dynamodb: DynamoDBClient;

  beforeAll(async () => {
    admin = await signedIn(stack, { tenantId: 'system', role: 'SystemAdmin' });
    internal = iamGraphQL({ url: stack.graphql.http, region: stack.region, credentials: stack.credentials });
    dynamodb = new DynamoDBClient({ endpoint: stack.dynamodb.endpoint, region: stack.region, credentials: stack.credentials });
    await stack.addUser({ email: 'dana@hooli.test', tenantId: 'hooli', role: 'TenantUser' });
  });

  afterAll(() => {
    dynamodb?.destroy();
  });

  const jobStatus = async (jobId: string) => {
    const out = await dynamodb.send(new GetItemCommand({ TableName: tableName('TenantJob', stack.stage), Key: jobKey('hooli', jobId), ConsistentRead: true }));
    return out.Item ? jobFromItem(out.Item) : undefined;
  };
  const subscribe = async (token: string, id: string) => {
    const host = new URL(stack.graphql.http).host;
    const socket = RealtimeClient.connect(stack.graphql.http, { Authorization: token, host });
    await socket.init();
    socket.send({ type: 'start', id, payload: { data: JSON.stringify({ query: SUBSCRIBE, variables: {} }), extensions: { authorization: { Authorization: token, host } } } });
    await socket.next('start_ack', id);
    return socket;
  };

  it('given an active tenant with a session, a subscription and a due job, when suspended, then all four stop; when reactivated, all resume', async () => {
    const token = await stack.signIn('dana@hooli.test');
    const sub = (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { sub: string }).sub;
    const dana = graphqlWith(stack, token);
    const socket = await subscribe(token, 'live');
    const employee = await admin<{ createEmployee: { id: string } }>('mutation ($input: CreateEmployeeInput!, $tenantId: ID) { createEmployee(input: $input, tenantId: $tenantId) { id } }', {
      tenantId: 'hooli',
      input: { employeeNumber: 'H-1', firstName: 'Hoo', lastName: 'Li', email: 'hoo.li@hooli.test', contract: { startDate: '2024-01-02', terms: { jobTitle: 'Clerk', employmentType: 'FULL_TIME' } } },
    });
    expect(employee.errors).toBeUndefined();

    const suspended = await admin<{ suspendTenant: { status: string; statusHistory: unknown[] } }>(SUSPEND, { id: 'hooli', reason: 'Unpaid invoice' });
    expect(suspended.errors).toBeUndefined();
    expect(suspended.data?.suspendTenant).toMatchObject({ status: 'SUSPENDED', statusHistory: [{ status: 'SUSPENDED', from: 'ACTIVE', reason: 'Unpaid invoice', by: expect.any(String) }] });
    // A job that falls due while suspended.
    await createJob({ dynamodb, tableName: tableName('TenantJob', stack.stage) }, { tenantId: 'hooli', jobId: 'while-suspended', runner: 'AIML-SaaS-CRUD-Item', payload: { entity: 'employee', id: employee.data!.createEmployee.id, set: { preferredName: 'Held' } }, runAt: new Date(Date.now() - 1000).toISOString() }, new Date());

    // API: the session is refused once the one-second decision turns over.
    expect(await eventually(async () => (await dana('{ notifications { items { id } } }')).status === 401, { everyMs: 200 })).toBe(true);
    // Subscriptions: the open connection is closed when re-authorized, and nothing is published into the tenant.
    await expect(Promise.race([socket.closed, new Promise((_, reject) => setTimeout(() => reject(new Error('the connection stayed open')), 10_000))])).resolves.toBeDefined();
    expect((await internal(PUBLISH, { tenantId: 'hooli', input: { recipientUserId: sub, kind: 'GENERAL', title: 'While suspended' } })).errors?.[0]?.errorType).toBe('INVALID_TENANT_ID');
    // Sign-in: refused once the trigger's 5 s cache of the active record turns over.
    expect(await eventually(async () => stack.signIn('dana@hooli.test').then(() => false, () => true), { everyMs: 500, timeoutMs: 8_000 })).toBe(true);
    // Jobs: the picker leaves the due job as it was.
    expect(await stack.tick()).toMatchObject({ skipped: 1, claimed: 0 });
    expect(await jobStatus('while-suspended')).toMatchObject({ status: 'pending', attempts: 0 });

    const back = await admin<{ reactivateTenant: { status: string; statusHistory: { status: string }[] } }>(REACTIVATE, { id: 'hooli' });
    expect(back.data?.reactivateTenant.status).toBe('ACTIVE');
    expect(back.data?.reactivateTenant.statusHistory.map((c) => c.status)).toEqual(['SUSPENDED', 'ACTIVE']);
    const again = await stack.signIn('dana@hooli.test');
    expect(await eventually(async () => (await graphqlWith(stack, again)('{ notifications { items { id } } }')).status === 200, { everyMs: 200 })).toBe(true);
    const resubscribed = await subscribe(again, 'again');
    expect((await internal(PUBLISH, { tenantId: 'hooli', input: { recipientUserId: sub, kind: 'GENERAL', title: 'Welcome back' } })).errors).toBeUndefined();
    expect((await resubscribed.next('data', 'again')).payload).toMatchObject({ data: { onNotification: { title: 'Welcome back' } } });
    resubscribed.close();
    expect(await stack.tick()).toMatchObject({ claimed: 1, skipped: 0 });
    expect(await eventually(async () => (await jobStatus('while-suspended'))?.status === 'succeeded', { everyMs: 100 })).toBe(true);
  });

  it('refuses a wrong state with CONFLICT, an unknown tenant with NOT_FOUND, a malformed id with VALIDATION_ERROR, and the system tenant', async () => {
    expect((await admin(REACTIVATE, { id: 'hooli' })).errors?.[0]).toMatchObject({ errorType: 'CONFLICT' });
    expect((await admin(SUSPEND, { id: 'no-such-tenant' })).errors?.[0]).toMatchObject({ errorType: 'NOT_FOUND' });
    expect((await admin(SUSPEND, { id: 'Bad Id' })).errors?.[0]).toMatchObject({ errorType: 'VALIDATION_ERROR' });
    expect((await admin(SUSPEND, { id: 'system' })).errors?.[0]).toMatchObject({ errorType: 'CONFLICT' });
    expect((await admin(SUSPEND, { id: 'hooli', reason: 'x'.repeat(501) })).errors?.[0]).toMatchObject({ errorType: 'VALIDATION_ERROR', errorInfo: { fields: [expect.objectContaining({ field: 'reason' })] } });
    expect((await admin<{ tenant: { status: string; limits: { employees: number } } }>(TENANT, { id: 'hooli' })).data?.tenant).toMatchObject({ status: 'ACTIVE' });
  });

  it('is refused to tenant admins, of their own tenant or another (Cedar ManageTenants: system admins only)', async () => {
    const hooliAdmin = await signedIn(stack, { tenantId: 'hooli', role: 'TenantAdmin' });
    for (const id of ['hooli', 'initech']) {
      const attempt = await hooliAdmin(SUSPEND, { id });
      expect(attempt.errors?.[0]?.errorType).toBe('UNAUTHORIZED_ACCESS');
    }
    expect((await hooliAdmin(TENANT, { id: 'hooli' })).errors?.[0]?.errorType).toBe('UNAUTHORIZED_ACCESS');
  });
});

describe('changeTenantPlan (system admins) and the plan\'s job limit', () => {
  const CHANGE = 'mutation ($id: ID!, $plan: String!) { changeTenantPlan(id: $id, plan: $plan) { plan limits { jobs employees } } }';
  const CREATE_JOB = 'mutation ($input: CreateJobInput!, $tenantId: ID) { createJob(input: $input, tenantId: $tenantId) { id } }';
  const job = (n: number) => ({ id: `trial-job-${n}`, runner: 'AIML-SaaS-CRUD-Item', payload: JSON.stringify({ entity: 'employee', id: `x${n}`, set: { preferredName: 'Jo' } }), runAt: '2099-01-01T00:00:00Z' });

  it('given a tenant moved to trial, when it has as many waiting jobs as trial allows, then one more is LIMIT_EXCEEDED; an unknown plan is VALIDATION_ERROR', async () => {
    await stack.onboardTenant({ tenantId: 'trialco' });
    const admin = await signedIn(stack, { tenantId: 'system', role: 'SystemAdmin' });
    const changed = await admin<{ changeTenantPlan: { plan: string; limits: { jobs: number } } }>(CHANGE, { id: 'trialco', plan: 'trial' });
    expect(changed.data?.changeTenantPlan).toMatchObject({ plan: 'trial', limits: { jobs: PLAN_LIMITS.trial.jobs } });
    expect((await admin(CHANGE, { id: 'trialco', plan: 'platinum' })).errors?.[0]).toMatchObject({ errorType: 'VALIDATION_ERROR', errorInfo: { fields: [expect.objectContaining({ field: 'plan' })] } });
    for (let n = 0; n < PLAN_LIMITS.trial.jobs; n += 1) {
      const made = await admin(CREATE_JOB, { input: job(n), tenantId: 'trialco' });
      expect(made.errors).toBeUndefined();
    }
    const refused = await admin(CREATE_JOB, { input: job(PLAN_LIMITS.trial.jobs), tenantId: 'trialco' });
    expect(refused.errors?.[0]).toMatchObject({ errorType: 'LIMIT_EXCEEDED', errorInfo: { limit: 'jobs', allowed: PLAN_LIMITS.trial.jobs, plan: 'trial' } });
  });
});

// ---- A tenant's users (tenant admins; system admins naming a tenant)
const USER_FIELDS = 'userId email role employeeId status';
const INVITE = `mutation ($input: InviteUserInput!, $tenantId: ID) { inviteUser(input: $input, tenantId: $tenantId) { ${USER_FIELDS} } }`;
const DISABLE = `mutation ($userId: ID!, $tenantId: ID) { disableUser(userId: $userId, tenantId: $tenantId) { ${USER_FIELDS} } }`;
const ENABLE = `mutation ($userId: ID!, $tenantId: ID) { enableUser(userId: $userId, tenantId: $tenantId) { ${USER_FIELDS} } }`;
const SET_ROLE = `mutation ($userId: ID!, $role: String!, $tenantId: ID) { setUserRole(userId: $userId, role: $role, tenantId: $tenantId) { ${USER_FIELDS} } }`;
const LINK = `mutation ($userId: ID!, $employeeId: ID, $tenantId: ID) { linkUserToEmployee(userId: $userId, employeeId: $employeeId, tenantId: $tenantId) { ${USER_FIELDS} } }`;
const USERS = `query ($limit: Int, $nextToken: String, $tenantId: ID) { tenantUsers(limit: $limit, nextToken: $nextToken, tenantId: $tenantId) { items { ${USER_FIELDS} } nextToken } }`;
const HIRE = 'mutation ($input: CreateEmployeeInput!) { createEmployee(input: $input) { id } }';

interface UserView { userId: string; email: string | null; role: string; employeeId: string | null; status: string }



describe('users and permissions', () => {
  let acmeAdmin: Gql;
  let systemAdmin: Gql;
  beforeAll(async () => {
    [acmeAdmin, systemAdmin] = await Promise.all([signedIn(stack, { tenantId: 'acme', role: 'TenantAdmin' }), signedIn(stack, { tenantId: 'system', role: 'SystemAdmin' })]);
    await Promise.all([
      stack.addUser({ email: 'worker@acme.test', tenantId: 'acme', role: 'TenantUser' }),
      stack.addUser({ email: 'carol@globex.test', tenantId: 'globex', role: 'TenantUser' }),
    ]);
  });

  const subOf = (token: string) => (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { sub: string }).sub;
  const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, string>;

  async function allUsers(gql: Gql, tenantId?: string): Promise<UserView[]> {
    const users: UserView[] = [];
    let nextToken: string | null = null;
    do {
      const page: { data?: { tenantUsers: { items: UserView[]; nextToken: string | null } } | null; errors?: unknown[] } = await gql(USERS, { limit: 2, nextToken, ...(tenantId ? { tenantId } : {}) });
      expect(page.errors).toBeUndefined();
      users.push(...page.data!.tenantUsers.items);
      nextToken = page.data!.tenantUsers.nextToken;
    } while (nextToken);
    return users;
  }


  describe('inviteUser', () => {
    it('given a valid invitation with an employee, then the user is ACTIVE, listed with the link; the same email again is CONFLICT', async () => {
      const hired = await acmeAdmin<{ createEmployee: { id: string } }>(HIRE, { input: { employeeNumber: 'U-1', firstName: 'Ivy', lastName: 'Invited', email: 'ivy@acme.test', contract: { startDate: '2024-01-02', terms: { jobTitle: 'Clerk', employmentType: 'FULL_TIME' } } } });
      const invited = await acmeAdmin<{ inviteUser: UserView }>(INVITE, { input: { email: ' Ivy@Acme.test ', role: 'TenantUser', employeeId: hired.data!.createEmployee.id } });
      expect(invited.errors).toBeUndefined();
      expect(invited.data!.inviteUser).toMatchObject({ email: 'ivy@acme.test', role: 'TenantUser', employeeId: hired.data!.createEmployee.id, status: 'ACTIVE' });
      expect((await allUsers(acmeAdmin)).find((u) => u.userId === invited.data!.inviteUser.userId)).toMatchObject({ email: 'ivy@acme.test' });
      expect((await acmeAdmin(INVITE, { input: { email: 'ivy@acme.test', role: 'TenantUser' } })).errors?.[0]).toMatchObject({ errorType: 'CONFLICT' });
    });

    it('refuses a system role, an unknown role, a bad email and another tenant\'s (or no) employee with the fields named', async () => {
      const refused = await acmeAdmin(INVITE, { input: { email: 'not-an-email', role: 'SystemAdmin' } });
      expect(refused.errors?.[0]).toMatchObject({ errorType: 'VALIDATION_ERROR', errorInfo: { fields: [expect.objectContaining({ field: 'email' }), expect.objectContaining({ field: 'role' })] } });
      expect((await acmeAdmin(INVITE, { input: { email: 'x@acme.test', role: 'Boss' } })).errors?.[0]).toMatchObject({ errorType: 'VALIDATION_ERROR' });
      const globexEmployee = await signedIn(stack, { tenantId: 'globex', role: 'TenantAdmin' }).then((g) => g<{ createEmployee: { id: string } }>(HIRE, { input: { employeeNumber: 'G-1', firstName: 'Gus', lastName: 'Globex', email: 'gus@globex.test', contract: { startDate: '2024-01-02', terms: { jobTitle: 'Clerk', employmentType: 'FULL_TIME' } } } }));
      const foreign = await acmeAdmin(INVITE, { input: { email: 'y@acme.test', role: 'TenantUser', employeeId: globexEmployee.data!.createEmployee.id } });
      expect(foreign.errors?.[0]).toMatchObject({ errorType: 'VALIDATION_ERROR', errorInfo: { fields: [expect.objectContaining({ field: 'employeeId' })] } });
      // Nothing was made: neither invitee is listed.
      expect((await allUsers(acmeAdmin)).map((u) => u.email)).not.toEqual(expect.arrayContaining(['x@acme.test']));
      expect((await allUsers(acmeAdmin)).map((u) => u.email)).not.toContain('y@acme.test');
    });
  });

  describe('disableUser and enableUser', () => {
    it('given a signed-in user, when disabled, then their session and their sign-in are refused; when enabled, they are back', async () => {
      const token = await stack.signIn('worker@acme.test');
      const worker = graphqlWith(stack, token);
      expect((await worker('{ notifications { items { id } } }')).status).toBe(200);
      const disabled = await acmeAdmin<{ disableUser: UserView }>(DISABLE, { userId: subOf(token) });
      expect(disabled.errors, JSON.stringify(disabled.errors)).toBeUndefined();
      expect(disabled.data?.disableUser).toMatchObject({ status: 'DISABLED' });
      expect(await eventually(async () => (await worker('{ notifications { items { id } } }')).status === 401, { everyMs: 200 })).toBe(true);
      await expect(stack.signIn('worker@acme.test')).rejects.toThrow();
      expect((await acmeAdmin<{ enableUser: UserView }>(ENABLE, { userId: subOf(token) })).data?.enableUser).toMatchObject({ status: 'ACTIVE' });
      const again = await stack.signIn('worker@acme.test');
      expect(await eventually(async () => (await graphqlWith(stack, again)('{ notifications { items { id } } }')).status === 200, { everyMs: 200 })).toBe(true);
    });
  });

  describe('roles and links', () => {
    it('given a user linked to an employee, then their next token carries the role and the link; unlinked, neither link', async () => {
      const token = await stack.signIn('worker@acme.test');
      const hired = await acmeAdmin<{ createEmployee: { id: string } }>(HIRE, { input: { employeeNumber: 'U-2', firstName: 'Wes', lastName: 'Worker', email: 'wes@acme.test', contract: { startDate: '2024-01-02', terms: { jobTitle: 'Clerk', employmentType: 'FULL_TIME' } } } });
      const employeeId = hired.data!.createEmployee.id;
      expect((await acmeAdmin<{ linkUserToEmployee: UserView }>(LINK, { userId: subOf(token), employeeId })).data?.linkUserToEmployee).toMatchObject({ employeeId });
      expect((await acmeAdmin<{ setUserRole: UserView }>(SET_ROLE, { userId: subOf(token), role: 'Kiosk' })).data?.setUserRole).toMatchObject({ role: 'Kiosk' });
      expect(claimsOf(await stack.signIn('worker@acme.test'))).toMatchObject({ 'custom:tenantRole': 'Kiosk', 'custom:employeeId': employeeId });
      await acmeAdmin(SET_ROLE, { userId: subOf(token), role: 'TenantUser' });
      expect((await acmeAdmin<{ linkUserToEmployee: UserView }>(LINK, { userId: subOf(token), employeeId: null })).data?.linkUserToEmployee).toMatchObject({ employeeId: null });
      expect(claimsOf(await stack.signIn('worker@acme.test'))['custom:employeeId']).toBeUndefined();
    });

    it('never gives a system role', async () => {
      const token = await stack.signIn('worker@acme.test');
      const refused = await acmeAdmin(SET_ROLE, { userId: subOf(token), role: 'SystemSuperuser' });
      expect(refused.errors?.[0]).toMatchObject({ errorType: 'VALIDATION_ERROR', errorInfo: { fields: [expect.objectContaining({ field: 'role' })] } });
    });
  });

  describe('the last admin', () => {
    it('given a tenant with one active admin, then demoting or disabling them is CONFLICT; with a second admin, it is allowed', async () => {
      await stack.onboardTenant({ tenantId: 'solo' });
      const [first] = (await allUsers(systemAdmin, 'solo')).filter((u) => u.role === 'TenantAdmin');
      expect(first).toBeDefined();
      expect((await systemAdmin(SET_ROLE, { userId: first!.userId, role: 'TenantUser', tenantId: 'solo' })).errors?.[0]).toMatchObject({ errorType: 'CONFLICT', errorInfo: { reason: 'LAST_ADMIN' } });
      expect((await systemAdmin(DISABLE, { userId: first!.userId, tenantId: 'solo' })).errors?.[0]).toMatchObject({ errorType: 'CONFLICT', errorInfo: { reason: 'LAST_ADMIN' } });
      const second = await systemAdmin<{ inviteUser: UserView }>(INVITE, { input: { email: 'second@solo.test', role: 'TenantAdmin' }, tenantId: 'solo' });
      expect(second.errors).toBeUndefined();
      expect((await systemAdmin<{ setUserRole: UserView }>(SET_ROLE, { userId: first!.userId, role: 'TenantUser', tenantId: 'solo' })).data?.setUserRole).toMatchObject({ role: 'TenantUser' });
      // The second is now the last: they cannot be disabled.
      expect((await systemAdmin(DISABLE, { userId: second.data!.inviteUser.userId, tenantId: 'solo' })).errors?.[0]).toMatchObject({ errorType: 'CONFLICT' });
    });
  });

  describe('tenant isolation', () => {
    it('another tenant\'s user ids are NOT_FOUND to a tenant admin, and naming another tenant is refused', async () => {
      const carol = subOf(await stack.signIn('carol@globex.test'));
      for (const [query, variables] of [[DISABLE, { userId: carol }], [ENABLE, { userId: carol }], [SET_ROLE, { userId: carol, role: 'TenantAdmin' }], [LINK, { userId: carol, employeeId: null }]] as const) {
        expect((await acmeAdmin(query, variables)).errors?.[0]).toMatchObject({ errorType: 'NOT_FOUND' });
      }
      expect((await acmeAdmin(USERS, { tenantId: 'globex' })).errors?.[0]?.errorType).toBe('UNAUTHORIZED_ACCESS');
      expect((await acmeAdmin(INVITE, { input: { email: 'spy@globex.test', role: 'TenantAdmin' }, tenantId: 'globex' })).errors?.[0]?.errorType).toBe('UNAUTHORIZED_ACCESS');
      expect((await allUsers(acmeAdmin)).map((u) => u.userId)).not.toContain(carol);
      // Carol is untouched: still a TenantUser of globex who signs in.
      expect(claimsOf(await stack.signIn('carol@globex.test'))).toMatchObject({ 'custom:tenantRole': 'TenantUser', 'custom:tenantId': 'globex' });
    });

    it('is refused to tenant users and support (Cedar ManageUsers)', async () => {
      const [user, support] = await Promise.all([signedIn(stack, { tenantId: 'acme', role: 'TenantUser' }), signedIn(stack, { tenantId: 'system', role: 'SystemSupport' })]);
      expect((await user(USERS)).errors?.[0]?.errorType).toBe('UNAUTHORIZED_ACCESS');
      expect((await support(USERS, { tenantId: 'acme' })).errors?.[0]?.errorType).toBe('UNAUTHORIZED_ACCESS');
    });
  });

});
