/**
 * The generated policy JSON, evaluated with iam-simulate (the engine the local stack enforces with):
 * tenant isolation, the vacuous-truth traps, and the trust policy's tag requirements.
 */
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { describe, expect, it } from 'vitest';
import {
  appSyncDataSourcePolicy,
  dataSourceTables,
  ITEM_ACTIONS,
  systemRolePolicy,
  tenantScopedRolePolicy,
  tenantScopedRoleTrustPolicy,
  type PolicyDocument,
} from '../../domain/iam-policies.ts';
import { DATA_SOURCES } from '../../resolvers/manifest.ts';

const ACCOUNT = '123456789012';
const scope = { region: 'eu-west-1', accountId: ACCOUNT, stage: 'Dev' as const };
const BUCKET = 'optimalhr-documents-dev';
const tenantPolicy = tenantScopedRolePolicy({ ...scope, documentsBucket: BUCKET });
const SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/OptimalHR-TenantScoped-Dev/tenant-acme`;
const table = (name: string) => `arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/${name}`;
const ACME = { 'aws:PrincipalTag/tenantId': 'acme' };

async function decide(
  policy: PolicyDocument,
  action: string,
  resource: string,
  context: Record<string, string | string[]>,
  principal = SESSION,
): Promise<string> {
  const result = await runSimulation({
    request: { principal, action, resource: { resource, accountId: ACCOUNT }, contextVariables: context },
    identityPolicies: [{ name: 'policy', policy }],
    serviceControlPolicies: [],
    resourceControlPolicies: [],
  }, {});
  if (result.resultType === 'error') return `error: ${result.errors.message}`;
  return result.overallResult;
}

describe('tenant-scoped role policy', () => {
  it.each([...ITEM_ACTIONS])('allows %s on the own tenant\'s keys', async (action) => {
    expect(await decide(tenantPolicy, action, table('PIMDev'), { ...ACME, 'dynamodb:LeadingKeys': ['TENANT#acme'] })).toBe('Allowed');
  });

  it('allows transaction elements on the own tenant (item actions with EnclosingOperation)', async () => {
    const context = { ...ACME, 'dynamodb:LeadingKeys': ['TENANT#acme'], 'dynamodb:EnclosingOperation': 'TransactWriteItems' };
    expect(await decide(tenantPolicy, 'dynamodb:PutItem', table('LeaveDev'), context)).toBe('Allowed');
    expect(await decide(tenantPolicy, 'dynamodb:ConditionCheckItem', table('LeaveDev'), context)).toBe('Allowed');
  });

  it('allows Query on an index of a tenant table with the tenant leading key', async () => {
    expect(await decide(tenantPolicy, 'dynamodb:Query', `${table('PIMDev')}/index/ByName`, { ...ACME, 'dynamodb:LeadingKeys': ['TENANT#acme'] })).toBe('Allowed');
  });

  it('denies another tenant\'s keys, alone or mixed with the own', async () => {
    expect(await decide(tenantPolicy, 'dynamodb:GetItem', table('PIMDev'), { ...ACME, 'dynamodb:LeadingKeys': ['TENANT#globex'] })).toBe('ImplicitlyDenied');
    expect(await decide(tenantPolicy, 'dynamodb:BatchWriteItem', table('PIMDev'), { ...ACME, 'dynamodb:LeadingKeys': ['TENANT#acme', 'TENANT#globex'] })).toBe('ImplicitlyDenied');
  });

  it('denies a session without the tenantId tag', async () => {
    expect(await decide(tenantPolicy, 'dynamodb:GetItem', table('PIMDev'), { 'dynamodb:LeadingKeys': ['TENANT#acme'] })).toBe('ImplicitlyDenied');
    expect(await decide(tenantPolicy, 'dynamodb:GetItem', table('PIMDev'), { 'dynamodb:LeadingKeys': ['TENANT#'] })).toBe('ImplicitlyDenied');
  });

  it('denies the vacuous-truth cases: Scan, empty batches, Query without leading keys', async () => {
    expect(await decide(tenantPolicy, 'dynamodb:Scan', table('PIMDev'), ACME)).toBe('ImplicitlyDenied');
    expect(await decide(tenantPolicy, 'dynamodb:BatchGetItem', table('PIMDev'), ACME)).toBe('ImplicitlyDenied');
    expect(await decide(tenantPolicy, 'dynamodb:BatchWriteItem', table('PIMDev'), ACME)).toBe('ImplicitlyDenied');
    expect(await decide(tenantPolicy, 'dynamodb:Query', table('PIMDev'), ACME)).toBe('ImplicitlyDenied');
  });

  it('denies PartiQL (what ExecuteStatement is authorised as)', async () => {
    for (const action of ['dynamodb:PartiQLSelect', 'dynamodb:PartiQLInsert', 'dynamodb:PartiQLUpdate', 'dynamodb:PartiQLDelete']) {
      expect(await decide(tenantPolicy, action, table('PIMDev'), { ...ACME, 'dynamodb:LeadingKeys': ['TENANT#acme'] })).toBe('ImplicitlyDenied');
    }
    // ExecuteStatement is an API, not an IAM action: nothing can grant it by that name.
    expect(await decide(tenantPolicy, 'dynamodb:ExecuteStatement', table('PIMDev'), ACME)).not.toBe('Allowed');
  });

  it('denies the TenantRegistry, and the DueJobs index whose partition is not the tenant', async () => {
    expect(await decide(tenantPolicy, 'dynamodb:GetItem', table('TenantRegistryDev'), { ...ACME, 'dynamodb:LeadingKeys': ['TENANT#acme'] })).toBe('ImplicitlyDenied');
    expect(await decide(tenantPolicy, 'dynamodb:Query', `${table('TenantRegistryDev')}/index/ByItem`, { ...ACME, 'dynamodb:LeadingKeys': ['TENANT#acme'] })).toBe('ImplicitlyDenied');
    expect(await decide(tenantPolicy, 'dynamodb:Query', `${table('TenantJobDev')}/index/DueJobs`, { ...ACME, 'dynamodb:LeadingKeys': ['2024-01-01#0'] })).toBe('ImplicitlyDenied');
  });

  it('denies another stage\'s tables', async () => {
    expect(await decide(tenantPolicy, 'dynamodb:GetItem', table('PIMProd'), { ...ACME, 'dynamodb:LeadingKeys': ['TENANT#acme'] })).toBe('ImplicitlyDenied');
  });

  it('allows S3 objects under the own prefix only', async () => {
    const object = (key: string) => `arn:aws:s3:::${BUCKET}/${key}`;
    for (const action of ['s3:GetObject', 's3:PutObject', 's3:DeleteObject']) {
      expect(await decide(tenantPolicy, action, object('tenants/acme/payslips/2024-03.pdf'), ACME)).toBe('Allowed');
      expect(await decide(tenantPolicy, action, object('tenants/globex/payslips/2024-03.pdf'), ACME)).toBe('ImplicitlyDenied');
      expect(await decide(tenantPolicy, action, object('root.txt'), ACME)).toBe('ImplicitlyDenied');
    }
    expect(await decide(tenantPolicy, 's3:GetObject', object('tenants/acme/x'), {})).toBe('ImplicitlyDenied');
  });

  it('lists the own prefix only, never the bucket root', async () => {
    const bucket = `arn:aws:s3:::${BUCKET}`;
    expect(await decide(tenantPolicy, 's3:ListBucket', bucket, { ...ACME, 's3:prefix': 'tenants/acme/' })).toBe('Allowed');
    expect(await decide(tenantPolicy, 's3:ListBucket', bucket, { ...ACME, 's3:prefix': 'tenants/acme/docs/' })).toBe('Allowed');
    expect(await decide(tenantPolicy, 's3:ListBucket', bucket, { ...ACME, 's3:prefix': 'tenants/globex/' })).toBe('ImplicitlyDenied');
    expect(await decide(tenantPolicy, 's3:ListBucket', bucket, { ...ACME, 's3:prefix': 'tenants/' })).toBe('ImplicitlyDenied');
    expect(await decide(tenantPolicy, 's3:ListBucket', bucket, ACME)).toBe('ImplicitlyDenied');
  });

  it('keeps the tenant variable literal and names every action explicitly', () => {
    const text = JSON.stringify(tenantPolicy);
    expect(text).toContain('TENANT#${aws:PrincipalTag/tenantId}');
    expect(text).not.toMatch(/"dynamodb:\*"|dynamodb:Scan|PartiQL|TenantRegistry/);
  });
});

describe('tenant-scoped role trust policy', () => {
  const trust = tenantScopedRoleTrustPolicy([`arn:aws:iam::${ACCOUNT}:role/Lambda-Dev`]);
  const role = `arn:aws:iam::${ACCOUNT}:role/OptimalHR-TenantScoped-Dev`;
  async function assume(caller: string, action: string, context: Record<string, string | string[]>): Promise<string> {
    const result = await runSimulation({
      request: { principal: caller, action, resource: { resource: role, accountId: ACCOUNT }, contextVariables: context },
      identityPolicies: [],
      resourcePolicy: trust,
      serviceControlPolicies: [],
      resourceControlPolicies: [],
    }, {});
    return result.resultType === 'error' ? `error: ${result.errors.message}` : result.overallResult;
  }
  const lambda = `arn:aws:sts::${ACCOUNT}:assumed-role/Lambda-Dev/AIML-SaaS-CRUD-Item`;
  const tagged = { 'aws:RequestTag/tenantId': 'acme', 'aws:TagKeys': ['tenantId'] };

  it('lets the trusted principal assume and tag with tenantId', async () => {
    expect(await assume(lambda, 'sts:AssumeRole', tagged)).toBe('Allowed');
    expect(await assume(lambda, 'sts:TagSession', tagged)).toBe('Allowed');
  });

  it('refuses an untagged session, an empty tag, extra tags and untrusted callers', async () => {
    expect(await assume(lambda, 'sts:AssumeRole', {})).toBe('ImplicitlyDenied');
    expect(await assume(lambda, 'sts:AssumeRole', { 'aws:RequestTag/tenantId': '', 'aws:TagKeys': ['tenantId'] })).toBe('ImplicitlyDenied');
    expect(await assume(lambda, 'sts:TagSession', { ...tagged, 'aws:RequestTag/role': 'admin', 'aws:TagKeys': ['tenantId', 'role'] })).toBe('ImplicitlyDenied');
    expect(await assume(`arn:aws:sts::${ACCOUNT}:assumed-role/Other/x`, 'sts:AssumeRole', tagged)).toBe('ImplicitlyDenied');
  });
});

describe('system and AppSync data-source policies', () => {
  it('system role: any tenant, TenantRegistry included; no Scan, no PartiQL', async () => {
    const system = systemRolePolicy(scope);
    expect(await decide(system, 'dynamodb:GetItem', table('PIMDev'), { 'dynamodb:LeadingKeys': ['TENANT#globex'] })).toBe('Allowed');
    expect(await decide(system, 'dynamodb:Query', `${table('TenantRegistryDev')}/index/ByItem`, { 'dynamodb:LeadingKeys': ['PROFILE'] })).toBe('Allowed');
    expect(await decide(system, 'dynamodb:Scan', table('PIMDev'), {})).toBe('ImplicitlyDenied');
    expect(await decide(system, 'dynamodb:PartiQLSelect', table('PIMDev'), {})).toBe('ImplicitlyDenied');
  });

  it('AppSync data source: the manifest\'s tables only, transactions per item', async () => {
    const tables = dataSourceTables(DATA_SOURCES);
    expect(tables).toContain('PIM');
    const appsync = appSyncDataSourcePolicy({ ...scope, tables });
    expect(await decide(appsync, 'dynamodb:PutItem', table('PIMDev'), { 'dynamodb:LeadingKeys': ['TENANT#acme'], 'dynamodb:EnclosingOperation': 'TransactWriteItems' })).toBe('Allowed');
    expect(await decide(appsync, 'dynamodb:Query', `${table('PIMDev')}/index/ByName`, { 'dynamodb:LeadingKeys': ['TENANT#acme'] })).toBe('Allowed');
    expect(await decide(appsync, 'dynamodb:GetItem', table('TenantRegistryDev'), { 'dynamodb:LeadingKeys': ['TENANT#acme'] })).toBe('ImplicitlyDenied');
    expect(await decide(appsync, 'dynamodb:Scan', table('PIMDev'), {})).toBe('ImplicitlyDenied');
  });
});
