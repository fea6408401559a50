import { describe, expect, it } from 'vitest';
import { isValidEntityId, isValidTenantId, tenantIdFromKey, tenantKey } from '../../../domain/model/keys.ts';
import { employeeNameKey } from '../../../domain/people/model/keys.ts';
import { decideTenantScope } from '../../../domain/model/tenant-scope.ts';

describe('tenant keys', () => {
  it('round-trips tenant ids through partition keys and refuses anything else', () => {
    expect(tenantKey('acme')).toBe('TENANT#acme');
    expect(tenantIdFromKey('TENANT#acme')).toBe('acme');
    expect(tenantIdFromKey('TENANT#Acme')).toBeNull();
    expect(tenantIdFromKey('USER#acme')).toBeNull();
  });

  it.each([
    ['acme', true],
    ['globex-2', true],
    ['a', false],
    ['Acme', false],
    ['acme-', false],
    ['1acme', false],
    ['ac#me', false],
    ['a'.repeat(64), false],
    [42, false],
  ])('tenant id %s valid: %s', (id, valid) => {
    expect(isValidTenantId(id)).toBe(valid);
  });

  it('accepts entity ids without key separators only', () => {
    expect(isValidEntityId('01J8ZK3Q4W5E6R7T8Y9U0I1O2P')).toBe(true);
    expect(isValidEntityId('emp_42-a')).toBe(true);
    expect(isValidEntityId('EMP#1')).toBe(false);
    expect(isValidEntityId('')).toBe(false);
    expect(isValidEntityId('x'.repeat(65))).toBe(false);
  });

  it('orders the name index case-insensitively by last then first name', () => {
    const keys = [employeeNameKey('smith', 'Bob', '2'), employeeNameKey('Smith', 'alice', '1'), employeeNameKey('Adams', 'Zed', '3')];
    expect([...keys].sort()).toEqual([employeeNameKey('adams', 'zed', '3'), employeeNameKey('smith', 'alice', '1'), employeeNameKey('smith', 'bob', '2')]);
  });
});

describe('decideTenantScope', () => {
  const OP = 'Query.employee';
  const tenantAdmin = { tenantId: 'acme', crossTenant: 'false' };
  const systemAdmin = { tenantId: 'system', crossTenant: 'true', activeTenants: 'acme,globex,system' };

  it('takes the tenant from the caller context only', () => {
    expect(decideTenantScope(tenantAdmin, OP)).toEqual({ ok: true, scope: { tenantId: 'acme', tenantKey: 'TENANT#acme' } });
    expect(decideTenantScope(tenantAdmin, OP, 'acme')).toMatchObject({ ok: true, scope: { tenantId: 'acme' } });
  });

  it('refuses a caller without a valid tenant', () => {
    expect(decideTenantScope(undefined, OP)).toMatchObject({ ok: false, error: 'MISSING_TENANT_ID' });
    expect(decideTenantScope({ tenantId: '' }, OP)).toMatchObject({ ok: false, error: 'MISSING_TENANT_ID' });
    expect(decideTenantScope({ tenantId: 'ACME#x' }, OP)).toMatchObject({ ok: false, error: 'INVALID_TENANT_ID' });
  });

  it('refuses another tenant for tenant roles, even with a forged flag value', () => {
    expect(decideTenantScope(tenantAdmin, OP, 'globex')).toMatchObject({ ok: false, error: 'UNAUTHORIZED_ACCESS' });
    expect(decideTenantScope({ tenantId: 'acme', crossTenant: true }, OP, 'globex')).toMatchObject({ ok: false, error: 'UNAUTHORIZED_ACCESS' });
  });

  it('refuses an operation the authorizer denied, whatever the tenant', () => {
    const reader = { tenantId: 'acme', crossTenant: 'false', deniedOperations: 'Mutation.createEmployee,Mutation.deleteEmployee' };
    expect(decideTenantScope(reader, 'Mutation.deleteEmployee')).toMatchObject({ ok: false, error: 'UNAUTHORIZED_ACCESS' });
    expect(decideTenantScope(reader, 'Mutation.updateEmployee')).toMatchObject({ ok: true });
    expect(decideTenantScope(reader, 'Mutation.create')).toMatchObject({ ok: true });
  });

  it('given a system admin, when they name a tenant that is not active in the stage, then INVALID_TENANT_ID', () => {
    expect(decideTenantScope(systemAdmin, OP, 'nope')).toMatchObject({ ok: false, error: 'INVALID_TENANT_ID', message: expect.stringMatching(/"nope" names no active tenant/) });
    // A prefix or a part of the list is not a tenant.
    expect(decideTenantScope(systemAdmin, OP, 'acm')).toMatchObject({ ok: false, error: 'INVALID_TENANT_ID' });
    expect(decideTenantScope({ ...systemAdmin, activeTenants: 'acme,globex-2' }, OP, 'globex')).toMatchObject({ ok: false, error: 'INVALID_TENANT_ID' });
    // No list (an older or forged context) names no tenant: closed, not open.
    expect(decideTenantScope({ tenantId: 'system', crossTenant: 'true' }, OP, 'acme')).toMatchObject({ ok: false, error: 'INVALID_TENANT_ID' });
    expect(decideTenantScope({ tenantId: 'system', crossTenant: 'true', activeTenants: ['acme'] }, OP, 'acme')).toMatchObject({ ok: false, error: 'INVALID_TENANT_ID' });
    // Their own tenant needs no list.
    expect(decideTenantScope({ tenantId: 'system', crossTenant: 'true' }, OP, 'system')).toMatchObject({ ok: true, scope: { tenantId: 'system' } });
  });

  it('lets cross-tenant roles name a valid tenant', () => {
    expect(decideTenantScope(systemAdmin, OP, 'globex')).toEqual({ ok: true, scope: { tenantId: 'globex', tenantKey: 'TENANT#globex' } });
    expect(decideTenantScope(systemAdmin, OP, 'TENANT#globex')).toMatchObject({ ok: false, error: 'INVALID_TENANT_ID' });
  });
});
