/**
 * The formats of AppSync's AWSEmail and AWSPhone scalars, for product code that must accept what
 * the API accepts without going through GraphQL (a job payload writes fields the API types as
 * AWSEmail or AWSPhone; a value the scalar refuses would make every read of the record fail). The
 * local AppSync runtime's scalars (local/appsync/scalars.ts) are built on these same predicates.
 */

// local-part@domain-part: the local part in RFC 822 "atom" characters and dots, the domain
// as dot-separated host labels. A top-level domain is not required ("a@b" is valid), which
// is how AWS Amplify's client-side validation, aligned with AppSync, treats it.
const EMAIL_PATTERN =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

/** An AWSEmail: `local-part@domain-part` (RFC 822), e.g. `username@example.com`. */
export function isAwsEmail(value: string): boolean {
  return EMAIL_PATTERN.test(value);
}

// Digit groups separated by single spaces or hyphens, an optional "(area code)" group and an
// optional leading "+" for the country code.
const PHONE_PATTERN = /^\+?(?:\(\d+\)|\d+)(?:[ -]?(?:\(\d+\)|\d+))*$/;
// North American Numbering Plan: area code and exchange start with 2-9 (AppSync rejects
// "1110004444"), then four digits.
const NANP_PATTERN = /^[2-9]\d{2}[2-9]\d{6}$/;

/** An AWSPhone: digit groups, a leading `+country code` unless it is a North American (NANP) number. */
export function isAwsPhone(value: string): boolean {
  if (!PHONE_PATTERN.test(value)) return false;
  const digits = value.replace(/\D/g, '');
  if (value.startsWith('+')) {
    // +1 is the NANP country code; other countries: an E.164 number of at most 15 digits.
    if (digits.startsWith('1')) return NANP_PATTERN.test(digits.slice(1));
    return digits.length >= 7 && digits.length <= 15 && !digits.startsWith('0');
  }
  // Without a country code the number is taken to be North American, with or without the
  // trunk prefix 1.
  return NANP_PATTERN.test(digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits);
}
