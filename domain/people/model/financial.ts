/**
 * Bank accounts and tax ids (financial details: the employee and HR admins only). Values are
 * stored compact and upper-case, and checked where a simple public rule exists: the IBAN's
 * mod-97 check digits (ISO 13616), the BIC's shape (ISO 9362), and the tax id formats of a few
 * countries with their check digits where they have one; other countries' tax ids are bounded
 * text. APPSYNC_JS-safe.
 */
import type { BankAccount, BankAccountInput, TaxId, TaxIdInput } from '../../generated/graphql.ts';
import type { FieldProblem } from '../../model/errors.ts';
import { checkLength, COUNTRY_MESSAGE, isAlphanumeric, isCountryCode, isDigit, isUpper, trimmed, trimmedOrEmpty, without } from './text.ts';

export const MAX_BANK_ACCOUNTS = 3;
export const MAX_TAX_IDS = 5;

export type BankAccountRow = Omit<BankAccount, '__typename'>;
export type TaxIdRow = Omit<TaxId, '__typename'>;

export function normaliseBankAccounts(input: BankAccountInput[] | null | undefined): BankAccountRow[] {
  return (input ?? []).map((account) => ({
    accountHolder: trimmedOrEmpty(account.accountHolder),
    iban: without(trimmedOrEmpty(account.iban), ' ').toUpperCase(),
    bic: trimmed(account.bic) === null ? null : without(trimmedOrEmpty(account.bic), ' ').toUpperCase(),
  }));
}

/** Countries whose tax ids are digits only: dashes and spaces are layout, dropped when stored. */
const DIGIT_FORMATS = ['DE', 'US', 'NL', 'FR'];

export function normaliseTaxIds(input: TaxIdInput[] | null | undefined): TaxIdRow[] {
  return (input ?? []).map((taxId) => {
    const country = trimmedOrEmpty(taxId.country).toUpperCase();
    const number = trimmedOrEmpty(taxId.number).toUpperCase();
    return { country, number: without(number, DIGIT_FORMATS.includes(country) ? ' -' : ' ') };
  });
}

/** A letter's value in IBAN arithmetic: A = 10 ... Z = 35; digits are themselves. */
function ibanValue(c: string): number {
  return isDigit(c) ? Number(c) : 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.indexOf(c) + 10;
}

/**
 * Whether `iban` (compact, upper-case) is shaped like an IBAN — a country code, two check digits,
 * up to 30 letters or digits, 15-34 in all — and its check digits hold: the number formed by
 * moving the first four characters to the end, letters as 10-35, leaves 1 modulo 97.
 */
export function isIban(iban: string): boolean {
  if (iban.length < 15 || iban.length > 34) return false;
  if (!isCountryCode(iban.slice(0, 2)) || !isDigit(iban.charAt(2)) || !isDigit(iban.charAt(3))) return false;
  const rearranged = `${iban.slice(4)}${iban.slice(0, 4)}`;
  if (!rearranged.split('').every((c) => isDigit(c) || isUpper(c))) return false;
  // Digit by digit (a letter is two digits), so the running remainder never leaves safe integers.
  const remainder = rearranged.split('').reduce((r, c) => {
    const value = ibanValue(c);
    return value < 10 ? (r * 10 + value) % 97 : (r * 100 + value) % 97;
  }, 0);
  return remainder === 1;
}

/** 4 letters (bank), a country code, 2 letters or digits (location), optionally 3 more (branch). */
export function isBic(bic: string): boolean {
  if (bic.length !== 8 && bic.length !== 11) return false;
  return bic.slice(0, 4).split('').every(isUpper) && isCountryCode(bic.slice(4, 6)) && bic.slice(6).split('').every((c) => isDigit(c) || isUpper(c));
}

export function validateBankAccounts(accounts: BankAccountRow[], problems: FieldProblem[]): void {
  if (accounts.length > MAX_BANK_ACCOUNTS) problems.push({ field: 'bankAccounts', message: `may list at most ${MAX_BANK_ACCOUNTS} accounts` });
  accounts.forEach((account, i) => {
    const at = `bankAccounts.${i}`;
    checkLength(problems, `${at}.accountHolder`, account.accountHolder, 1, 140);
    if (!isIban(account.iban)) problems.push({ field: `${at}.iban`, message: 'must be a valid IBAN (country code, check digits, account number), e.g. DE89 3704 0044 0532 0130 00' });
    else if (accounts.findIndex((other) => other.iban === account.iban) < i) problems.push({ field: `${at}.iban`, message: 'is listed twice' });
    if (account.bic !== null && !isBic(account.bic)) problems.push({ field: `${at}.bic`, message: 'must be a BIC of 8 or 11 characters, e.g. COBADEFFXXX' });
  });
}

function allDigits(value: string, length: number): boolean {
  return value.length === length && value.split('').every(isDigit);
}

/** Netherlands BSN: 9 digits passing the "11-proof" (weights 9..2, the last digit -1). */
function isBsn(value: string): boolean {
  if (!allDigits(value, 9)) return false;
  const sum = value.split('').reduce((s, c, i) => s + Number(c) * (i === 8 ? -1 : 9 - i), 0);
  return sum % 11 === 0 && sum !== 0;
}

const NIF_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';

/** Spain: DNI/NIF (8 digits and a check letter) or NIE (X, Y or Z, 7 digits and a check letter). */
function isSpanishTaxId(value: string): boolean {
  if (value.length !== 9) return false;
  const lead = 'XYZ'.indexOf(value.charAt(0));
  const digits = lead >= 0 ? `${lead}${value.slice(1, 8)}` : value.slice(0, 8);
  return allDigits(digits, 8) && NIF_LETTERS.charAt(Number(digits) % 23) === value.charAt(8);
}

/** United Kingdom National Insurance number: two letters (not D, F, I, Q, U, V; O not second), six digits, A-D. */
function isNino(value: string): boolean {
  if (value.length !== 9 || !allDigits(value.slice(2, 8), 6) || 'ABCD'.indexOf(value.charAt(8)) < 0) return false;
  const first = value.charAt(0);
  const second = value.charAt(1);
  return isUpper(first) && isUpper(second) && 'DFIQUV'.indexOf(first) < 0 && 'DFIOQUV'.indexOf(second) < 0;
}

/** United States SSN or ITIN: 9 digits, area not 000 or 666, group not 00, serial not 0000. */
function isUsTaxId(value: string): boolean {
  return allDigits(value, 9) && value.slice(0, 3) !== '000' && value.slice(0, 3) !== '666' && value.slice(3, 5) !== '00' && value.slice(5) !== '0000';
}

/**
 * What is wrong with `value` as a tax id of `country`, for countries with a simple public format;
 * null when it fits, undefined when the country has no rule here.
 */
function taxIdRuleProblem(country: string, value: string): string | null | undefined {
  switch (country) {
    case 'DE':
      return allDigits(value, 11) && value.charAt(0) !== '0' ? null : 'must be a German tax id (Steuer-IdNr): 11 digits, not starting with 0';
    case 'FR':
      return allDigits(value, 13) && value.charAt(0) <= '3' ? null : 'must be a French tax number (numéro fiscal): 13 digits starting with 0-3';
    case 'NL':
      return isBsn(value) ? null : 'must be a Dutch BSN: 9 digits passing the 11-check';
    case 'ES':
      return isSpanishTaxId(value) ? null : 'must be a Spanish NIF or NIE with its check letter';
    case 'GB':
      return isNino(value) ? null : 'must be a UK National Insurance number such as AB123456C';
    case 'US':
      return isUsTaxId(value) ? null : 'must be a US SSN or ITIN: 9 digits';
    default:
      return undefined;
  }
}

/** Other countries: 1-30 letters, digits, "-", "/" or ".". */
function isPlainTaxId(value: string): boolean {
  return value.length >= 1 && value.length <= 30 && value.split('').every((c) => isAlphanumeric(c) || c === '-' || c === '/' || c === '.');
}

export function validateTaxIds(taxIds: TaxIdRow[], problems: FieldProblem[]): void {
  if (taxIds.length > MAX_TAX_IDS) problems.push({ field: 'taxIds', message: `may list at most ${MAX_TAX_IDS} tax ids` });
  taxIds.forEach((taxId, i) => {
    const at = `taxIds.${i}`;
    if (!isCountryCode(taxId.country)) problems.push({ field: `${at}.country`, message: COUNTRY_MESSAGE });
    else if (taxIds.findIndex((other) => other.country === taxId.country) < i) problems.push({ field: `${at}.country`, message: 'has a tax id already: one per country' });
    const ruled = taxIdRuleProblem(taxId.country, taxId.number);
    if (ruled) problems.push({ field: `${at}.number`, message: ruled });
    else if (ruled === undefined && !isPlainTaxId(taxId.number)) problems.push({ field: `${at}.number`, message: 'must be 1 to 30 letters, digits, "-", "/" or "."' });
  });
}
