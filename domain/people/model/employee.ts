/**
 * Employee record rules shared by resolvers and Lambda code: normalisation, validation, the
 * stored row shape and its index keys. The employment summary on the row is the employment
 * module's to write (domain/employment/): people rules cover the person.
 */
import type { EmploymentRecord } from '../../employment/model/contracts.ts';
import { calendarDateOf } from '../../model/dates.ts';
import type { FieldProblem } from '../../model/errors.ts';
import { tenantKey } from '../../model/keys.ts';
import type { AddressInput, CreateEmployeeInput, CustomFieldValue, Employee, UpdateEmployeeInput, UpdateMyProfileInput } from '../../generated/graphql.ts';
import { visibleCustomValues, type CustomFieldsRow, type StoredCustomValue } from './custom-fields.ts';
import { normaliseDependants, normaliseEmergencyContacts, validateDependants, validateEmergencyContacts } from './family.ts';
import { normaliseBankAccounts, normaliseTaxIds, validateBankAccounts, validateTaxIds } from './financial.ts';
import {
  ARCHIVED_LISTING,
  departmentKey,
  employeeItemKey,
  employeeNameKey,
  PEOPLE_PREFIXES,
  reportsKey,
  statusKey,
  TOP_OF_ORGANISATION,
} from './keys.ts';
import { checkEmail, checkLength, checkPhone, COUNTRY_MESSAGE, isAlphanumeric, isCountryCode, trimmed, trimmedOrEmpty } from './text.ts';

/** Fields records written before they existed may lack: readers default them ({@link employeeContent}, {@link employeeView}). */
type LaterFields =
  | 'personalEmail'
  | 'gender'
  | 'nationality'
  | 'maritalStatus'
  | 'emergencyContacts'
  | 'dependants'
  | 'bankAccounts'
  | 'taxIds'
  | 'photoDocumentId'
  | 'archived'
  | 'archivedAt';

/** The stored PIM item: the GraphQL `Employee` plus table and index keys. */
export type EmployeeRow = Omit<Employee, '__typename' | 'customFields' | LaterFields> &
  Partial<Pick<Employee, LaterFields>> & {
    TenantId: string;
    EntityItem: string;
    /** EmployeesByName: `<last>#<first>#<id>`; absent while archived. */
    NameKey?: string;
    /** EmployeesByStatus: `<status>#<nameKey>`, or `ARCHIVED#<nameKey>` while archived. */
    StatusKey: string;
    /** EmployeesByDepartment, while the employee has a department and is not archived. */
    DepartmentKey?: string;
    /** The management line above the employee, top first: `/ceo/vp/manager/` (`/` without a manager). */
    ReportsPath: string;
    /** EmployeesByReports, while the employee has a manager. */
    ReportsKey?: string;
    /** The Cognito user (sub) who is this employee, once an account is linked: whom to notify. */
    UserId?: string;
    /** Ids of the employee's contracts (Employment table), so batch work reads them by key. */
    ContractIds?: string[];
    /** Values of the tenant's custom fields, each with the declaration it was written under. */
    customFields?: StoredCustomValue[];
  };

/** An employee as GraphQL shows it: custom fields as the current declarations show them. */
export type EmployeeView = Omit<EmployeeRow, 'customFields'> & { customFields: Omit<CustomFieldValue, '__typename'>[] };

/** Listing page size when the caller gives none, and the most a caller may ask for. */
export const EMPLOYEE_PAGE = { defaultLimit: 20, maxLimit: 100 } as const;

/** The person: everything a create or update input can set (employment, custom fields and keys aside). */
export type EmployeeContent = Pick<
  EmployeeRow,
  'employeeNumber' | 'firstName' | 'lastName' | 'preferredName' | 'email' | 'phone' | 'dateOfBirth' | 'nationalId' | 'address'
> &
  Required<Pick<EmployeeRow, 'personalEmail' | 'gender' | 'nationality' | 'maritalStatus' | 'emergencyContacts' | 'dependants' | 'bankAccounts' | 'taxIds'>>;

/** The part of an update input that changes the person (the rest says which record, at which version). */
export type EmployeeChanges = Partial<UpdateEmployeeInput>;

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

function upperOrNull(value: string | null | undefined): string | null {
  return trimmed(value)?.toUpperCase() ?? null;
}

function lowerOrNull(value: string | null | undefined): string | null {
  return trimmed(value)?.toLowerCase() ?? null;
}

/** Trims text, lower-cases emails, upper-cases the employee number and country codes, compacts IBANs and tax ids. */
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
    personalEmail: lowerOrNull(input.personalEmail),
    gender: input.gender ?? null,
    nationality: upperOrNull(input.nationality),
    maritalStatus: input.maritalStatus ?? null,
    emergencyContacts: normaliseEmergencyContacts(input.emergencyContacts),
    dependants: normaliseDependants(input.dependants),
    bankAccounts: normaliseBankAccounts(input.bankAccounts),
    taxIds: normaliseTaxIds(input.taxIds),
  };
}

/**
 * Applies changes to the current person: omitted fields keep their value, null clears an optional
 * field (a null for a required field is reported by {@link validateEmployeeChanges}), a list
 * replaces the whole list.
 */
export function mergeEmployeeChanges(current: EmployeeContent, input: EmployeeChanges): EmployeeContent {
  const given = (key: keyof EmployeeChanges): boolean => Object.hasOwn(input, key) && input[key] !== undefined;
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
    personalEmail: given('personalEmail') ? lowerOrNull(input.personalEmail) : current.personalEmail,
    gender: given('gender') ? (input.gender ?? null) : current.gender,
    nationality: given('nationality') ? upperOrNull(input.nationality) : current.nationality,
    maritalStatus: given('maritalStatus') ? (input.maritalStatus ?? null) : current.maritalStatus,
    emergencyContacts: given('emergencyContacts') ? normaliseEmergencyContacts(input.emergencyContacts) : current.emergencyContacts,
    dependants: given('dependants') ? normaliseDependants(input.dependants) : current.dependants,
    bankAccounts: given('bankAccounts') ? normaliseBankAccounts(input.bankAccounts) : current.bankAccounts,
    taxIds: given('taxIds') ? normaliseTaxIds(input.taxIds) : current.taxIds,
  };
}

/** What self-service may change, picked field by field: contact details and emergency contacts, nothing else. */
export function profileChanges(input: UpdateMyProfileInput): EmployeeChanges {
  const changes: EmployeeChanges = {};
  if (input.phone !== undefined) changes.phone = input.phone;
  if (input.personalEmail !== undefined) changes.personalEmail = input.personalEmail;
  if (input.address !== undefined) changes.address = input.address;
  if (input.emergencyContacts !== undefined) changes.emergencyContacts = input.emergencyContacts;
  return changes;
}

/** Problems an update input has on its own: required fields it tries to clear with null. */
export function validateEmployeeChanges(input: EmployeeChanges): FieldProblem[] {
  const required: (keyof EmployeeChanges)[] = ['employeeNumber', 'firstName', 'lastName', 'email'];
  return required.filter((key) => input[key] === null).map((field) => ({ field, message: 'is required and cannot be cleared' }));
}

/**
 * Checks the person's own fields (names, numbers, contact details, dates, nationality) of a
 * normalised record. `today` is the tenant's current date (YYYY-MM-DD). One problem per
 * offending field; empty means valid.
 */
export function validatePerson(record: EmployeeContent, today: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  checkLength(problems, 'employeeNumber', record.employeeNumber, 1, 32);
  if (record.employeeNumber && !record.employeeNumber.split('').every((c) => isAlphanumeric(c) || c === '-' || c === '_')) {
    problems.push({ field: 'employeeNumber', message: 'may contain only letters, digits, "-" and "_"' });
  }
  checkLength(problems, 'firstName', record.firstName, 1, 100);
  checkLength(problems, 'lastName', record.lastName, 1, 100);
  checkLength(problems, 'preferredName', record.preferredName, 0, 100);
  checkEmail(problems, 'email', record.email, true);
  checkEmail(problems, 'personalEmail', record.personalEmail, false);
  checkPhone(problems, 'phone', record.phone);
  checkLength(problems, 'nationalId', record.nationalId, 0, 32);
  if (record.nationalId && !record.nationalId.split('').every((c) => isAlphanumeric(c) || c === '-' || c === ' ')) {
    problems.push({ field: 'nationalId', message: 'may contain only letters, digits, spaces and "-"' });
  }
  const birth = record.dateOfBirth;
  if (birth !== null && calendarDateOf(birth) !== birth) problems.push({ field: 'dateOfBirth', message: 'must be a real date from 1900 to 2999 (YYYY-MM-DD)' });
  else if (birth !== null && birth > today) problems.push({ field: 'dateOfBirth', message: 'cannot be in the future' });
  if (record.nationality !== null && !isCountryCode(record.nationality)) problems.push({ field: 'nationality', message: COUNTRY_MESSAGE });

  const address = record.address;
  if (address) {
    checkLength(problems, 'address.line1', address.line1, 1, 200);
    checkLength(problems, 'address.line2', address.line2, 0, 200);
    checkLength(problems, 'address.city', address.city, 1, 100);
    checkLength(problems, 'address.region', address.region, 0, 100);
    checkLength(problems, 'address.postalCode', address.postalCode, 0, 20);
    if (!isCountryCode(address.country)) problems.push({ field: 'address.country', message: COUNTRY_MESSAGE });
  }
  return problems;
}

/** Checks the lists a record keeps: emergency contacts, dependants, bank accounts and tax ids. */
export function validateDetails(record: EmployeeContent, today: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  validateEmergencyContacts(record.emergencyContacts ?? [], problems);
  validateDependants(record.dependants ?? [], today, problems);
  validateBankAccounts(record.bankAccounts ?? [], problems);
  validateTaxIds(record.taxIds ?? [], problems);
  return problems;
}

/** Checks a whole (normalised) person: {@link validatePerson} and {@link validateDetails}. */
export function validateEmployee(record: EmployeeContent, today: string): FieldProblem[] {
  return validatePerson(record, today).concat(validateDetails(record, today));
}

/** The employee id a PIM key names (`EMP#42` → `42`): identity comes from the key, never from an attribute. */
export function employeeIdFromKey(entityItem: string): string {
  return entityItem.slice(PEOPLE_PREFIXES.employee.length);
}

/**
 * The row with its index keys recomputed from its content, employment, reports path and archive
 * state: every writer of an employee row ends with this, so the indexes can never disagree with
 * the record. An archived employee keeps only StatusKey (under {@link ARCHIVED_LISTING}) and
 * ReportsKey: out of the name and department listings, still in the management line (moves above
 * them keep re-pathing them).
 */
export function withIndexKeys(row: EmployeeRow): EmployeeRow {
  const id = employeeIdFromKey(row.EntityItem);
  const nameKey = employeeNameKey(row.lastName, row.firstName, id);
  const archived = row.archived === true;
  const { NameKey: _name, DepartmentKey: _department, ReportsKey: _reports, ...rest } = row;
  const keyed: EmployeeRow = { ...rest, id, StatusKey: statusKey(archived ? ARCHIVED_LISTING : row.employment.status, nameKey) };
  if (!archived) keyed.NameKey = nameKey;
  if (!archived && row.employment.departmentId) keyed.DepartmentKey = departmentKey(row.employment.departmentId, row.employment.status, nameKey);
  if (row.employment.managerId) keyed.ReportsKey = reportsKey(row.ReportsPath, nameKey);
  return keyed;
}

/** The stored row for a new employee: the person, their employment from their first contract, and where they sit. */
export function newEmployeeRow(tenantId: string, employeeId: string, content: EmployeeContent, employment: EmploymentRecord, reportsPath: string, now: string): EmployeeRow {
  return withIndexKeys({
    ...content,
    TenantId: tenantKey(tenantId),
    EntityItem: employeeItemKey(employeeId),
    StatusKey: '',
    ReportsPath: employment.managerId ? reportsPath : TOP_OF_ORGANISATION,
    ContractIds: [employment.contractId],
    customFields: [],
    photoDocumentId: null,
    archived: false,
    archivedAt: null,
    id: employeeId,
    tenantId,
    employment,
    version: 1,
    createdAt: now,
    updatedAt: now,
  });
}

/** The row after a change of the person (and of its custom values, when given): version bumped, keys and employment kept. */
export function updatedEmployeeRow(current: EmployeeRow, content: EmployeeContent, now: string, customFields?: StoredCustomValue[]): EmployeeRow {
  const next: EmployeeRow = { ...current, ...content, version: current.version + 1, updatedAt: now };
  if (customFields) next.customFields = customFields;
  return withIndexKeys(next);
}

/** The row archived (or restored): out of the listings (or back in them), version bumped. */
export function archivedEmployeeRow(current: EmployeeRow, archived: boolean, now: string): EmployeeRow {
  return withIndexKeys({ ...current, archived, archivedAt: archived ? now : null, version: current.version + 1, updatedAt: now });
}

/** The row showing another profile photo (null: none), version bumped. */
export function withProfilePhoto(current: EmployeeRow, documentId: string | null, now: string): EmployeeRow {
  return withIndexKeys({ ...current, photoDocumentId: documentId, version: current.version + 1, updatedAt: now });
}

/** The person part of a row; fields older rows lack read as empty. */
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
    personalEmail: row.personalEmail ?? null,
    gender: row.gender ?? null,
    nationality: row.nationality ?? null,
    maritalStatus: row.maritalStatus ?? null,
    emergencyContacts: row.emergencyContacts ?? [],
    dependants: row.dependants ?? [],
    bankAccounts: row.bankAccounts ?? [],
    taxIds: row.taxIds ?? [],
  };
}

/**
 * A stored row as GraphQL shows it: id and tenant from the keys (a row's writable attributes never
 * decide whose record it is), fields older rows lack filled in, and custom values as the tenant's
 * current declarations show them (none without declarations).
 */
export function employeeView(row: EmployeeRow, tenantId: string, customFields: CustomFieldsRow | null = null): EmployeeView {
  return {
    ...row,
    ...employeeContent(row),
    id: employeeIdFromKey(row.EntityItem),
    tenantId,
    photoDocumentId: row.photoDocumentId ?? null,
    archived: row.archived === true,
    archivedAt: row.archivedAt ?? null,
    customFields: visibleCustomValues(row.customFields, customFields),
  };
}
