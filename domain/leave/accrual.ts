/**
 * What an employee has earned, by the rules of their policies and the versions of their contracts:
 * pure arithmetic on calendar dates, exact (rationals of base units) until a policy's rounding rule.
 *
 * The runner works in slots, each a movement with a deterministic name and date:
 * - `M-<yyyy-mm>` MONTHLY: a twelfth of the year's entitlement per month, dated the month's end;
 * - `P-<end>` PAY_PERIOD: the pay period's days' share of the year, dated its last day;
 * - `A-<date>` ANNIVERSARY: a year's entitlement on the hire date and each anniversary;
 * - `U-<yyyy>` UP_FRONT: the year's entitlement, dated 1 January (or the hire date);
 * - `C-<yyyy>` the year-end carry-forward cut, `E-<yyyy>` the expiry of what it carried.
 *
 * Pro-rata: a day counts if a contract covers it, weighted by that day's FTE % (when the policy
 * says so); a policy that does not pro-rate joiners and leavers counts a period whole if any day of
 * it is employed. Seniority: the highest step reached on a day adds to that day's entitlement.
 * Rounding: cumulative within the year (the slot is round(earned to date) − round(earned before)),
 * so twelve months of 25/12 days make exactly 25 and no rounding error builds up.
 */
import { versionOn, type ContractRow } from '../employment/model/contracts.ts';
import { addDays, daysBetween, daysInMonth } from '../model/dates.ts';
import { policyOn, type AccrualPolicy } from './definitions.ts';
import { addRatio, ratio, roundTo, ZERO, type Ratio } from './quantity.ts';

export type SlotKind = 'ACCRUAL' | 'ALLOCATION' | 'CARRY_FORWARD' | 'EXPIRY';

/** A slot's computed amount (base units, rounded) and the entry that first posts it. */
export interface SlotAmount {
  name: string;
  date: string;
  kind: SlotKind;
  amount: number;
}

export type Policy = AccrualPolicy & { id: string };

/** One day of an employee: their terms if employed, and the policy of the type then. */
interface Day {
  date: string;
  employed: boolean;
  /** FTE in hundredths of a percent (62.5 % → 6250). */
  fte: number;
  policy: Policy | null;
}

const FULL_FTE = 10_000;

/** The contracts of one employee, the policies of one type: the facts every slot reads. */
export class EmployeeYear {
  private readonly sorted: ContractRow[];
  readonly hireDate: string | null;

  constructor(contracts: readonly ContractRow[], private readonly policies: readonly Policy[]) {
    this.sorted = [...contracts].sort((a, b) => (a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : 0));
    this.hireDate = this.sorted[0]?.startDate ?? null;
  }

  private readonly days = new Map<string, Day>();

  day(date: string): Day {
    let fact = this.days.get(date);
    if (!fact) {
      fact = this.compute(date);
      this.days.set(date, fact);
    }
    return fact;
  }

  private compute(date: string): Day {
    for (const contract of this.sorted) {
      if (contract.startDate > date || (contract.endDate !== null && contract.endDate < date)) continue;
      const version = versionOn(contract, date);
      if (!version) continue;
      return { date, employed: true, fte: Math.round(version.terms.ftePercent * 100), policy: policyOn(this.policies, version.terms, date) };
    }
    return { date, employed: false, fte: 0, policy: null };
  }

  /** Whether any policy of the type accrues by `frequency` (the others' slots need no day read). */
  uses(frequency: Policy['accrualFrequency']): boolean {
    return this.policies.some((p) => p.accrualFrequency === frequency);
  }

  /** Whole years of service on `date` (from the first contract's start). */
  serviceYears(date: string): number {
    if (!this.hireDate || date < this.hireDate) return 0;
    const [hy, hm, hd] = this.hireDate.split('-').map(Number) as [number, number, number];
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    return y - hy - (m < hm || (m === hm && d < hd) ? 1 : 0);
  }

  /** The annual entitlement on `date` under `policy`, with its seniority step (base units). */
  entitlement(policy: Policy, date: string): number {
    const years = this.serviceYears(date);
    let extra = 0;
    for (const step of policy.senioritySteps) if (step.afterYears <= years) extra = step.extra;
    return policy.annualEntitlement + extra;
  }

  /**
   * The exact amount earned over `days` (a period), each day weighing 1/`weight(day)` of a year's
   * entitlement (a ratio), under the reference policy's pro-rata flags. Days whose policy accrues
   * by another frequency earn nothing here.
   */
  earned(days: readonly string[], reference: Policy, weight: (date: string) => number): Ratio {
    const facts = days.map((d) => this.day(d));
    const employed = facts.filter((f) => f.employed && f.policy !== null && f.policy.accrualFrequency === reference.accrualFrequency);
    if (employed.length === 0) return ZERO;
    const last = employed[employed.length - 1] as Day;
    // Σ entitlement × FTE / (FULL_FTE × w) per day; days share a few denominators w, so sum the
    // integer numerators per w (exact: below 2^53) and make one ratio of each.
    const sums = new Map<number, number>();
    for (const fact of facts) {
      const counts = fact.employed && fact.policy !== null && fact.policy.accrualFrequency === reference.accrualFrequency;
      const source = counts ? fact : reference.prorateJoinersLeavers ? null : last;
      if (!source || !source.policy) continue;
      const fte = reference.prorateByFte ? source.fte : FULL_FTE;
      const w = weight(fact.date);
      sums.set(w, (sums.get(w) ?? 0) + this.entitlement(source.policy, source.date) * fte);
    }
    let sum = ZERO;
    for (const [w, numerator] of sums) sum = addRatio(sum, ratio(BigInt(numerator), BigInt(FULL_FTE) * BigInt(w)));
    return sum;
  }

  /** The last employed day in `days` with a policy, as the period's reference (its rounding, its frequency). */
  reference(days: readonly string[]): Day | null {
    for (let i = days.length - 1; i >= 0; i -= 1) {
      const fact = this.day(days[i] as string);
      if (fact.employed && fact.policy) return fact;
    }
    return null;
  }
}

export function monthDays(period: string): string[] {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const count = daysInMonth(y, m);
  return Array.from({ length: count }, (_, i) => `${period}-${String(i + 1).padStart(2, '0')}`);
}

function yearDays(year: number): string[] {
  return Array.from({ length: 12 }, (_, i) => monthDays(`${year}-${String(i + 1).padStart(2, '0')}`)).flat();
}

const daysInYear = (date: string) => (daysInMonth(Number(date.slice(0, 4)), 2) === 29 ? 366 : 365);
/** A day's share of a year's entitlement is 1/w: MONTHLY 1/(12 × days in its month), by day 1/(days in its year). */
const monthWeight = (date: string): number => 12 * daysInMonth(Number(date.slice(0, 4)), Number(date.slice(5, 7)));
const dayWeight = (date: string): number => daysInYear(date);

/** `2027-03` → `2027-02`. */
export function previousPeriod(period: string): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** MONTHLY: the month's slot, cumulatively rounded within the year; null when the month is not a monthly one. */
export function monthlySlot(employee: EmployeeYear, period: string): SlotAmount | null {
  if (!employee.uses('MONTHLY')) return null;
  const days = monthDays(period);
  const reference = employee.reference(days);
  if (!reference?.policy || reference.policy.accrualFrequency !== 'MONTHLY') return null;
  const policy = reference.policy;
  const month = Number(period.slice(5, 7));
  const year = period.slice(0, 4);
  let before = ZERO;
  for (let m = 1; m < month; m += 1) {
    const earlier = monthDays(`${year}-${String(m).padStart(2, '0')}`);
    const ref = employee.reference(earlier);
    if (ref?.policy?.accrualFrequency === 'MONTHLY') before = addRatio(before, employee.earned(earlier, ref.policy, monthWeight));
  }
  const through = addRatio(before, employee.earned(days, policy, monthWeight));
  const amount = roundTo(through, policy.roundingStep, policy.roundingMode) - roundTo(before, policy.roundingStep, policy.roundingMode);
  return { name: `M-${period}`, date: days[days.length - 1] as string, kind: 'ACCRUAL', amount };
}

/** The pay periods (first and last day) of a policy ending inside [from, to]. */
export function payPeriodsEnding(policy: Pick<Policy, 'payPeriodDays' | 'payPeriodAnchor'>, from: string, to: string): { start: string; end: string }[] {
  const length = policy.payPeriodDays ?? 14;
  const anchor = policy.payPeriodAnchor ?? from;
  const offset = daysBetween(anchor, from);
  // the first period whose end is ≥ from
  let k = Math.floor(offset / length);
  const found: { start: string; end: string }[] = [];
  for (;; k += 1) {
    const start = addDays(anchor, k * length);
    const end = addDays(start, length - 1);
    if (end < from) continue;
    if (end > to) break;
    found.push({ start, end });
  }
  return found;
}

function datesFrom(start: string, end: string): string[] {
  const count = daysBetween(start, end) + 1;
  return Array.from({ length: count }, (_, i) => addDays(start, i));
}

/** PAY_PERIOD: a slot for each pay period ending in the month, cumulatively rounded within its end's year. */
export function payPeriodSlots(employee: EmployeeYear, period: string): SlotAmount[] {
  if (!employee.uses('PAY_PERIOD')) return [];
  const days = monthDays(period);
  const reference = employee.reference(days);
  if (!reference?.policy || reference.policy.accrualFrequency !== 'PAY_PERIOD') return [];
  const policy = reference.policy;
  const yearStart = `${period.slice(0, 4)}-01-01`;
  const periods = payPeriodsEnding(policy, yearStart, days[days.length - 1] as string);
  const slots: SlotAmount[] = [];
  let cumulative = ZERO;
  for (const pp of periods) {
    const before = cumulative;
    cumulative = addRatio(cumulative, employee.earned(datesFrom(pp.start, pp.end), policy, dayWeight));
    if (pp.end.slice(0, 7) !== period) continue;
    const amount = roundTo(cumulative, policy.roundingStep, policy.roundingMode) - roundTo(before, policy.roundingStep, policy.roundingMode);
    slots.push({ name: `P-${pp.end}`, date: pp.end, kind: 'ACCRUAL', amount });
  }
  return slots;
}

/** ANNIVERSARY: the hire date and its anniversaries in the month (29 February → 28 February in other years). */
export function anniversarySlots(employee: EmployeeYear, period: string): SlotAmount[] {
  const hire = employee.hireDate;
  if (!hire || !employee.uses('ANNIVERSARY')) return [];
  const year = Number(period.slice(0, 4));
  if (year < Number(hire.slice(0, 4)) || hire.slice(5, 7) !== period.slice(5, 7)) return [];
  const day = Math.min(Number(hire.slice(8, 10)), daysInMonth(year, Number(period.slice(5, 7))));
  const date = `${period}-${String(day).padStart(2, '0')}`;
  const fact = employee.day(date);
  if (!fact.employed || !fact.policy || fact.policy.accrualFrequency !== 'ANNIVERSARY') return [];
  const fte = fact.policy.prorateByFte ? fact.fte : FULL_FTE;
  const exact = ratio(BigInt(employee.entitlement(fact.policy, date)) * BigInt(fte), FULL_FTE);
  return [{ name: `A-${date}`, date, kind: 'ALLOCATION', amount: roundTo(exact, fact.policy.roundingStep, fact.policy.roundingMode) }];
}

/** UP_FRONT: the year's entitlement, computed from the contracts as known (a leaver's later run posts the difference). */
export function upFrontSlot(employee: EmployeeYear, year: number): SlotAmount | null {
  if (!employee.uses('UP_FRONT')) return null;
  const days = yearDays(year);
  const first = days.map((d) => employee.day(d)).find((f) => f.employed && f.policy);
  if (!first?.policy || first.policy.accrualFrequency !== 'UP_FRONT') return null;
  const exact = employee.earned(days, first.policy, dayWeight);
  const date = first.date;
  return { name: `U-${year}`, date: date < `${year}-01-01` ? `${year}-01-01` : date, kind: 'ALLOCATION', amount: roundTo(exact, first.policy.roundingStep, first.policy.roundingMode) };
}

/** The policy that rules a year's end for the employee: the one of their last employed day in the year. */
export function yearEndPolicy(employee: EmployeeYear, year: number): Policy | null {
  return employee.reference(monthDays(`${year}-12`))?.policy ?? employee.reference(yearDays(year))?.policy ?? null;
}

/**
 * The year-end cut: of a balance `balance` at the end of the year (before the cut), at most `cap`
 * carries (null: all); the rest lapses. A negative balance carries as it is (nothing lapses).
 */
export function carryForward(balance: number, cap: number | null): { amount: number; carried: number } {
  if (balance <= 0) return { amount: 0, carried: 0 };
  const carried = cap === null ? balance : Math.min(balance, cap);
  return { amount: carried - balance, carried };
}

/**
 * Expiry of carried leave: only the carried part not used by the expiry date lapses, and never
 * more than the balance then. `used` is the net leave taken in the new year up to that date.
 */
export function expiry(carried: number, used: number, balance: number): number {
  const unused = Math.max(0, carried - Math.max(0, used));
  const lapse = Math.max(0, Math.min(unused, balance));
  return lapse === 0 ? 0 : -lapse;
}

/** The last day of month `months` of `year + 1`: when what `year` carried expires. */
export function expiryDate(year: number, months: number): string {
  const month = String(months).padStart(2, '0');
  return `${year + 1}-${month}-${String(daysInMonth(year + 1, months)).padStart(2, '0')}`;
}

/** The accrual slots of the month `period` for one employee (year-end and expiry slots need the ledger: earn.ts). */
export function accrualSlots(employee: EmployeeYear, period: string): SlotAmount[] {
  const year = Number(period.slice(0, 4));
  const slots: SlotAmount[] = [];
  const monthly = monthlySlot(employee, period);
  if (monthly) slots.push(monthly);
  slots.push(...payPeriodSlots(employee, period), ...anniversarySlots(employee, period));
  const upFront = upFrontSlot(employee, year);
  if (upFront && upFront.date.slice(0, 7) <= period) slots.push(upFront);
  // December's run happens on 1 January: it grants the new year's up-front entitlement at once.
  const next = period.endsWith('-12') ? upFrontSlot(employee, year + 1) : null;
  if (next && next.date === `${year + 1}-01-01`) slots.push(next);
  return slots;
}
