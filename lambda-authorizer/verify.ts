/**
 * Verifies a bearer token against every user pool in the tenant registry with aws-jwt-verify,
 * then checks what only OptimalHR knows: the tenant claim belongs to the issuing pool, the
 * environment is this stage, the role fits the tenant, and the tenant is active.
 */
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import * as errors from 'aws-jwt-verify/error';
import { SimpleJwksCache, type JwksCache } from 'aws-jwt-verify/jwk';
import type { Fetcher } from 'aws-jwt-verify/https';
import { decomposeUnverifiedJwt } from 'aws-jwt-verify/jwt';
import type { Stage } from '../domain/model/stage.ts';
import { isSystemRole, SYSTEM_ROLES, TENANT_ROLES, type Role } from '../domain/model/tenant-context.ts';
import type { TenantRecord } from '../domain/tenancy/registry.ts';
import type { RegistrySnapshot, TenantRegistry } from './registry.ts';

/** Why a token was refused; logged, never returned to the caller. */
export type DenyReason =
  | 'missing-token'
  | 'oversize-token'
  | 'malformed-token'
  | 'unknown-issuer'
  | 'invalid-signature'
  | 'expired'
  | 'not-yet-valid'
  | 'wrong-audience'
  | 'wrong-token-use'
  | 'wrong-environment'
  | 'tenant-mismatch'
  | 'role-not-allowed'
  | 'tenant-inactive'
  | 'user-disabled'
  | 'verification-failed'
  | 'no-policy-store'
  | 'policy-error';

export class AuthorizationDenied extends Error {
  constructor(
    readonly reason: DenyReason,
    detail?: string,
  ) {
    super(detail ? `${reason}: ${detail}` : reason);
    this.name = 'AuthorizationDenied';
  }
}

/** Who the verified token speaks for. */
export interface VerifiedCaller {
  tenant: TenantRecord;
  userId: string;
  role: Role;
  employeeId?: string;
  /** Token expiry, epoch seconds. */
  expiresAt: number;
}

/** AppSync's own limit on authorization tokens. */
export const MAX_TOKEN_LENGTH = 2048;

const ALLOWED_ROLES: Record<TenantRecord['kind'], readonly string[]> = { system: SYSTEM_ROLES, customer: TENANT_ROLES };

/**
 * JWKS by registry: aws-jwt-verify derives each pool's JWKS URL from its issuer; the registry
 * records where the pool really publishes it (the same URL on AWS).
 */
class RegistryJwksCache implements JwksCache {
  private readonly cache = new SimpleJwksCache({ fetcher: new JwksFetcher() });

  constructor(private readonly locations: ReadonlyMap<string, string>) {}

  private where(jwksUri: string): string {
    return this.locations.get(jwksUri) ?? jwksUri;
  }

  getJwk(jwksUri: string, jwt: Parameters<JwksCache['getJwk']>[1]) {
    return this.cache.getJwk(this.where(jwksUri), jwt);
  }

  getCachedJwk(jwksUri: string, jwt: Parameters<JwksCache['getCachedJwk']>[1]) {
    return this.cache.getCachedJwk(this.where(jwksUri), jwt);
  }

  addJwks(jwksUri: string, jwks: Parameters<JwksCache['addJwks']>[1]) {
    this.cache.addJwks(this.where(jwksUri), jwks);
  }

  getJwks(jwksUri: string) {
    return this.cache.getJwks(this.where(jwksUri));
  }
}

const JWKS_FETCH_TIMEOUT_MS = 3_000;

/**
 * Fetches JWKS over https; plain http only from the loopback interface (a pool served on the
 * same machine), never across a network.
 */
class JwksFetcher implements Fetcher {
  async fetch(uri: string): Promise<ArrayBuffer> {
    const url = new URL(uri);
    const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
      throw new Error(`Refusing to fetch JWKS over ${url.protocol} from ${url.hostname}`);
    }
    const response = await fetch(url, { signal: AbortSignal.timeout(JWKS_FETCH_TIMEOUT_MS) });
    if (!response.ok) throw new Error(`JWKS fetch from ${url.host} answered HTTP ${response.status}`);
    return response.arrayBuffer();
  }
}

function denyReasonOf(error: unknown): DenyReason {
  if (error instanceof errors.JwtExpiredError) return 'expired';
  if (error instanceof errors.JwtNotBeforeError) return 'not-yet-valid';
  if (error instanceof errors.CognitoJwtInvalidClientIdError || error instanceof errors.JwtInvalidAudienceError) return 'wrong-audience';
  if (error instanceof errors.CognitoJwtInvalidTokenUseError) return 'wrong-token-use';
  if (error instanceof errors.JwtInvalidIssuerError) return 'unknown-issuer';
  if (
    error instanceof errors.JwtInvalidSignatureError ||
    error instanceof errors.JwtInvalidSignatureAlgorithmError ||
    error instanceof errors.KidNotFoundInJwksError ||
    error instanceof errors.JwtWithoutValidKidError
  ) {
    return 'invalid-signature';
  }
  if (error instanceof errors.JwtParseError) return 'malformed-token';
  return 'verification-failed';
}

function stringClaim(payload: Record<string, unknown>, name: string): string | undefined {
  const value = payload[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function tokenVerifier(registry: TenantRegistry, stage: Stage) {
  const verifiers = new WeakMap<RegistrySnapshot, ReturnType<typeof buildVerifier>>();

  function buildVerifier(snapshot: RegistrySnapshot) {
    const pools = snapshot.tenants.filter((t) => t.identity?.userPoolId && t.identity.clientIds?.[stage]);
    if (pools.length === 0) return null;
    const locations = new Map(pools.map((t) => [`${t.identity.issuer}/.well-known/jwks.json`, t.identity.jwksUri]));
    const [first, ...rest] = pools.map((t) => ({ userPoolId: t.identity.userPoolId, clientId: t.identity.clientIds[stage]!, tokenUse: 'id' as const }));
    return CognitoJwtVerifier.create([first!, ...rest], { jwksCache: new RegistryJwksCache(locations) });
  }

  function verifierFor(snapshot: RegistrySnapshot) {
    let verifier = verifiers.get(snapshot);
    if (verifier === undefined) {
      verifier = buildVerifier(snapshot);
      verifiers.set(snapshot, verifier);
    }
    return verifier;
  }

  /** Resolves to the caller, or throws AuthorizationDenied with the reason. */
  async function verify(rawToken: string | undefined): Promise<VerifiedCaller> {
    if (!rawToken) throw new AuthorizationDenied('missing-token');
    if (rawToken.length > MAX_TOKEN_LENGTH) throw new AuthorizationDenied('oversize-token');
    const token = rawToken.startsWith('Bearer ') ? rawToken.slice('Bearer '.length) : rawToken;

    let issuer: unknown;
    try {
      issuer = decomposeUnverifiedJwt(token).payload.iss;
    } catch {
      throw new AuthorizationDenied('malformed-token');
    }
    let snapshot = await registry.get();
    if (typeof issuer !== 'string') throw new AuthorizationDenied('malformed-token');
    // A tenant onboarded since the last load: look again before refusing.
    if (!snapshot.byIssuer.has(issuer)) snapshot = await registry.refresh();
    const tenant = snapshot.byIssuer.get(issuer);
    const verifier = verifierFor(snapshot);
    if (!tenant || !verifier) throw new AuthorizationDenied('unknown-issuer');

    let payload: Record<string, unknown>;
    try {
      payload = (await verifier.verify(token)) as Record<string, unknown>;
    } catch (error) {
      throw new AuthorizationDenied(denyReasonOf(error));
    }

    if (stringClaim(payload, 'custom:tenantId') !== tenant.tenantId) throw new AuthorizationDenied('tenant-mismatch');
    if (stringClaim(payload, 'custom:environment') !== stage) throw new AuthorizationDenied('wrong-environment');
    const role = stringClaim(payload, 'custom:tenantRole');
    if (!role || !ALLOWED_ROLES[tenant.kind].includes(role)) throw new AuthorizationDenied('role-not-allowed');
    if (tenant.kind === 'customer' && isSystemRole(role)) throw new AuthorizationDenied('role-not-allowed');
    if (tenant.status !== 'active') throw new AuthorizationDenied('tenant-inactive');

    const employeeId = stringClaim(payload, 'custom:employeeId');
    return {
      tenant,
      userId: stringClaim(payload, 'sub')!,
      role: role as Role,
      ...(employeeId ? { employeeId } : {}),
      expiresAt: payload.exp as number,
    };
  }

  return { verify };
}
