/**
 * Formula safety and structure checks: given formulas a tenant writes, when a structure is saved,
 * then anything but its inputs (prototype names, this, globals, member access, strings, calls
 * other than min/max/abs/floor/ceil) is refused, unknown names are refused even in branches never
 * taken, a division by a constant zero and a cycle are refused, each problem naming its component.
 * And rounding reconciles: a register's totals equal the sums of the lines (fast-check, fixed seed).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calculatePayslip, monthlyPeriod, type PayPeriod } from '../../domain/payroll/calculate.ts';
import { compileFormula, evaluateFormula } from '../../domain/payroll/formula.ts';
import { add, cmp, div, formatMinor, minorToRatio, mul, parseDecimal, ratio, sub, toMinor, type Rounding } from '../../domain/payroll/money.ts';
import { buildRegister, reconciles, registerCsv } from '../../domain/payroll/register.ts';
import { checkStructure } from '../../domain/payroll/structures.ts';
import { contract } from './fixtures.ts';

const known = (name: string) => ['basePay', 'daysPayable', 'BASIC'].includes(name);
const problemOf = (source: string) => {
  const result = compileFormula(source, known);
  return result.ok ? null : result.problem;
};

describe('formula safety', () => {
  it.each([
    ['constructor', /unknown name constructor/],
    ['__proto__', /unknown name __proto__/],
    ['toString', /unknown name toString/],
    ['hasOwnProperty', /unknown name hasOwnProperty/],
    ['basePay.constructor', /member access/],
    ['basePay["constructor"]', /member access/],
    ['this', /this is not allowed/],
    ['globalThis', /unknown name globalThis/],
    ['process', /unknown name process/],
    ['Math.max(1, 2)', /only min, max, abs, floor and ceil/],
    ['new Function("return process")()', /not allowed|unknown name/],
    ['eval("1")', /only min, max, abs, floor and ceil/],
    ['"text"', /not a plain decimal/],
    ['1e3', /not a plain decimal|does not parse/],
    ['[1, 2]', /ArrayExpression is not allowed/],
    ['basePay = 1', /does not parse/],
    ['daysPayable > 0 ? basePay : bonus', /unknown name bonus/],
    ['basePay / 0', /divides by zero/],
    ['basePay / (2 - 2)', /divides by zero/],
    ['basePay / (daysPayable - daysPayable)', null],
    ['min(basePay)', /min takes 2 to 10 arguments/],
  ])('%s', (source, expected) => {
    const problem = problemOf(source);
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toMatch(expected);
  });

  it('evaluates exactly, reading names from its inputs only', () => {
    const compiled = compileFormula('max(basePay * 0.1, 100) + (daysPayable >= 20 && !(BASIC == 0) ? 0.1 + 0.2 : -1)', known);
    if (!compiled.ok) throw new Error(compiled.problem);
    const values = new Map([['basePay', ratio(123456n, 100n)], ['daysPayable', ratio(20n)], ['BASIC', ratio(1n)]]);
    expect(formatMinor(toMinor(evaluateFormula(compiled.formula, (n) => values.get(n)!), 2, 'HALF_UP'), 2)).toBe('123.76');
    expect(compiled.names.sort()).toEqual(['BASIC', 'basePay', 'daysPayable']);
  });
});

describe('a structure is refused when saved', () => {
  const base = { name: 'S', components: [] as { code: string; name: string; kind: 'EARNING' | 'DEDUCTION'; amount?: string; formula?: string }[] };
  const problems = (components: typeof base.components) => {
    const checked = checkStructure({ ...base, components }, 2);
    return checked.ok ? [] : checked.problems;
  };

  it('with an unknown name, naming the component and the field', () => {
    expect(problems([{ code: 'BONUS', name: 'Bonus', kind: 'EARNING', formula: 'basePay * rate' }])).toEqual([{ field: 'components.0.formula', message: 'component BONUS: unknown name rate' }]);
  });
  it('with a cycle, showing its path', () => {
    const found = problems([
      { code: 'A', name: 'a', kind: 'EARNING', formula: 'B + 1' },
      { code: 'B', name: 'b', kind: 'EARNING', formula: 'C * 2' },
      { code: 'C', name: 'c', kind: 'DEDUCTION', formula: 'A / 3' },
    ]);
    expect(found).toEqual([{ field: 'components.0.formula', message: 'component A: its formula depends on itself through A → B → C → A' }]);
  });
  it('with a component reading itself, a division by zero, a duplicate code, both or neither of amount and formula, a bad amount', () => {
    const found = problems([
      { code: 'A', name: 'a', kind: 'EARNING', formula: 'A + 1' },
      { code: 'B', name: 'b', kind: 'EARNING', formula: 'basePay / 0' },
      { code: 'B', name: 'b', kind: 'EARNING', amount: '1' },
      { code: 'C', name: 'c', kind: 'EARNING', amount: '1', formula: '1' },
      { code: 'D', name: 'd', kind: 'EARNING' },
      { code: 'E', name: 'e', kind: 'EARNING', amount: '1.234' },
      { code: 'bad', name: 'f', kind: 'EARNING', amount: '1' },
    ]).map((p) => p.message);
    expect(found).toEqual([
      'component B: the code is used twice',
      'component C: give either amount or formula',
      'component D: give either amount or formula',
      'component E: the amount must be a decimal with at most 2 decimals',
      'component bad: the code must start with a capital and hold only capitals, digits and _ (at most 40)',
      'component A: unknown name A (a component cannot read itself)',
      'component B: it divides by zero',
    ]);
  });
});

describe('rounding reconciles (property)', () => {
  const MARCH = monthlyPeriod('2027-03') as PayPeriod;
  const decimal = fc.tuple(fc.integer({ min: 0, max: 9_999_999 }), fc.integer({ min: 0, max: 9999 })).map(([w, f]) => `${w}.${String(f).padStart(4, '0')}`);
  const employee = fc.record({
    pay: fc.integer({ min: 100_00, max: 50_000_00 }).map((c) => formatMinor(BigInt(c), 2)),
    start: fc.integer({ min: 1, max: 31 }),
    fte: fc.integer({ min: 10, max: 100 }),
    unpaid: fc.integer({ min: 0, max: 10 }),
  });

  it('every line is within half a minor unit of its exact value, and the register totals equal the sums of the lines', () => {
    fc.assert(
      fc.property(fc.array(decimal, { minLength: 1, maxLength: 6 }), fc.array(employee, { minLength: 1, maxLength: 15 }), fc.constantFrom<Rounding>('HALF_UP', 'HALF_EVEN'), (rates, employees, rounding) => {
        const components = [
          { code: 'BASIC', name: 'Basic', kind: 'EARNING' as const, formula: 'basePay' },
          ...rates.map((r, i) => ({ code: `C${i}`, name: `c${i}`, kind: (i % 2 ? 'DEDUCTION' : 'EARNING') as 'EARNING' | 'DEDUCTION', formula: `BASIC * ${r} / 1000 + unpaidLeaveDays / 3` })),
        ];
        const checked = checkStructure({ name: 'P', components }, 2);
        if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
        const rules = { currency: 'EUR', decimals: 2, rounding };
        const slips = employees.map((e, i) => {
          const start = `2027-03-${String(e.start).padStart(2, '0')}`;
          const unpaidLeave = Array.from({ length: e.unpaid }, () => ({ date: start, amount: -1000, unit: 'DAYS' as const }));
          const result = calculatePayslip({ employeeId: `E${i}`, contracts: [contract(`E${i}`, start, null, { payAmount: e.pay, ftePercent: e.fte })], structure: { id: 'P', ...checked.compiled }, unpaidLeave, attendance: [] }, MARCH, rules);
          expect(result.error).toBeNull();
          const basic = minorToRatio(result.lines[0]!.minor, 2);
          result.lines.slice(1).forEach((line, j) => {
            const exact = add(div(mul(basic, parseDecimal(rates[j]!)!), ratio(1000n)), ratio(BigInt(e.unpaid), 3n));
            const error = sub(minorToRatio(line.minor, 2), exact);
            expect(cmp({ n: error.n < 0n ? -error.n : error.n, d: error.d }, { n: 1n, d: 200n })).toBeLessThanOrEqual(0);
          });
          return { employeeId: result.employeeId, lines: result.lines.map((l) => ({ code: l.code, kind: l.kind, amount: formatMinor(l.minor, 2) })), gross: formatMinor(result.gross, 2), deductions: formatMinor(result.deductions, 2), net: formatMinor(result.net, 2), error: null };
        });
        const register = buildRegister(slips, 2);
        expect(reconciles(register)).toBe(true);
        const sum = (code: string) => slips.flatMap((s) => s.lines).filter((l) => l.code === code).reduce((a, l) => a + BigInt(l.amount.replace('.', '')), 0n);
        for (const total of register.totals) expect(total.minor).toBe(sum(total.code));
        const csv = registerCsv(slips, register, 2).trimEnd().split('\r\n');
        expect(csv).toHaveLength(slips.length + 2);
        expect(csv.at(-1)!.split(',').slice(-4, -1)).toEqual([formatMinor(register.gross, 2), formatMinor(register.deductions, 2), formatMinor(register.net, 2)]);
      }),
      { seed: 20271501, numRuns: 150 },
    );
  });

  it('a tampered register does not reconcile', () => {
    const slips = [{ employeeId: 'E1', lines: [{ code: 'A', kind: 'EARNING' as const, amount: '10.00' }], gross: '10.01', deductions: '0.00', net: '10.01', error: null }];
    expect(reconciles(buildRegister(slips, 2))).toBe(false);
  });

  it('CSV fields that a spreadsheet would run are defused', () => {
    const slips = [{ employeeId: 'E1', lines: [], gross: '0.00', deductions: '0.00', net: '0.00', error: '=HYPERLINK("x")' }];
    expect(registerCsv(slips, buildRegister(slips, 2), 2)).toContain(`"'=HYPERLINK(""x"")"`);
  });
});
