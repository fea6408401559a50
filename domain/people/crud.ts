/**
 * What jobs (the `AIML-SaaS-CRUD-Item` runner) may change on an employee: personal details only,
 * never ids, keys, guards, the linked user, version, timestamps or employment (the employment
 * module's, from contracts). Changes are merged,
 * normalised and validated by the people model exactly as `updateEmployee` does, and the work
 * email and employee number guards move in the same transaction as the record, as there, with
 * the history entry of the version the job makes (by `system`).
 */
import { marshall } from '@aws-sdk/util-dynamodb';
import type { UpdateEmployeeInput } from '../generated/graphql.ts';
import type { CrudEntity, GuardedTransactItem } from '../jobs/crud-entities.ts';
import type { FieldProblem } from '../model/errors.ts';
import { calendarDateOf } from '../model/dates.ts';
import { isAwsEmail, isAwsPhone } from '../scalar-formats.ts';
import { employeeContent, mergeEmployeeChanges, updatedEmployeeRow, validateEmployee, validateEmployeeChanges, type EmployeeRow } from './model/employee.ts';
import { historyEntry } from './model/history.ts';
import { employeeEmailKey, employeeItemKey, employeeNumberKey } from './model/keys.ts';

/** The fields a job may set, each with the check its GraphQL input type makes in the API. */
const PERSONAL_FIELDS: Record<string, (value: unknown) => string | null> = {
  firstName: text,
  lastName: text,
  preferredName: text,
  email: (value) => text(value) ?? (value === null || isAwsEmail(value as string) ? null : 'must be an email address such as name@example.com'),
  phone: (value) => text(value) ?? (value === null || isAwsPhone(value as string) ? null : 'must be a phone number such as +49 30 1234567'),
  dateOfBirth: (value) => text(value) ?? (value === null || calendarDateOf(value as string) ? null : 'must be a date YYYY-MM-DD'),
  nationalId: text,
  address,
};

const ADDRESS_FIELDS: Record<string, boolean> = { line1: true, line2: false, city: true, region: false, postalCode: false, country: true };

function text(value: unknown): string | null {
  return value === null || typeof value === 'string' ? null : 'must be a string or null';
}

function address(value: unknown): string | null {
  if (value === null) return null;
  if (typeof value !== 'object' || Array.isArray(value)) return 'must be an address { line1, city, country, line2?, region?, postalCode? } or null';
  const given = value as Record<string, unknown>;
  const unknown = Object.keys(given).find((key) => !Object.hasOwn(ADDRESS_FIELDS, key));
  if (unknown) return `has no field ${unknown}`;
  for (const [key, required] of Object.entries(ADDRESS_FIELDS)) {
    const v = given[key];
    if (required ? typeof v !== 'string' : v !== undefined && v !== null && typeof v !== 'string') return `${key} must be a string${required ? '' : ' or null'}`;
  }
  return null;
}

/** Types and formats field by field, then the people model's own check of the changes (no clearing required fields). */
function checkChanges(set: Readonly<Record<string, unknown>>): FieldProblem[] {
  const problems = Object.entries(set).flatMap(([field, value]) => {
    const check = PERSONAL_FIELDS[field];
    const message = check ? check(value) : 'is not a field a job may set on an employee';
    return message ? [{ field, message }] : [];
  });
  return problems.length > 0 ? problems : validateEmployeeChanges(set as UpdateEmployeeInput);
}

function guardKey(row: Pick<EmployeeRow, 'TenantId'>, entityItem: string) {
  return { TenantId: { S: row.TenantId }, EntityItem: { S: entityItem } };
}

/** The transaction items that move one unique value's guard from `current` to `row`, as `updateEmployee` does. */
function moveGuard(table: string, current: EmployeeRow, row: EmployeeRow, from: string, to: string, what: string): GuardedTransactItem[] {
  if (from === to) return [];
  return [
    {
      item: {
        Delete: {
          TableName: table,
          Key: guardKey(current, from),
          ConditionExpression: 'employeeId = :id',
          ExpressionAttributeValues: { ':id': { S: current.id } },
        },
      },
      onConditionFailed: { type: 'CONFLICT', message: 'The employee changed since the job read it; the job is retried.', retryable: true },
    },
    {
      item: {
        Put: {
          TableName: table,
          Item: { ...guardKey(row, to), ...marshall({ employeeId: row.id }) },
          ConditionExpression: 'attribute_not_exists(EntityItem)',
        },
      },
      onConditionFailed: { type: 'CONFLICT', message: `Another employee of this tenant already has this ${what}.` },
    },
  ];
}

export const employeeCrud: CrudEntity<EmployeeRow> = {
  entity: 'employee',
  table: 'PIM',
  itemKey: employeeItemKey,
  updatable: Object.keys(PERSONAL_FIELDS),
  checkChanges,
  apply(current, set, when, table) {
    // An archived leaver's record is frozen, for jobs as for the API.
    if (current.archived === true) return { ok: false, problems: [{ field: 'id', message: 'names an archived employee: HR restores them (restoreEmployee) before any change' }] };
    const input = { ...set, id: current.id, expectedVersion: current.version } as UpdateEmployeeInput;
    const content = mergeEmployeeChanges(employeeContent(current), input);
    const changeProblems = checkChanges(set);
    const problems = changeProblems.length > 0 ? changeProblems : validateEmployee(content, when.today);
    if (problems.length > 0) return { ok: false, problems };
    const row = updatedEmployeeRow(current, content, when.now.toISOString());
    return {
      ok: true,
      row,
      guards: [
        ...moveGuard(table, current, row, employeeEmailKey(current.email), employeeEmailKey(row.email), 'work email'),
        ...moveGuard(table, current, row, employeeNumberKey(current.employeeNumber), employeeNumberKey(row.employeeNumber), 'employee number'),
        {
          item: { Put: { TableName: table, Item: marshall(historyEntry(current, row, 'UPDATED', 'system'), { removeUndefinedValues: true }), ConditionExpression: 'attribute_not_exists(EntityItem)' } },
          onConditionFailed: { type: 'CONFLICT', message: 'The employee changed since the job read it; the job is retried.', retryable: true },
        },
      ],
    };
  },
};
