/**
 * The local stack's interim Lambda authorizer: it verifies HMAC-signed development tokens that
 * the stack issues itself, and answers with AppSync's authorizer contract. It stands in until the
 * product authorizer (Cognito JWTs + Verified Permissions) lands; nothing deployed uses it.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { FIELD_GROUP_NAMES, scopeKey } from '../domain/authorization.ts';
import { isValidTenantId } from '../domain/keys.ts';
import { isSystemRole, SYSTEM_ROLES, TENANT_ROLES, type ResolverContext, type Role } from '../domain/tenant-context.ts';
import type { AuthorizerEvent, AuthorizerResponse } from './appsync/auth.ts';

export interface DevTokenClaims {
  /** User id. */
  sub: string;
  tenantId: string;
  role: Role;
  employeeId?: string;
  stage: string;
  /** Expiry, epoch seconds. */
  exp: number;
}

const PREFIX = 'dev';
const ROLES: readonly string[] = [...SYSTEM_ROLES, ...TENANT_ROLES];

export function devTokens(secret: Buffer, stage: string) {
  const sign = (payload: string) => createHmac('sha256', secret).update(payload).digest('base64url');

  function issue(claims: Omit<DevTokenClaims, 'exp' | 'stage'>, ttlSeconds = 12 * 3600): string {
    const payload = Buffer.from(JSON.stringify({ ...claims, stage, exp: Math.floor(Date.now() / 1000) + ttlSeconds })).toString('base64url');
    return `${PREFIX}.${payload}.${sign(payload)}`;
  }

  function verify(token: string): DevTokenClaims | null {
    const [prefix, payload, signature] = token.replace(/^Bearer /, '').split('.');
    if (prefix !== PREFIX || !payload || !signature) return null;
    const expected = Buffer.from(sign(payload));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as DevTokenClaims;
    const valid =
      typeof claims.sub === 'string' &&
      isValidTenantId(claims.tenantId) &&
      ROLES.includes(claims.role) &&
      claims.stage === stage &&
      typeof claims.exp === 'number' &&
      claims.exp > Date.now() / 1000;
    return valid ? claims : null;
  }

  /** AppSync Lambda authorizer handler. */
  async function handler(event: AuthorizerEvent): Promise<AuthorizerResponse> {
    const claims = verify(event.authorizationToken);
    if (!claims) return { isAuthorized: false };
    const resolverContext: ResolverContext = {
      tenantId: claims.tenantId,
      userId: claims.sub,
      role: claims.role,
      stage: claims.stage,
      crossTenant: isSystemRole(claims.role) ? 'true' : 'false',
      // The interim authorizer grants every operation and field; the product authorizer decides per role.
      deniedOperations: '',
      ...Object.fromEntries(FIELD_GROUP_NAMES.map((group) => [scopeKey(group), 'all'])),
      ...(claims.employeeId ? { employeeId: claims.employeeId } : {}),
    };
    return { isAuthorized: true, resolverContext: { ...resolverContext } };
  }

  return { issue, verify, handler };
}
