/**
 * The pre-token-generation trigger against real (local) TenantRegistry tables: Dev and Prod exist,
 * Staging does not (as locally, where only the running stage's tables do).
 */
import { DeleteItemCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenantKey } from '../../domain/model/keys.ts';
import type { Stage } from '../../domain/model/stage.ts';
import { tableName } from '../../domain/model/tables.ts';
import type { Role } from '../../domain/model/tenant-context.ts';
import { memberKey } from '../../domain/tenancy/model/keys.ts';
import { REGISTRY_ITEM, registryItem, type TenantRecord, type TenantStatus } from '../../domain/tenancy/registry.ts';
import { createPreTokenGenerationHandler, handler, registryTableNames, SignInRefused, type PreTokenGenerationEvent } from '../../lambda-authorizer/pre-token-generation.ts';
import { testTenant } from './support/tokens.ts';
import { startLocalDynamo, type LocalDynamo } from '../../local/dynamodb/index.ts';
import { ensureTables } from '../../local/tables.ts';

const TABLE = tableName('TenantRegistry', 'Dev');
const PROD_TABLE = tableName('TenantRegistry', 'Prod');
const savedEnv = { ...process.env };
let dynamo: LocalDynamo;
let client: DynamoDBClient;

/** A registered tenant with Dev and Prod clients only (Staging has none, and no registry table here). */
function tenant(tenantId: string, status: TenantStatus = 'active'): TenantRecord {
  const record = testTenant(tenantId, `http://127.0.0.1:1/us-east-1_${tenantId}Pool/.well-known/jwks.json`, { status });
  return { ...record, identity: { ...record.identity, clientIds: { Dev: `${tenantId}-dev-client`, Prod: `${tenantId}-prod-client` } } };
}

/**
 * An event shaped as Cognito (and cognito-local) send it. `role` and `employeeId` set the user's own
 * attributes, which the trigger must ignore: the membership decides. The user is `user-1` unless named.
 */
function event(options: { poolOf: string; clientId: string; tenantId?: string; role?: string; employeeId?: string; sub?: string }): PreTokenGenerationEvent {
  const userAttributes: Record<string, string> = { sub: options.sub ?? 'user-1', email: 'someone@example.test', email_verified: 'true' };
  if (options.tenantId !== undefined) userAttributes['custom:tenantId'] = options.tenantId;
  if (options.role !== undefined) userAttributes['custom:tenantRole'] = options.role;
  if (options.employeeId !== undefined) userAttributes['custom:employeeId'] = options.employeeId;
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
  // The trigger reads no table variable: whatever TENANT_REGISTRY_TABLE says is ignored.
  Object.assign(process.env, {
    TENANT_REGISTRY_TABLE: 'NotARegistry',
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
  });
  client = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  await ensureTables(client, 'Dev');
  await ensureTables(client, 'Prod');
  // Each stage's registry holds its own copy of a tenant's record.
  for (const record of [tenant('system'), tenant('acme'), tenant('globex'), tenant('initech', 'suspended')]) {
    for (const table of [TABLE, PROD_TABLE]) await put(table, record);
  }
  // Memberships, in both stages: user-1 is a plain user of each customer tenant and support staff of the system tenant.
  for (const table of [TABLE, PROD_TABLE]) {
    await member(table, 'system', 'user-1', 'SystemSupport');
    for (const tenantId of ['acme', 'globex', 'initech', 'hooli', 'wayne', 'stark', 'tyrell']) await member(table, tenantId, 'user-1', 'TenantUser');
  }
  // A system role recorded in a customer tenant, and a customer role in the system tenant: both refused.
  await member(TABLE, 'acme', 'root', 'SystemAdmin');
  await member(TABLE, 'system', 'tenant-admin', 'TenantAdmin');
});

function member(table: string, tenantId: string, userId: string, role: Role, employeeId: string | null = null) {
  return client.send(new PutItemCommand({ TableName: table, Item: marshall({ TenantId: tenantKey(tenantId), EntityItem: memberKey(userId), userId, role, employeeId }) }));
}

function claimsOf(output: PreTokenGenerationEvent): Record<string, string> | undefined {
  return output.response.claimsOverrideDetails?.claimsToAddOrOverride;
}

function put(table: string, record: TenantRecord) {
  return client.send(new PutItemCommand({ TableName: table, Item: marshall(registryItem(record), { removeUndefinedValues: true }) }));
}

function environmentOf(output: PreTokenGenerationEvent): string | undefined {
  return output.response.claimsOverrideDetails?.claimsToAddOrOverride?.['custom:environment'];
}

/** A DynamoDB client that fails reads of some tables with an error of the given name and passes the rest on. */
function failingOn(tables: Record<string, string>): DynamoDBClient {
  return {
    send: (command: { input: { TableName?: string } }) => {
      const name = tables[command.input.TableName ?? ''];
      if (!name) return client.send(command as never);
      return Promise.reject(Object.assign(new Error(`${name} on ${command.input.TableName}`), { name }));
    },
  } as unknown as DynamoDBClient;
}

afterAll(async () => {
  process.env = savedEnv;
  client?.destroy();
  await dynamo?.stop();
});

describe('pre-token-generation trigger', () => {
  it('sets custom:environment to the stage of the app client, and tenant and role from the membership', async () => {
    const dev = await handler(event({ poolOf: 'acme', clientId: 'acme-dev-client', tenantId: 'acme', role: 'TenantUser' }));
    expect(dev.response.claimsOverrideDetails).toEqual({
      claimsToAddOrOverride: { 'custom:environment': 'Dev', 'custom:tenantId': 'acme', 'custom:tenantRole': 'TenantUser' },
      claimsToSuppress: ['custom:employeeId'],
    });
    const prod = await handler(event({ poolOf: 'acme', clientId: 'acme-prod-client', tenantId: 'acme', role: 'TenantUser' }));
    expect(claimsOf(prod)).toEqual({ 'custom:environment': 'Prod', 'custom:tenantId': 'acme', 'custom:tenantRole': 'TenantUser' });
    const system = await handler(event({ poolOf: 'system', clientId: 'system-dev-client', tenantId: 'system', role: 'SystemSupport' }));
    expect(claimsOf(system)).toMatchObject({ 'custom:environment': 'Dev', 'custom:tenantRole': 'SystemSupport' });
  });

  it('keeps other overrides and overrides an environment claim already present', async () => {
    const input = event({ poolOf: 'globex', clientId: 'globex-dev-client', tenantId: 'globex', role: 'TenantUser' });
    input.response.claimsOverrideDetails = { claimsToAddOrOverride: { other: 'kept', 'custom:environment': 'Prod' }, claimsToSuppress: ['x'] };
    const output = await handler(input);
    expect(output.response.claimsOverrideDetails).toEqual({
      claimsToAddOrOverride: { other: 'kept', 'custom:environment': 'Dev', 'custom:tenantId': 'globex', 'custom:tenantRole': 'TenantUser' },
      claimsToSuppress: ['x', 'custom:employeeId'],
    });
  });
});

describe('claims from the membership, never from the user\'s attributes', () => {
  it('given a plain user who set their own role attribute to TenantAdmin, when they sign in, then the token says TenantUser', async () => {
    const output = await handler(event({ poolOf: 'acme', clientId: 'acme-dev-client', tenantId: 'acme', role: 'TenantAdmin', employeeId: 'someone-else' }));
    expect(claimsOf(output)?.['custom:tenantRole']).toBe('TenantUser');
    // An employee link the membership does not hold is suppressed, not taken from the attribute.
    expect(output.response.claimsOverrideDetails?.claimsToSuppress).toContain('custom:employeeId');
    expect(claimsOf(output)).not.toHaveProperty('custom:employeeId');
  });

  it('stamps the employee link of the membership over the attribute, and a role change applies at the next sign-in', async () => {
    const trigger = createPreTokenGenerationHandler({ client, tableNames: { Dev: TABLE } });
    await member(TABLE, 'globex', 'linked', 'TenantUser', 'emp-42');
    const signIn = () => trigger(event({ poolOf: 'globex', clientId: 'globex-dev-client', tenantId: 'globex', sub: 'linked', employeeId: 'emp-1' }));
    const first = await signIn();
    expect(claimsOf(first)).toMatchObject({ 'custom:tenantRole': 'TenantUser', 'custom:employeeId': 'emp-42' });
    expect(first.response.claimsOverrideDetails?.claimsToSuppress).toEqual([]);
    await member(TABLE, 'globex', 'linked', 'TenantAdmin', 'emp-42');
    expect(claimsOf(await signIn())?.['custom:tenantRole']).toBe('TenantAdmin');
  });

  it('refuses a user with no membership, whatever role their attributes claim', async () => {
    const attempt = handler(event({ poolOf: 'acme', clientId: 'acme-dev-client', tenantId: 'acme', role: 'TenantAdmin', sub: 'stranger' }));
    await expect(attempt).rejects.toBeInstanceOf(SignInRefused);
    await expect(attempt).rejects.toThrow(/no member of tenant "acme" in Dev/);
  });

  it('reads the membership of the stage found: a member in Dev only is refused on the Prod client', async () => {
    await member(TABLE, 'acme', 'dev-only', 'TenantUser');
    await expect(handler(event({ poolOf: 'acme', clientId: 'acme-dev-client', tenantId: 'acme', sub: 'dev-only' }))).resolves.toBeDefined();
    await expect(handler(event({ poolOf: 'acme', clientId: 'acme-prod-client', tenantId: 'acme', sub: 'dev-only' }))).rejects.toThrow(/no member of tenant "acme" in Prod/);
  });
});

describe('pre-token-generation refusals', () => {
  it.each([
    ['an app client of no stage', { poolOf: 'acme', clientId: 'someone-elses-client', tenantId: 'acme', role: 'TenantUser' }, /not a stage client/],
    ['a client of another tenant', { poolOf: 'acme', clientId: 'globex-dev-client', tenantId: 'acme', role: 'TenantUser' }, /not a stage client/],
    ['an unregistered tenant', { poolOf: 'acme', clientId: 'acme-dev-client', tenantId: 'umbrella', role: 'TenantUser' }, /not registered/],
    ['a suspended tenant', { poolOf: 'initech', clientId: 'initech-dev-client', tenantId: 'initech', role: 'TenantAdmin' }, /suspended/],
    ['a tenant id naming another tenant', { poolOf: 'acme', clientId: 'acme-dev-client', tenantId: 'globex', role: 'TenantAdmin' }, /does not use this user pool/],
    ['no tenant id', { poolOf: 'acme', clientId: 'acme-dev-client', role: 'TenantAdmin' }, /no custom:tenantId/],
    ['a system role in a customer tenant', { poolOf: 'acme', clientId: 'acme-dev-client', tenantId: 'acme', sub: 'root' }, /role "SystemAdmin" is not allowed in a customer tenant/],
    ['a customer role in the system tenant', { poolOf: 'system', clientId: 'system-dev-client', tenantId: 'system', sub: 'tenant-admin' }, /not allowed in a system tenant/],
  ])('refuses %s', async (_case, options, message) => {
    await expect(handler(event(options))).rejects.toThrow(message);
  });

  it('takes an injected client and table, and caches records briefly', async () => {
    const trigger = createPreTokenGenerationHandler({ client, tableNames: { Dev: TABLE } });
    const hooli = tenant('hooli');
    const signIn = (run: typeof handler) => run(event({ poolOf: 'hooli', clientId: 'hooli-dev-client', tenantId: 'hooli', role: 'TenantUser' }));

    await expect(signIn(trigger)).rejects.toThrow(/not registered/);
    await put(TABLE, hooli);
    // An unknown tenant is not cached: registering it takes effect at once.
    await expect(signIn(trigger)).resolves.toBeDefined();
    await put(TABLE, { ...hooli, status: 'suspended' });
    // A known active one is reused for a while (5 s); a fresh instance sees the suspension.
    await expect(signIn(trigger)).resolves.toBeDefined();
    await expect(signIn(createPreTokenGenerationHandler({ client, tableNames: { Dev: TABLE } }))).rejects.toThrow(/suspended/);
  });

  it('given a member whose membership is disabled, then their sign-in is refused; enabled again, accepted', async () => {
    const trigger = createPreTokenGenerationHandler({ client, tableNames: { Dev: TABLE } });
    const signIn = () => trigger(event({ poolOf: 'acme', clientId: 'acme-dev-client', tenantId: 'acme', role: 'TenantUser', sub: 'user-off' }));
    await client.send(new PutItemCommand({ TableName: TABLE, Item: marshall({ TenantId: tenantKey('acme'), EntityItem: memberKey('user-off'), userId: 'user-off', role: 'TenantUser', employeeId: null, status: 'disabled' }) }));
    await expect(signIn()).rejects.toThrow(/disabled/);
    await member(TABLE, 'acme', 'user-off', 'TenantUser');
    await expect(signIn()).resolves.toBeDefined();
  });

  it('given a suspended tenant, when it is reactivated, then its users sign in at once (records of inactive tenants are not kept)', async () => {
    const trigger = createPreTokenGenerationHandler({ client, tableNames: { Dev: TABLE }, cacheMs: 60_000 });
    const pied = tenant('pied');
    const signIn = () => trigger(event({ poolOf: 'pied', clientId: 'pied-dev-client', tenantId: 'pied', role: 'TenantUser' }));
    await member(TABLE, 'pied', 'user-1', 'TenantUser');
    await put(TABLE, { ...pied, status: 'suspended' });
    await expect(signIn()).rejects.toThrow(/suspended/);
    await put(TABLE, pied);
    await expect(signIn()).resolves.toBeDefined();
  });
});

describe('one trigger for every stage', () => {
  it('reads the registry of every stage by its name, and no variable', () => {
    expect(registryTableNames()).toEqual({ Dev: 'TenantRegistryDev', Staging: 'TenantRegistryStaging', Prod: 'TenantRegistryProd' });
  });

  it('stamps the stage whose own registry lists the client: Dev from the Dev registry, Prod from the Prod one', async () => {
    const wayne = tenant('wayne');
    // Each stage's record names only that stage's client: the stage is found where the client is listed.
    await put(TABLE, { ...wayne, identity: { ...wayne.identity, clientIds: { Dev: 'wayne-dev-client' } } });
    await put(PROD_TABLE, { ...wayne, identity: { ...wayne.identity, clientIds: { Prod: 'wayne-prod-client' } } });
    const signIn = (clientId: string) => handler(event({ poolOf: 'wayne', clientId, tenantId: 'wayne', role: 'TenantAdmin' }));
    expect(environmentOf(await signIn('wayne-dev-client'))).toBe('Dev');
    expect(environmentOf(await signIn('wayne-prod-client'))).toBe('Prod');
  });

  it('does not count a client id that only another stage\'s record lists', async () => {
    // Dev's record names a Prod client too, but the Prod registry has no record of stark.
    await put(TABLE, tenant('stark'));
    const prod = handler(event({ poolOf: 'stark', clientId: 'stark-prod-client', tenantId: 'stark', role: 'TenantUser' }));
    await expect(prod).rejects.toBeInstanceOf(SignInRefused);
    await expect(prod).rejects.toThrow(/not a stage client of tenant "stark"/);
    // Nor a Dev client listed under the Prod key of the Dev record.
    await put(TABLE, { ...tenant('stark'), identity: { ...tenant('stark').identity, clientIds: { Prod: 'stark-dev-client' } } });
    await expect(createPreTokenGenerationHandler({ client })(event({ poolOf: 'stark', clientId: 'stark-dev-client', tenantId: 'stark', role: 'TenantUser' }))).rejects.toThrow(
      /not a stage client/,
    );
  });

  it('checks status, pool and role against the record of the stage found', async () => {
    const tyrell = tenant('tyrell');
    await put(TABLE, tyrell);
    await put(PROD_TABLE, { ...tyrell, status: 'suspended' });
    const signIn = (clientId: string) => createPreTokenGenerationHandler({ client })(event({ poolOf: 'tyrell', clientId, tenantId: 'tyrell', role: 'TenantUser' }));
    expect(environmentOf(await signIn('tyrell-dev-client'))).toBe('Dev');
    await expect(signIn('tyrell-prod-client')).rejects.toThrow(/tenant "tyrell" is suspended/);
    // A Prod record pointing at another pool refuses Prod only.
    await put(PROD_TABLE, { ...tyrell, identity: { ...tyrell.identity, userPoolId: 'us-east-1_elsewhere' } });
    await expect(signIn('tyrell-prod-client')).rejects.toThrow(/does not use this user pool/);
    await client.send(new DeleteItemCommand({ TableName: PROD_TABLE, Key: marshall({ TenantId: tenantKey('tyrell'), EntityItem: REGISTRY_ITEM }) }));
  });

  it('skips a stage whose table is missing, rather than failing', async () => {
    const tables: Partial<Record<Stage, string>> = { Dev: TABLE, Staging: 'TenantRegistryNowhere', Prod: PROD_TABLE };
    const missing = createPreTokenGenerationHandler({ client, tableNames: tables });
    expect(environmentOf(await missing(event({ poolOf: 'acme', clientId: 'acme-dev-client', tenantId: 'acme', role: 'TenantUser' })))).toBe('Dev');
    expect(environmentOf(await missing(event({ poolOf: 'acme', clientId: 'acme-prod-client', tenantId: 'acme', role: 'TenantUser' })))).toBe('Prod');
    // No stage readable at all: the tenant is unknown.
    const none = createPreTokenGenerationHandler({ client, tableNames: { Staging: 'TenantRegistryNowhere' } });
    await expect(none(event({ poolOf: 'acme', clientId: 'acme-dev-client', tenantId: 'acme', role: 'TenantUser' }))).rejects.toThrow(/not registered/);
  });

  it('fails on any other read error unless another stage already vouches for the client', async () => {
    for (const failure of ['ProvisionedThroughputExceededException', 'AccessDeniedException']) {
      // Throttling, or a role that may not read a stage's registry (a misconfiguration): an error, not a quiet "no record".
      const failing = createPreTokenGenerationHandler({ client: failingOn({ [PROD_TABLE]: failure }) });
      expect(environmentOf(await failing(event({ poolOf: 'acme', clientId: 'acme-dev-client', tenantId: 'acme', role: 'TenantUser' })))).toBe('Dev');
      const prod = failing(event({ poolOf: 'acme', clientId: 'acme-prod-client', tenantId: 'acme', role: 'TenantUser' }));
      await expect(prod).rejects.toThrow(new RegExp(failure));
      await expect(prod).rejects.not.toBeInstanceOf(SignInRefused);
    }
  });
});
