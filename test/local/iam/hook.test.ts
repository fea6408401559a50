/**
 * The enforcement hook in process: denials are logged as security events (never secrets), and the
 * Query key-condition parser finds every equality on the partition key.
 */
import { SignatureV4 } from '@smithy/signature-v4';
import { expect, it } from 'vitest';
import { createLogger } from '../../../domain/logger.ts';
import { NodeSha256 } from '../../../domain/sha256.ts';
import { CredentialStore } from '../../../local/iam/credentials.ts';
import { queryLeadingKeys } from '../../../local/iam/dynamodb-checks.ts';
import { PolicyEvaluator } from '../../../local/iam/evaluator.ts';
import { createEnforcementHook } from '../../../local/iam/hook.ts';
import { localIamConfig } from '../../../local/iam/index.ts';
import { ACCOUNT, keyPair, REGION } from './helpers.ts';

async function setup() {
  const { roleArns, ...config } = localIamConfig({ stage: 'Dev', region: REGION, accountId: ACCOUNT, documentsBucket: 'docs', internal: keyPair(), appSyncTables: ['PIM'] });
  const store = new CredentialStore(config);
  const session = store.issue(store.role(roleArns.tenantScoped)!, 'tenant-acme', { tenantId: 'acme' }, Date.now() + 900_000);
  const lines: Record<string, unknown>[] = [];
  const evaluator = new PolicyEvaluator();
  const hook = createEnforcementHook({
    config, store, evaluator,
    logger: createLogger({ service: 'test', level: 'debug', write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>) }),
    tableKeys: async () => ({ partitionKey: 'TenantId', indexes: {} }),
  });
  const signer = new SignatureV4({ credentials: session, region: REGION, service: 'dynamodb', sha256: NodeSha256 });
  const call = async (operation: string, input: object, api = 'DynamoDB_20120810') => {
    const body = JSON.stringify(input);
    const target = `${api}.${operation}`;
    const signed = await signer.sign({ method: 'POST', protocol: 'http:', hostname: '127.0.0.1', path: '/', headers: { host: '127.0.0.1:8000', 'x-amz-target': target }, body });
    const headers = Object.fromEntries(Object.entries(signed.headers).map(([k, v]) => [k.toLowerCase(), v]));
    return hook({ target, method: 'POST', url: '/', headers, body: Buffer.from(body) });
  };
  return { call, lines, session, evaluator };
}

it('logs a denied call as a security event with tenant, principal, action and resource only', async () => {
  const { call, lines, session } = await setup();
  const rejection = await call('GetItem', { TableName: 'PIMDev', Key: { TenantId: { S: 'TENANT#globex' }, EntityItem: { S: 'EMP#1' } } });
  expect(rejection).toMatchObject({ status: 400, body: { __type: 'com.amazon.coral.service#AccessDeniedException' } });
  expect(lines).toEqual([expect.objectContaining({
    level: 'warn', event: 'security.access_denied', tenantId: 'acme',
    principal: `arn:aws:sts::${ACCOUNT}:assumed-role/OptimalHR-TenantScoped-Dev/tenant-acme`,
    action: 'dynamodb:GetItem', resource: `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/PIMDev`,
  })]);
  const text = JSON.stringify(lines);
  expect(text).not.toContain(session.secretAccessKey);
  expect(text).not.toContain(session.sessionToken);
});

it('answers repeated calls from the decision cache', async () => {
  const { call, evaluator } = await setup();
  const input = { TableName: 'PIMDev', Key: { TenantId: { S: 'TENANT#acme' }, EntityItem: { S: 'EMP#1' } } };
  for (let i = 0; i < 5; i++) expect(await call('GetItem', input)).toBeUndefined();
  expect(evaluator.simulations).toBe(1);
});

it('refuses every API version but the evaluated one (dynalite also serves DynamoDB_20111205)', async () => {
  const { call } = await setup();
  expect(await call('Scan', { TableName: 'PIMDev' }, 'DynamoDB_20111205')).toMatchObject({ body: { __type: 'com.amazon.coral.service#UnknownOperationException' } });
  expect(await call('GetItem', { TableName: 'PIMDev', Key: { TenantId: { S: 'TENANT#acme' }, EntityItem: { S: 'EMP#1' } } })).toBeUndefined();
});

it('finds every equality on the partition key of a key condition', () => {
  const values = { ':a': { S: 'TENANT#acme' }, ':g': { S: 'TENANT#globex' }, ':p': { S: 'EMP#' } };
  const names = { '#t': 'TenantId', '#s': 'EntityItem' };
  const keys = (KeyConditionExpression: string) => queryLeadingKeys({ KeyConditionExpression, ExpressionAttributeNames: names, ExpressionAttributeValues: values }, 'TenantId');
  expect(keys('#t = :a AND begins_with(#s, :p)')).toEqual(['TENANT#acme']);
  expect(keys('(:a = TenantId) and #s BETWEEN :p AND :g')).toEqual(['TENANT#acme']);
  expect(keys('#t = :a AND #t = :g')).toEqual(['TENANT#acme', 'TENANT#globex']);
  expect(keys('begins_with(#s, :p)')).toBeUndefined();
  expect(queryLeadingKeys({ KeyConditions: { TenantId: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'TENANT#acme' }] } } }, 'TenantId')).toEqual(['TENANT#acme']);
});
