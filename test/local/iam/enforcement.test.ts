/**
 * Local STS + IAM enforcement through the unmodified SDK: tenant sessions reach their own items
 * only; refusals carry DynamoDB's and STS's own error types.
 */
import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  DynamoDBClient,
  ExecuteStatementCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  TransactGetItemsCommand,
  TransactWriteItemsCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT, dynamoClient, keyPair, startIamStack, stsClient, type Credentials, type IamStack } from './helpers.ts';
import { EMPLOYEES_BY_NAME } from '../../../domain/people/model/keys.ts';

const PIM = 'PIMDev';
const key = (tenant: string, item: string): Record<string, AttributeValue> => ({ TenantId: { S: `TENANT#${tenant}` }, EntityItem: { S: item } });
const EXPIRED = { accessKeyId: 'ASIAEXPIREDLOCAL0001', secretAccessKey: 'expired-secret', sessionToken: 'expired-token' };

let stack: IamStack;
let acme: DynamoDBClient;
let acmeCredentials: Credentials;
const clients: { destroy(): void }[] = [];

async function assumeTenant(tenantId: string): Promise<Credentials> {
  const sts = stsClient(stack.dynamo.stsEndpoint, stack.internal);
  clients.push(sts);
  const { Credentials: c } = await sts.send(new AssumeRoleCommand({
    RoleArn: stack.roleArns.tenantScoped, RoleSessionName: `tenant-${tenantId}`, DurationSeconds: 900, Tags: [{ Key: 'tenantId', Value: tenantId }],
  }));
  return { accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken! };
}

function client(credentials: Credentials): DynamoDBClient {
  const ddb = dynamoClient(stack.dynamo.endpoint, credentials);
  clients.push(ddb);
  return ddb;
}

async function exists(k: Record<string, AttributeValue>, table = PIM): Promise<boolean> {
  return (await stack.admin.send(new GetItemCommand({ TableName: table, Key: k }))).Item !== undefined;
}

beforeAll(async () => {
  stack = await startIamStack({
    sessions: [{ ...EXPIRED, expiresAt: Date.now() - 1000, roleArn: `arn:aws:iam::${ACCOUNT}:role/OptimalHR-TenantScoped-Dev`, sessionName: 'tenant-acme', tags: { tenantId: 'acme' } }],
  });
  await stack.admin.send(new PutItemCommand({ TableName: PIM, Item: { ...key('globex', 'EMP#1'), NameKey: { S: 'doe#jane#1' } } }));
  acmeCredentials = await assumeTenant('acme');
  acme = client(acmeCredentials);
});

afterAll(async () => {
  for (const c of clients) c.destroy();
  await stack?.stop();
});

describe('STS', () => {
  it('issues tagged temporary credentials to the trusted internal role', async () => {
    expect(acmeCredentials.accessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    const sts = stsClient(stack.dynamo.stsEndpoint, acmeCredentials);
    clients.push(sts);
    const me = await sts.send(new GetCallerIdentityCommand({}));
    expect(me).toMatchObject({ Account: ACCOUNT, Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/OptimalHR-TenantScoped-Dev/tenant-acme` });
    expect(me.UserId).toMatch(/^AROA[0-9A-F]{17}:tenant-acme$/);
  });

  it('returns the Expiration the duration asks for', async () => {
    const sts = stsClient(stack.dynamo.stsEndpoint, stack.internal);
    clients.push(sts);
    const before = Date.now();
    const out = await sts.send(new AssumeRoleCommand({ RoleArn: stack.roleArns.tenantScoped, RoleSessionName: 'tenant-globex', DurationSeconds: 900, Tags: [{ Key: 'tenantId', Value: 'globex' }] }));
    expect(out.Credentials!.Expiration!.getTime()).toBeGreaterThanOrEqual(before + 899_000);
    expect(out.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/OptimalHR-TenantScoped-Dev/tenant-globex`);
  });

  it('refuses AssumeRole without the tenant tag, with extra tags, or from an untrusted caller', async () => {
    const trusted = stsClient(stack.dynamo.stsEndpoint, stack.internal);
    const untrusted = stsClient(stack.dynamo.stsEndpoint, stack.appSync);
    clients.push(trusted, untrusted);
    const input = { RoleArn: stack.roleArns.tenantScoped, RoleSessionName: 'tenant-acme' };
    await expect(trusted.send(new AssumeRoleCommand(input))).rejects.toMatchObject({
      name: 'AccessDenied',
      message: `User: arn:aws:sts::${ACCOUNT}:assumed-role/OptimalHR-Internal-Dev/local-stack is not authorized to perform: sts:AssumeRole on resource: ${stack.roleArns.tenantScoped}`,
      $metadata: { httpStatusCode: 403 },
    });
    await expect(trusted.send(new AssumeRoleCommand({ ...input, Tags: [{ Key: 'tenantId', Value: 'acme' }, { Key: 'role', Value: 'admin' }] })))
      .rejects.toMatchObject({ name: 'AccessDenied' });
    await expect(untrusted.send(new AssumeRoleCommand({ ...input, Tags: [{ Key: 'tenantId', Value: 'acme' }] })))
      .rejects.toMatchObject({ name: 'AccessDenied', message: expect.stringContaining('assumed-role/OptimalHR-AppSyncDynamoDB-Dev/appsync is not authorized') });
    // A role that does not exist looks exactly like one the caller may not assume.
    await expect(trusted.send(new AssumeRoleCommand({ ...input, RoleArn: `arn:aws:iam::${ACCOUNT}:role/Nope`, Tags: [{ Key: 'tenantId', Value: 'acme' }] })))
      .rejects.toMatchObject({ name: 'AccessDenied' });
  });

  it('refuses unknown keys, bad signatures and expired sessions with STS error codes', async () => {
    const unknown = stsClient(stack.dynamo.stsEndpoint, keyPair());
    const wrongSecret = stsClient(stack.dynamo.stsEndpoint, { ...stack.internal, secretAccessKey: 'wrong' });
    const expired = stsClient(stack.dynamo.stsEndpoint, EXPIRED);
    clients.push(unknown, wrongSecret, expired);
    await expect(unknown.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({ name: 'InvalidClientTokenId', $metadata: { httpStatusCode: 403 } });
    await expect(wrongSecret.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({ name: 'SignatureDoesNotMatch' });
    await expect(expired.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({ name: 'ExpiredToken' });
  });

  it('validates AssumeRole input as STS does', async () => {
    const sts = stsClient(stack.dynamo.stsEndpoint, stack.internal);
    clients.push(sts);
    await expect(sts.send(new AssumeRoleCommand({ RoleArn: stack.roleArns.tenantScoped, RoleSessionName: 'tenant-acme', DurationSeconds: 60, Tags: [{ Key: 'tenantId', Value: 'acme' }] })))
      .rejects.toMatchObject({ name: 'ValidationError' });
    await expect(sts.send(new AssumeRoleCommand({ RoleArn: stack.roleArns.tenantScoped, RoleSessionName: 'tenant-acme', Policy: '{}', Tags: [{ Key: 'tenantId', Value: 'acme' }] })))
      .rejects.toMatchObject({ name: 'ValidationError' });
  });
});

describe('DynamoDB with tenant credentials', () => {
  it('reads and writes the own tenant\'s items: single, batch, query, index, transactions', async () => {
    await acme.send(new PutItemCommand({ TableName: PIM, Item: { ...key('acme', 'EMP#1'), NameKey: { S: 'roe#ann#1' } } }));
    expect((await acme.send(new GetItemCommand({ TableName: PIM, Key: key('acme', 'EMP#1') }))).Item?.NameKey).toEqual({ S: 'roe#ann#1' });
    await acme.send(new BatchWriteItemCommand({ RequestItems: { [PIM]: [{ PutRequest: { Item: key('acme', 'EMP#2') } }, { PutRequest: { Item: key('acme', 'EMP#3') } }] } }));
    const batch = await acme.send(new BatchGetItemCommand({ RequestItems: { [PIM]: { Keys: [key('acme', 'EMP#2'), key('acme', 'EMP#3')] } } }));
    expect(batch.Responses?.[PIM]).toHaveLength(2);
    const query = await acme.send(new QueryCommand({
      TableName: PIM, KeyConditionExpression: '#t = :t AND begins_with(#e, :p)',
      ExpressionAttributeNames: { '#t': 'TenantId', '#e': 'EntityItem' }, ExpressionAttributeValues: { ':t': { S: 'TENANT#acme' }, ':p': { S: 'EMP#' } },
    }));
    expect(query.Items?.map((i) => i.EntityItem?.S)).toEqual(['EMP#1', 'EMP#2', 'EMP#3']);
    const byName = await acme.send(new QueryCommand({ TableName: PIM, IndexName: EMPLOYEES_BY_NAME.name, KeyConditionExpression: 'TenantId = :t', ExpressionAttributeValues: { ':t': { S: 'TENANT#acme' } } }));
    expect(byName.Items).toHaveLength(1);
    await acme.send(new TransactWriteItemsCommand({ TransactItems: [
      { Put: { TableName: PIM, Item: key('acme', 'EMP#4') } },
      { ConditionCheck: { TableName: PIM, Key: key('acme', 'EMP#1'), ConditionExpression: 'attribute_exists(TenantId)' } },
    ] }));
    const got = await acme.send(new TransactGetItemsCommand({ TransactItems: [{ Get: { TableName: PIM, Key: key('acme', 'EMP#4') } }] }));
    expect(got.Responses?.[0]?.Item).toEqual(key('acme', 'EMP#4'));
  });

  it('denies another tenant\'s GetItem, PutItem and Query with AWS\'s AccessDeniedException', async () => {
    const resource = `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/${PIM}`;
    await expect(acme.send(new GetItemCommand({ TableName: PIM, Key: key('globex', 'EMP#1') }))).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: `User: arn:aws:sts::${ACCOUNT}:assumed-role/OptimalHR-TenantScoped-Dev/tenant-acme is not authorized to perform: dynamodb:GetItem on resource: ${resource} because no identity-based policy allows the dynamodb:GetItem action`,
      $metadata: { httpStatusCode: 400 },
    });
    await expect(acme.send(new PutItemCommand({ TableName: PIM, Item: key('globex', 'EMP#9') }))).rejects.toMatchObject({ name: 'AccessDeniedException' });
    expect(await exists(key('globex', 'EMP#9'))).toBe(false);
    await expect(acme.send(new QueryCommand({ TableName: PIM, KeyConditionExpression: 'TenantId = :t', ExpressionAttributeValues: { ':t': { S: 'TENANT#globex' } } })))
      .rejects.toMatchObject({ name: 'AccessDeniedException', message: expect.stringContaining('dynamodb:Query') });
    await expect(acme.send(new QueryCommand({ TableName: PIM, IndexName: EMPLOYEES_BY_NAME.name, KeyConditionExpression: 'TenantId = :t', ExpressionAttributeValues: { ':t': { S: 'TENANT#globex' } } })))
      .rejects.toMatchObject({ name: 'AccessDeniedException', message: expect.stringContaining(`${resource}/index/${EMPLOYEES_BY_NAME.name}`) });
  });

  it('denies a BatchWriteItem mixing two tenants and writes nothing', async () => {
    await expect(acme.send(new BatchWriteItemCommand({ RequestItems: { [PIM]: [
      { PutRequest: { Item: key('acme', 'EMP#10') } },
      { PutRequest: { Item: key('globex', 'EMP#10') } },
    ] } }))).rejects.toMatchObject({ name: 'AccessDeniedException', message: expect.stringContaining('dynamodb:BatchWriteItem') });
    expect(await exists(key('acme', 'EMP#10'))).toBe(false);
    expect(await exists(key('globex', 'EMP#10'))).toBe(false);
  });

  it('denies a TransactWriteItems touching another tenant and writes nothing', async () => {
    await expect(acme.send(new TransactWriteItemsCommand({ TransactItems: [
      { Put: { TableName: PIM, Item: key('acme', 'EMP#11') } },
      { Delete: { TableName: PIM, Key: key('globex', 'EMP#1') } },
    ] }))).rejects.toMatchObject({ name: 'AccessDeniedException', message: expect.stringContaining('dynamodb:DeleteItem') });
    expect(await exists(key('acme', 'EMP#11'))).toBe(false);
    expect(await exists(key('globex', 'EMP#1'))).toBe(true);
  });

  it('denies the vacuous cases: Scan, an empty batch, PartiQL', async () => {
    await expect(acme.send(new ScanCommand({ TableName: PIM }))).rejects.toMatchObject({ name: 'AccessDeniedException', message: expect.stringContaining('dynamodb:Scan') });
    await expect(acme.send(new BatchGetItemCommand({ RequestItems: { [PIM]: { Keys: [] } } }))).rejects.toMatchObject({ name: 'AccessDeniedException' });
    await expect(acme.send(new ExecuteStatementCommand({ Statement: `SELECT * FROM "${PIM}" WHERE TenantId = 'TENANT#acme'` })))
      .rejects.toMatchObject({ name: 'AccessDeniedException', message: expect.stringContaining('dynamodb:PartiQLSelect') });
  });

  it('denies the TenantRegistry even under the own key, and table management', async () => {
    await expect(acme.send(new GetItemCommand({ TableName: 'TenantRegistryDev', Key: key('acme', 'PROFILE') }))).rejects.toMatchObject({ name: 'AccessDeniedException' });
    await expect(acme.send(new PutItemCommand({ TableName: 'TenantRegistryDev', Item: key('acme', 'PROFILE') }))).rejects.toMatchObject({ name: 'AccessDeniedException' });
  });

  it('refuses unknown keys, wrong secrets and expired sessions with DynamoDB error types', async () => {
    const get = new GetItemCommand({ TableName: PIM, Key: key('acme', 'EMP#1') });
    await expect(client(keyPair()).send(get)).rejects.toMatchObject({ name: 'UnrecognizedClientException', message: 'The security token included in the request is invalid.' });
    await expect(client({ ...acmeCredentials, sessionToken: 'forged' }).send(get)).rejects.toMatchObject({ name: 'UnrecognizedClientException' });
    await expect(client({ ...acmeCredentials, secretAccessKey: 'wrong' }).send(get)).rejects.toMatchObject({ name: 'InvalidSignatureException' });
    await expect(client(EXPIRED).send(get)).rejects.toMatchObject({ name: 'ExpiredTokenException', message: 'The security token included in the request is expired' });
  });
});

describe('DynamoDB with service keys', () => {
  it('the internal (system) key works across tenants but cannot Scan', async () => {
    expect(await exists(key('globex', 'EMP#1'))).toBe(true);
    await expect(stack.admin.send(new ScanCommand({ TableName: PIM }))).rejects.toMatchObject({ name: 'AccessDeniedException' });
  });

  it('the AppSync data-source key reaches its tables only', async () => {
    const appsync = client(stack.appSync);
    expect((await appsync.send(new GetItemCommand({ TableName: PIM, Key: key('globex', 'EMP#1') }))).Item).toBeDefined();
    await expect(appsync.send(new GetItemCommand({ TableName: 'TenantRegistryDev', Key: key('acme', 'PROFILE') })))
      .rejects.toMatchObject({ name: 'AccessDeniedException', message: expect.stringContaining('assumed-role/OptimalHR-AppSyncDynamoDB-Dev/appsync') });
  });
});
