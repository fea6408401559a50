/** Keys of the people module (PIM table): employees and the guards that keep their unique values unique. */
import { TENANT_KEY, type IndexDeclaration } from '../../model/keys.ts';

export const PEOPLE_PREFIXES = {
  employee: 'EMP#',
  /** Uniqueness guard: one item per work email within a tenant. */
  employeeEmail: 'EMPEMAIL#',
  /** Uniqueness guard: one item per employee number within a tenant. */
  employeeNumber: 'EMPNO#',
} as const;

/**
 * Employees by last name within a tenant. A GSI, not an LSI: an LSI would cap the tenant's item
 * collection at 10 GB on one partition; without one DynamoDB can split it for heat.
 */
export const EMPLOYEES_BY_NAME: IndexDeclaration = {
  name: 'EmployeesByName',
  kind: 'GSI',
  partitionKey: TENANT_KEY,
  sortKey: { name: 'NameKey', type: 'S' },
  projection: 'ALL',
};

export function employeeItemKey(employeeId: string): string {
  return `${PEOPLE_PREFIXES.employee}${employeeId}`;
}

export function employeeEmailKey(email: string): string {
  return `${PEOPLE_PREFIXES.employeeEmail}${email.toLowerCase()}`;
}

export function employeeNumberKey(employeeNumber: string): string {
  return `${PEOPLE_PREFIXES.employeeNumber}${employeeNumber.toUpperCase()}`;
}

/** Sort key of the EmployeesByName index: last name, first name, id (unique, case-insensitive order). */
export function employeeNameKey(lastName: string, firstName: string, employeeId: string): string {
  return `${lastName.toLowerCase()}#${firstName.toLowerCase()}#${employeeId}`;
}
