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

/** Employees by status, then name: `<status>#<nameKey>`. */
export const EMPLOYEES_BY_STATUS: IndexDeclaration = {
  name: 'EmployeesByStatus',
  kind: 'GSI',
  partitionKey: TENANT_KEY,
  sortKey: { name: 'StatusKey', type: 'S' },
  projection: 'ALL',
};

/** Sparse (employees with a department): `<departmentId>#<status>#<nameKey>`. */
export const EMPLOYEES_BY_DEPARTMENT: IndexDeclaration = {
  name: 'EmployeesByDepartment',
  kind: 'GSI',
  partitionKey: TENANT_KEY,
  sortKey: { name: 'DepartmentKey', type: 'S' },
  projection: 'ALL',
};

/**
 * Sparse (employees with a manager): `<reports path>#<nameKey>`, the path listing the management
 * line from the top (`/ceo/vp/manager/`). Someone's direct reports share the prefix
 * `<their path><their id>/#`, everyone below them `<their path><their id>/`: both one Query.
 */
export const EMPLOYEES_BY_REPORTS: IndexDeclaration = {
  name: 'EmployeesByReports',
  kind: 'GSI',
  partitionKey: TENANT_KEY,
  sortKey: { name: 'ReportsKey', type: 'S' },
  projection: 'ALL',
};

/** The path of an employee without a manager. */
export const TOP_OF_ORGANISATION = '/';

/** The reports path of someone whose manager has `managerPath` and id `managerId`. */
export function reportsPathUnder(managerPath: string, managerId: string): string {
  return `${managerPath}${managerId}/`;
}

/** The management line of a reports path, top first: `/a/b/` → `['a', 'b']`. */
export function managementLine(reportsPath: string): string[] {
  return reportsPath.split('/').filter((id) => id !== '');
}

export function statusKey(status: string, nameKey: string): string {
  return `${status}#${nameKey}`;
}

export function departmentKey(departmentId: string, status: string, nameKey: string): string {
  return `${departmentId}#${status}#${nameKey}`;
}

export function reportsKey(reportsPath: string, nameKey: string): string {
  return `${reportsPath}#${nameKey}`;
}

/** Key-condition prefix of someone's reports: direct ones only, or everyone below them. */
export function reportsPrefix(reportsPath: string, employeeId: string, indirect: boolean): string {
  const below = reportsPathUnder(reportsPath, employeeId);
  return indirect ? below : `${below}#`;
}
