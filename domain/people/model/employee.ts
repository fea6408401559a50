/**
 * Employee record rules shared by resolvers and Lambda code: normalisation, validation and
 * the stored row shape. Written in the APPSYNC_JS subset (no regex, no throw, no classes)
 * because resolver bundles include this file.
 */
import type { FieldProblem } from '../../model/errors.ts';
import type {
  AddressInput,
  CreateEmployeeInput,
  Employee,
  EmploymentSummaryInput,
  UpdateEmployeeInput,
} from '../../generated/graphql.ts';
import { tenantKey } from '../../model/keys.ts';
import { employeeItemKey, employeeNameKey } from './keys.ts';

/** The stored PIM item: the GraphQL `Employee` plus table keys. */
export type EmployeeRow = Omit<Employee, '__typename'> & {
  TenantId: string;
  EntityItem: string;
  /** Sort key of the ByName index. */
  NameKey: string;
  /** The Cognito user (sub) who is this employee, once an account is linked: whom to notify. */
  UserId?: string;
};

/** Listing page size when the caller gives none, and the most a caller may ask for. */
export const EMPLOYEE_PAGE = { defaultLimit: 20, maxLimit: 100 } as const;

/** The record's editable content: everything a create or update input can set. */
type EmployeeContent = Omit<EmployeeRow, 'TenantId' | 'EntityItem' | 'NameKey' | 'id' | 'tenantId' | 'version' | 'createdAt' | 'updatedAt'>;

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

/** AWSDate may carry a zone offset (`2024-01-31Z`); rules compare the calendar date only. */
function calendarDate(value: string | null | undefined): string | null {
  return value ? value.slice(0, 10) : null;
}

function normaliseAddress(address: AddressInput | null | undefined): EmployeeRow['address'] {
  if (!address) return null;
  return {
    line1: address.line1.trim(),
    line2: trimmed(address.line2),
    city: address.city.trim(),
    region: trimmed(address.region),
    postalCode: trimmed(address.postalCode),
    country: address.country.trim().toUpperCase(),
  };
}

function normaliseEmployment(employment: EmploymentSummaryInput): EmployeeRow['employment'] {
  return {
    jobTitle: employment.jobTitle.trim(),
    department: trimmed(employment.department),
    managerId: trimmed(employment.managerId),
    employmentType: employment.employmentType,
    status: employment.status ?? 'ACTIVE',
    hireDate: employment.hireDate,
    terminationDate: employment.terminationDate ?? null,
    workLocation: trimmed(employment.workLocation),
  };
}

/** Trims text, lower-cases the email, upper-cases the employee number and country. */
export function normaliseNewEmployee(input: CreateEmployeeInput): EmployeeContent {
  return {
    employeeNumber: upperTrimmed(input.employeeNumber),
    firstName: trimmedOrEmpty(input.firstName),
    lastName: trimmedOrEmpty(input.lastName),
    preferredName: trimmed(input.preferredName),
    email: lowerTrimmed(input.email),
    phone: trimmed(input.phone),
    dateOfBirth: input.dateOfBirth ?? null,
    nationalId: trimmed(input.nationalId),
    address: normaliseAddress(input.address),
    employment: normaliseEmployment(input.employment),
  };
}

/**
 * Applies an update input to the current record: omitted fields keep their value, null clears
 * an optional field (a null for a required field is reported by {@link validateEmployee}).
 */
export function mergeEmployeeChanges(current: EmployeeRow, input: UpdateEmployeeInput): EmployeeContent {
  const given = (key: keyof UpdateEmployeeInput): boolean => Object.hasOwn(input, key) && input[key] !== undefined;
  return {
    employeeNumber: given('employeeNumber') ? upperTrimmed(input.employeeNumber) : current.employeeNumber,
    firstName: given('firstName') ? trimmedOrEmpty(input.firstName) : current.firstName,
    lastName: given('lastName') ? trimmedOrEmpty(input.lastName) : current.lastName,
    preferredName: given('preferredName') ? trimmed(input.preferredName) : current.preferredName,
    email: given('email') ? lowerTrimmed(input.email) : current.email,
    phone: given('phone') ? trimmed(input.phone) : current.phone,
    dateOfBirth: given('dateOfBirth') ? (input.dateOfBirth ?? null) : current.dateOfBirth,
    nationalId: given('nationalId') ? trimmed(input.nationalId) : current.nationalId,
    address: given('address') ? normaliseAddress(input.address) : current.address,
    employment: input.employment ? normaliseEmployment(input.employment) : current.employment,
  };
}

/** Problems an update input has on its own: required fields it tries to clear with null. */
export function validateEmployeeChanges(input: UpdateEmployeeInput): FieldProblem[] {
  const required: (keyof UpdateEmployeeInput)[] = ['employeeNumber', 'firstName', 'lastName', 'email', 'employment'];
  return required.filter((key) => input[key] === null).map((field) => ({ field, message: 'is required and cannot be cleared' }));
}

// Required text fields: an explicit null or blank becomes "" so validation reports it as required.
function trimmedOrEmpty(value: string | null | undefined): string {
  return trimmed(value) ?? '';
}

function upperTrimmed(value: string | null | undefined): string {
  return trimmedOrEmpty(value).toUpperCase();
}

function lowerTrimmed(value: string | null | undefined): string {
  return trimmedOrEmpty(value).toLowerCase();
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
 * Checks a whole (normalised) record. `today` is the caller's current date (YYYY-MM-DD).
 * Returns one problem per offending field; an empty list means valid.
 */
export function validateEmployee(record: EmployeeContent, today: string, employeeId?: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  checkLength(problems, 'employeeNumber', record.employeeNumber, 1, 32);
  if (record.employeeNumber && !record.employeeNumber.split('').every((c) => isAlphanumeric(c) || c === '-' || c === '_')) {
    problems.push({ field: 'employeeNumber', message: 'may contain only letters, digits, "-" and "_"' });
  }
  checkLength(problems, 'firstName', record.firstName, 1, 100);
  checkLength(problems, 'lastName', record.lastName, 1, 100);
  checkLength(problems, 'preferredName', record.preferredName, 0, 100);
  checkLength(problems, 'email', record.email, 3, 254);
  checkLength(problems, 'nationalId', record.nationalId, 0, 32);
  if (record.nationalId && !record.nationalId.split('').every((c) => isAlphanumeric(c) || c === '-' || c === ' ')) {
    problems.push({ field: 'nationalId', message: 'may contain only letters, digits, spaces and "-"' });
  }

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

  const employment = record.employment;
  if (!employment) {
    problems.push({ field: 'employment', message: 'is required' });
    return problems;
  }
  checkLength(problems, 'employment.jobTitle', employment.jobTitle, 1, 120);
  checkLength(problems, 'employment.department', employment.department, 0, 120);
  checkLength(problems, 'employment.workLocation', employment.workLocation, 0, 120);
  if (employeeId && employment.managerId === employeeId) {
    problems.push({ field: 'employment.managerId', message: 'an employee cannot be their own manager' });
  }
  const hire = calendarDate(employment.hireDate);
  const termination = calendarDate(employment.terminationDate);
  const birth = calendarDate(record.dateOfBirth);
  if (birth && birth > today) problems.push({ field: 'dateOfBirth', message: 'cannot be in the future' });
  if (birth && hire && birth >= hire) problems.push({ field: 'dateOfBirth', message: 'must be before employment.hireDate' });
  if (termination && hire && termination < hire) {
    problems.push({ field: 'employment.terminationDate', message: 'cannot be before employment.hireDate' });
  }
  if (employment.status === 'TERMINATED' && !termination) {
    problems.push({ field: 'employment.terminationDate', message: 'is required when status is TERMINATED' });
  }
  return problems;
}

/** The stored row for a new employee. */
export function newEmployeeRow(tenantId: string, employeeId: string, content: EmployeeContent, now: string): EmployeeRow {
  return {
    ...content,
    TenantId: tenantKey(tenantId),
    EntityItem: employeeItemKey(employeeId),
    NameKey: employeeNameKey(content.lastName, content.firstName, employeeId),
    id: employeeId,
    tenantId,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
}

/** The row after an update: content replaced, version bumped, keys and creation kept. */
export function updatedEmployeeRow(current: EmployeeRow, content: EmployeeContent, now: string): EmployeeRow {
  return {
    ...current,
    ...content,
    NameKey: employeeNameKey(content.lastName, content.firstName, current.id),
    version: current.version + 1,
    updatedAt: now,
  };
}
