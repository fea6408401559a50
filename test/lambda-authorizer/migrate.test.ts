/**
 * Policy-store migrations against the local Verified Permissions: a store made from the previous
 * Cedar (before the ManageTenants group existed, with a policy since retired) is migrated to the
 * current files, and answers the authorizer's questions before, during and after.
 */
import { GetSchemaCommand, ListPoliciesCommand, VerifiedPermissionsClient } from '@aws-sdk/client-verifiedpermissions';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decide } from '../../lambda-authorizer/decide.ts';
import { MIGRATION_STEPS, migratePolicyStore, policyStoreVersion, type MigrationStep } from '../../lambda-authorizer/migrate.ts';
import { CEDAR_DIR, loadPolicyStoreSource, readPolicyStoreFiles, validatePolicyStoreFiles, type PolicyStoreSource } from '../../lambda-authorizer/policy-store.ts';
import { createPolicyStore, linkTemplate } from '../../lambda-authorizer/provision.ts';
import type { VerifiedCaller } from '../../lambda-authorizer/verify.ts';
import { startLocalVerifiedPermissions, type LocalVerifiedPermissions } from '../../local/verifiedpermissions/index.ts';
import { testTenant } from './support/tokens.ts';

let server: LocalVerifiedPermissions;
let avp: VerifiedPermissionsClient;
let previous: PolicyStoreSource;
let current: PolicyStoreSource;
let folder: string;

/** The Cedar files as they were before the tenant lifecycle: no ManageTenants group, and a policy retired since. */
function previousSource(): PolicyStoreSource {
  folder = mkdtempSync(path.join(os.tmpdir(), 'optimalhr-cedar-previous-'));
  cpSync(CEDAR_DIR, folder, { recursive: true });
  const schemaFile = path.join(folder, 'schema.cedarschema');
  const schema = readFileSync(schemaFile, 'utf8')
    .replace(/ *\/\/ Tenant lifecycle[^\n]*\n *action "ManageTenants"[^\n]*\n/, '')
    .replace(/ *action "Mutation\.createTenant"[^\n]* in \["ManageTenants"\]\n[^\n]*\n/, '');
  expect(schema).not.toContain('ManageTenants');
  writeFileSync(schemaFile, schema);
  writeFileSync(path.join(folder, 'tenant', 'retired.cedar'), '@id("RetiredAdminRead")\npermit (principal in OptimalHR::Role::"TenantAdmin", action == OptimalHR::Action::"ReadEmployees", resource);\n');
  const { problems, source } = validatePolicyStoreFiles(readPolicyStoreFiles('tenant', folder));
  expect(problems).toEqual([]);
  return source!;
}

beforeAll(async () => {
  server = await startLocalVerifiedPermissions();
  avp = new VerifiedPermissionsClient({ endpoint: server.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  previous = previousSource();
  current = loadPolicyStoreSource('tenant');
});

afterAll(async () => {
  avp?.destroy();
  await server?.stop();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

function admin(policyStoreId: string): VerifiedCaller {
  return { tenant: testTenant('acme', 'http://127.0.0.1:1/jwks.json', { policyStoreId }), userId: 'u-admin', role: 'TenantAdmin', expiresAt: Math.floor(Date.now() / 1000) + 3600 };
}

function user(policyStoreId: string): VerifiedCaller {
  return { tenant: testTenant('acme', 'http://127.0.0.1:1/jwks.json', { policyStoreId }), userId: 'u-self', role: 'TenantUser', employeeId: 'E-1', expiresAt: Math.floor(Date.now() / 1000) + 3600 };
}

async function statics(policyStoreId: string): Promise<number> {
  return (await avp.send(new ListPoliciesCommand({ policyStoreId, maxResults: 50, filter: { policyType: 'STATIC' } }))).policies?.length ?? 0;
}

describe('a policy store at the previous version', () => {
  it('has another version than the current files', () => {
    expect(policyStoreVersion(previous)).not.toBe(policyStoreVersion(current));
    expect(policyStoreVersion(loadPolicyStoreSource('tenant'))).toBe(policyStoreVersion(current));
  });

  it('given the current authorizer, when it asks the old store about every group, then it fails closed: the lockout migrations prevent', async () => {
    const policyStoreId = await createPolicyStore(avp, previous, 'tenant', 'acme');
    await expect(decide(avp, admin(policyStoreId), 'Dev')).rejects.toThrow();
  });

  it('keeps answering through every step of a migration, and ends holding exactly the current source', async () => {
    const policyStoreId = await createPolicyStore(avp, previous, 'tenant', 'acme');
    await linkTemplate(avp, policyStoreId, 'SelfService', { userId: 'u-self', employeeId: 'E-1' });
    const seen: MigrationStep[] = [];
    const report = await migratePolicyStore(avp, policyStoreId, current, async (step) => {
      seen.push(step);
      // From the first step on, the current authorizer gets answers: admins manage employees, the linked user keeps self-service.
      const decision = await decide(avp, admin(policyStoreId), 'Dev');
      expect(decision.resolverContext.deniedOperations).not.toContain('Mutation.createEmployee');
      const self = await decide(avp, user(policyStoreId), 'Dev');
      expect(self.resolverContext['scope:ReadSensitiveDetails']).toBe('self');
    });
    expect(seen).toEqual([...MIGRATION_STEPS]);
    expect(report).toMatchObject({ schemaChanged: true, removed: ['RetiredAdminRead'] });
    const schema = JSON.parse((await avp.send(new GetSchemaCommand({ policyStoreId }))).schema!) as unknown;
    expect(schema).toEqual(JSON.parse(current.schemaJson));
    expect(await statics(policyStoreId)).toBe(Object.keys(current.policies).length);
    // A tenant admin is refused the lifecycle group (system admins only), as a fresh store answers.
    const fresh = await createPolicyStore(avp, current, 'tenant', 'acme');
    expect((await decide(avp, admin(policyStoreId), 'Dev')).resolverContext.deniedOperations).toBe((await decide(avp, admin(fresh), 'Dev')).resolverContext.deniedOperations);
  });

  it('does nothing when run again', async () => {
    const policyStoreId = await createPolicyStore(avp, previous, 'tenant', 'acme');
    await migratePolicyStore(avp, policyStoreId, current);
    expect(await migratePolicyStore(avp, policyStoreId, current)).toEqual({ schemaChanged: false, created: [], updated: [], removed: [] });
  });
});
