/**
 * The deployable credentials provider (domain/tenant-credentials.ts) against the local STS and
 * the enforcing DynamoDB, found through the standard endpoint settings.
 */
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { tenantClients, type TenantClients } from '../../../domain/tenant-credentials.ts';
import { REGION, startIamStack, stsClient, type IamStack } from './helpers.ts';

let stack: IamStack;
let tenants: TenantClients;

beforeAll(async () => {
  stack = await startIamStack();
  tenants = tenantClients({
    roleArn: stack.roleArns.tenantScoped,
    // On AWS: the Lambda's own execution-role credentials and the default endpoints.
    sts: stsClient(stack.dynamo.stsEndpoint, stack.internal),
    dynamodb: { region: REGION, endpoint: stack.dynamo.endpoint, maxAttempts: 1 },
  });
});

afterAll(async () => {
  tenants?.destroy();
  await stack?.stop();
});

it('gives each tenant a client confined to its own partition', async () => {
  const acme = await tenants.forTenant('acme');
  const globex = await tenants.forTenant('globex');
  await acme.dynamodb.send(new PutItemCommand({ TableName: 'LeaveDev', Item: { TenantId: { S: 'TENANT#acme' }, EntityItem: { S: 'LEAVE#1' } } }));
  await globex.dynamodb.send(new PutItemCommand({ TableName: 'LeaveDev', Item: { TenantId: { S: 'TENANT#globex' }, EntityItem: { S: 'LEAVE#1' } } }));
  const own = await acme.dynamodb.send(new GetItemCommand({ TableName: 'LeaveDev', Key: { TenantId: { S: 'TENANT#acme' }, EntityItem: { S: 'LEAVE#1' } } }));
  expect(own.Item).toBeDefined();
  await expect(acme.dynamodb.send(new GetItemCommand({ TableName: 'LeaveDev', Key: { TenantId: { S: 'TENANT#globex' }, EntityItem: { S: 'LEAVE#1' } } })))
    .rejects.toMatchObject({ name: 'AccessDeniedException' });
  expect((await tenants.forTenant('acme')).dynamodb).toBe(acme.dynamodb);
});
