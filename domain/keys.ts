/**
 * Key builders for the pooled tables. Partition key `TenantId` = `TENANT#<id>`;
 * sort key `EntityItem` = `<ENTITY>#<id>`. Written in the APPSYNC_JS subset (no regex,
 * no throw) because resolver bundles include them.
 */
export const TENANT_KEY_PREFIX = 'TENANT#';

/** Sort-key prefixes, one per entity kind. */
export const ENTITY_PREFIX = {
  employee: 'EMP#',
  /** Uniqueness guard: one item per work email within a tenant. */
  employeeEmail: 'EMPEMAIL#',
  /** Uniqueness guard: one item per employee number within a tenant. */
  employeeNumber: 'EMPNO#',
} as const;

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

export function employeeItemKey(employeeId: string): string {
  return `${ENTITY_PREFIX.employee}${employeeId}`;
}

export function employeeEmailKey(email: string): string {
  return `${ENTITY_PREFIX.employeeEmail}${email.toLowerCase()}`;
}

export function employeeNumberKey(employeeNumber: string): string {
  return `${ENTITY_PREFIX.employeeNumber}${employeeNumber.toUpperCase()}`;
}

/** Sort key of the ByName index: last name, first name, id (unique, case-insensitive order). */
export function employeeNameKey(lastName: string, firstName: string, employeeId: string): string {
  return `${lastName.toLowerCase()}#${firstName.toLowerCase()}#${employeeId}`;
}

/** Entity ids (ULIDs we issue, or ids the tenant imported): 1-64 letters, digits, "-" or "_". */
export function isValidEntityId(id: unknown): id is string {
  if (typeof id !== 'string' || id.length < 1 || id.length > 64) return false;
  return id.split('').every((c) => isLowerAlpha(c.toLowerCase()) || isDigit(c) || c === '-' || c === '_');
}
