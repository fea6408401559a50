/** Keys of the tenancy module (TenantRegistry table, a system table). */
import { ITEM_KEY, TENANT_KEY, type IndexDeclaration } from '../../model/keys.ts';

export const TENANCY_PREFIXES = {
  /** The one item per tenant holding its status, identity and policy store. */
  profile: 'PROFILE',
} as const;

/** Every tenant's PROFILE item in one partition: the authorizer lists tenants with a Query, not a Scan. */
export const TENANTS_BY_ITEM: IndexDeclaration = {
  name: 'ByItem',
  kind: 'GSI',
  partitionKey: ITEM_KEY,
  sortKey: TENANT_KEY,
  projection: 'ALL',
};
