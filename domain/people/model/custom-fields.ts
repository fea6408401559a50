/**
 * The tenant's custom fields: declarations (one item per tenant, versioned) and the values
 * employee records keep for them. APPSYNC_JS-safe.
 *
 * A stored value remembers the declaration it was written under (`fieldId`, minted when a key is
 * declared or its type changes). It shows only while that declaration stands and the value still
 * fits it, so removing a field or changing its type retires its values at once — without touching
 * every record — and re-declaring the key later starts empty instead of resurrecting them.
 * Relabelling, a new `required` or editor, or more options keep the values; a removed option
 * hides the values that chose it. Retired values leave a record the next time its custom fields
 * are written.
 */
import type {
  CustomFieldDefinition,
  CustomFieldSchema,
  CustomFieldValue,
  CustomFieldValueInput,
  DefineCustomFieldInput,
} from '../../generated/graphql.ts';
import { calendarDateOf } from '../../model/dates.ts';
import type { FieldProblem } from '../../model/errors.ts';
import { tenantKey } from '../../model/keys.ts';
import { customFieldsItemKey } from './keys.ts';
import { checkLength, isAlphanumeric, isDigit, trimmed, trimmedOrEmpty } from './text.ts';

export const MAX_CUSTOM_FIELDS = 50;
export const MAX_CHOICE_OPTIONS = 50;
export const MAX_TEXT_VALUE = 1000;
/** Digits a NUMBER value may have in all (a decimal, never a binary float). */
export const MAX_NUMBER_DIGITS = 30;

/** A declaration as stored: the GraphQL definition plus the id of this declaration of the key. */
export type CustomFieldDeclaration = Omit<CustomFieldDefinition, '__typename'> & { fieldId: string };

/** The tenant's declarations item. */
export interface CustomFieldsRow {
  TenantId: string;
  EntityItem: string;
  fields: CustomFieldDeclaration[];
  version: number;
  updatedAt: string | null;
}

/** A value on an employee row, with the declaration it was written under. */
export interface StoredCustomValue {
  key: string;
  value: string;
  fieldId: string;
}

/** Who writes values: HR admins may set every field, the employee only SELF_SERVICE ones. */
export type CustomFieldWriter = 'HR' | 'SELF';

/** The declarations of a tenant that has none yet. */
export function emptyCustomFields(tenantId: string): CustomFieldsRow {
  return { TenantId: tenantKey(tenantId), EntityItem: customFieldsItemKey(), fields: [], version: 0, updatedAt: null };
}

export function customFieldSchemaView(row: CustomFieldsRow): Omit<CustomFieldSchema, '__typename'> {
  return {
    fields: row.fields.map((f) => ({ key: f.key, label: f.label, type: f.type, required: f.required, editableBy: f.editableBy, options: f.options })),
    version: row.version,
    updatedAt: row.updatedAt,
  };
}

function isKey(key: string): boolean {
  return key.length >= 1 && key.length <= 40 && key.charAt(0) >= 'a' && key.charAt(0) <= 'z' && key.split('').every((c) => isAlphanumeric(c) || c === '_');
}

/**
 * The declarations after defining `input` (a new key is appended; an existing one is replaced in
 * place, keeping its fieldId unless the type changes), with the problems of the input. `fieldId`
 * is a fresh id for a new declaration.
 */
export function defineCustomField(
  row: CustomFieldsRow,
  input: DefineCustomFieldInput,
  fieldId: string,
  now: string,
): { row: CustomFieldsRow; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const key = trimmedOrEmpty(input.key);
  const label = trimmedOrEmpty(input.label);
  const options = (input.options ?? []).map((o) => trimmedOrEmpty(o));
  if (!isKey(key)) problems.push({ field: 'key', message: 'must be 1-40 letters, digits or "_", starting with a lower-case letter (e.g. shirtSize)' });
  checkLength(problems, 'label', label, 1, 100);
  if (input.type === 'CHOICE') {
    if (options.length < 1 || options.length > MAX_CHOICE_OPTIONS) problems.push({ field: 'options', message: `must list 1 to ${MAX_CHOICE_OPTIONS} options for CHOICE` });
    options.forEach((option, i) => {
      checkLength(problems, `options.${i}`, option, 1, 100);
      if (options.findIndex((o) => o.toLowerCase() === option.toLowerCase()) < i) problems.push({ field: `options.${i}`, message: 'is listed twice' });
    });
  } else if (options.length > 0) {
    problems.push({ field: 'options', message: 'are for CHOICE fields only' });
  }
  const existing = row.fields.find((f) => f.key === key);
  if (!existing && row.fields.length >= MAX_CUSTOM_FIELDS) problems.push({ field: 'key', message: `a tenant may declare at most ${MAX_CUSTOM_FIELDS} custom fields` });
  const declaration: CustomFieldDeclaration = {
    key,
    label,
    type: input.type,
    required: input.required === true,
    editableBy: input.editableBy ?? 'HR_ONLY',
    options,
    // A new type is a new field: values written under the old one no longer show.
    fieldId: existing && existing.type === input.type ? existing.fieldId : fieldId,
  };
  const fields = existing ? row.fields.map((f) => (f.key === key ? declaration : f)) : [...row.fields, declaration];
  return { row: { ...row, fields, version: row.version + 1, updatedAt: now }, problems };
}

/** The declarations without `key`; a problem when there is no such field. */
export function removeCustomField(row: CustomFieldsRow, key: string, now: string): { row: CustomFieldsRow; problems: FieldProblem[] } {
  const problems: FieldProblem[] = row.fields.some((f) => f.key === key) ? [] : [{ field: 'key', message: `is not a custom field of this tenant` }];
  return { row: { ...row, fields: row.fields.filter((f) => f.key !== key), version: row.version + 1, updatedAt: now }, problems };
}

/** A decimal: optional "-", digits, optionally "." and digits; leading zeros dropped. Null when it is not one. */
function decimalOf(text: string): string | null {
  const negative = text.charAt(0) === '-';
  const unsigned = negative ? text.slice(1) : text;
  const dot = unsigned.indexOf('.');
  const whole = dot < 0 ? unsigned : unsigned.slice(0, dot);
  const fraction = dot < 0 ? '' : unsigned.slice(dot + 1);
  const digitsOnly = (part: string) => part.split('').every(isDigit);
  if (whole === '' || !digitsOnly(whole) || (dot >= 0 && (fraction === '' || !digitsOnly(fraction)))) return null;
  if (whole.length + fraction.length > MAX_NUMBER_DIGITS) return null;
  const significant = whole.split('').findIndex((c) => c !== '0');
  const integer = significant < 0 ? '0' : whole.slice(significant);
  const zero = integer === '0' && fraction.split('').every((c) => c === '0');
  return `${negative && !zero ? '-' : ''}${integer}${dot < 0 ? '' : `.${fraction}`}`;
}

/** The stored form of `text` for a declaration (decimals without leading zeros, dates as YYYY-MM-DD, the option's own spelling), or a problem message. */
export function customValueOf(declaration: Pick<CustomFieldDeclaration, 'type' | 'options'>, text: string): { value: string | null; problem: string | null } {
  const read = (value: string | null, problem: string) => (value === null ? { value, problem } : { value, problem: null });
  switch (declaration.type) {
    case 'TEXT':
      return read(text.length <= MAX_TEXT_VALUE ? text : null, `must be at most ${MAX_TEXT_VALUE} characters`);
    case 'NUMBER':
      return read(decimalOf(text), `must be a decimal number such as -12.50 (at most ${MAX_NUMBER_DIGITS} digits)`);
    case 'DATE':
      return read(calendarDateOf(text), 'must be a real date from 1900 to 2999 (YYYY-MM-DD)');
    case 'BOOLEAN': {
      const lower = text.toLowerCase();
      return read(lower === 'true' || lower === 'false' ? lower : null, 'must be true or false');
    }
    default:
      return read(declaration.options.find((o) => o.toLowerCase() === text.toLowerCase()) ?? null, `must be one of: ${declaration.options.join(', ')}`);
  }
}

function fits(declaration: CustomFieldDeclaration, stored: StoredCustomValue): boolean {
  return stored.fieldId === declaration.fieldId && customValueOf(declaration, stored.value).value === stored.value;
}

/** The values a record shows: declared, written under the declaration that stands, and still fitting it; in declaration order. */
export function visibleCustomValues(stored: StoredCustomValue[] | null | undefined, row: CustomFieldsRow | null | undefined): Omit<CustomFieldValue, '__typename'>[] {
  const values = stored ?? [];
  return (row?.fields ?? []).flatMap((declaration) => {
    const value = values.find((v) => v.key === declaration.key && fits(declaration, v));
    return value ? [{ key: value.key, value: value.value }] : [];
  });
}

/**
 * Applies written values to a record's stored ones: the keys given change (null or blank clears),
 * the others keep their visible values, retired values are dropped. Problems name
 * `customFields.<key>`: an unknown key, a key given twice, a field the writer may not change, a
 * value that does not fit, or a required field the writer may change left without a value.
 */
export function mergeCustomValues(
  stored: StoredCustomValue[] | null | undefined,
  input: CustomFieldValueInput[],
  row: CustomFieldsRow,
  writer: CustomFieldWriter,
): { values: StoredCustomValue[]; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const current = stored ?? [];
  const mayEdit = (d: CustomFieldDeclaration) => writer === 'HR' || d.editableBy === 'SELF_SERVICE';
  input.forEach((given, i) => {
    const field = `customFields.${given.key}`;
    const declaration = row.fields.find((d) => d.key === given.key);
    if (!declaration) problems.push({ field, message: 'is not a custom field of this tenant' });
    else if (!mayEdit(declaration)) problems.push({ field, message: 'may be changed by HR admins only' });
    if (input.findIndex((other) => other.key === given.key) < i) problems.push({ field, message: 'is given twice' });
  });
  const values = row.fields.flatMap((declaration): StoredCustomValue[] => {
    const field = `customFields.${declaration.key}`;
    const given = input.find((v) => v.key === declaration.key);
    if (!given || !mayEdit(declaration)) {
      const kept = current.find((v) => v.key === declaration.key && fits(declaration, v));
      if (!kept && declaration.required && mayEdit(declaration)) problems.push({ field, message: 'is required' });
      return kept ? [kept] : [];
    }
    const text = trimmed(given.value);
    if (text === null) {
      if (declaration.required) problems.push({ field, message: 'is required and cannot be cleared' });
      return [];
    }
    const read = customValueOf(declaration, text);
    if (read.value === null) {
      problems.push({ field, message: read.problem ?? 'is invalid' });
      return [];
    }
    return [{ key: declaration.key, value: read.value, fieldId: declaration.fieldId }];
  });
  return { values, problems };
}
