/**
 * One payslip from its inputs, with no I/O: the contracts' versions day by day (joiners and
 * leavers are paid for the days under contract, an amendment mid-period from its day on), unpaid
 * leave from the leave ledger's TAKEN/CANCELLED entries of unpaid types dated in the period, worked
 * and overtime minutes from the attendance records, then the structure's components in dependency
 * order, each rounded once to the minor unit. A payslip that cannot be calculated (no structure, no
 * pay on the contract, another currency, a division by zero at run time) carries the error and no lines.
 *
 * Contract pay: ANNUAL and MONTHLY amounts are full-time amounts scaled by ftePercent; an HOURLY
 * rate is paid for the contract's weekly hours (weeks of 52/12 a month), which already say how part-time it is.
 */
import type { ContractRow, ContractTerms } from '../employment/model/contracts.ts';
import type { LeaveUnit, SalaryComponentKind } from '../generated/graphql.ts';
import { addDays, daysBetween, daysInMonth } from '../model/dates.ts';
import { evaluateFormula } from './formula.ts';
import { add, div, formatMinor, formatRatio, fromInt, minorToRatio, mul, parseDecimal, ratio, toMinor, ZERO, type Ratio, type Rounding } from './money.ts';
import { overtimeInputName, type CompiledStructure } from './structures.ts';

export interface PayPeriod {
  /** `YYYY-MM` for a monthly period. */
  label: string;
  start: string;
  end: string;
  days: number;
}

/** A monthly period from `YYYY-MM`, or null. */
export function monthlyPeriod(label: string): PayPeriod | null {
  if (typeof label !== 'string' || label.length !== 7 || label[4] !== '-') return null;
  const year = Number(label.slice(0, 4));
  const month = Number(label.slice(5, 7));
  if (!Number.isInteger(year) || !Number.isInteger(month) || year < 2000 || year > 2999 || month < 1 || month > 12) return null;
  const days = daysInMonth(year, month);
  return { label, start: `${label}-01`, end: `${label}-${String(days).padStart(2, '0')}`, days };
}

export interface PayrollRules {
  currency: string;
  decimals: number;
  rounding: Rounding;
}

/** One leave ledger entry of an unpaid type (TAKEN negative, CANCELLED positive), in its type's base units. */
export interface UnpaidLeaveEntry {
  date: string;
  amount: number;
  unit: LeaveUnit;
}

/** What an attendance record adds: minutes worked and overtime minutes by multiplier ("1.50"). */
export interface AttendanceDayInput {
  date: string;
  workedMinutes: number;
  overtime: { minutes: number; multiplier: string }[];
}

export interface EmployeePeriod {
  employeeId: string;
  contracts: ContractRow[];
  /** The structure assigned on the last payable day, or null. */
  structure: CompiledStructure | { problem: string } | null;
  unpaidLeave: UnpaidLeaveEntry[];
  attendance: AttendanceDayInput[];
}

export interface PayslipLineValue {
  code: string;
  name: string;
  kind: SalaryComponentKind;
  minor: bigint;
}

export interface PayslipResult {
  employeeId: string;
  structureId: string | null;
  lines: PayslipLineValue[];
  gross: bigint;
  deductions: bigint;
  net: bigint;
  trace: { name: string; value: string }[];
  error: string | null;
}

const HUNDRED = fromInt(100);
const TWELVE = fromInt(12);
const FIFTY_TWO = fromInt(52);

/** A JS number from the API (ftePercent, weeklyHours: at most two decimals) as an exact ratio. */
function exact(value: number): Ratio {
  return parseDecimal(value.toFixed(2)) ?? ZERO;
}

function weeklyHoursOf(terms: ContractTerms): Ratio {
  return terms.weeklyHours !== null && terms.weeklyHours !== undefined ? exact(terms.weeklyHours) : div(mul(fromInt(40), exact(terms.ftePercent)), HUNDRED);
}

/** A version's pay for a whole month, or why there is none. */
function monthlyPay(terms: ContractTerms, rules: PayrollRules): Ratio | string {
  if (!terms.payAmount || !terms.payBasis) return 'the contract has no pay (payBasis and payAmount)';
  if (terms.payCurrency !== rules.currency) return `the contract pays in ${terms.payCurrency ?? 'no currency'}, payroll runs in ${rules.currency}`;
  const amount = parseDecimal(terms.payAmount);
  if (!amount) return 'the contract pay amount is not a decimal';
  const fte = div(exact(terms.ftePercent), HUNDRED);
  switch (terms.payBasis) {
    case 'ANNUAL':
      return mul(div(amount, TWELVE), fte);
    case 'MONTHLY':
      return mul(amount, fte);
    case 'HOURLY':
      if (terms.weeklyHours === null || terms.weeklyHours === undefined) return 'an hourly contract needs weeklyHours';
      return div(mul(mul(amount, exact(terms.weeklyHours)), FIFTY_TWO), TWELVE);
  }
}

function hourlyRate(terms: ContractTerms, month: Ratio): Ratio {
  if (terms.payBasis === 'HOURLY' && terms.payAmount) return parseDecimal(terms.payAmount) ?? ZERO;
  const hours = weeklyHoursOf(terms);
  return hours.n === 0n ? ZERO : div(mul(month, TWELVE), mul(FIFTY_TWO, hours));
}

/** The contracts' versions in force during the period, each with its days in it (contracts never overlap). */
function contractSegments(contracts: ContractRow[], period: PayPeriod): { terms: ContractTerms; contractId: string; days: number; last: string }[] {
  const segments: { terms: ContractTerms; contractId: string; days: number; last: string }[] = [];
  for (const contract of contracts) {
    const versions = [...contract.versions].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
    versions.forEach((version, i) => {
      const next = versions[i + 1];
      const from = [version.effectiveFrom, contract.startDate, period.start].reduce((a, b) => (a > b ? a : b));
      const ends = [period.end, ...(contract.endDate ? [contract.endDate] : []), ...(next ? [addDays(next.effectiveFrom, -1)] : [])];
      const to = ends.reduce((a, b) => (a < b ? a : b));
      const days = to >= from ? daysBetween(from, to) + 1 : 0;
      if (days > 0) segments.push({ terms: version.terms, contractId: contract.id, days, last: to });
    });
  }
  return segments.sort((a, b) => a.last.localeCompare(b.last));
}

/** Whether the employee is in a period's scope: any day under contract in it. */
export function inScope(contracts: ContractRow[], period: PayPeriod): boolean {
  return contracts.some((c) => c.startDate <= period.end && (c.endDate === null || c.endDate >= period.start));
}

/** The period's inputs of one employee, exact, or why they cannot be had. */
export function periodInputs(employee: EmployeePeriod, period: PayPeriod, rules: PayrollRules): { values: Map<string, Ratio>; contracts: string[] } | { problem: string } {
  const segments = contractSegments(employee.contracts, period);
  if (segments.length === 0) return { problem: 'no day under contract in the period' };
  let basePay = ZERO;
  let fullPay = ZERO;
  let payable = 0;
  for (const segment of segments) {
    const month = monthlyPay(segment.terms, rules);
    if (typeof month === 'string') return { problem: month };
    basePay = add(basePay, mul(month, fromInt(segment.days)));
    fullPay = month;
    payable += segment.days;
  }
  basePay = div(basePay, fromInt(period.days));
  const last = segments[segments.length - 1]!.terms;
  const dayMinutes = div(mul(weeklyHoursOf(last), fromInt(60)), fromInt(5));
  let unpaid = ZERO;
  for (const entry of employee.unpaidLeave) {
    if (entry.date < period.start || entry.date > period.end) continue;
    const taken = fromInt(-entry.amount);
    unpaid = add(unpaid, entry.unit === 'HOURS' ? (dayMinutes.n === 0n ? ZERO : div(taken, dayMinutes)) : div(taken, fromInt(1000)));
  }
  let worked = 0;
  const overtime = new Map<string, number>();
  let overtimeTotal = 0;
  for (const record of employee.attendance) {
    if (record.date < period.start || record.date > period.end) continue;
    worked += record.workedMinutes;
    for (const o of record.overtime) {
      const name = overtimeInputName(o.multiplier);
      if (!name) continue;
      overtime.set(name, (overtime.get(name) ?? 0) + o.minutes);
      overtimeTotal += o.minutes;
    }
  }
  const values = new Map<string, Ratio>([
    ['basePay', basePay],
    ['fullPay', fullPay],
    ['hourlyRate', hourlyRate(last, fullPay)],
    ['ftePercent', exact(last.ftePercent)],
    ['daysInPeriod', fromInt(period.days)],
    ['daysPayable', fromInt(payable)],
    ['unpaidLeaveDays', unpaid],
    ['workedHours', ratio(BigInt(worked), 60n)],
    ['overtimeMinutes', fromInt(overtimeTotal)],
    ...[...overtime].sort(([a], [b]) => a.localeCompare(b)).map(([name, minutes]) => [name, fromInt(minutes)] as [string, Ratio]),
  ]);
  return { values, contracts: [...new Set(segments.map((d) => d.contractId))] };
}

/** Calculates one payslip. Never throws for a bad input of this employee: the payslip carries the error. */
export function calculatePayslip(employee: EmployeePeriod, period: PayPeriod, rules: PayrollRules): PayslipResult {
  const structureId = employee.structure && 'id' in employee.structure ? employee.structure.id : null;
  const failed = (error: string, trace: PayslipResult['trace'] = []): PayslipResult => ({ employeeId: employee.employeeId, structureId, lines: [], gross: 0n, deductions: 0n, net: 0n, trace, error });
  const inputs = periodInputs(employee, period, rules);
  if ('problem' in inputs) return failed(inputs.problem);
  const trace = [
    ...[...inputs.values].map(([name, value]) => ({ name, value: formatRatio(value) })),
    { name: 'contracts', value: inputs.contracts.join(' ') },
  ];
  if (!employee.structure) return failed('no salary structure is assigned to the employee for the period', trace);
  if ('problem' in employee.structure) return failed(employee.structure.problem, trace);
  trace.push({ name: 'structure', value: employee.structure.id });
  const values = new Map(inputs.values);
  const minor = new Map<string, bigint>();
  for (const step of employee.structure.order) {
    const { component } = step;
    let amount: bigint;
    if (step.amountMinor !== null) {
      amount = step.amountMinor;
    } else {
      try {
        amount = toMinor(evaluateFormula(step.formula!, (name) => values.get(name) ?? ZERO), rules.decimals, rules.rounding);
      } catch (error) {
        if (error instanceof RangeError) return failed(`component ${component.code}: division by zero`, trace);
        throw error;
      }
    }
    minor.set(component.code, amount);
    values.set(component.code, minorToRatio(amount, rules.decimals));
  }
  const lines = employee.structure.components.map((c) => ({ code: c.code, name: c.name, kind: c.kind, minor: minor.get(c.code)! }));
  const gross = lines.filter((l) => l.kind === 'EARNING').reduce((s, l) => s + l.minor, 0n);
  const deductions = lines.filter((l) => l.kind === 'DEDUCTION').reduce((s, l) => s + l.minor, 0n);
  return { employeeId: employee.employeeId, structureId, lines, gross, deductions, net: gross - deductions, trace, error: null };
}

/** A line's amount as the API shows it. */
export const money = (minor: bigint, rules: Pick<PayrollRules, 'decimals'>): string => formatMinor(minor, rules.decimals);

