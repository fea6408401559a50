/**
 * The lifecycle and plan rules as domain functions against the local DynamoDB: status changes
 * with their history and status marker, typed refusals, plan changes, and plan limits counted up
 * to the limit.
 */
import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../../domain/domain-error.ts';
import { createJob } from '../../../domain/jobs/engine.ts';
import { tenantKey } from '../../../domain/model/keys.ts';
import { tableName } from '../../../domain/model/tables.ts';
import { employeeNumberKey } from '../../../domain/people/model/keys.ts';
import { changeTenantPlan, reactivateTenant, readTenant, STATUS_HISTORY_KEPT, suspendTenant, type LifecycleServices } from '../../../domain/tenancy/lifecycle.ts';
import { TENANCY_PREFIXES } from '../../../domain/tenancy/model/keys.ts';
import { PLAN_LIMITS } from '../../../domain/tenancy/plans.ts';
import { countActiveJobs, countEmployees, enforceLimit } from '../../../domain/tenancy/quotas.ts';
import { registryItem, type TenantRecord } from '../../../domain/tenancy/registry.ts';
import { startLocalDynamo, type LocalDynamo } from '../../../local/dynamodb/index.ts';
import { ensureTables } from '../../../local/tables.ts';

let dynamo: LocalDynamo;
let dynamodb: DynamoDBClient;
let services: LifecycleServices;
let clock = Date.parse('2026-12-01T09:00:00Z');

beforeAll(async () => {
  dynamo = await startLocalDynamo();
  dynamodb = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  await ensureTables(dynamodb, 'Dev', ['TenantRegistry', 'PIM', 'TenantJob']);
  services = { stage: 'Dev', dynamodb, now: () => new Date((clock += 1000)) };
}, 60_000);

afterAll(async () => {
  dynamodb?.destroy();
  await dynamo?.stop();
});

async function register(tenantId: string, extra: Partial<TenantRecord> = {}): Promise<void> {
  const record: TenantRecord = {
    tenantId, kind: tenantId === 'system' ? 'system' : 'customer', displayName: tenantId, status: 'active', plan: tenantId === 'system' ? 'system' : 'standard', homeRegion: 'us-east-1',
    identity: { userPoolId: 'us-east-1_x', issuer: 'https://issuer', jwksUri: 'https://issuer/jwks', clientIds: {} }, policyStoreId: 'store', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', ...extra,
  };
  await dynamodb.send(new PutItemCommand({ TableName: tableName('TenantRegistry', 'Dev'), Item: marshall(registryItem(record)) }));
}

async function marker(tenantId: string) {
  const out = await dynamodb.send(new GetItemCommand({ TableName: tableName('PIM', 'Dev'), Key: marshall({ TenantId: tenantKey(tenantId), EntityItem: TENANCY_PREFIXES.statusMarker }), ConsistentRead: true }));
  return out.Item ? unmarshall(out.Item) : undefined;
}

const refusal = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => (error instanceof DomainError ? { type: error.errorType, fields: error.fields.map((f) => f.field) } : error));

describe('suspend and reactivate', () => {
  it('given an active tenant, when suspended then reactivated, then the record, its history and the PIM status marker follow', async () => {
    await register('acme');
    const suspended = await suspendTenant(services, 'acme', ' Unpaid ', 'admin-1');
    expect(suspended).toMatchObject({ status: 'suspended', statusHistory: [{ status: 'suspended', from: 'active', by: 'admin-1', reason: 'Unpaid' }] });
    expect(await readTenant(services, 'acme')).toMatchObject({ status: 'suspended', plan: 'standard', policyStoreId: 'store' });
    expect(await marker('acme')).toMatchObject({ status: 'suspended' });
    await reactivateTenant(services, 'acme', null, 'admin-2');
    expect((await readTenant(services, 'acme')).statusHistory?.map((c) => [c.from, c.status, c.by])).toEqual([['active', 'suspended', 'admin-1'], ['suspended', 'active', 'admin-2']]);
    expect(await marker('acme')).toMatchObject({ status: 'active' });
  });

  it('refuses the wrong state (CONFLICT), an unknown tenant (NOT_FOUND), a malformed id or reason (VALIDATION_ERROR) and the system tenant (CONFLICT)', async () => {
    await register('globex');
    await register('system');
    expect(await refusal(reactivateTenant(services, 'globex', null, 'a'))).toEqual({ type: 'CONFLICT', fields: [] });
    expect(await refusal(suspendTenant(services, 'nobody', null, 'a'))).toEqual({ type: 'NOT_FOUND', fields: [] });
    expect(await refusal(suspendTenant(services, 'Not An Id', null, 'a'))).toEqual({ type: 'VALIDATION_ERROR', fields: ['tenantId'] });
    expect(await refusal(suspendTenant(services, 'globex', 'x'.repeat(501), 'a'))).toEqual({ type: 'VALIDATION_ERROR', fields: ['reason'] });
    expect(await refusal(suspendTenant(services, 'system', null, 'a'))).toEqual({ type: 'CONFLICT', fields: [] });
    await register('provisional', { status: 'provisioning' });
    expect(await refusal(suspendTenant(services, 'provisional', null, 'a'))).toEqual({ type: 'CONFLICT', fields: [] });
  });

  it('given two admins suspending at once, then one wins and the other gets CONFLICT', async () => {
    await register('initech');
    const outcomes = await Promise.allSettled([suspendTenant(services, 'initech', 'a', 'u1'), suspendTenant(services, 'initech', 'b', 'u2')]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect((outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({ errorType: 'CONFLICT' });
    expect((await readTenant(services, 'initech')).statusHistory).toHaveLength(1);
  });

  it(`keeps the newest ${STATUS_HISTORY_KEPT} changes`, async () => {
    await register('flappy');
    for (let i = 0; i < STATUS_HISTORY_KEPT / 2 + 1; i += 1) {
      await suspendTenant(services, 'flappy', `round ${i}`, 'u');
      await reactivateTenant(services, 'flappy', null, 'u');
    }
    const history = (await readTenant(services, 'flappy')).statusHistory!;
    expect(history).toHaveLength(STATUS_HISTORY_KEPT);
    expect(history.at(-1)).toMatchObject({ status: 'active' });
  });
});

describe('changeTenantPlan', () => {
  it('given a known plan, then the record takes it; an unknown plan is VALIDATION_ERROR; the system tenant and unknown tenants are refused', async () => {
    await register('umbrella');
    expect(await changeTenantPlan(services, 'umbrella', 'trial', 'u')).toMatchObject({ plan: 'trial', status: 'active' });
    expect((await readTenant(services, 'umbrella')).plan).toBe('trial');
    expect(await refusal(changeTenantPlan(services, 'umbrella', 'platinum', 'u'))).toEqual({ type: 'VALIDATION_ERROR', fields: ['plan'] });
    expect(await refusal(changeTenantPlan(services, 'system', 'trial', 'u'))).toEqual({ type: 'CONFLICT', fields: [] });
    expect(await refusal(changeTenantPlan(services, 'nobody', 'trial', 'u'))).toEqual({ type: 'NOT_FOUND', fields: [] });
  });
});

describe('plan limits', () => {
  const pim = tableName('PIM', 'Dev');
  const jobsTable = tableName('TenantJob', 'Dev');

  it('given a tenant at the trial plan\'s employee limit, when one more is checked, then LIMIT_EXCEEDED naming the limit; one below passes', async () => {
    const limit = PLAN_LIMITS.trial.employees;
    for (let n = 0; n < limit - 1; n += 1) {
      await dynamodb.send(new PutItemCommand({ TableName: pim, Item: marshall({ TenantId: tenantKey('hooli'), EntityItem: employeeNumberKey(`H-${n}`), employeeId: `e${n}` }) }));
    }
    // Another tenant's employees do not count.
    await dynamodb.send(new PutItemCommand({ TableName: pim, Item: marshall({ TenantId: tenantKey('other'), EntityItem: employeeNumberKey('O-1'), employeeId: 'o1' }) }));
    await expect(enforceLimit('trial', 'employees', (cap) => countEmployees(dynamodb, pim, 'hooli', cap))).resolves.toBeUndefined();
    await dynamodb.send(new PutItemCommand({ TableName: pim, Item: marshall({ TenantId: tenantKey('hooli'), EntityItem: employeeNumberKey('H-LAST'), employeeId: 'last' }) }));
    const refused = await enforceLimit('trial', 'employees', (cap) => countEmployees(dynamodb, pim, 'hooli', cap)).catch((error: DomainError) => error);
    expect(refused).toMatchObject({ errorType: 'LIMIT_EXCEEDED', info: { limit: 'employees', allowed: limit, plan: 'trial' } });
    // The count stops at the cap, whatever the tenant holds.
    expect(await countEmployees(dynamodb, pim, 'hooli', 3)).toBe(3);
    // A larger plan lets the same tenant go on.
    await expect(enforceLimit('standard', 'employees', (cap) => countEmployees(dynamodb, pim, 'hooli', cap))).resolves.toBeUndefined();
  });

  it('counts waiting and running jobs only', async () => {
    const now = new Date('2026-12-01T09:00:00Z');
    for (const n of [1, 2, 3]) await createJob({ dynamodb, tableName: jobsTable }, { tenantId: 'pied', jobId: `j${n}`, runner: 'AIML-SaaS-CRUD-Item', payload: { entity: 'employee', id: 'x', set: { preferredName: 'A' } }, runAt: '2099-01-01T00:00:00Z' }, now);
    await createJob({ dynamodb, tableName: jobsTable }, { tenantId: 'other', jobId: 'j9', runner: 'AIML-SaaS-CRUD-Item', payload: { entity: 'employee', id: 'x', set: { preferredName: 'A' } }, runAt: '2099-01-01T00:00:00Z' }, now);
    expect(await countActiveJobs(dynamodb, jobsTable, 'pied', 100)).toBe(3);
    expect(await countActiveJobs(dynamodb, jobsTable, 'pied', 2)).toBe(2);
  });
});
