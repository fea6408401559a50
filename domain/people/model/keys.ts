/**
 * Keys of the people module (PIM table): employees, the guards that keep their unique values
 * unique, each employee's change history and the tenant's custom-field declarations.
 */
import { TENANT_KEY, type IndexDeclaration } from '../../model/keys.ts';

export const PEOPLE_PREFIXES = {
  employee: 'EMP#',
  /** Uniqueness guard: one item per work email within a tenant. */
  employeeEmail: 'EMPEMAIL#',
  /** Uniqueness guard: one item per employee number within a tenant. */
  employeeNumber: 'EMPNO#',
  /**
   * Change history: `EMPHIST#<employeeId>#<version>`, one entry per version of the record. Led by
   * the employee, so a busy tenant's writes spread over the key range instead of piling up at one end.
   */
  employeeHistory: 'EMPHIST#',
  /** The tenant's custom-field declarations: one item, `EMPFIELDS#declarations`. */
  customFields: 'EMPFIELDS#',
} as const;

/** A history key's version, zero-padded to ten digits so keys sort as versions do. */
const HISTORY_VERSION_PADDING = '0000000000';

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

/** `EMPHIST#<employeeId>#0000000042`: the entry of the change that made version 42. */
export function employeeHistoryKey(employeeId: string, version: number): string {
  const digits = `${version}`;
  return `${employeeHistoryPrefix(employeeId)}${HISTORY_VERSION_PADDING.slice(digits.length)}${digits}`;
}

/** Sort-key prefix of one employee's history (oldest to newest in key order). */
export function employeeHistoryPrefix(employeeId: string): string {
  return `${PEOPLE_PREFIXES.employeeHistory}${employeeId}#`;
}

/** The one item holding the tenant's custom-field declarations. */
export function customFieldsItemKey(): string {
  return `${PEOPLE_PREFIXES.customFields}declarations`;
}

/** Sort key of the EmployeesByName index: last name, first name, id (unique, case-insensitive order). */
export function employeeNameKey(lastName: string, firstName: string, employeeId: string): string {
  return `${lastName.toLowerCase()}#${firstName.toLowerCase()}#${employeeId}`;
}

/**
 * Employees by status, then name: `<status>#<nameKey>`. Archived employees are listed under
 * {@link ARCHIVED_LISTING} instead of their status and carry no NameKey or DepartmentKey, so
 * they leave every other listing while pages stay full.
 */
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

/** The StatusKey "status" of archived employees (never an EmploymentStatus). */
export const ARCHIVED_LISTING = 'ARCHIVED';

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
