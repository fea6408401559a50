/**
 * Onboarding as product code against local Cognito, DynamoDB and Verified Permissions: a run
 * interrupted after each step resumes to the same end state; rolled back, it leaves nothing.
 */
import {
  AdminGetUserCommand,
  CognitoIdentityProviderClient,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient, QueryCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { DeletePolicyCommand, GetSchemaCommand, ListPoliciesCommand, ListPolicyStoresCommand, ListPolicyTemplatesCommand, VerifiedPermissionsClient } from '@aws-sdk/client-verifiedpermissions';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../../domain/domain-error.ts';
import { tenantKey } from '../../../domain/model/keys.ts';
import { tableName } from '../../../domain/model/tables.ts';
import type { Stage } from '../../../domain/model/stage.ts';
import { CLIENT_WRITE_ATTRIBUTES, tenantPoolName } from '../../../domain/tenancy/identity.ts';
import {
  ONBOARDING_STEPS,
  onboardingState,
  onboardTenant,
  rollbackOnboarding,
  type OnboardingProgress,
  type OnboardingServices,
  type OnboardingStep,
} from '../../../domain/tenancy/onboarding.ts';
import { readMembership } from '../../../domain/tenancy/users.ts';
import { migrateTenantStores } from '../../../domain/tenancy/policy-stores.ts';
import { policyStoreVersion } from '../../../lambda-authorizer/migrate.ts';
import type { TenantRecord } from '../../../domain/tenancy/registry.ts';
import { createPreTokenGenerationHandler } from '../../../lambda-authorizer/pre-token-generation.ts';
import { loadPolicyStoreSource } from '../../../lambda-authorizer/policy-store.ts';
import { localJwksUri, startLocalCognito, type LocalCognito } from '../../../local/cognito.ts';
import { startLocalDynamo, type LocalDynamo } from '../../../local/dynamodb/index.ts';
import { ensureTables } from '../../../local/tables.ts';
import { startLocalVerifiedPermissions, type LocalVerifiedPermissions } from '../../../local/verifiedpermissions/index.ts';
import { createLogger } from '../../../domain/logger.ts';

const CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
const REGION = 'us-east-1';
const TRIGGER_ARN = 'arn:aws:lambda:us-east-1:000000000000:function:AIML-SaaS-PreTokenGeneration';
const quiet = createLogger({ service: 'test', write: () => undefined });

let dynamo: LocalDynamo;
let avpServer: LocalVerifiedPermissions;
let cognitoServer: LocalCognito;
let dynamodb: DynamoDBClient;
let cognito: CognitoIdentityProviderClient;
let avp: VerifiedPermissionsClient;

beforeAll(async () => {
  [dynamo, avpServer] = await Promise.all([startLocalDynamo(), startLocalVerifiedPermissions()]);
  cognitoServer = await startLocalCognito({ lambdaEndpoint: 'http://127.0.0.1:9', preTokenGenerationFunction: 'none', logger: quiet });
  dynamodb = new DynamoDBClient({ endpoint: dynamo.endpoint, region: REGION, credentials: CREDENTIALS });
  cognito = new CognitoIdentityProviderClient({ endpoint: cognitoServer.endpoint, region: REGION, credentials: CREDENTIALS });
  avp = new VerifiedPermissionsClient({ endpoint: avpServer.endpoint, region: REGION, credentials: CREDENTIALS });
  // Dev is the home stage with its tenant tables; Prod has only its registry (as a stage the local stack does not serve).
  await ensureTables(dynamodb, 'Dev');
  await ensureTables(dynamodb, 'Prod', ['TenantRegistry']);
}, 60_000);

afterAll(async () => {
  cognito?.destroy();
  avp?.destroy();
  dynamodb?.destroy();
  await cognitoServer?.stop();
  await avpServer?.stop();
  await dynamo?.stop();
});

function services(extra: Partial<OnboardingServices> = {}): OnboardingServices {
  return {
    cognito,
    avp,
    stages: [{ stage: 'Dev', dynamodb, pim: true }, { stage: 'Prod', dynamodb, pim: false }],
    region: REGION,
    policyStoreSource: loadPolicyStoreSource,
    preTokenGenerationArn: TRIGGER_ARN,
    jwksUriOf: (userPoolId) => localJwksUri(cognitoServer.endpoint, userPoolId),
    temporaryPassword: () => 'Temp-Passw0rd!x',
    ...extra,
  };
}

function request(tenantId: string) {
  return { tenantId, displayName: `Tenant ${tenantId}`, plan: 'standard', adminEmail: `First.Admin@${tenantId}.example`, settings: { timeZone: 'Europe/Berlin', locale: 'de-DE', currency: 'eur', weekStart: 'monday', fiscalYearStart: '04-01' } };
}

/** Fails right after `step` is recorded. */
function interruptAfter(step: OnboardingStep): Partial<OnboardingServices> {
  return {
    afterStep: (done) => {
      if (done === step) throw new Error(`interrupted after ${step}`);
    },
  };
}

async function partition(stage: Stage, table: 'TenantRegistry' | 'PIM', tenantId: string): Promise<Record<string, unknown>[]> {
  const out = await dynamodb.send(new QueryCommand({
    TableName: tableName(table, stage),
    KeyConditionExpression: 'TenantId = :t',
    ExpressionAttributeValues: { ':t': { S: tenantKey(tenantId) } },
    ConsistentRead: true,
  }));
  return (out.Items ?? []).map((item) => unmarshall(item));
}

async function poolsNamed(tenantId: string): Promise<string[]> {
  const pools = await cognito.send(new ListUserPoolsCommand({ MaxResults: 60 }));
  return (pools.UserPools ?? []).filter((p) => p.Name === tenantPoolName(tenantId)).map((p) => p.Id!);
}

async function storeCount(): Promise<number> {
  return (await avp.send(new ListPolicyStoresCommand({}))).policyStores?.length ?? 0;
}

/** What a finished onboarding leaves, with its ids replaced by what they must be. */
async function endState(tenantId: string) {
  const [userPoolId, ...others] = await poolsNamed(tenantId);
  expect(others).toEqual([]);
  const pool = (await cognito.send(new DescribeUserPoolCommand({ UserPoolId: userPoolId! }))).UserPool!;
  const clients = (await cognito.send(new ListUserPoolClientsCommand({ UserPoolId: userPoolId!, MaxResults: 60 }))).UserPoolClients ?? [];
  const writes = await Promise.all(clients.map(async (c) => (await cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: userPoolId!, ClientId: c.ClientId! }))).UserPoolClient!.WriteAttributes));
  const registry = Object.fromEntries(await Promise.all((['Dev', 'Prod'] as const).map(async (stage) => [stage, await partition(stage, 'TenantRegistry', tenantId)] as const)));
  const profile = (stage: Stage) => registry[stage]!.find((i) => i.EntityItem === 'PROFILE') as unknown as TenantRecord & { TenantId: string };
  const dev = profile('Dev');
  const policyStoreId = dev.policyStoreId;
  const source = loadPolicyStoreSource('tenant');
  const admin = await cognito.send(new AdminGetUserCommand({ UserPoolId: userPoolId!, Username: `first.admin@${tenantId}.example` }));
  const adminId = admin.UserAttributes!.find((a) => a.Name === 'sub')!.Value!;
  return {
    trigger: pool.LambdaConfig?.PreTokenGeneration,
    clients: clients.map((c) => c.ClientName).sort(),
    writes: writes.map((w) => [...(w ?? [])].sort()),
    records: (['Dev', 'Prod'] as const).map((stage) => {
      const { createdAt: _c, updatedAt: _u, ...record } = profile(stage);
      return record;
    }),
    identityMatchesPool: dev.identity.userPoolId === userPoolId && Object.keys(dev.identity.clientIds).length === 3,
    store: {
      schema: Boolean((await avp.send(new GetSchemaCommand({ policyStoreId }))).schema),
      templates: (await avp.send(new ListPolicyTemplatesCommand({ policyStoreId }))).policyTemplates?.length,
      policies: (await avp.send(new ListPoliciesCommand({ policyStoreId, maxResults: 50 }))).policies?.length,
      expected: [Object.keys(source.templates).length, Object.keys(source.policies).length],
    },
    adminStatus: admin.UserStatus,
    memberships: await Promise.all((['Dev', 'Prod'] as const).map((stage) => readMembership(dynamodb, tableName('TenantRegistry', stage), tenantId, adminId))),
    directory: (await partition('Dev', 'PIM', tenantId)).map((i) => i.EntityItem),
    adminId,
    workflow: await onboardingState(dynamodb, 'Dev', tenantId),
  };
}

function normalised(state: Awaited<ReturnType<typeof endState>>) {
  const { adminId, workflow, records, ...rest } = state;
  return {
    ...rest,
    records: records.map(({ identity: _i, policyStoreId: _p, TenantId: _k, ...r }) => r),
    directory: rest.directory.map((key) => String(key).replace(adminId, '<admin>')),
    memberships: rest.memberships.map((m) => m && { ...m, userId: m.userId === adminId ? '<admin>' : m.userId }),
    workflow: workflow && { status: workflow.status, done: workflow.done, error: workflow.error },
  };
}

describe('onboarding a tenant', () => {
  let reference: ReturnType<typeof normalised>;

  it('given a valid request, when it runs, then every stage has an active tenant with its pool, store, settings and first admin, and progress is reported', async () => {
    const progress: OnboardingProgress[] = [];
    const state = await onboardTenant(services({ onProgress: (p) => progress.push(p) }), request('straight'));
    expect(state).toMatchObject({ status: 'completed', done: [...ONBOARDING_STEPS] });
    expect(progress.map((p) => `${p.done}/${p.total} ${p.step}`)).toEqual(ONBOARDING_STEPS.map((step, i) => `${i + 1}/6 ${step}`));
    reference = normalised(await endState('straight'));
    expect(reference).toMatchObject({
      trigger: TRIGGER_ARN,
      clients: ['optimalhr-Dev', 'optimalhr-Prod', 'optimalhr-Staging'],
      identityMatchesPool: true,
      records: [
        { tenantId: 'straight', kind: 'customer', status: 'active', plan: 'standard', displayName: 'Tenant straight', settings: { timeZone: 'Europe/Berlin', locale: 'de-DE', currency: 'EUR', weekStart: 'MONDAY', fiscalYearStart: '04-01' } },
        { tenantId: 'straight', status: 'active' },
      ],
      // Invited with a temporary password: they set their own at first sign-in.
      adminStatus: 'FORCE_CHANGE_PASSWORD',
      memberships: [{ userId: '<admin>', role: 'TenantAdmin', employeeId: null }, { userId: '<admin>', role: 'TenantAdmin', employeeId: null }],
      directory: ['USER#TenantAdmin#<admin>'],
      workflow: { status: 'completed', done: [...ONBOARDING_STEPS] },
    });
    for (const write of reference.writes) expect(write).toEqual([...CLIENT_WRITE_ATTRIBUTES].sort());
    expect([reference.store.templates, reference.store.policies]).toEqual(reference.store.expected);
    expect(reference.store.schema).toBe(true);
  });

  it('given a finished onboarding, when it is asked again, then nothing new is made; another request for the same tenant is a CONFLICT', async () => {
    const stores = await storeCount();
    await expect(onboardTenant(services(), request('straight'))).resolves.toMatchObject({ status: 'completed' });
    expect(await storeCount()).toBe(stores);
    await expect(onboardTenant(services(), { ...request('straight'), plan: 'enterprise' })).rejects.toMatchObject({ errorType: 'CONFLICT' });
  });

  it.each(ONBOARDING_STEPS.map((step, k) => [k + 1, step] as const))('given a run interrupted after step %i (%s), when it is resumed, then it ends as an uninterrupted run', async (k, step) => {
    const tenantId = `resume-${k}`;
    const stores = await storeCount();
    await expect(onboardTenant(services(interruptAfter(step)), request(tenantId))).rejects.toThrow(`interrupted after ${step}`);
    const stopped = await onboardingState(dynamodb, 'Dev', tenantId);
    expect(stopped).toMatchObject({ status: 'failed', done: ONBOARDING_STEPS.slice(0, k), error: { step } });
    if (k >= 4 && k < 6) {
      // Registered but not active: the sign-in trigger refuses it, so no token can be had.
      const record = (await partition('Dev', 'TenantRegistry', tenantId)).find((i) => i.EntityItem === 'PROFILE') as unknown as TenantRecord;
      expect(record.status).toBe('provisioning');
      const trigger = createPreTokenGenerationHandler({ client: dynamodb, tableNames: { Dev: tableName('TenantRegistry', 'Dev') } });
      await expect(trigger({
        version: '1', triggerSource: 'TokenGeneration_Authentication', region: REGION, userPoolId: record.identity.userPoolId, userName: 'x',
        callerContext: { clientId: record.identity.clientIds.Dev! }, request: { userAttributes: { sub: 'x', 'custom:tenantId': tenantId } }, response: {},
      })).rejects.toThrow(/is provisioning/);
    }
    const resumed = await onboardTenant(services(), request(tenantId));
    expect(resumed).toMatchObject({ status: 'completed', done: [...ONBOARDING_STEPS] });
    const end = normalised(await endState(tenantId));
    expect({ ...end, records: end.records.map((r) => ({ ...r, tenantId: 'straight', displayName: 'Tenant straight' })) }).toEqual(reference);
    // One store made, whatever the interruption.
    expect(await storeCount()).toBe(stores + 1);
  });

  it.each(ONBOARDING_STEPS.slice(0, 5).map((step, k) => [k + 1, step] as const))('given a run interrupted after step %i (%s), when it is rolled back, then nothing of it is left', async (k, step) => {
    const tenantId = `undo-${k}`;
    const stores = await storeCount();
    await expect(onboardTenant(services(interruptAfter(step)), request(tenantId))).rejects.toThrow('interrupted');
    await rollbackOnboarding(services(), tenantId);
    expect(await poolsNamed(tenantId)).toEqual([]);
    expect(await storeCount()).toBe(stores);
    for (const stage of ['Dev', 'Prod'] as const) expect(await partition(stage, 'TenantRegistry', tenantId)).toEqual([]);
    expect(await partition('Dev', 'PIM', tenantId)).toEqual([]);
    // The tenant id is free again: a new onboarding starts from scratch.
    await expect(onboardTenant(services(), request(tenantId))).resolves.toMatchObject({ status: 'completed' });
  });

  it('given a tenant live in Dev, when its Prod onboarding (which finds the same pool) is rolled back, then the pool and the Dev tenant stay', async () => {
    const devOnly = services({ stages: [{ stage: 'Dev', dynamodb, pim: true }] });
    const prodOnly = (extra: Partial<OnboardingServices> = {}) => services({ stages: [{ stage: 'Prod', dynamodb, pim: false }], ...extra });
    await onboardTenant(devOnly, request('shared'));
    await expect(onboardTenant(prodOnly(interruptAfter('firstAdmin')), request('shared'))).rejects.toThrow('interrupted');
    expect(await onboardingState(dynamodb, 'Prod', 'shared')).toMatchObject({ poolCreated: false, adminCreated: false });
    await rollbackOnboarding(prodOnly(), 'shared');
    expect(await poolsNamed('shared')).toHaveLength(1);
    expect(await partition('Prod', 'TenantRegistry', 'shared')).toEqual([]);
    expect((await partition('Dev', 'TenantRegistry', 'shared')).find((i) => i.EntityItem === 'PROFILE')).toMatchObject({ status: 'active' });
    const [userPoolId] = await poolsNamed('shared');
    await expect(cognito.send(new AdminGetUserCommand({ UserPoolId: userPoolId!, Username: 'first.admin@shared.example' }))).resolves.toBeDefined();
  });

  it('refuses to roll back a tenant that went live, and one that never started', async () => {
    await expect(onboardTenant(services(interruptAfter('activate')), request('live'))).rejects.toThrow('interrupted');
    await expect(rollbackOnboarding(services(), 'live')).rejects.toMatchObject({ errorType: 'CONFLICT' });
    await expect(rollbackOnboarding(services(), 'never')).rejects.toMatchObject({ errorType: 'NOT_FOUND' });
  });

  it('refuses a tenant registered by other means, and a run while another holds the workflow', async () => {
    await expect(onboardTenant(services(), { ...request('straight'), displayName: 'Other' })).rejects.toMatchObject({ errorType: 'CONFLICT' });
    let second: Promise<unknown> | undefined;
    await expect(onboardTenant(services({
      afterStep: async (step) => {
        if (step === 'userPool') {
          second = onboardTenant(services(), request('racing'));
          await expect(second).rejects.toMatchObject({ errorType: 'CONFLICT', message: expect.stringMatching(/running in another request/) });
        }
      },
    }), request('racing'))).resolves.toMatchObject({ status: 'completed' });
    expect(second).toBeDefined();
  });

  it.each([
    ['a malformed tenant id', { tenantId: 'Bad#Id' }, 'tenantId'],
    ['no admin email', { adminEmail: 'nobody' }, 'adminEmail'],
    ['an unknown plan', { plan: 'gold' }, 'plan'],
    ['an unknown time zone', { settings: { timeZone: 'Mars/Olympus' } }, 'settings.timeZone'],
    ['an unknown currency', { settings: { currency: 'XYZQ' } }, 'settings.currency'],
    ['a bad week start', { settings: { weekStart: 'FUNDAY' } }, 'settings.weekStart'],
    ['a fiscal year starting on 02-30', { settings: { fiscalYearStart: '02-30' } }, 'settings.fiscalYearStart'],
  ])('refuses %s with VALIDATION_ERROR naming the field, making nothing', async (_case, change, field) => {
    const stores = await storeCount();
    const attempt = onboardTenant(services(), { ...request('invalid'), ...change });
    await expect(attempt).rejects.toBeInstanceOf(DomainError);
    await expect(attempt).rejects.toMatchObject({ errorType: 'VALIDATION_ERROR', fields: [expect.objectContaining({ field })] });
    expect(await poolsNamed('invalid')).toEqual([]);
    expect(await storeCount()).toBe(stores);
  });
});

describe('policy stores at another version', () => {
  it('given a tenant whose store lacks a policy of the current files, when stores are migrated, then it gets it and its record the current version; a second run does nothing', async () => {
    await onboardTenant(services(), request('versioned'));
    const record = (await partition('Dev', 'TenantRegistry', 'versioned')).find((i) => i.EntityItem === 'PROFILE') as unknown as TenantRecord;
    const current = loadPolicyStoreSource('tenant');
    expect(record.policyStoreVersion).toBe(policyStoreVersion(current));
    // The store as an earlier release left it: one policy fewer, an older version recorded.
    const [retired] = Object.keys(current.policies);
    const policies = (await avp.send(new ListPoliciesCommand({ policyStoreId: record.policyStoreId, maxResults: 50, filter: { policyType: 'STATIC' } }))).policies ?? [];
    const doomed = policies.find((p) => (p.definition as { static?: { description?: string } }).static?.description === retired)!;
    await avp.send(new DeletePolicyCommand({ policyStoreId: record.policyStoreId, policyId: doomed.policyId! }));
    await dynamodb.send(new UpdateItemCommand({
      TableName: tableName('TenantRegistry', 'Dev'),
      Key: { TenantId: { S: tenantKey('versioned') }, EntityItem: { S: 'PROFILE' } },
      UpdateExpression: 'SET policyStoreVersion = :old',
      ExpressionAttributeValues: { ':old': { S: 'earlier' } },
    }));

    const options = { dynamodb, avp, stage: 'Dev' as const, policyStoreSource: loadPolicyStoreSource };
    expect(await migrateTenantStores(options)).toContain('versioned');
    const after = (await partition('Dev', 'TenantRegistry', 'versioned')).find((i) => i.EntityItem === 'PROFILE') as unknown as TenantRecord;
    expect(after.policyStoreVersion).toBe(policyStoreVersion(current));
    expect((await avp.send(new ListPoliciesCommand({ policyStoreId: record.policyStoreId, maxResults: 50, filter: { policyType: 'STATIC' } }))).policies).toHaveLength(Object.keys(current.policies).length);
    expect(await migrateTenantStores(options)).toEqual([]);
  });
});
