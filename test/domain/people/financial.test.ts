import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FieldProblem } from '../../../domain/model/errors.ts';
import { ISO_COUNTRY_CODES } from '../../../domain/organisation/model/places.ts';
import { isBic, isIban, normaliseBankAccounts, normaliseTaxIds, validateBankAccounts, validateTaxIds } from '../../../domain/people/model/financial.ts';

const SEED = { seed: 20261208, numRuns: 1500 };

function problemsOf(check: (problems: FieldProblem[]) => void): FieldProblem[] {
  const problems: FieldProblem[] = [];
  check(problems);
  return problems;
}

/** The check digits ISO 13616 gives `country` + `bban`, computed the textbook way with BigInt (not the model's way). */
function checkDigits(country: string, bban: string): string {
  const digits = `${bban}${country}00`.split('').map((c) => (c >= 'A' && c <= 'Z' ? String(c.charCodeAt(0) - 55) : c)).join('');
  return String(98n - (BigInt(digits) % 97n)).padStart(2, '0');
}

const country = fc.constantFrom(...ISO_COUNTRY_CODES.split(' '));
const bban = fc.array(fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('')), { minLength: 11, maxLength: 30 }).map((c) => c.join(''));
const validIban = fc.tuple(country, bban).map(([c, b]) => `${c}${checkDigits(c, b)}${b}`);

describe('IBAN', () => {
  it('accepts published examples and refuses them with a digit changed', () => {
    for (const iban of ['DE89370400440532013000', 'GB82WEST12345698765432', 'FR1420041010050500013M02606', 'NL91ABNA0417164300', 'CH9300762011623852957']) {
      expect(isIban(iban), iban).toBe(true);
      expect(isIban(`${iban.slice(0, -1)}${iban.endsWith('0') ? '1' : '0'}`), `${iban} altered`).toBe(false);
    }
    for (const bad of ['', 'DE89', 'XX89370400440532013000', 'DE8937040044053201300O', 'de89370400440532013000', `DE89${'1'.repeat(31)}`]) expect(isIban(bad), bad).toBe(false);
  });

  it('accepts every IBAN whose check digits are right, and none with one digit or letter replaced by another', () => {
    // A substitution within the same class changes the number by d·10^k with |d| < 97, which 97 (a prime) never divides.
    const DIGITS = '0123456789';
    const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    fc.assert(
      fc.property(validIban, fc.nat(), fc.integer({ min: 1, max: 25 }), (iban, at, shift) => {
        expect(isIban(iban)).toBe(true);
        const i = 2 + (at % (iban.length - 2));
        const alphabet = DIGITS.includes(iban.charAt(i)) ? DIGITS : LETTERS;
        const replacement = alphabet.charAt((alphabet.indexOf(iban.charAt(i)) + 1 + (shift % (alphabet.length - 1))) % alphabet.length);
        expect(replacement).not.toBe(iban.charAt(i));
        expect(isIban(`${iban.slice(0, i)}${replacement}${iban.slice(i + 1)}`)).toBe(false);
      }),
      SEED,
    );
  });

  it('is stored compact and upper-case, whatever the spacing the user typed', () => {
    expect(normaliseBankAccounts([{ accountHolder: ' Ada Lovelace ', iban: 'de89 3704 0044 0532 0130 00', bic: ' cobadeffxxx ' }])).toEqual([
      { accountHolder: 'Ada Lovelace', iban: 'DE89370400440532013000', bic: 'COBADEFFXXX' },
    ]);
    expect(normaliseBankAccounts([{ accountHolder: 'A', iban: 'x', bic: '  ' }])[0]!.bic).toBeNull();
  });
});

describe('bank accounts', () => {
  it('report each offending field by its place in the list', () => {
    const accounts = normaliseBankAccounts([
      { accountHolder: 'Ada', iban: 'DE89370400440532013000', bic: 'COBADEFF' },
      { accountHolder: ' ', iban: 'DE89370400440532013001', bic: 'COBA' },
      { accountHolder: 'Ada', iban: 'DE89 3704 0044 0532 0130 00' },
    ]);
    expect(problemsOf((p) => validateBankAccounts(accounts, p)).map((p) => p.field)).toEqual([
      'bankAccounts.1.accountHolder',
      'bankAccounts.1.iban',
      'bankAccounts.1.bic',
      'bankAccounts.2.iban',
    ]);
  });

  it('are at most three', () => {
    const one = { accountHolder: 'Ada', iban: 'DE89370400440532013000' };
    const four = normaliseBankAccounts([one, { ...one, iban: 'GB82WEST12345698765432' }, { ...one, iban: 'NL91ABNA0417164300' }, { ...one, iban: 'CH9300762011623852957' }]);
    expect(problemsOf((p) => validateBankAccounts(four, p)).map((p) => p.field)).toEqual(['bankAccounts']);
  });

  it('BICs have a bank code, a real country, a location and optionally a branch', () => {
    for (const bic of ['COBADEFF', 'COBADEFFXXX', 'DEUTDEDB101', 'NWBKGB2L']) expect(isBic(bic), bic).toBe(true);
    for (const bic of ['COBADEF', 'COBAXXFF', 'C0BADEFF', 'COBADEFFXX', 'COBADEFF-XX']) expect(isBic(bic), bic).toBe(false);
  });
});

describe('tax ids', () => {
  const check = (country: string, number: string) => problemsOf((p) => validateTaxIds(normaliseTaxIds([{ country, number }]), p)).map((p) => `${p.field}: ${p.message}`);

  it('follow the simple public rule of countries that have one, check digits included', () => {
    const valid: [string, string][] = [
      ['DE', '86 095 742 719'],
      ['FR', '1234567890123'],
      ['NL', '111222333'],
      ['ES', '12345678Z'],
      ['ES', 'X1234567L'],
      ['GB', 'AB 12 34 56 C'],
      ['US', '123-45-6789'],
      ['JP', 'T-1234/5.6'],
    ];
    for (const [country, number] of valid) expect(check(country, number), `${country} ${number}`).toEqual([]);
    const invalid: [string, string][] = [
      ['DE', '06095742719'],
      ['DE', '8609574271'],
      ['FR', '4234567890123'],
      ['NL', '111222334'],
      ['ES', '12345678A'],
      ['GB', 'DA123456C'], ['GB', 'AQ123456C'],
      ['GB', 'AB123456E'],
      ['US', '000-12-3456'],
      ['US', '666123456'],
      ['JP', 'x'.repeat(31)],
      ['JP', 'AB#1'],
    ];
    for (const [country, number] of invalid) expect(check(country, number), `${country} ${number}`).toEqual([expect.stringMatching(/^taxIds\.0\.number: must be/)]);
  });

  it('are stored compact: layout dashes go where the format has none', () => {
    expect(normaliseTaxIds([{ country: 'us', number: '123-45-6789' }, { country: 'jp', number: 't-12 34' }])).toEqual([
      { country: 'US', number: '123456789' },
      { country: 'JP', number: 'T-1234' },
    ]);
  });

  it('name a real country, once each', () => {
    const taxIds = normaliseTaxIds([{ country: 'DE', number: '86095742719' }, { country: 'de', number: '12345678901' }, { country: 'XX', number: '1' }]);
    expect(problemsOf((p) => validateTaxIds(taxIds, p)).map((p) => p.field)).toEqual(['taxIds.1.country', 'taxIds.2.country']);
  });

  it('refuse a BSN that fails the 11-check whatever its digits, and accept every one that passes', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 }), (digits) => {
        const sum = digits.reduce((s, d, i) => s + d * (i === 8 ? -1 : 9 - i), 0);
        const expected = sum % 11 === 0 && sum !== 0 ? [] : [expect.stringMatching(/BSN/)];
        expect(check('NL', digits.join(''))).toEqual(expected);
      }),
      SEED,
    );
  });
});
