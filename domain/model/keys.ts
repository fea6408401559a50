/**
 * What every pooled table's keys share. Partition key `TenantId` = `TENANT#<id>`; sort key
 * `EntityItem` = `<PREFIX>#...`, each prefix declared by its module in `domain/<module>/model/keys.ts`
 * (with the module's index names) and spelled nowhere else.
 */
export const TENANT_KEY_PREFIX = 'TENANT#';

export interface KeyAttribute {
  readonly name: string;
  readonly type: 'S' | 'N';
}

/** The partition key of every pooled table (and of every index a tenant session may query). */
export const TENANT_KEY: KeyAttribute = { name: 'TenantId', type: 'S' };
/** The sort key of every pooled table. */
export const ITEM_KEY: KeyAttribute = { name: 'EntityItem', type: 'S' };

export interface IndexDeclaration {
  readonly name: string;
  readonly kind: 'GSI' | 'LSI';
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  /** What the index holds besides keys; sparse indexes project only what their reader needs. */
  readonly projection: 'ALL' | 'KEYS_ONLY';
}

const MAX_TENANT_ID_LENGTH = 63;

/** `acme` → `TENANT#acme`. */
export function tenantKey(tenantId: string): string {
  return `${TENANT_KEY_PREFIX}${tenantId}`;
}

/** `TENANT#acme` → `acme`; null when the key is not a tenant key. */
export function tenantIdFromKey(key: string): string | null {
  if (!key.startsWith(TENANT_KEY_PREFIX)) return null;
  const id = key.slice(TENANT_KEY_PREFIX.length);
  return isValidTenantId(id) ? id : null;
}

function isLowerAlpha(c: string): boolean {
  return c >= 'a' && c <= 'z';
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

/** Tenant ids are slugs: a lowercase letter, then lowercase letters, digits or dashes; 2-63 chars. */
export function isValidTenantId(id: unknown): id is string {
  if (typeof id !== 'string' || id.length < 2 || id.length > MAX_TENANT_ID_LENGTH) return false;
  if (!isLowerAlpha(id.charAt(0)) || id.endsWith('-')) return false;
  return id.split('').every((c) => isLowerAlpha(c) || isDigit(c) || c === '-');
}


/** Entity ids (ULIDs we issue, or ids the tenant imported): 1-64 letters, digits, "-" or "_". */
export function isValidEntityId(id: unknown): id is string {
  if (typeof id !== 'string' || id.length < 1 || id.length > 64) return false;
  return id.split('').every((c) => isLowerAlpha(c.toLowerCase()) || isDigit(c) || c === '-' || c === '_');
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A ULID: 26 Crockford base32 characters, the first at most 7 (48-bit time). */
export function isUlid(id: unknown): id is string {
  if (typeof id !== 'string' || id.length !== 26) return false;
  return id.split('').every((c) => CROCKFORD.indexOf(c) >= 0) && id.charAt(0) <= '7';
}
