/** Token verification: every malformed, forged or misdirected token is refused with its reason. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TenantRecord } from '../../domain/tenancy/registry.ts';
import { AuthorizationDenied, MAX_TOKEN_LENGTH, tokenVerifier, type DenyReason } from '../../lambda-authorizer/verify.ts';
import { fakeRegistry, startTestIdp, testTenant, type TestIdp } from './support/tokens.ts';

let idp: TestIdp;
let acme: TenantRecord;
let globex: TenantRecord;
let system: TenantRecord;
let registry: ReturnType<typeof fakeRegistry>;
let verifier: ReturnType<typeof tokenVerifier>;

beforeAll(async () => {
  idp = await startTestIdp();
  acme = testTenant('acme', idp.jwksUri);
  globex = testTenant('globex', idp.jwksUri);
  system = testTenant('system', idp.jwksUri);
  registry = fakeRegistry([acme, globex, system]);
  verifier = tokenVerifier(registry.registry, 'Dev');
});

afterAll(async () => {
  await idp.stop();
});

async function reasonFor(token: string | undefined): Promise<DenyReason> {
  const error = await verifier.verify(token).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AuthorizationDenied);
  return (error as AuthorizationDenied).reason;
}

describe('a valid ID token', () => {
  it('yields the caller with tenant, role and employee', async () => {
    const caller = await verifier.verify(idp.token({ tenant: acme, sub: 'u-1', role: 'TenantUser', employeeId: 'E1' }));
    expect(caller).toMatchObject({ tenant: { tenantId: 'acme' }, userId: 'u-1', role: 'TenantUser', employeeId: 'E1' });
    expect(caller.expiresAt).toBeGreaterThan(Date.now() / 1000);
  });

  it('is accepted with a Bearer prefix', async () => {
    const caller = await verifier.verify(`Bearer ${idp.token({ tenant: globex, sub: 'g-1', role: 'TenantAdmin' })}`);
    expect(caller.tenant.tenantId).toBe('globex');
  });

  it('works for system roles from the system pool', async () => {
    const caller = await verifier.verify(idp.token({ tenant: system, sub: 's-1', role: 'SystemSupport' }));
    expect(caller.role).toBe('SystemSupport');
  });
});

describe('refused tokens', () => {
  const user = () => ({ tenant: acme, sub: 'u-1', role: 'TenantAdmin' });

  it.each<[string, () => string | undefined, DenyReason]>([
    ['no token', () => undefined, 'missing-token'],
    ['an empty token', () => '', 'missing-token'],
    ['not a JWT', () => 'Basic dXNlcjpwYXNz', 'malformed-token'],
    ['a JWT without an issuer', () => idp.token(user(), { iss: undefined }), 'malformed-token'],
    ['alg none (no signature at all)', () => idp.token(user(), {}, { alg: 'none' }), 'malformed-token'],
    ['a signature by another key', () => idp.token(user(), {}, { key: idp.strangerKey }), 'invalid-signature'],
    ['an unknown kid', () => idp.token(user(), {}, { kid: 'rotated-away' }), 'invalid-signature'],
    ['an expired token', () => idp.token(user(), { exp: Math.floor(Date.now() / 1000) - 10 }), 'expired'],
    ['a token not yet valid', () => idp.token(user(), { nbf: Math.floor(Date.now() / 1000) + 600 }), 'not-yet-valid'],
    ['an unknown issuer', () => idp.token(user(), { iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_evil' }), 'unknown-issuer'],
    ['an access token', () => idp.token(user(), { token_use: 'access' }), 'wrong-token-use'],
    ["another stage's client", () => idp.token(user(), { aud: acme.identity.clientIds.Staging }), 'wrong-audience'],
    ["acme's pool claiming globex", () => idp.token(user(), { 'custom:tenantId': 'globex' }), 'tenant-mismatch'],
    ['no tenant claim', () => idp.token(user(), { 'custom:tenantId': undefined }), 'tenant-mismatch'],
    ['another environment', () => idp.token(user(), { 'custom:environment': 'Prod' }), 'wrong-environment'],
    ['an unknown role', () => idp.token(user(), { 'custom:tenantRole': 'Owner' }), 'role-not-allowed'],
    ['a system role in a customer pool', () => idp.token(user(), { 'custom:tenantRole': 'SystemAdmin' }), 'role-not-allowed'],
    ['a customer role in the system pool', () => idp.token({ tenant: system, sub: 's', role: 'TenantAdmin' }), 'role-not-allowed'],
    ['an oversize token', () => `${idp.token(user())}${'x'.repeat(MAX_TOKEN_LENGTH)}`, 'oversize-token'],
  ])('%s', async (_case, token, reason) => {
    expect(await reasonFor(token())).toBe(reason);
  });

  it('a token with a tampered payload', async () => {
    const [header, , signature] = idp.token(user()).split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(idp.token(user()).split('.')[1]!, 'base64url').toString()), 'custom:tenantRole': 'TenantAdmin', sub: 'someone-else' })).toString('base64url');
    expect(await reasonFor(`${header}.${forged}.${signature}`)).toBe('invalid-signature');
  });
});

describe('the registry decides', () => {
  it('refuses users of a suspended tenant and accepts them again once reactivated', async () => {
    const local = fakeRegistry([acme]);
    const v = tokenVerifier(local.registry, 'Dev');
    const token = idp.token({ tenant: acme, sub: 'u', role: 'TenantUser' });
    await v.verify(token);
    local.set([{ ...acme, status: 'suspended' }]);
    await local.registry.refresh();
    await expect(v.verify(token)).rejects.toMatchObject({ reason: 'tenant-inactive' });
    local.set([{ ...acme, status: 'offboarding' }]);
    await local.registry.refresh();
    await expect(v.verify(token)).rejects.toMatchObject({ reason: 'tenant-inactive' });
  });

  it('reloads once on an unknown issuer, so a newly onboarded tenant is accepted without a redeploy', async () => {
    const local = fakeRegistry([acme]);
    const v = tokenVerifier(local.registry, 'Dev');
    const initech = testTenant('initech', idp.jwksUri);
    const token = idp.token({ tenant: initech, sub: 'i', role: 'TenantAdmin' });
    await expect(v.verify(token)).rejects.toMatchObject({ reason: 'unknown-issuer' });
    local.set([acme, initech]);
    const before = local.stats.refreshes;
    expect((await v.verify(token)).tenant.tenantId).toBe('initech');
    expect(local.stats.refreshes).toBe(before + 1);
  });

  it('refuses a tenant that has no app client for this stage', async () => {
    const noDev = testTenant('nodev', idp.jwksUri, {});
    const withoutDev = { ...noDev, identity: { ...noDev.identity, clientIds: { Prod: 'p' } } };
    const local = fakeRegistry([acme, withoutDev]);
    const v = tokenVerifier(local.registry, 'Dev');
    await expect(v.verify(idp.token({ tenant: withoutDev, sub: 'x', role: 'TenantAdmin' }, { aud: 'p' }))).rejects.toBeInstanceOf(AuthorizationDenied);
  });
});
