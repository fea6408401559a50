/**
 * Employee record rules shared by resolvers and Lambda code: normalisation, validation, the
 * stored row shape and its index keys. The employment summary on the row is the employment
 * module's to write (domain/employment/): people rules cover the person.
 */
import type { EmploymentRecord } from '../../employment/model/contracts.ts';
import { calendarDateOf } from '../../model/dates.ts';
import type { FieldProblem } from '../../model/errors.ts';
import { tenantKey } from '../../model/keys.ts';
import type { AddressInput, CreateEmployeeInput, Employee, UpdateEmployeeInput } from '../../generated/graphql.ts';
import { departmentKey, employeeItemKey, employeeNameKey, PEOPLE_PREFIXES, reportsKey, statusKey, TOP_OF_ORGANISATION } from './keys.ts';

/** The stored PIM item: the GraphQL `Employee` plus table and index keys. */
export type EmployeeRow = Omit<Employee, '__typename'> & {
  TenantId: string;
  EntityItem: string;
  /** EmployeesByName: `<last>#<first>#<id>`. */
  NameKey: string;
  /** EmployeesByStatus. */
  StatusKey: string;
  /** EmployeesByDepartment, while the employee has a department. */
  DepartmentKey?: string;
  /** The management line above the employee, top first: `/ceo/vp/manager/` (`/` without a manager). */
  ReportsPath: string;
  /** EmployeesByReports, while the employee has a manager. */
  ReportsKey?: string;
  /** The Cognito user (sub) who is this employee, once an account is linked: whom to notify. */
  UserId?: string;
  /** Ids of the employee's contracts (Employment table), so batch work reads them by key. */
  ContractIds?: string[];
};

/** Listing page size when the caller gives none, and the most a caller may ask for. */
export const EMPLOYEE_PAGE = { defaultLimit: 20, maxLimit: 100 } as const;

/** The person: everything a create or update input can set (employment and keys aside). */
export type EmployeeContent = Pick<
  EmployeeRow,
  'employeeNumber' | 'firstName' | 'lastName' | 'preferredName' | 'email' | 'phone' | 'dateOfBirth' | 'nationalId' | 'address'
>;

function isUpper(c: string): boolean {
  return c >= 'A' && c <= 'Z';
}

function isAlphanumeric(c: string): boolean {
  return isUpper(c) || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

function trimmed(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const t = value.trim();
  return t === '' ? null : t;
}

// Required text fields: an explicit null or blank becomes "" so validation reports it as required.
function trimmedOrEmpty(value: string | null | undefined): string {
  return trimmed(value) ?? '';
}

function normaliseAddress(address: AddressInput | null | undefined): EmployeeRow['address'] {
  if (!address) return null;
  return {
    line1: trimmedOrEmpty(address.line1),
    line2: trimmed(address.line2),
    city: trimmedOrEmpty(address.city),
    region: trimmed(address.region),
    postalCode: trimmed(address.postalCode),
    country: trimmedOrEmpty(address.country).toUpperCase(),
  };
}

/** An AWSDate input as its calendar date; what is not one stays as given, for validation to report. */
function dateInput(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return calendarDateOf(value) ?? value;
}

/** Trims text, lower-cases the email, upper-cases the employee number and country. */
export function normaliseNewEmployee(input: CreateEmployeeInput): EmployeeContent {
  return {
    employeeNumber: trimmedOrEmpty(input.employeeNumber).toUpperCase(),
    firstName: trimmedOrEmpty(input.firstName),
    lastName: trimmedOrEmpty(input.lastName),
    preferredName: trimmed(input.preferredName),
    email: trimmedOrEmpty(input.email).toLowerCase(),
    phone: trimmed(input.phone),
    dateOfBirth: dateInput(input.dateOfBirth),
    nationalId: trimmed(input.nationalId),
    address: normaliseAddress(input.address),
  };
}

/**
 * Applies an update input to the current record: omitted fields keep their value, null clears
 * an optional field (a null for a required field is reported by {@link validateEmployeeChanges}).
 */
export function mergeEmployeeChanges(current: EmployeeContent, input: UpdateEmployeeInput): EmployeeContent {
  const given = (key: keyof UpdateEmployeeInput): boolean => Object.hasOwn(input, key) && input[key] !== undefined;
  return {
    employeeNumber: given('employeeNumber') ? trimmedOrEmpty(input.employeeNumber).toUpperCase() : current.employeeNumber,
    firstName: given('firstName') ? trimmedOrEmpty(input.firstName) : current.firstName,
    lastName: given('lastName') ? trimmedOrEmpty(input.lastName) : current.lastName,
    preferredName: given('preferredName') ? trimmed(input.preferredName) : current.preferredName,
    email: given('email') ? trimmedOrEmpty(input.email).toLowerCase() : current.email,
    phone: given('phone') ? trimmed(input.phone) : current.phone,
    dateOfBirth: given('dateOfBirth') ? dateInput(input.dateOfBirth) : current.dateOfBirth,
    nationalId: given('nationalId') ? trimmed(input.nationalId) : current.nationalId,
    address: given('address') ? normaliseAddress(input.address) : current.address,
  };
}

/** Problems an update input has on its own: required fields it tries to clear with null. */
export function validateEmployeeChanges(input: UpdateEmployeeInput): FieldProblem[] {
  const required: (keyof UpdateEmployeeInput)[] = ['employeeNumber', 'firstName', 'lastName', 'email'];
  return required.filter((key) => input[key] === null).map((field) => ({ field, message: 'is required and cannot be cleared' }));
}

function checkLength(problems: FieldProblem[], field: string, value: string | null | undefined, min: number, max: number): void {
  if (value === null || value === undefined || value === '') {
    if (min > 0) problems.push({ field, message: 'is required' });
    return;
  }
  if (value.length < min || value.length > max) {
    problems.push({ field, message: min > 0 ? `must be ${min} to ${max} characters` : `must be at most ${max} characters` });
  }
}

/**
 * Checks a whole (normalised) person. `today` is the tenant's current date (YYYY-MM-DD).
 * Returns one problem per offending field; an empty list means valid.
 */
export function validateEmployee(record: EmployeeContent, today: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  checkLength(problems, 'employeeNumber', record.employeeNumber, 1, 32);
  if (record.employeeNumber && !record.employeeNumber.split('').every((c) => isAlphanumeric(c) || c === '-' || c === '_')) {
    problems.push({ field: 'employeeNumber', message: 'may contain only letters, digits, "-" and "_"' });
  }
  checkLength(problems, 'firstName', record.firstName, 1, 100);
  checkLength(problems, 'lastName', record.lastName, 1, 100);
  checkLength(problems, 'preferredName', record.preferredName, 0, 100);
  checkLength(problems, 'email', record.email, 3, 254);
  checkLength(problems, 'phone', record.phone, 0, 32);
  checkLength(problems, 'nationalId', record.nationalId, 0, 32);
  if (record.nationalId && !record.nationalId.split('').every((c) => isAlphanumeric(c) || c === '-' || c === ' ')) {
    problems.push({ field: 'nationalId', message: 'may contain only letters, digits, spaces and "-"' });
  }
  const birth = record.dateOfBirth;
  if (birth !== null && calendarDateOf(birth) !== birth) problems.push({ field: 'dateOfBirth', message: 'must be a real date from 1900 to 2999 (YYYY-MM-DD)' });
  else if (birth !== null && birth > today) problems.push({ field: 'dateOfBirth', message: 'cannot be in the future' });

  const address = record.address;
  if (address) {
    checkLength(problems, 'address.line1', address.line1, 1, 200);
    checkLength(problems, 'address.line2', address.line2, 0, 200);
    checkLength(problems, 'address.city', address.city, 1, 100);
    checkLength(problems, 'address.region', address.region, 0, 100);
    checkLength(problems, 'address.postalCode', address.postalCode, 0, 20);
    if (address.country.length !== 2 || !address.country.split('').every(isUpper)) {
      problems.push({ field: 'address.country', message: 'must be an ISO 3166-1 alpha-2 code such as "DE"' });
    }
  }
  return problems;
}

/** The employee id a PIM key names (`EMP#42` → `42`): identity comes from the key, never from an attribute. */
export function employeeIdFromKey(entityItem: string): string {
  return entityItem.slice(PEOPLE_PREFIXES.employee.length);
}

/**
 * The row with its index keys recomputed from its content, employment and reports path: every
 * writer of an employee row ends with this, so the indexes can never disagree with the record.
 */
export function withIndexKeys(row: EmployeeRow): EmployeeRow {
  const id = employeeIdFromKey(row.EntityItem);
  const nameKey = employeeNameKey(row.lastName, row.firstName, id);
  const { DepartmentKey: _department, ReportsKey: _reports, ...rest } = row;
  const keyed: EmployeeRow = { ...rest, id, NameKey: nameKey, StatusKey: statusKey(row.employment.status, nameKey) };
  if (row.employment.departmentId) keyed.DepartmentKey = departmentKey(row.employment.departmentId, row.employment.status, nameKey);
  if (row.employment.managerId) keyed.ReportsKey = reportsKey(row.ReportsPath, nameKey);
  return keyed;
}

/** The stored row for a new employee: the person, their employment from their first contract, and where they sit. */
export function newEmployeeRow(tenantId: string, employeeId: string, content: EmployeeContent, employment: EmploymentRecord, reportsPath: string, now: string): EmployeeRow {
  return withIndexKeys({
    ...content,
    TenantId: tenantKey(tenantId),
    EntityItem: employeeItemKey(employeeId),
    NameKey: '',
    StatusKey: '',
    ReportsPath: employment.managerId ? reportsPath : TOP_OF_ORGANISATION,
    ContractIds: [employment.contractId],
    id: employeeId,
    tenantId,
    employment,
    version: 1,
    createdAt: now,
    updatedAt: now,
  });
}

/** The row after a change of the person: content replaced, version bumped, keys and employment kept. */
export function updatedEmployeeRow(current: EmployeeRow, content: EmployeeContent, now: string): EmployeeRow {
  return withIndexKeys({ ...current, ...content, version: current.version + 1, updatedAt: now });
}

/** The person part of a row. */
export function employeeContent(row: EmployeeRow): EmployeeContent {
  return {
    employeeNumber: row.employeeNumber,
    firstName: row.firstName,
    lastName: row.lastName,
    preferredName: row.preferredName,
    email: row.email,
    phone: row.phone,
    dateOfBirth: row.dateOfBirth,
    nationalId: row.nationalId,
    address: row.address,
  };
}

/**
 * A stored row as GraphQL shows it: id and tenant from the keys (a row's writable attributes never
 * decide whose record it is).
 */
export function employeeView(row: EmployeeRow, tenantId: string): EmployeeRow {
  return { ...row, id: employeeIdFromKey(row.EntityItem), tenantId };
}
