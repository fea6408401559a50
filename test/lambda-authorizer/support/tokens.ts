/**
 * A test identity provider: an RSA key published as a JWKS on 127.0.0.1, Cognito-shaped ID
 * tokens signed with it (or deliberately broken), and registry records pointing at it.
 */
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Stage } from '../../../domain/model/stage.ts';
import { cognitoIssuer, type TenantRecord } from '../../../domain/tenancy/registry.ts';
import type { RegistrySnapshot, TenantRegistry } from '../../../lambda-authorizer/registry.ts';

export interface TestIdp {
  jwksUri: string;
  /** A signed ID token; `claims` override the defaults of `user`. */
  token(user: TestUser, claims?: Record<string, unknown>, options?: { kid?: string; key?: KeyObject; alg?: string }): string;
  /** A second key the JWKS does not publish. */
  strangerKey: KeyObject;
  stop(): Promise<void>;
}

export interface TestUser {
  tenant: TenantRecord;
  sub: string;
  role: string;
  stage?: Stage;
  employeeId?: string;
}

const b64 = (value: object | Buffer) => (Buffer.isBuffer(value) ? value : Buffer.from(JSON.stringify(value))).toString('base64url');

export async function startTestIdp(): Promise<TestIdp> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const server = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    jwksUri: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    strangerKey: stranger,
    token(user, claims = {}, options = {}) {
      const now = Math.floor(Date.now() / 1000);
      const stage = user.stage ?? 'Dev';
      const header = { alg: options.alg ?? 'RS256', kid: options.kid ?? 'test-key', typ: 'JWT' };
      const payload = {
        sub: user.sub,
        iss: user.tenant.identity.issuer,
        aud: user.tenant.identity.clientIds[stage],
        token_use: 'id',
        auth_time: now,
        iat: now,
        exp: now + 3600,
        email: `${user.sub}@example.com`,
        'custom:tenantId': user.tenant.tenantId,
        'custom:tenantRole': user.role,
        'custom:environment': stage,
        ...(user.employeeId ? { 'custom:employeeId': user.employeeId } : {}),
        ...claims,
      };
      const signingInput = `${b64(header)}.${b64(payload)}`;
      if (header.alg === 'none') return `${signingInput}.`;
      return `${signingInput}.${b64(sign('RSA-SHA256', Buffer.from(signingInput), options.key ?? privateKey))}`;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A registry record for a tenant whose pool publishes its keys at `jwksUri`. */
export function testTenant(tenantId: string, jwksUri: string, overrides: Partial<TenantRecord> = {}): TenantRecord {
  const userPoolId = `us-east-1_${tenantId.replace(/-/g, '')}Pool`;
  return {
    tenantId,
    kind: tenantId === 'system' ? 'system' : 'customer',
    displayName: tenantId,
    status: 'active',
    plan: 'standard',
    homeRegion: 'us-east-1',
    identity: {
      userPoolId,
      issuer: cognitoIssuer(userPoolId),
      jwksUri,
      clientIds: { Dev: `${tenantId}-dev-client`, Staging: `${tenantId}-staging-client`, Prod: `${tenantId}-prod-client` },
    },
    policyStoreId: `store-${tenantId}`,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    ...overrides,
  };
}

/** An in-memory registry whose tenants a test can change, counting reloads. */
export function fakeRegistry(initial: TenantRecord[]) {
  let tenants = initial;
  let snapshot: RegistrySnapshot | undefined;
  const stats = { refreshes: 0 };
  const build = (): RegistrySnapshot => ({
    tenants,
    byId: new Map(tenants.map((t) => [t.tenantId, t])),
    byIssuer: new Map(tenants.map((t) => [t.identity.issuer, t])),
    loadedAt: Date.now(),
  });
  const registry: TenantRegistry = {
    get: async () => (snapshot ??= build()),
    refresh: async () => {
      stats.refreshes += 1;
      snapshot = build();
      return snapshot;
    },
  };
  return {
    registry,
    stats,
    /** Changes the registry's content; the authorizer sees it on its next reload. */
    set(next: TenantRecord[]) {
      tenants = next;
    },
  };
}
