/** The pre-token-generation trigger against a real (local) TenantRegistry table. */
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableName } from '../../domain/tables.ts';
import { registryItem, cognitoIssuer, type TenantRecord, type TenantStatus } from '../../domain/tenant-registry.ts';
import { createPreTokenGenerationHandler, handler, registryTableName, type PreTokenGenerationEvent } from '../../lambda-authorizer/pre-token-generation.ts';
import { startLocalDynamo, type LocalDynamo } from '../../local/dynamodb/index.ts';
import { ensureTables } from '../../local/tables.ts';

const TABLE = tableName('TenantRegistry', 'Dev');
const savedEnv = { ...process.env };
let dynamo: LocalDynamo;
let client: DynamoDBClient;

function tenant(tenantId: string, status: TenantStatus = 'active'): TenantRecord {
  const userPoolId = `us-east-1_${tenantId}Pool`;
  const now = new Date().toISOString();
  return {
    tenantId,
    kind: tenantId === 'system' ? 'system' : 'customer',
    displayName: tenantId,
    status,
    plan: 'standard',
    homeRegion: 'us-east-1',
    identity: {
      userPoolId,
      issuer: cognitoIssuer(userPoolId),
      jwksUri: `http://127.0.0.1:1/${userPoolId}/.well-known/jwks.json`,
      clientIds: { Dev: `${tenantId}-dev-client`, Prod: `${tenantId}-prod-client` },
    },
    policyStoreId: `ps-${tenantId}`,
    createdAt: now,
    updatedAt: now,
  };
}

/** An event shaped as Cognito (and cognito-local) send it. */
function event(options: { poolOf: string; clientId: string; tenantId?: string; role?: string }): PreTokenGenerationEvent {
  const userAttributes: Record<string, string> = { sub: 'user-1', email: 'someone@example.test', email_verified: 'true' };
  if (options.tenantId !== undefined) userAttributes['custom:tenantId'] = options.tenantId;
  if (options.role !== undefined) userAttributes['custom:tenantRole'] = options.role;
  return {
    version: '1',
    triggerSource: 'TokenGeneration_Authentication',
    region: 'us-east-1',
    userPoolId: `us-east-1_${options.poolOf}Pool`,
    userName: 'user-1',
    callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: options.clientId },
    request: { userAttributes, groupConfiguration: {} },
    response: { claimsOverrideDetails: null },
  };
}

beforeAll(async () => {
  dynamo = await startLocalDynamo();
  Object.assign(process.env, {
    TENANT_REGISTRY_TABLE: TABLE,
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
  });
  client = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  await ensureTables(client, 'Dev');
  for (const record of [tenant('system'), tenant('acme'), tenant('globex'), tenant('initech', 'suspended')]) {
    await client.send(new PutItemCommand({ TableName: TABLE, Item: marshall(registryItem(record), { removeUndefinedValues: true }) }));
  }
});

afterAll(async () => {
  process.env = savedEnv;
  client?.destroy();
  await dynamo?.stop();
});

describe('pre-token-generation trigger', () => {
  it('sets custom:environment to the stage of the app client', async () => {
    const dev = await handler(event({ poolOf: 'acme', clientId: 'acme-dev-client', tenantId: 'acme', role: 'TenantAdmin' }));
    expect(dev.response.claimsOverrideDetails?.claimsToAddOrOverride).toEqual({ 'custom:environment': 'Dev' });
    const prod = await handler(event({ poolOf: 'acme', clientId: 'acme-prod-client', tenantId: 'acme', role: 'TenantUser' }));
    expect(prod.response.claimsOverrideDetails?.claimsToAddOrOverride).toEqual({ 'custom:environment': 'Prod' });
    const system = await handler(event({ poolOf: 'system', clientId: 'system-dev-client', tenantId: 'system', role: 'SystemSupport' }));
    expect(system.response.claimsOverrideDetails?.claimsToAddOrOverride).toEqual({ 'custom:environment': 'Dev' });
  });

  it('keeps other overrides and overrides an environment claim already present', async () => {
    const input = event({ poolOf: 'globex', clientId: 'globex-dev-client', tenantId: 'globex', role: 'TenantUser' });
    input.response.claimsOverrideDetails = { claimsToAddOrOverride: { other: 'kept', 'custom:environment': 'Prod' }, claimsToSuppress: ['x'] };
    const output = await handler(input);
    expect(output.response.claimsOverrideDetails).toEqual({ claimsToAddOrOverride: { other: 'kept', 'custom:environment': 'Dev' }, claimsToSuppress: ['x'] });
  });

  it.each([
    ['an app client of no stage', { poolOf: 'acme', clientId: 'someone-elses-client', tenantId: 'acme', role: 'TenantUser' }, /not a stage client/],
    ['a client of another tenant', { poolOf: 'acme', clientId: 'globex-dev-client', tenantId: 'acme', role: 'TenantUser' }, /not a stage client/],
    ['an unregistered tenant', { poolOf: 'acme', clientId: 'acme-dev-client', tenantId: 'umbrella', role: 'TenantUser' }, /not registered/],
    ['a suspended tenant', { poolOf: 'initech', clientId: 'initech-dev-client', tenantId: 'initech', role: 'TenantAdmin' }, /suspended/],
    ['a tenant id naming another tenant', { poolOf: 'acme', clientId: 'acme-dev-client', tenantId: 'globex', role: 'TenantAdmin' }, /does not use this user pool/],
    ['no tenant id', { poolOf: 'acme', clientId: 'acme-dev-client', role: 'TenantAdmin' }, /no custom:tenantId/],
    ['a system role in a customer tenant', { poolOf: 'acme', clientId: 'acme-dev-client', tenantId: 'acme', role: 'SystemAdmin' }, /not allowed in a customer tenant/],
    ['a customer role in the system tenant', { poolOf: 'system', clientId: 'system-dev-client', tenantId: 'system', role: 'TenantAdmin' }, /not allowed in a system tenant/],
    ['no role', { poolOf: 'acme', clientId: 'acme-dev-client', tenantId: 'acme' }, /role "" is not allowed/],
  ])('refuses %s', async (_case, options, message) => {
    await expect(handler(event(options))).rejects.toThrow(message);
  });

  it('takes an injected client and table, and caches records briefly', async () => {
    const trigger = createPreTokenGenerationHandler({ client, tableName: TABLE });
    const hooli = tenant('hooli');
    const put = (record: TenantRecord) => client.send(new PutItemCommand({ TableName: TABLE, Item: marshall(registryItem(record)) }));
    const signIn = (run: typeof handler) => run(event({ poolOf: 'hooli', clientId: 'hooli-dev-client', tenantId: 'hooli', role: 'TenantUser' }));

    await expect(signIn(trigger)).rejects.toThrow(/not registered/);
    await put(hooli);
    // An unknown tenant is not cached: registering it takes effect at once.
    await expect(signIn(trigger)).resolves.toBeDefined();
    await put({ ...hooli, status: 'suspended' });
    // A known one is reused for a while (30 s); a fresh instance sees the suspension.
    await expect(signIn(trigger)).resolves.toBeDefined();
    await expect(signIn(createPreTokenGenerationHandler({ client, tableName: TABLE }))).rejects.toThrow(/suspended/);
  });

  it('fails clearly when TENANT_REGISTRY_TABLE is missing', async () => {
    const saved = process.env.TENANT_REGISTRY_TABLE;
    delete process.env.TENANT_REGISTRY_TABLE;
    try {
      expect(() => registryTableName()).toThrow(/TENANT_REGISTRY_TABLE is required but not set/);
      await expect(handler(event({ poolOf: 'acme', clientId: 'acme-dev-client', tenantId: 'acme', role: 'TenantUser' }))).rejects.toThrow(
        /TENANT_REGISTRY_TABLE is required but not set/,
      );
    } finally {
      process.env.TENANT_REGISTRY_TABLE = saved;
    }
  });
});
