/**
 * The change history of employee records: one entry per version, saying who made it, when and
 * which fields changed — never their values. Whoever writes an employee row adds
 * {@link historyEntry}'s item to the same transaction, so a change and its entry commit together
 * or not at all. APPSYNC_JS-safe: resolvers and the employment and documents Lambdas share it.
 *
 * Why no values: the history is read by HR admins and by the employee, and holds every field
 * group (bank accounts, tax ids, sensitive details); field names alone tell what changed without
 * copying restricted values into a second place that would need the same protection (and the
 * same erasure).
 */
import type { EmployeeChange, EmployeeHistoryEntry } from '../../generated/graphql.ts';
import type { EmployeeRow } from './employee.ts';
import { employeeIdFromKey } from './employee.ts';
import { employeeHistoryKey } from './keys.ts';

export type EmployeeHistoryRow = Omit<EmployeeHistoryEntry, '__typename'> & { TenantId: string; EntityItem: string };

/** The record's fields as GraphQL names them, compared as a whole. */
const RECORD_FIELDS: (keyof EmployeeRow)[] = [
  'employeeNumber',
  'firstName',
  'lastName',
  'preferredName',
  'email',
  'phone',
  'personalEmail',
  'dateOfBirth',
  'nationalId',
  'gender',
  'nationality',
  'maritalStatus',
  'address',
  'emergencyContacts',
  'dependants',
  'bankAccounts',
  'taxIds',
  'photoDocumentId',
  'archived',
];

type Row = Partial<EmployeeRow> & Pick<EmployeeRow, 'EntityItem'>;

/** A value as compared: absent, null, false and an empty list are all "nothing". */
function comparable(value: unknown): string {
  if (value === undefined || value === null || value === false) return '';
  const text = JSON.stringify(value);
  return text === '[]' ? '' : text;
}

/** Object keys of both, in first-seen order. */
function keysOf(a: Record<string, unknown> | null | undefined, b: Record<string, unknown> | null | undefined): string[] {
  const keys = Object.keys(a ?? {});
  Object.keys(b ?? {}).forEach((k) => {
    if (!keys.includes(k)) keys.push(k);
  });
  return keys;
}

/**
 * The fields that differ between two versions of a record (`before` null: a new record, whose
 * set fields all count): record fields, `employment.<field>`, `customFields.<key>`,
 * `managementLine` (the place under the managers) and `contracts` (the contract list).
 */
export function changedFields(before: Row | null, after: Row): string[] {
  const fields: string[] = RECORD_FIELDS.filter((f) => comparable(before?.[f]) !== comparable(after[f]));
  const beforeJob = (before?.employment ?? null) as Record<string, unknown> | null;
  const afterJob = (after.employment ?? null) as Record<string, unknown> | null;
  keysOf(beforeJob, afterJob).forEach((k) => {
    if (comparable(beforeJob?.[k]) !== comparable(afterJob?.[k])) fields.push(`employment.${k}`);
  });
  const beforeCustom = before?.customFields ?? [];
  const afterCustom = after.customFields ?? [];
  const customKeys = beforeCustom.map((v) => v.key);
  afterCustom.forEach((v) => {
    if (!customKeys.includes(v.key)) customKeys.push(v.key);
  });
  customKeys.forEach((key) => {
    const was = beforeCustom.find((v) => v.key === key);
    const is = afterCustom.find((v) => v.key === key);
    if (comparable(was) !== comparable(is)) fields.push(`customFields.${key}`);
  });
  const topPath = before === null ? '/' : before.ReportsPath;
  if ((after.ReportsPath ?? '/') !== (topPath ?? '/')) fields.push('managementLine');
  if (comparable(before?.ContractIds) !== comparable(after.ContractIds)) fields.push('contracts');
  return fields;
}

/**
 * The history item of one change: the entry of `after.version`, made by `changedBy` (a user id,
 * or `system`) at `after.updatedAt`, listing the fields that differ from `before` (null for a
 * new record). Put it in the transaction that writes `after`.
 */
export function historyEntry(before: Row | null, after: Row & Pick<EmployeeRow, 'TenantId' | 'version' | 'updatedAt'>, change: EmployeeChange, changedBy: string): EmployeeHistoryRow {
  return historyItem(after, change, changedBy, changedFields(before, after));
}

/** The history item of a change whose fields the writer names itself. */
export function historyItem(after: Pick<EmployeeRow, 'TenantId' | 'EntityItem' | 'version' | 'updatedAt'>, change: EmployeeChange, changedBy: string, fields: string[]): EmployeeHistoryRow {
  const employeeId = employeeIdFromKey(after.EntityItem);
  return {
    TenantId: after.TenantId,
    EntityItem: employeeHistoryKey(employeeId, after.version),
    version: after.version,
    employeeId,
    change,
    fields,
    changedAt: after.updatedAt,
    changedBy,
  };
}

/** An entry as GraphQL shows it: the employee from the key, never from an attribute. */
export function historyView(row: EmployeeHistoryRow, employeeId: string): Omit<EmployeeHistoryEntry, '__typename'> {
  return { version: row.version, employeeId, change: row.change, fields: row.fields, changedAt: row.changedAt, changedBy: row.changedBy };
}
