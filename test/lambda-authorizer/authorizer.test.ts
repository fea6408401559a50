/**
 * The authorizer's contract with AppSync: one Verified Permissions call per token, a decision
 * that covers the whole schema, and a denial for anything unexpected.
 */
import type { BatchIsAuthorizedCommand, VerifiedPermissionsClient } from '@aws-sdk/client-verifiedpermissions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIELD_GROUPS } from '../../domain/model/authorization.ts';
import { OPERATION_GROUPS, OPERATIONS } from '../../domain/generated/operations.ts';
import { createLogger } from '../../domain/logger.ts';
import type { TenantRecord } from '../../domain/tenancy/registry.ts';
import { createAuthorizer } from '../../lambda-authorizer/authorizer.ts';
import { fakeRegistry, startTestIdp, testTenant, type TestIdp } from './support/tokens.ts';

type Request = NonNullable<BatchIsAuthorizedCommand['input']['requests']>[number];
type Rule = (request: Request) => 'ALLOW' | 'DENY' | 'ERROR' | 'ODD';

/** A Verified Permissions stand-in deciding each request with `rule`, counting calls. */
function fakeAvp(rule: Rule) {
  const calls: BatchIsAuthorizedCommand['input'][] = [];
  const client = {
    async send(command: BatchIsAuthorizedCommand) {
      calls.push(command.input);
      return {
        results: (command.input.requests ?? []).map((request) => {
          const answer = rule(request);
          if (answer === 'ERROR') return { request, decision: 'DENY', determiningPolicies: [], errors: [{ errorDescription: 'while evaluating policy tenant-admin: attribute tenant not found' }] };
          return { request, decision: answer === 'ODD' ? 'MAYBE' : answer, determiningPolicies: [], errors: [] };
        }),
      };
    },
  };
  return { client: client as unknown as VerifiedPermissionsClient, calls };
}

const action = (r: Request) => r.action!.actionId!;
const resourceId = (r: Request) => r.resource!.entityId!;

/** The operation groups a reader holds, and the operations they open. */
const READ_GROUPS = ['ReadEmployees', 'ReadOrganisation'];
const readable = (operation: string) => READ_GROUPS.includes(OPERATION_GROUPS[operation as keyof typeof OPERATION_GROUPS]);

/** A reader: the read groups only; personal details of self and reports, sensitive of self. */
const readerRule: Rule = (r) => {
  const a = action(r);
  if (READ_GROUPS.includes(a)) return 'ALLOW';
  if (a === 'ReadPersonalDetails') return resourceId(r) === 'probe#any-employee' ? 'DENY' : 'ALLOW';
  if (a === 'ReadSensitiveDetails') return resourceId(r) === 'E1' ? 'ALLOW' : 'DENY';
  return 'DENY';
};

let idp: TestIdp;
let acme: TenantRecord;
const lines: string[] = [];
const logger = createLogger({ service: 'authorizer-test', level: 'debug', write: (line) => lines.push(line) });

beforeAll(async () => {
  idp = await startTestIdp();
  acme = testTenant('acme', idp.jwksUri);
});

afterAll(async () => {
  await idp.stop();
});

function authorizer(rule: Rule, tenants: TenantRecord[] = [acme], ttl = 60) {
  const avp = fakeAvp(rule);
  const handler = createAuthorizer({ registry: fakeRegistry(tenants).registry, avp: avp.client, stage: 'Dev', logger, decisionTtlSeconds: ttl });
  return { handler, calls: avp.calls };
}

describe('an allowed caller', () => {
  it('gets a resolverContext and deniedFields covering every operation and restricted field', async () => {
    const { handler, calls } = authorizer(readerRule);
    const token = idp.token({ tenant: acme, sub: 'u-1', role: 'TenantUser', employeeId: 'E1' });
    const result = await handler({ authorizationToken: token, requestContext: { requestId: 'r-1' } });

    expect(result.isAuthorized).toBe(true);
    expect(result.resolverContext).toEqual({
      tenantId: 'acme',
      userId: 'u-1',
      role: 'TenantUser',
      stage: 'Dev',
      employeeId: 'E1',
      crossTenant: 'false',
      deniedOperations: OPERATIONS.filter((o) => !readable(o)).join(','),
      capabilities: '',
      'scope:ReadPersonalDetails': 'team',
      'scope:ReadSensitiveDetails': 'self',
      'scope:ReadFinancialDetails': 'none',
      // The registry record has no settings: the default zone.
      timeZone: 'UTC',
    });
    expect(result.deniedFields).toEqual([...OPERATIONS.filter((o) => !readable(o)), ...FIELD_GROUPS.ReadFinancialDetails]);
    // Every operation asked about, whatever the query was, in as few batches of 30 as it takes.
    const requests = calls.flatMap((call) => call.requests!);
    expect(calls).toHaveLength(Math.ceil(requests.length / 30));
    expect(calls.every((call) => call.requests!.length <= 30)).toBe(true);
    const asked = new Set(requests.map(action));
    // Every operation's group is asked about (one decision covers all the group's operations), and no operation on its own.
    for (const operation of OPERATIONS) expect(asked.has(OPERATION_GROUPS[operation])).toBe(true);
    expect([...asked].some((a) => (OPERATIONS as readonly string[]).includes(a))).toBe(false);
    for (const call of calls) expect(call.policyStoreId).toBe('store-acme');
    expect(result.ttlOverride).toBeGreaterThan(0);
    expect(result.ttlOverride).toBeLessThanOrEqual(60);
  });

  it('gives a caller who may cross tenants the stage\'s active tenants, and no one else', async () => {
    const system = testTenant('system', idp.jwksUri, { kind: 'system' });
    const tenants = [system, acme, testTenant('globex', idp.jwksUri), testTenant('initech', idp.jwksUri, { status: 'suspended' })];
    const { handler } = authorizer((r) => (action(r) === 'AccessOtherTenants' ? 'ALLOW' : 'DENY'), tenants);
    const admin = await handler({ authorizationToken: idp.token({ tenant: system, sub: 's-1', role: 'SystemAdmin' }) });
    expect(admin.resolverContext).toMatchObject({ crossTenant: 'true', activeTenants: 'acme,globex,system' });
    const { handler: tenantHandler } = authorizer(readerRule, tenants);
    const user = await tenantHandler({ authorizationToken: idp.token({ tenant: acme, sub: 'u-9', role: 'TenantUser' }) });
    expect(user.resolverContext).not.toHaveProperty('activeTenants');
  });

  it('hands on the capabilities the store grants over an employee of the caller\'s tenant (a kiosk punching for others)', async () => {
    const kioskRule: Rule = (r) => (action(r) === 'Punch' || (action(r) === 'PunchForEmployees' && resourceId(r) === 'probe#any-employee') ? 'ALLOW' : 'DENY');
    const { handler, calls } = authorizer(kioskRule);
    const result = await handler({ authorizationToken: idp.token({ tenant: acme, sub: 'k-1', role: 'Kiosk' }) });
    expect(result.resolverContext).toMatchObject({ role: 'Kiosk', capabilities: 'PunchForEmployees', deniedOperations: OPERATIONS.filter((o) => OPERATION_GROUPS[o] !== 'Punch').join(',') });
    const asked = calls.flatMap((call) => call.requests!).filter((r) => action(r) === 'PunchForEmployees');
    expect(asked.map((r) => r.resource)).toEqual([{ entityType: 'OptimalHR::Employee', entityId: 'probe#any-employee' }]);
  });

  it('hides the fields of a group the caller may see for nobody', async () => {
    const { handler } = authorizer((r) => (READ_GROUPS.includes(action(r)) ? 'ALLOW' : 'DENY'));
    const result = await handler({ authorizationToken: idp.token({ tenant: acme, sub: 'u-2', role: 'TenantUser' }) });
    expect(result.resolverContext).toMatchObject({ 'scope:ReadPersonalDetails': 'none', 'scope:ReadSensitiveDetails': 'none' });
    expect(result.deniedFields).toEqual(expect.arrayContaining([...FIELD_GROUPS.ReadPersonalDetails, ...FIELD_GROUPS.ReadSensitiveDetails]));
  });

  it('costs one Verified Permissions decision per token, not per request', async () => {
    const { handler, calls } = authorizer(readerRule);
    const first = idp.token({ tenant: acme, sub: 'u-3', role: 'TenantUser' });
    const second = idp.token({ tenant: acme, sub: 'u-4', role: 'TenantUser' });
    await handler({ authorizationToken: first });
    const batchesPerDecision = calls.length;
    for (let i = 0; i < 5; i += 1) {
      await handler({ authorizationToken: first });
      await handler({ authorizationToken: second });
    }
    expect(calls).toHaveLength(2 * batchesPerDecision);
  });

  it('never lets AppSync cache a decision past the token expiry', async () => {
    const { handler } = authorizer(readerRule, [acme], 3600);
    const token = idp.token({ tenant: acme, sub: 'u-5', role: 'TenantUser' }, { exp: Math.floor(Date.now() / 1000) + 30 });
    const result = await handler({ authorizationToken: token });
    expect(result.ttlOverride).toBeLessThanOrEqual(30);
  });
});

describe('fails closed', () => {
  const token = () => idp.token({ tenant: acme, sub: 'u-9', role: 'TenantAdmin' });

  it.each<[string, Rule]>([
    ['a policy evaluation error in any answer', (r) => (action(r) === 'ManageEmployees' ? 'ERROR' : 'ALLOW')],
    ['an unexpected decision value', (r) => (action(r) === 'ReadEmployees' ? 'ODD' : 'ALLOW')],
  ])('on %s', async (_case, rule) => {
    const { handler } = authorizer(rule);
    expect(await handler({ authorizationToken: token() })).toEqual({ isAuthorized: false });
  });

  it('when Verified Permissions is unreachable', async () => {
    const handler = createAuthorizer({
      registry: fakeRegistry([acme]).registry,
      avp: { send: async () => Promise.reject(new Error('connect ECONNREFUSED')) } as unknown as VerifiedPermissionsClient,
      stage: 'Dev',
      logger,
      decisionTtlSeconds: 60,
    });
    expect(await handler({ authorizationToken: token() })).toEqual({ isAuthorized: false });
  });

  it('when the tenant has no policy store', async () => {
    const { handler, calls } = authorizer(() => 'ALLOW', [{ ...acme, policyStoreId: '' }]);
    expect(await handler({ authorizationToken: token() })).toEqual({ isAuthorized: false });
    expect(calls).toHaveLength(0);
  });

  it('logs the reason and never the token', async () => {
    lines.length = 0;
    const { handler } = authorizer(() => 'ALLOW');
    const expired = idp.token({ tenant: acme, sub: 'u-10', role: 'TenantAdmin' }, { exp: Math.floor(Date.now() / 1000) - 5 });
    await handler({ authorizationToken: expired, requestContext: { requestId: 'req-42' } });
    const denial = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.message === 'denied');
    expect(denial).toMatchObject({ level: 'warn', reason: 'expired', requestId: 'req-42', service: 'authorizer-test' });
    for (const line of lines) expect(line).not.toContain(expired.split('.')[2]!);
  });
});

describe('the suspension bound (decisions ≤ decisionTtlSeconds from the registry read they rest on)', () => {
  it('given a kept decision, when the registry reloads with the tenant suspended, then the same token is denied at once', async () => {
    const fake = fakeRegistry([acme]);
    const handler = createAuthorizer({ registry: fake.registry, avp: fakeAvp(() => 'ALLOW').client, stage: 'Dev', logger, decisionTtlSeconds: 60 });
    const token = idp.token({ tenant: acme, sub: 'u-20', role: 'TenantUser' });
    expect((await handler({ authorizationToken: token })).isAuthorized).toBe(true);
    fake.set([{ ...acme, status: 'suspended' }]);
    await fake.registry.refresh();
    expect(await handler({ authorizationToken: token })).toEqual({ isAuthorized: false });
    fake.set([acme]);
    await fake.registry.refresh();
    expect((await handler({ authorizationToken: token })).isAuthorized).toBe(true);
  });

  it('given a registry snapshot 25 s old, when a decision is made, then AppSync may keep it 35 s, not 60', async () => {
    let clock = Date.now();
    const registry = fakeRegistry([acme]).registry;
    const snapshot = await registry.get();
    clock = snapshot.loadedAt + 25_000;
    const handler = createAuthorizer({ registry, avp: fakeAvp(() => 'ALLOW').client, stage: 'Dev', logger, decisionTtlSeconds: 60, now: () => clock });
    const result = await handler({ authorizationToken: idp.token({ tenant: acme, sub: 'u-21', role: 'TenantUser' }) });
    expect(result.isAuthorized).toBe(true);
    expect(result.ttlOverride).toBe(35);
  });
});

describe('a disabled user', () => {
  it('given a kept decision, when the registry lists the user as disabled, then their token is denied; enabled again, allowed', async () => {
    const fake = fakeRegistry([acme]);
    const handler = createAuthorizer({ registry: fake.registry, avp: fakeAvp(() => 'ALLOW').client, stage: 'Dev', logger, decisionTtlSeconds: 60 });
    const token = idp.token({ tenant: acme, sub: 'u-30', role: 'TenantUser' });
    const colleague = idp.token({ tenant: acme, sub: 'u-31', role: 'TenantUser' });
    expect((await handler({ authorizationToken: token })).isAuthorized).toBe(true);
    fake.set([{ ...acme, disabledUsers: new Set(['u-30']) }]);
    await fake.registry.refresh();
    expect(await handler({ authorizationToken: token })).toEqual({ isAuthorized: false });
    // A fresh decision for the same token is denied too; a colleague is unaffected.
    expect(await handler({ authorizationToken: token })).toEqual({ isAuthorized: false });
    expect((await handler({ authorizationToken: colleague })).isAuthorized).toBe(true);
    fake.set([{ ...acme, disabledUsers: new Set() }]);
    await fake.registry.refresh();
    expect((await handler({ authorizationToken: token })).isAuthorized).toBe(true);
  });
});
