/**
 * What the Lambda authorizer hands to resolvers in `ctx.identity.resolverContext`.
 * AppSync passes it as a flat map of strings, so flags are "true"/"false".
 */
export const SYSTEM_ROLES = ['SystemAdmin', 'SystemSuperuser', 'SystemSupport'] as const;
/** Kiosk: a shared device the tenant signs in to clock people in and out, and nothing else. */
export const TENANT_ROLES = ['TenantAdmin', 'TenantUser', 'Kiosk'] as const;
export type SystemRole = (typeof SYSTEM_ROLES)[number];
export type TenantRole = (typeof TENANT_ROLES)[number];
export type Role = SystemRole | TenantRole;

/** The tenant that system users belong to. */
export const SYSTEM_TENANT_ID = 'system';

export interface ResolverContext {
  tenantId: string;
  userId: string;
  role: Role;
  stage: string;
  /** Present when the user is also an employee of the tenant. */
  employeeId?: string;
  /** The tenant's IANA time zone: what "today" means for its records. */
  timeZone: string;
  /** "true" when the role may name another tenant explicitly (system roles). */
  crossTenant: 'true' | 'false';
  /** Operations this caller may not use, comma-separated `Type.field` (see domain/model/authorization.ts). */
  deniedOperations: string;
  /** Capabilities the caller holds, comma-separated (CAPABILITIES in domain/model/authorization.ts). */
  capabilities: string;
  /** Per restricted field group, `scope:<Group>` → DetailScope. */
  [scope: `scope:${string}`]: string;
}

export function isSystemRole(role: string): role is SystemRole {
  return (SYSTEM_ROLES as readonly string[]).includes(role);
}
