/**
 * Accrual arithmetic (domain/leave/accrual.ts): given contracts and a policy, when a month is
 * accrued, then the amounts are exact, pro-rated and rounded as the policy states. The anchors'
 * known failures are named regression tests.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accrualSlots, carryForward, EmployeeYear, expiry, monthlySlot, payPeriodsEnding, upFrontSlot } from '../../../domain/leave/accrual.ts';
import { formatAmount, parseAmount, ratio, roundTo } from '../../../domain/leave/quantity.ts';
import { contract, policy } from './fixtures.ts';

const months = (year: number) => Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
const monthly = (employee: EmployeeYear, period: string) => monthlySlot(employee, period)?.amount ?? 0;

describe('exact quantities', () => {
  it('parses and formats decimals in the type\'s unit without floats', () => {
    expect(parseAmount('1.25', 'DAYS')).toBe(1250);
    expect(parseAmount('7.5', 'HOURS')).toBe(450);
    expect(parseAmount('0.01', 'HOURS')).toBeNull(); // 0.6 minutes
    expect(parseAmount('1.0001', 'DAYS')).toBeNull();
    expect(parseAmount('-2', 'DAYS')).toBeNull();
    expect(parseAmount('-2', 'DAYS', { allowNegative: true })).toBe(-2000);
    expect(formatAmount(2083, 'DAYS')).toBe('2.083');
    expect(formatAmount(-450, 'HOURS')).toBe('-7.5');
    expect(formatAmount(7, 'HOURS')).toBe('0.12');
  });

  it('rounds exact ratios: 1/3 × 3 is 1, halves away from zero', () => {
    expect(roundTo(ratio(3, 3), 1, 'HALF_UP')).toBe(1);
    expect(roundTo(ratio(5, 2), 1, 'HALF_UP')).toBe(3);
    expect(roundTo(ratio(-5, 2), 1, 'HALF_UP')).toBe(-3);
    expect(roundTo(ratio(2083, 1), 500, 'DOWN')).toBe(2000);
    expect(roundTo(ratio(2001, 1), 500, 'UP')).toBe(2500);
  });

  it('keeps every decimal round trip exact (property)', () => {
    fc.assert(fc.property(fc.integer({ min: -10_000_000, max: 10_000_000 }), (milli) => {
      expect(parseAmount(formatAmount(milli, 'DAYS'), 'DAYS', { allowNegative: true })).toBe(milli);
    }), { seed: 1414, numRuns: 300 });
  });
});

describe('monthly accrual', () => {
  it('given 25 days a year, when twelve months accrue, then they make exactly 25 (cumulative rounding)', () => {
    const employee = new EmployeeYear([contract('e1', '2020-01-01')], [policy({ roundingStep: 10 })]);
    const amounts = months(2027).map((m) => monthly(employee, m));
    expect(amounts.reduce((a, b) => a + b, 0)).toBe(25_000);
    expect(amounts.every((a) => a === 2080 || a === 2090)).toBe(true);
  });

  it('regression (month-change accrual, frappe/hrms #3646 #3916): each month posts its own slot, dated its last day, even across a year change', () => {
    const employee = new EmployeeYear([contract('e1', '2020-01-01')], [policy({ roundingStep: 1 })]);
    expect(monthlySlot(employee, '2026-12')).toMatchObject({ name: 'M-2026-12', date: '2026-12-31' });
    expect(monthlySlot(employee, '2027-01')).toMatchObject({ name: 'M-2027-01', date: '2027-01-31', amount: 2083 });
    expect(monthlySlot(employee, '2027-02')).toMatchObject({ name: 'M-2027-02', date: '2027-02-28', amount: 2084 });
  });

  it('regression (pro-rata from the hire date, Horilla #494): 15 days a year is 1.25 a month from the hire date, the first month by days', () => {
    const employee = new EmployeeYear([contract('e1', '2027-03-16')], [policy({ annualEntitlement: 15_000 })]);
    expect(monthly(employee, '2027-02')).toBe(0);
    // 16 of 31 days of March
    expect(monthly(employee, '2027-03')).toBe(Math.round((1250 * 16) / 31));
    expect(monthly(employee, '2027-04')).toBe(1250);
    expect(monthly(employee, '2027-05')).toBe(1250);
  });

  it('counts a joiner\'s month whole when the policy does not pro-rate joiners', () => {
    const employee = new EmployeeYear([contract('e1', '2027-03-16')], [policy({ annualEntitlement: 15_000, prorateJoinersLeavers: false })]);
    expect(monthly(employee, '2027-03')).toBe(1250);
  });

  it('pro-rates a leaver to the last day and an FTE change inside the month by days', () => {
    const leaver = new EmployeeYear([contract('e1', '2020-01-01', '2027-04-10')], [policy({ annualEntitlement: 12_000 })]);
    expect(monthly(leaver, '2027-04')).toBe(Math.round((1000 * 10) / 30));
    expect(monthly(leaver, '2027-05')).toBe(0);
    const partTime = new EmployeeYear([contract('e2', '2020-01-01', null, [['2027-06-16', { ftePercent: 50 }]])], [policy({ annualEntitlement: 12_000 })]);
    // 15 days at 100 %, 15 days at 50 % of June (30 days)
    expect(monthly(partTime, '2027-06')).toBe(750);
    expect(monthly(partTime, '2027-07')).toBe(500);
  });

  it('adds the highest seniority step reached, from the day it is reached', () => {
    const employee = new EmployeeYear([contract('e1', '2022-07-01')], [policy({ annualEntitlement: 24_000, senioritySteps: [{ afterYears: 3, extra: 2_400 }, { afterYears: 5, extra: 6_000 }] })]);
    expect(monthly(employee, '2025-06')).toBe(2000);
    expect(monthly(employee, '2025-07')).toBe(2200);
    expect(monthly(employee, '2027-07')).toBe(2500);
  });

  it('follows the contract into another policy (department move) from the day it takes effect', () => {
    const sales = policy({ id: 'p-sales', annualEntitlement: 30_000, appliesTo: { employmentType: null, locationId: null, departmentId: 'sales' } });
    const employee = new EmployeeYear([contract('e1', '2020-01-01', null, [['2027-05-01', { departmentId: 'sales' }]])], [policy({ annualEntitlement: 24_000 }), sales]);
    expect(monthly(employee, '2027-04')).toBe(2000);
    expect(monthly(employee, '2027-05')).toBe(2500);
  });
});

describe('other frequencies', () => {
  it('UP_FRONT grants the year on 1 January, pro-rated for a joiner by days', () => {
    const everyone = new EmployeeYear([contract('e1', '2020-01-01')], [policy({ accrualFrequency: 'UP_FRONT' })]);
    expect(upFrontSlot(everyone, 2027)).toMatchObject({ name: 'U-2027', date: '2027-01-01', amount: 25_000 });
    const joiner = new EmployeeYear([contract('e2', '2027-07-01')], [policy({ accrualFrequency: 'UP_FRONT', roundingStep: 500 })]);
    // 184 of 365 days → 12.603 → 12.5 (half days, half-up)
    expect(upFrontSlot(joiner, 2027)).toMatchObject({ date: '2027-07-01', amount: 12_500 });
  });

  it('ANNIVERSARY grants the year on the hire date and each anniversary', () => {
    const employee = new EmployeeYear([contract('e1', '2025-05-20')], [policy({ accrualFrequency: 'ANNIVERSARY' })]);
    expect(accrualSlots(employee, '2027-05')).toEqual([{ name: 'A-2027-05-20', date: '2027-05-20', kind: 'ALLOCATION', amount: 25_000 }]);
    expect(accrualSlots(employee, '2027-06')).toEqual([]);
  });

  it('PAY_PERIOD accrues each fortnight ending in the month, the year summing to the entitlement within rounding', () => {
    const p = policy({ accrualFrequency: 'PAY_PERIOD', payPeriodDays: 14, payPeriodAnchor: '2026-12-28', annualEntitlement: 26_000 });
    expect(payPeriodsEnding(p, '2027-01-01', '2027-01-31').map((x) => x.end)).toEqual(['2027-01-10', '2027-01-24']);
    const employee = new EmployeeYear([contract('e1', '2020-01-01')], [p]);
    const total = months(2027).flatMap((m) => accrualSlots(employee, m)).reduce((s, x) => s + x.amount, 0);
    // 26 fortnights of 14/365 of 26 days, the first one partly in 2026 by date
    expect(Math.abs(total - Math.round((26_000 * 14 * 26) / 365))).toBeLessThanOrEqual(1);
  });
});

describe('year end', () => {
  it('carries at most the cap and lapses the rest; a negative balance carries as it is', () => {
    expect(carryForward(7_000, 5_000)).toEqual({ amount: -2_000, carried: 5_000 });
    expect(carryForward(3_000, 5_000)).toEqual({ amount: 0, carried: 3_000 });
    expect(carryForward(3_000, null)).toEqual({ amount: 0, carried: 3_000 });
    expect(carryForward(-1_000, 5_000)).toEqual({ amount: 0, carried: 0 });
  });

  it('regression (expiry of the unused part only, frappe/hrms PR #1297): 5 carried, 3 used by the expiry date, 2 expire', () => {
    expect(expiry(5_000, 3_000, 20_000)).toBe(-2_000);
    expect(expiry(5_000, 6_000, 20_000)).toBe(0);
    // never below zero: a balance of 1 loses 1
    expect(expiry(5_000, 0, 1_000)).toBe(-1_000);
  });

  it('regression (limits in the right unit, Odoo PR #195514): an hours type\'s cap of "40" is 40 hours, not 40 days or minutes', () => {
    const cap = parseAmount('40', 'HOURS')!;
    expect(cap).toBe(2_400);
    expect(carryForward(parseAmount('52.5', 'HOURS')!, cap)).toEqual({ amount: -750, carried: 2_400 });
    expect(formatAmount(carryForward(parseAmount('52.5', 'HOURS')!, cap).carried, 'HOURS')).toBe('40');
  });
});
