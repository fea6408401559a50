/** Text rules the organisation's records share: trimming, lengths, codes, references. */
import type { FieldProblem } from '../../model/errors.ts';
import { isValidEntityId } from '../../model/keys.ts';

/** Trimmed text, or null when absent or blank. */
export function trimmed(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const t = value.trim();
  return t === '' ? null : t;
}

/** Required text: an explicit null or blank becomes "" so validation reports it as required. */
export function required(value: string | null | undefined): string {
  return trimmed(value) ?? '';
}

/** Codes are compared and stored upper-case (`eng-01` and `ENG-01` are one code). */
export function normaliseCode(value: string | null | undefined): string | null {
  const t = trimmed(value);
  return t === null ? null : t.toUpperCase();
}

/** Whether an update input gives `key` (present and not undefined; null counts: it clears). */
export function given<T extends object>(input: T, key: keyof T): boolean {
  return Object.hasOwn(input, key) && input[key] !== undefined;
}

export function checkLength(problems: FieldProblem[], field: string, value: string | null | undefined, min: number, max: number): void {
  if (value === null || value === undefined || value === '') {
    if (min > 0) problems.push({ field, message: 'is required' });
    return;
  }
  if (value.length < min || value.length > max) {
    problems.push({ field, message: min > 0 ? `must be ${min} to ${max} characters` : `must be at most ${max} characters` });
  }
}

function isCodeCharacter(c: string): boolean {
  return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c === '-' || c === '_' || c === '.';
}

/** Codes: 1-32 letters, digits, "-", "_" or "." (after upper-casing). */
export function checkCode(problems: FieldProblem[], field: string, code: string | null, isRequired: boolean): void {
  if (code === null || code === '') {
    if (isRequired) problems.push({ field, message: 'is required' });
    return;
  }
  if (code.length > 32 || !code.split('').every(isCodeCharacter)) {
    problems.push({ field, message: 'must be 1 to 32 letters, digits, "-", "_" or "."' });
  }
}

/** A reference to another record: absent, or a well-formed id. */
export function checkReference(problems: FieldProblem[], field: string, id: string | null | undefined): void {
  if (id === null || id === undefined) return;
  if (!isValidEntityId(id)) problems.push({ field, message: 'must be an id of 1-64 letters, digits, "-" or "_"' });
}

/** Problems an update input has on its own: required fields it tries to clear with null. */
export function clearedRequired<T extends object>(input: T, keys: (keyof T & string)[]): FieldProblem[] {
  return keys.filter((key) => input[key] === null).map((field) => ({ field, message: 'is required and cannot be cleared' }));
}
