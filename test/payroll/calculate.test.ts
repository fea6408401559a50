/**
 * Hand-checked payslips (March 2027: 31 days, EUR, half-up): given a contract, unpaid leave from
 * the ledger and attendance, when the payslip is calculated, then each line is what a person
 * computes with pen and paper; and payslips that cannot be calculated carry their error.
 */
import { describe, expect, it } from 'vitest';
import { calculatePayslip, monthlyPeriod, type EmployeePeriod, type PayPeriod, type PayrollRules } from '../../domain/payroll/calculate.ts';
import { formatMinor } from '../../domain/payroll/money.ts';
import { checkStructure, type CompiledStructure } from '../../domain/payroll/structures.ts';
import { contract, STANDARD } from './fixtures.ts';

const MARCH = monthlyPeriod('2027-03') as PayPeriod;
const FEBRUARY = monthlyPeriod('2027-02') as PayPeriod;
const EUR: PayrollRules = { currency: 'EUR', decimals: 2, rounding: 'HALF_UP' };

function structure(components = STANDARD, decimals = 2): CompiledStructure {
  const checked = checkStructure({ name: 'Standard', components }, decimals);
  if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
  return { id: 'S1', ...checked.compiled };
}

function slip(employee: Partial<EmployeePeriod> & Pick<EmployeePeriod, 'contracts'>, period = MARCH, rules = EUR) {
  const result = calculatePayslip({ employeeId: 'E1', structure: structure(), unpaidLeave: [], attendance: [], ...employee }, period, rules);
  return {
    ...result,
    amounts: Object.fromEntries(result.lines.map((l) => [l.code, formatMinor(l.minor, rules.decimals)])),
    totals: { gross: formatMinor(result.gross, 2), deductions: formatMinor(result.deductions, 2), net: formatMinor(result.net, 2) },
    input: (name: string) => result.trace.find((t) => t.name === name)?.value,
  };
}

describe('hand-checked payslips', () => {
  it('a joiner on the 15th is paid 17 of 31 days', () => {
    const s = slip({ contracts: [contract('E1', '2027-03-15', null, { payBasis: 'ANNUAL', payAmount: '60000.00' })] });
    // 60,000 / 12 = 5,000 a month; × 17/31 = 2,741.935… → 2,741.94; pension 5 % = 137.097 → 137.10.
    expect(s.error).toBeNull();
    expect(s.amounts).toEqual({ BASIC: '2741.94', OT150: '0.00', OT200: '0.00', MEAL: '50.00', UNPAID: '0.00', PENSION: '137.10' });
    expect(s.totals).toEqual({ gross: '2791.94', deductions: '137.10', net: '2654.84' });
    expect(s.input('daysPayable')).toBe('17');
  });

  it('a leaver whose last day is the 10th is paid 10 of 31 days', () => {
    const s = slip({ contracts: [contract('E1', '2020-01-01', '2027-03-10', { payBasis: 'MONTHLY', payAmount: '3100.00' })] });
    expect(s.amounts.BASIC).toBe('1000.00');
    expect(s.amounts.PENSION).toBe('50.00');
    expect(s.totals).toEqual({ gross: '1050.00', deductions: '50.00', net: '1000.00' });
  });

  it('a part-timer at 50 % is paid half the full-time salary; an amendment to 80 % on the 22nd pays 10 days more at 80 %', () => {
    const half = slip({ contracts: [contract('E1', '2020-01-01', null, { payBasis: 'ANNUAL', payAmount: '60000.00', ftePercent: 50, weeklyHours: 20 })] });
    expect(half.totals).toEqual({ gross: '2550.00', deductions: '125.00', net: '2425.00' });
    expect(half.input('hourlyRate')).toBe('~28.846154'); // 2,500 × 12 / 52 / 20

    const changed = slip({ contracts: [contract('E1', '2020-01-01', null, { payBasis: 'MONTHLY', payAmount: '3100.00', ftePercent: 50 }, [{ from: '2027-03-22', terms: { ftePercent: 80 } }])] });
    // 21 days at 1,550 / 31 = 50 a day (1,050) + 10 days at 2,480 / 31 = 80 a day (800).
    expect(changed.amounts.BASIC).toBe('1850.00');
    expect(changed.input('fullPay')).toBe('2480');
  });

  it('unpaid leave across the month boundary counts only the days dated in each month', () => {
    const contracts = [contract('E1', '2020-01-01', null, { payBasis: 'MONTHLY', payAmount: '3100.00' })];
    // The ledger: TAKEN a day on 27 Feb, a day on 1 Mar, a half day on 2 Mar; a day on 3 Mar taken and cancelled.
    const unpaidLeave = [
      { date: '2027-02-27', amount: -1000, unit: 'DAYS' as const },
      { date: '2027-03-01', amount: -1000, unit: 'DAYS' as const },
      { date: '2027-03-02', amount: -500, unit: 'HALF_DAYS' as const },
      { date: '2027-03-03', amount: -1000, unit: 'DAYS' as const },
      { date: '2027-03-03', amount: 1000, unit: 'DAYS' as const },
    ];
    const march = slip({ contracts, unpaidLeave });
    // 3,100 / 31 × 1.5 = 150.00; pension (3,100 − 150) × 5 % = 147.50.
    expect(march.input('unpaidLeaveDays')).toBe('1.5');
    expect(march.amounts.UNPAID).toBe('150.00');
    expect(march.totals).toEqual({ gross: '3150.00', deductions: '297.50', net: '2852.50' });
    const february = slip({ contracts, unpaidLeave }, FEBRUARY);
    // 3,100 / 28 × 1 = 110.714… → 110.71.
    expect(february.amounts.UNPAID).toBe('110.71');
  });

  it('overtime at 1.5 and 2 is paid at the hourly rate from the attendance records', () => {
    const s = slip({
      contracts: [contract('E1', '2020-01-01', null, { payBasis: 'HOURLY', payAmount: '20.00', weeklyHours: 40 })],
      attendance: [
        { date: '2027-03-04', workedMinutes: 570, overtime: [{ minutes: 90, multiplier: '1.50' }] },
        { date: '2027-03-06', workedMinutes: 90, overtime: [{ minutes: 60, multiplier: '2.00' }, { minutes: 30, multiplier: '1.50' }] },
        { date: '2027-04-01', workedMinutes: 600, overtime: [{ minutes: 120, multiplier: '2.00' }] },
      ],
    });
    // 20 × 40 × 52 / 12 = 3,466.666… → 3,466.67; 120 min × 1.5 × 20 / 60 = 60; 60 min × 2 × 20 / 60 = 40.
    expect(s.amounts).toMatchObject({ BASIC: '3466.67', OT150: '60.00', OT200: '40.00', PENSION: '173.33' });
    expect(s.totals).toEqual({ gross: '3616.67', deductions: '173.33', net: '3443.34' });
    expect(s.input('workedHours')).toBe('11');
    expect(s.input('overtimeMinutes')).toBe('180');
  });

  it('rounds each line by the tenant rule: 0.125 is 0.13 half-up and 0.12 half-even', () => {
    const components = [{ code: 'X', name: 'x', kind: 'EARNING' as const, formula: '0.125 + daysPayable * 0' }];
    const contracts = [contract('E1', '2020-01-01', null, {})];
    const up = calculatePayslip({ employeeId: 'E1', contracts, structure: structure(components), unpaidLeave: [], attendance: [] }, MARCH, EUR);
    const even = calculatePayslip({ employeeId: 'E1', contracts, structure: structure(components), unpaidLeave: [], attendance: [] }, MARCH, { ...EUR, rounding: 'HALF_EVEN' });
    expect([up.gross, even.gross]).toEqual([13n, 12n]);
  });
});

describe('payslips that cannot be calculated carry their error', () => {
  const contracts = [contract('E1', '2020-01-01', null, {})];
  it('without a structure', () => {
    expect(slip({ contracts, structure: null }).error).toMatch(/no salary structure/);
  });
  it('with a contract in another currency', () => {
    expect(slip({ contracts: [contract('E1', '2020-01-01', null, { payCurrency: 'USD' })] }).error).toMatch(/pays in USD, payroll runs in EUR/);
  });
  it('when a formula divides by a value that is zero for this employee', () => {
    const s = slip({ contracts, structure: structure([{ code: 'PER_DAY', name: 'x', kind: 'EARNING', formula: 'basePay / unpaidLeaveDays' }]) });
    expect(s.error).toBe('component PER_DAY: division by zero');
    expect(s.lines).toEqual([]);
  });
});
