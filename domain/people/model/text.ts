/**
 * The small text rules every part of an employee record uses: trimming, bounded lengths, phone
 * numbers and country codes. APPSYNC_JS-safe (resolver bundles include it): no regex literals.
 */
import type { FieldProblem } from '../../model/errors.ts';
import { ISO_COUNTRY_CODES } from '../../organisation/model/places.ts';

export function isUpper(c: string): boolean {
  return c >= 'A' && c <= 'Z';
}

export function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

export function isAlphanumeric(c: string): boolean {
  return isUpper(c) || (c >= 'a' && c <= 'z') || isDigit(c);
}

export function trimmed(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const t = value.trim();
  return t === '' ? null : t;
}

/** Required text fields: an explicit null or blank becomes "" so validation reports it as required. */
export function trimmedOrEmpty(value: string | null | undefined): string {
  return trimmed(value) ?? '';
}

/** `value` without any of the characters in `drop`, e.g. spaces out of an IBAN. */
export function without(value: string, drop: string): string {
  return value
    .split('')
    .filter((c) => drop.indexOf(c) < 0)
    .join('');
}

/** "is required" when empty and `min` > 0; a length message when outside `min`-`max`. */
export function checkLength(problems: FieldProblem[], field: string, value: string | null | undefined, min: number, max: number): void {
  if (value === null || value === undefined || value === '') {
    if (min > 0) problems.push({ field, message: 'is required' });
    return;
  }
  if (value.length < min || value.length > max) {
    problems.push({ field, message: min > 0 ? `must be ${min} to ${max} characters` : `must be at most ${max} characters` });
  }
}

/** An ISO 3166-1 alpha-2 code (upper-case) from the generated list the organisation module keeps. */
export function isCountryCode(value: string | null | undefined): boolean {
  return typeof value === 'string' && value.length === 2 && ISO_COUNTRY_CODES.split(' ').includes(value);
}

export const COUNTRY_MESSAGE = 'must be an ISO 3166-1 alpha-2 code such as "DE"';

const PHONE_CHARACTERS = '0123456789 +-().';

/**
 * A phone number as people write them: digits with spaces, dashes, dots or parentheses, a "+"
 * only in front, and 7 to 15 digits (E.164 allows at most 15).
 */
export function checkPhone(problems: FieldProblem[], field: string, value: string | null | undefined): void {
  if (value === null || value === undefined) return;
  const digits = value.split('').filter(isDigit).length;
  const ok = value.split('').every((c) => PHONE_CHARACTERS.indexOf(c) >= 0) && value.lastIndexOf('+') <= 0 && digits >= 7 && digits <= 15;
  if (!ok || value.length > 32) problems.push({ field, message: 'must be a phone number of 7 to 15 digits, optionally starting with "+"' });
}

/** A work or private email: what AWSEmail lets through, bounded. */
export function checkEmail(problems: FieldProblem[], field: string, value: string | null | undefined, required: boolean): void {
  checkLength(problems, field, value, required ? 3 : 0, 254);
  if (value && (value.indexOf('@') < 1 || value.indexOf('@') === value.length - 1)) problems.push({ field, message: 'must be an email address' });
}
