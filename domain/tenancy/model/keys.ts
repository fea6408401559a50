/** Keys of the tenancy module (TenantRegistry table, a system table). */
import { ITEM_KEY, TENANT_KEY, type IndexDeclaration } from '../../model/keys.ts';

export const TENANCY_PREFIXES = {
  /** The one item per tenant holding its status, identity and policy store (TenantRegistry). */
  profile: 'PROFILE',
  /**
   * The tenant's own directory of its users (PIM, in the tenant's partition): `USER#<role>#<user>`,
   * so the users of a role (HR admins to remind) are one Query.
   */
  user: 'USER#',
  /**
   * A user's membership (TenantRegistry, in the tenant's partition): `MEMBER#<user>` with their
   * role and employee link. The record of truth the pre-token trigger stamps tokens from; only
   * the control plane writes the registry (tenant sessions and resolvers cannot reach it).
   */
  member: 'MEMBER#',
  /** The onboarding workflow of a tenant (TenantRegistry, in its partition): steps done and what they made. */
  onboarding: 'ONBOARDING',
  /**
   * The tenant's status as its own partition of the PIM table shows it (`TENANT_STATUS`), written
   * with every status change of the registry record: the publishNotification resolver reads it
   * through its data source (which cannot reach the registry) and refuses to publish into a
   * tenant that is not active. No item means active (tenants never suspended have none).
   */
  statusMarker: 'TENANT_STATUS',
} as const;

/** The sort key of a user's membership item in the registry. */
export function memberKey(userId: string): string {
  return `${TENANCY_PREFIXES.member}${userId}`;
}

export function userEntryKey(role: string, userId: string): string {
  return `${TENANCY_PREFIXES.user}${role}#${userId}`;
}

/** Sort-key prefix of the users holding `role`. */
export function usersWithRolePrefix(role: string): string {
  return `${TENANCY_PREFIXES.user}${role}#`;
}

/** Every tenant's PROFILE item in one partition: the authorizer lists tenants with a Query, not a Scan. */
export const TENANTS_BY_ITEM: IndexDeclaration = {
  name: 'ByItem',
  kind: 'GSI',
  partitionKey: ITEM_KEY,
  sortKey: TENANT_KEY,
  projection: 'ALL',
};
