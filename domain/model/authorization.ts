/**
 * What the authorizer decides once per token and how resolvers read it back (the zero-trust
 * second check). Written in the APPSYNC_JS subset: resolver bundles include it.
 */
import type { Operation } from '../generated/operations.ts';

/** Restricted fields, grouped as the Cedar field-group actions that guard them. */
export const FIELD_GROUPS = {
  ReadPersonalDetails: ['Employee.phone', 'Employee.dateOfBirth', 'Employee.address'],
  ReadSensitiveDetails: ['Employee.nationalId'],
} as const;

export type FieldGroup = keyof typeof FIELD_GROUPS;
export const FIELD_GROUP_NAMES = Object.keys(FIELD_GROUPS) as FieldGroup[];

/**
 * Whose records a caller may see a field group of: every employee of the tenant, their reports
 * (and themselves), themselves only, or nobody.
 */
export type DetailScope = 'all' | 'team' | 'self' | 'none';

/** The group a `Type.field` belongs to, or null when the field is not restricted. */
export function fieldGroupOf(typeField: string): FieldGroup | null {
  const group = FIELD_GROUP_NAMES.find((name) => (FIELD_GROUPS[name] as readonly string[]).includes(typeField));
  return group ?? null;
}

/** The resolverContext key carrying a group's scope: `scope:ReadPersonalDetails`. */
export function scopeKey(group: FieldGroup): `scope:${FieldGroup}` {
  return `scope:${group}`;
}

/** Operations come in resolverContext as one comma-separated string (AppSync passes flat string maps). */
export function encodeOperations(operations: readonly string[]): string {
  return operations.join(',');
}

export function isOperationDenied(deniedOperations: string | undefined | null, operation: Operation | string): boolean {
  return (deniedOperations ?? '').split(',').includes(operation);
}

interface EmployeeLike {
  id?: string | null;
  employment?: { managerId?: string | null } | null;
}

/**
 * Whether a caller whose own employee id is `callerEmployeeId` may read a group of `record`
 * under `scope`. Only direct reports count as the team here; Cedar's hierarchy covers more.
 */
export function mayReadDetails(scope: string | undefined | null, callerEmployeeId: string | undefined | null, record: EmployeeLike): boolean {
  if (scope === 'all') return true;
  if (!callerEmployeeId || !record.id) return false;
  const own = record.id === callerEmployeeId;
  if (scope === 'self') return own;
  if (scope === 'team') return own || record.employment?.managerId === callerEmployeeId;
  return false;
}
