import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DefineCustomFieldInput } from '../../../domain/generated/graphql.ts';
import {
  customValueOf,
  defineCustomField,
  emptyCustomFields,
  mergeCustomValues,
  removeCustomField,
  visibleCustomValues,
  type CustomFieldsRow,
  type StoredCustomValue,
} from '../../../domain/people/model/custom-fields.ts';

const NOW = '2026-01-01T00:00:00Z';
let ids = 0;

function define(row: CustomFieldsRow, input: Omit<DefineCustomFieldInput, 'expectedVersion'>): CustomFieldsRow {
  ids += 1;
  const result = defineCustomField(row, { expectedVersion: row.version, ...input }, `F${ids}`, NOW);
  expect(result.problems).toEqual([]);
  return result.row;
}

/** shirtSize (CHOICE, self-service), badge (NUMBER, required, HR only), since (DATE), remote (BOOLEAN), note (TEXT). */
function tenantFields(): CustomFieldsRow {
  let row = emptyCustomFields('acme');
  row = define(row, { key: 'shirtSize', label: 'Shirt size', type: 'CHOICE', options: ['S', 'M', 'L'], editableBy: 'SELF_SERVICE' });
  row = define(row, { key: 'badge', label: 'Badge', type: 'NUMBER', required: true });
  row = define(row, { key: 'since', label: 'Member since', type: 'DATE' });
  row = define(row, { key: 'remote', label: 'Remote', type: 'BOOLEAN' });
  row = define(row, { key: 'note', label: 'Note', type: 'TEXT', editableBy: 'SELF_SERVICE' });
  return row;
}

const fieldsOf = (problems: { field: string }[]) => problems.map((p) => p.field);

describe('declarations', () => {
  it('are numbered by version and keep the order they were declared in', () => {
    const row = tenantFields();
    expect(row.version).toBe(5);
    expect(row.fields.map((f) => f.key)).toEqual(['shirtSize', 'badge', 'since', 'remote', 'note']);
    expect(row.fields[1]).toMatchObject({ required: true, editableBy: 'HR_ONLY', options: [] });
  });

  it('refuse malformed keys, labels and options, each by field', () => {
    const bad = defineCustomField(emptyCustomFields('acme'), { expectedVersion: 0, key: 'Shirt size', label: ' ', type: 'CHOICE', options: ['S', ' s ', ''] }, 'F', NOW);
    expect(fieldsOf(bad.problems)).toEqual(['key', 'label', 'options.1', 'options.2']);
    expect(fieldsOf(defineCustomField(emptyCustomFields('acme'), { expectedVersion: 0, key: 'a', label: 'A', type: 'CHOICE' }, 'F', NOW).problems)).toEqual(['options']);
    expect(fieldsOf(defineCustomField(emptyCustomFields('acme'), { expectedVersion: 0, key: 'a', label: 'A', type: 'TEXT', options: ['x'] }, 'F', NOW).problems)).toEqual(['options']);
  });

  it('are at most fifty', () => {
    let row = emptyCustomFields('acme');
    for (let i = 0; i < 50; i += 1) row = define(row, { key: `f${i}`, label: `F${i}`, type: 'TEXT' });
    expect(fieldsOf(defineCustomField(row, { expectedVersion: 50, key: 'oneMore', label: 'X', type: 'TEXT' }, 'F', NOW).problems)).toEqual(['key']);
    // Changing an existing one is still fine.
    expect(defineCustomField(row, { expectedVersion: 50, key: 'f3', label: 'Renamed', type: 'TEXT' }, 'F', NOW).problems).toEqual([]);
  });

  it('cannot remove a field that does not exist', () => {
    expect(fieldsOf(removeCustomField(tenantFields(), 'nope', NOW).problems)).toEqual(['key']);
  });
});

describe('values on write', () => {
  const row = tenantFields();

  it('are stored in their canonical form under the declaration they were written under', () => {
    const { values, problems } = mergeCustomValues([], [
      { key: 'shirtSize', value: 'm' },
      { key: 'badge', value: '007.50' },
      { key: 'since', value: '2024-02-29Z' },
      { key: 'remote', value: 'TRUE' },
      { key: 'note', value: '  hello ' },
    ], row, 'HR');
    expect(problems).toEqual([]);
    expect(values.map(({ key, value }) => [key, value])).toEqual([['shirtSize', 'M'], ['badge', '7.50'], ['since', '2024-02-29'], ['remote', 'true'], ['note', 'hello']]);
    expect(values.every((v) => v.fieldId === row.fields.find((f) => f.key === v.key)!.fieldId)).toBe(true);
  });

  it('refuse an unknown key, a key given twice, a wrong type, a value not among the choices, and a required field left empty', () => {
    const { problems } = mergeCustomValues([], [
      { key: 'unknown', value: 'x' },
      { key: 'shirtSize', value: 'XXL' },
      { key: 'since', value: '2024-02-30' },
      { key: 'remote', value: 'yes' },
      { key: 'note', value: 'a' },
      { key: 'note', value: 'b' },
    ], row, 'HR');
    expect(problems).toEqual([
      { field: 'customFields.unknown', message: 'is not a custom field of this tenant' },
      { field: 'customFields.note', message: 'is given twice' },
      { field: 'customFields.shirtSize', message: 'must be one of: S, M, L' },
      { field: 'customFields.badge', message: 'is required' },
      { field: 'customFields.since', message: expect.stringContaining('real date') },
      { field: 'customFields.remote', message: 'must be true or false' },
    ]);
    expect(fieldsOf(mergeCustomValues([], [{ key: 'badge', value: '1.2.3' }], row, 'HR').problems)).toEqual(['customFields.badge']);
    expect(fieldsOf(mergeCustomValues([], [{ key: 'badge', value: '1e3' }], row, 'HR').problems)).toEqual(['customFields.badge']);
  });

  it('change only the keys given; null or blank clears, except a required field', () => {
    const start = mergeCustomValues([], [{ key: 'badge', value: '1' }, { key: 'note', value: 'x' }, { key: 'remote', value: 'false' }], row, 'HR').values;
    const cleared = mergeCustomValues(start, [{ key: 'note', value: null }, { key: 'remote', value: ' ' }], row, 'HR');
    expect(cleared.problems).toEqual([]);
    expect(cleared.values.map((v) => v.key)).toEqual(['badge']);
    expect(mergeCustomValues(start, [{ key: 'badge', value: null }], row, 'HR').problems).toEqual([{ field: 'customFields.badge', message: 'is required and cannot be cleared' }]);
  });

  it('let the employee change only SELF_SERVICE fields, and hold them to no HR-only requirement', () => {
    const self = mergeCustomValues([], [{ key: 'shirtSize', value: 'L' }, { key: 'badge', value: '9' }], row, 'SELF');
    expect(self.problems).toEqual([{ field: 'customFields.badge', message: 'may be changed by HR admins only' }]);
    const fine = mergeCustomValues([], [{ key: 'shirtSize', value: 'L' }], row, 'SELF');
    // badge is required, but only HR may fill it in: the employee is not blocked by it.
    expect(fine.problems).toEqual([]);
    expect(fine.values).toEqual([{ key: 'shirtSize', value: 'L', fieldId: row.fields[0]!.fieldId }]);
  });
});

describe('when declarations change', () => {
  const start = tenantFields();
  const stored: StoredCustomValue[] = mergeCustomValues([], [
    { key: 'shirtSize', value: 'M' },
    { key: 'badge', value: '42' },
    { key: 'note', value: 'keep me' },
  ], start, 'HR').values;

  it('a new label, editor, requirement or option keeps the values', () => {
    let row = define(start, { key: 'note', label: 'Remark', type: 'TEXT', required: true, editableBy: 'HR_ONLY' });
    row = define(row, { key: 'shirtSize', label: 'Size', type: 'CHOICE', options: ['S', 'M', 'L', 'XL'], editableBy: 'SELF_SERVICE' });
    expect(visibleCustomValues(stored, row)).toEqual([{ key: 'shirtSize', value: 'M' }, { key: 'badge', value: '42' }, { key: 'note', value: 'keep me' }]);
  });

  it('a removed option hides the values that chose it', () => {
    const row = define(start, { key: 'shirtSize', label: 'Size', type: 'CHOICE', options: ['S', 'L'], editableBy: 'SELF_SERVICE' });
    expect(visibleCustomValues(stored, row).map((v) => v.key)).toEqual(['badge', 'note']);
  });

  it('a new type retires the values, even ones that would fit it', () => {
    const row = define(start, { key: 'badge', label: 'Badge', type: 'TEXT' });
    expect(visibleCustomValues(stored, row).map((v) => v.key)).toEqual(['shirtSize', 'note']);
    // Changing the type back does not bring them back either: the old declaration is gone.
    expect(visibleCustomValues(stored, define(row, { key: 'badge', label: 'Badge', type: 'NUMBER' })).map((v) => v.key)).toEqual(['shirtSize', 'note']);
  });

  it('removal hides the values at once, re-declaring the key starts empty, and the next write drops them', () => {
    const removed = removeCustomField(start, 'note', NOW).row;
    expect(visibleCustomValues(stored, removed).map((v) => v.key)).toEqual(['shirtSize', 'badge']);
    const again = define(removed, { key: 'note', label: 'Note', type: 'TEXT' });
    expect(visibleCustomValues(stored, again).map((v) => v.key)).toEqual(['shirtSize', 'badge']);
    const written = mergeCustomValues(stored, [{ key: 'shirtSize', value: 'S' }], again, 'SELF');
    expect(written.problems).toEqual([]);
    expect(written.values.map((v) => `${v.key}=${v.value}`)).toEqual(['shirtSize=S', 'badge=42']);
  });

  it('without declarations a record shows no custom values', () => {
    expect(visibleCustomValues(stored, null)).toEqual([]);
  });
});

describe('values of each type', () => {
  const SEED = { seed: 20261208, numRuns: 1000 };
  const number = { type: 'NUMBER' as const, options: [] };

  it('decimals read back as themselves once stored, and never as binary floats', () => {
    const digits = fc.array(fc.constantFrom(...'0123456789'.split('')), { minLength: 1, maxLength: 14 }).map((d) => d.join(''));
    const decimal = fc.tuple(fc.boolean(), digits, fc.option(digits, { nil: null })).map(([negative, whole, fraction]) => `${negative ? '-' : ''}${whole}${fraction === null ? '' : `.${fraction}`}`);
    fc.assert(
      fc.property(decimal, (text) => {
        const stored = customValueOf(number, text).value;
        expect(stored).not.toBeNull();
        expect(customValueOf(number, stored!).value).toBe(stored);
        // Only leading zeros go; the digits after the point stay exactly as written.
        const fraction = text.includes('.') ? text.slice(text.indexOf('.')) : '';
        expect(stored!.endsWith(fraction)).toBe(true);
      }),
      SEED,
    );
    expect(customValueOf(number, '0.10000000000000000000001').value).toBe('0.10000000000000000000001');
    expect(customValueOf(number, '-000').value).toBe('0');
  });

  it('choices read back as the declared spelling, whatever the case written', () => {
    const choice = { type: 'CHOICE' as const, options: ['Small', 'Medium'] };
    expect(customValueOf(choice, 'sMaLl').value).toBe('Small');
    expect(customValueOf(choice, 'Large')).toEqual({ value: null, problem: 'must be one of: Small, Medium' });
  });

  it('text is bounded', () => {
    expect(customValueOf({ type: 'TEXT', options: [] }, 'x'.repeat(1001)).value).toBeNull();
  });
});
