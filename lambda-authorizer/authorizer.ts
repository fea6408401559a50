/**
 * The AppSync Lambda authorizer: verify the token, ask Verified Permissions once per token,
 * answer with the caller's resolverContext and deniedFields. Any failure denies.
 */
import type { VerifiedPermissionsClient } from '@aws-sdk/client-verifiedpermissions';
import { createHash } from 'node:crypto';
import type { Logger } from '../domain/logger.ts';
import type { Stage } from '../domain/model/stage.ts';
import { decide, type Decision } from './decide.ts';
import { ACTIVE_TENANTS_SEPARATOR } from '../domain/model/tenant-scope.ts';
import type { RegistrySnapshot, TenantRegistry } from './registry.ts';
import { isDisabledUser } from '../domain/tenancy/registry.ts';
import { AuthorizationDenied, tokenVerifier } from './verify.ts';

/** AppSync's authorizer event (the fields this authorizer reads). */
export interface AppSyncAuthorizerEvent {
  authorizationToken?: string;
  requestContext?: { requestId?: string; apiId?: string; operationName?: string };
}

export interface AppSyncAuthorizerResult {
  isAuthorized: boolean;
  resolverContext?: Record<string, string>;
  deniedFields?: string[];
  ttlOverride?: number;
}

export interface AuthorizerDependencies {
  registry: TenantRegistry;
  avp: VerifiedPermissionsClient;
  stage: Stage;
  logger: Logger;
  /** How long a decision may be reused, in this process and by AppSync's cache. */
  decisionTtlSeconds: number;
  now?: () => number;
}

const MAX_CACHED_DECISIONS = 10_000;

/**
 * Decisions live at most a minute (here and in AppSync's cache), counted from the registry read
 * they rest on: a suspension applies to every token within that bound (tested with a short one in
 * test/tenancy/lifecycle.test.ts and test/lambda-authorizer/authorizer.test.ts).
 */
export const DECISION_TTL_SECONDS = 60;

export function createAuthorizer(deps: AuthorizerDependencies) {
  const now = deps.now ?? Date.now;
  const verifier = tokenVerifier(deps.registry, deps.stage);
  const decisions = new Map<string, { decision: Decision; expiresAt: number }>();

  return async function handler(event: AppSyncAuthorizerEvent): Promise<AppSyncAuthorizerResult> {
    const log = deps.logger.child({ requestId: event.requestContext?.requestId });
    const token = event.authorizationToken;
    // Decisions are kept under the token's hash: the process never holds a table of raw tokens.
    const key = token ? createHash('sha256').update(token).digest('base64url') : '';
    const nowSeconds = Math.floor(now() / 1000);
    const cached = decisions.get(key);
    if (cached && cached.expiresAt > nowSeconds) {
      // A kept decision holds only while the (at most maxAge old) registry still has its tenant active.
      const snapshot = await deps.registry.get().catch(() => undefined);
      const record = snapshot?.byId.get(cached.decision.resolverContext.tenantId);
      if (record?.status === 'active' && !isDisabledUser(record, cached.decision.resolverContext.userId)) return allow(cached.decision, cached.expiresAt - nowSeconds);
      decisions.delete(key);
    }

    try {
      const caller = await verifier.verify(token);
      const snapshot = await deps.registry.get();
      // A user disabled since their token was issued (domain/tenancy/user-admin.ts).
      if (isDisabledUser(snapshot.byId.get(caller.tenant.tenantId) ?? caller.tenant, caller.userId)) throw new AuthorizationDenied('user-disabled');
      const decision = withActiveTenants(await decide(deps.avp, caller, deps.stage), snapshot);
      // The decision is as old as the registry snapshot it rests on: a suspension reaches every
      // cache (this one and AppSync's) within decisionTtlSeconds of being written, not that plus the snapshot's age.
      const snapshotAge = Math.max(0, Math.ceil((now() - snapshot.loadedAt) / 1000));
      const expiresAt = Math.min(caller.expiresAt, nowSeconds + Math.max(1, deps.decisionTtlSeconds - snapshotAge));
      if (decisions.size >= MAX_CACHED_DECISIONS) decisions.delete(decisions.keys().next().value as string);
      decisions.set(key, { decision, expiresAt });
      log.info('authorized', { tenantId: caller.tenant.tenantId, userId: caller.userId, role: caller.role, deniedOperations: decision.resolverContext.deniedOperations });
      return allow(decision, expiresAt - nowSeconds);
    } catch (error) {
      const reason = error instanceof AuthorizationDenied ? error.reason : 'verification-failed';
      const detail = error instanceof AuthorizationDenied ? undefined : (error as Error).message;
      log.warn('denied', { reason, ...(detail ? { detail } : {}) });
      return { isAuthorized: false };
    }
  };
}

/**
 * Callers who may name another tenant also get the stage's active tenants, so the resolvers'
 * tenant scope refuses a tenant that does not exist or is not active without a registry read per
 * request. The list is as fresh as the decision (at most DECISION_TTL_SECONDS, as suspensions of
 * the caller's own tenant); it costs about 11 bytes per tenant in each of these callers' requests.
 */
function withActiveTenants(decision: Decision, snapshot: RegistrySnapshot): Decision {
  if (decision.resolverContext.crossTenant !== 'true') return decision;
  const active = snapshot.tenants.filter((t) => t.status === 'active').map((t) => t.tenantId).sort();
  return { ...decision, resolverContext: { ...decision.resolverContext, activeTenants: active.join(ACTIVE_TENANTS_SEPARATOR) } };
}

function allow(decision: Decision, ttlSeconds: number): AppSyncAuthorizerResult {
  return {
    isAuthorized: true,
    resolverContext: decision.resolverContext as unknown as Record<string, string>,
    deniedFields: decision.deniedFields,
    // AppSync must not reuse the answer after the token expires.
    ttlOverride: Math.max(0, ttlSeconds),
  };
}
