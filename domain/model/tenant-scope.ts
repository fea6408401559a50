/**
 * The one rule for which tenant a request may touch. Written in the APPSYNC_JS subset because
 * the `tenantScope` pipeline function bundles it; Lambda code uses it too.
 */
import { isOperationDenied } from './authorization.ts';
import type { ErrorType } from './errors.ts';
import { isValidTenantId, tenantKey } from './keys.ts';

export interface TenantScope {
  tenantId: string;
  /** Partition key value: `TENANT#<tenantId>`. */
  tenantKey: string;
}

export type TenantScopeDecision = { ok: true; scope: TenantScope } | { ok: false; error: ErrorType; message: string };

interface CallerContext {
  tenantId?: unknown;
  crossTenant?: unknown;
  deniedOperations?: unknown;
  activeTenants?: unknown;
}

/** The separator of `activeTenants` (tenant ids never contain it). */
export const ACTIVE_TENANTS_SEPARATOR = ',';

/**
 * Internal callers (AWS_IAM: job runners, Lambda resolvers) carry no user context; they name the
 * tenant they work for, and their own IAM role is what limits them.
 */
export function decideInternalScope(requestedTenantId: string | null | undefined): TenantScopeDecision {
  if (requestedTenantId === undefined || requestedTenantId === null || requestedTenantId === '') {
    return { ok: false, error: 'MISSING_TENANT_ID', message: 'Internal callers must name the tenant (tenantId).' };
  }
  if (!isValidTenantId(requestedTenantId)) {
    return { ok: false, error: 'INVALID_TENANT_ID', message: `"${requestedTenantId}" is not a valid tenant id.` };
  }
  return { ok: true, scope: { tenantId: requestedTenantId, tenantKey: tenantKey(requestedTenantId) } };
}

/**
 * Decides the tenant from the caller's authorizer context alone; a `requestedTenantId`
 * argument is honoured only for callers allowed to cross tenants (system roles), and only when
 * it names an active tenant of the stage (the authorizer's `activeTenants`; a context without
 * the list names none): a tenant that does not exist, is being provisioned or is suspended
 * gives INVALID_TENANT_ID. Lifecycle operations (createTenant, ...) take no `tenantId` scope
 * argument — they run in the caller's own tenant and name their target in their input — so the
 * rule never stands in their way. The operation (`Query.employee`) is checked again against
 * what the authorizer denied.
 */
export function decideTenantScope(
  caller: CallerContext | null | undefined,
  operation: string,
  requestedTenantId?: string | null,
): TenantScopeDecision {
  const callerTenant = caller?.tenantId;
  if (callerTenant === undefined || callerTenant === null || callerTenant === '') {
    return { ok: false, error: 'MISSING_TENANT_ID', message: 'The caller has no tenant: sign in with a tenant account.' };
  }
  if (!isValidTenantId(callerTenant)) {
    return { ok: false, error: 'INVALID_TENANT_ID', message: 'The caller\'s tenant id is malformed.' };
  }
  const denied = typeof caller?.deniedOperations === 'string' ? caller.deniedOperations : '';
  if (isOperationDenied(denied, operation)) {
    return { ok: false, error: 'UNAUTHORIZED_ACCESS', message: `Your role may not use ${operation}.` };
  }
  if (requestedTenantId === undefined || requestedTenantId === null || requestedTenantId === callerTenant) {
    return { ok: true, scope: { tenantId: callerTenant, tenantKey: tenantKey(callerTenant) } };
  }
  if (caller?.crossTenant !== 'true') {
    return { ok: false, error: 'UNAUTHORIZED_ACCESS', message: 'You may not name another tenant: omit tenantId to use your own.' };
  }
  if (!isValidTenantId(requestedTenantId)) {
    return { ok: false, error: 'INVALID_TENANT_ID', message: `"${requestedTenantId}" is not a valid tenant id.` };
  }
  const active = typeof caller?.activeTenants === 'string' ? caller.activeTenants.split(ACTIVE_TENANTS_SEPARATOR) : [];
  if (active.indexOf(requestedTenantId) < 0) {
    return { ok: false, error: 'INVALID_TENANT_ID', message: `"${requestedTenantId}" names no active tenant: name an existing, active tenant (suspended and new tenants cannot be used yet).` };
  }
  return { ok: true, scope: { tenantId: requestedTenantId, tenantKey: tenantKey(requestedTenantId) } };
}
