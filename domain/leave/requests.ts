/**
 * Leave requests, the pure part: how long a request is (from the employee's planned days and
 * holidays, in the type's unit), the rules a request meets (each refusal a field problem of
 * VALIDATION_ERROR), which steps of a type's approval chain apply, and the stored row and its view.
 * The store (request-store.ts) reads what these need and writes what they decide.
 */
import type { ContractRow } from '../employment/model/contracts.ts';
import type { LeaveApproverKind, LeaveRequest, LeaveRequestStatus, LeaveUnit } from '../generated/graphql.ts';
import { addDays, daysBetween, isCalendarDate } from '../model/dates.ts';
import type { FieldProblem } from '../model/errors.ts';
import type { PlannedDay } from '../schedules/model/planned-day.ts';
import { chainOf, type ApprovalStepRow, type LeaveTypeRow } from './definitions.ts';
import { formatAmount, parseAmount } from './quantity.ts';

/** The longest request, in calendar days (a month: its approval stays one transaction). */
export const MAX_REQUEST_DAYS = 31;
/** How far back a request may start when the tenant says nothing (HR may go further). */
export const DEFAULT_BACKDATE_DAYS = 30;
/** How far ahead a request may start. */
export const MAX_AHEAD_DAYS = 731;
export const MAX_REASON = 500;

/** One calendar day of a request: what it takes, in base units (0: not counted). */
export interface RequestDay {
  date: string;
  amount: number;
}

export interface RequestLength {
  days: RequestDay[];
  /** Sum of the days, base units. */
  total: number;
  /** Days that take something (for aboveDays rules). */
  countedDays: number;
}

export type LengthType = Pick<LeaveTypeRow, 'unit' | 'countsHolidays' | 'countsRestDays'>;

const MINUTE = 60_000;

/** Planned working minutes of a shift: its span (an hour shorter or longer across a DST change) less its break. */
export function plannedMinutes(plan: PlannedDay): number {
  if (!plan.shift) return 0;
  const span = Math.round((Date.parse(plan.shift.endAt) - Date.parse(plan.shift.startAt)) / MINUTE);
  return span > plan.shift.breakMinutes ? span - plan.shift.breakMinutes : span;
}

/** Whether a planned day counts for a type: shifts always; holidays and rest days as the type says; no plan (no contract): never. */
export function counts(type: LengthType, plan: PlannedDay | undefined): boolean {
  if (!plan) return false;
  if (plan.kind === 'SHIFT') return true;
  if (plan.kind === 'HOLIDAY') return type.countsHolidays;
  // a rest day; one that is also a holiday counts only if both do
  return type.countsRestDays && (!plan.holiday || type.countsHolidays);
}

/**
 * The length of a request from..to for a type, from the employee's plans of those dates:
 * DAYS and HALF_DAYS: 1 day (1000) per counted day, a half day (500) for `halfDay`; HOURS: the
 * planned minutes of each counted day (a rest day has none), or `minutes` on a one-day request.
 */
export function requestLength(type: LengthType, plans: readonly PlannedDay[], from: string, to: string, options: { halfDay?: boolean; minutes?: number | null } = {}): RequestLength {
  const byDate = new Map(plans.map((p) => [p.date, p]));
  const days: RequestDay[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) {
    const plan = byDate.get(date);
    let amount = 0;
    if (counts(type, plan)) {
      if (type.unit === 'HOURS') amount = options.minutes !== null && options.minutes !== undefined ? Math.min(options.minutes, plannedMinutes(plan!)) : plannedMinutes(plan!);
      else amount = options.halfDay ? 500 : 1000;
    }
    days.push({ date, amount });
  }
  const counted = days.filter((d) => d.amount > 0);
  return { days, total: counted.reduce((s, d) => s + d.amount, 0), countedDays: counted.length };
}

/** What the request rules need besides the input. */
export interface RuleFacts {
  type: LeaveTypeRow;
  /** The tenant's today. */
  today: string;
  /** How far back the requester may start; null: HR asks (no backdating limit, no notice). */
  backdateDays: number | null;
  /** The employee's contracts (service, and a contract in force). */
  contracts: readonly ContractRow[];
  length: RequestLength;
  /** Whether the named attachment is a document of the employee (null: none named). */
  attachmentFound: boolean | null;
}

export interface RequestShape {
  from: string;
  to: string;
  halfDay?: boolean | null;
  hours?: string | null;
  reason: string;
}

/** Problems of the input alone (dates, half day, hours, reason); `minutes` of a valid `hours`. */
export function requestShapeProblems(input: RequestShape, unit: LeaveUnit): { problems: FieldProblem[]; minutes: number | null } {
  const problems: FieldProblem[] = [];
  const fromOk = isCalendarDate(input.from);
  const toOk = isCalendarDate(input.to);
  if (!fromOk) problems.push({ field: 'input.from', message: 'must be a real date (YYYY-MM-DD)' });
  if (!toOk) problems.push({ field: 'input.to', message: 'must be a real date (YYYY-MM-DD)' });
  if (fromOk && toOk) {
    if (input.to < input.from) problems.push({ field: 'input.to', message: 'must be on or after from' });
    else if (daysBetween(input.from, input.to) >= MAX_REQUEST_DAYS) problems.push({ field: 'input.to', message: `must be at most ${MAX_REQUEST_DAYS} calendar days after from (ask for a longer absence in parts)` });
  }
  const oneDay = fromOk && toOk && input.from === input.to;
  if (input.halfDay) {
    if (unit === 'HOURS') problems.push({ field: 'input.halfDay', message: 'is for day and half-day types; an hours type asks for hours' });
    else if (!oneDay) problems.push({ field: 'input.halfDay', message: 'is for one-day requests (from = to)' });
  }
  let minutes: number | null = null;
  if (input.hours !== null && input.hours !== undefined) {
    const parsed = parseAmount(input.hours, 'HOURS');
    if (unit !== 'HOURS') problems.push({ field: 'input.hours', message: 'is for hours types' });
    else if (!oneDay) problems.push({ field: 'input.hours', message: 'is for one-day requests (from = to)' });
    else if (parsed === null || parsed <= 0 || parsed > 24 * 60) problems.push({ field: 'input.hours', message: 'must be a decimal number of hours above 0 and at most 24, a whole number of minutes ("2.5")' });
    else minutes = parsed;
  }
  const reason = (input.reason ?? '').trim();
  if (reason.length < 1 || reason.length > MAX_REASON) problems.push({ field: 'input.reason', message: `must be 1 to ${MAX_REASON} characters` });
  return { problems, minutes };
}

/** The contract in force on a date, if any. */
export function contractOn(contracts: readonly ContractRow[], date: string): ContractRow | null {
  return contracts.find((c) => c.startDate <= date && (c.endDate === null || c.endDate >= date)) ?? null;
}

/**
 * The type's rules: something to take, not too far in the past (HR may go further) or ahead,
 * the notice, the longest request, the service, the attachment. Balance and overlap are the store's.
 */
export function requestRuleProblems(input: RequestShape, facts: RuleFacts): FieldProblem[] {
  const { type, today, length } = facts;
  const problems: FieldProblem[] = [];
  if (length.total === 0) problems.push({ field: 'input.to', message: `takes nothing: every day from ${input.from} to ${input.to} is a holiday, a rest day or outside a contract, which ${type.name} does not count` });
  if (facts.backdateDays !== null && daysBetween(input.from, today) > facts.backdateDays) {
    problems.push({ field: 'input.from', message: `is more than ${facts.backdateDays} days ago (the tenant's limit); HR can record older leave` });
  }
  if (daysBetween(today, input.from) > MAX_AHEAD_DAYS) problems.push({ field: 'input.from', message: `is more than ${MAX_AHEAD_DAYS} days ahead` });
  // HR records leave after the fact (a sick day reported late); an employee gives the notice.
  if (facts.backdateDays !== null && type.minNoticeDays > 0 && daysBetween(today, input.from) < type.minNoticeDays) {
    problems.push({ field: 'input.from', message: `must be at least ${type.minNoticeDays} days from today (${type.name} needs that notice): ${addDays(today, type.minNoticeDays)} or later` });
  }
  const span = daysBetween(input.from, input.to) + 1;
  if (type.maxConsecutiveDays !== null && span > type.maxConsecutiveDays) {
    problems.push({ field: 'input.to', message: `makes ${span} consecutive days; ${type.name} allows at most ${type.maxConsecutiveDays}` });
  }
  const contract = contractOn(facts.contracts, input.from);
  if (!contract) problems.push({ field: 'input.from', message: 'is not a day of a contract of the employee' });
  else if (type.applicableAfterServiceDays > 0) {
    const started = serviceStart(facts.contracts, contract);
    const served = daysBetween(started, input.from);
    if (served < type.applicableAfterServiceDays) {
      problems.push({ field: 'input.leaveTypeId', message: `can be taken after ${type.applicableAfterServiceDays} days of service, from ${addDays(started, type.applicableAfterServiceDays)}` });
    }
  }
  if (type.attachmentRequiredAboveDays !== null && length.countedDays > type.attachmentRequiredAboveDays && facts.attachmentFound !== true) {
    problems.push({
      field: 'input.attachmentDocumentId',
      message: facts.attachmentFound === false ? 'names no document of the employee' : `is required: ${type.name} needs a document above ${type.attachmentRequiredAboveDays} days`,
    });
  } else if (facts.attachmentFound === false) {
    problems.push({ field: 'input.attachmentDocumentId', message: 'names no document of the employee' });
  }
  return problems;
}

/** The first day of unbroken service up to `contract`: contracts that follow each other without a gap count as one. */
export function serviceStart(contracts: readonly ContractRow[], contract: ContractRow): string {
  const sorted = [...contracts].sort((a, b) => a.startDate.localeCompare(b.startDate));
  let start = contract.startDate;
  for (let i = sorted.indexOf(contract) - 1; i >= 0; i -= 1) {
    const before = sorted[i]!;
    if (before.endDate !== null && addDays(before.endDate, 1) >= start) start = before.startDate;
    else break;
  }
  return start;
}

/** The steps of a type's chain that apply to a request of `countedDays` days. */
export function applicableSteps(type: Pick<LeaveTypeRow, 'approvalChain'>, countedDays: number): ApprovalStepRow[] {
  return chainOf(type).filter((step) => step.aboveDays === null || countedDays > step.aboveDays);
}

/** Who a pending request waits for: an employee (their user to notify), or HR. */
export interface Approver {
  kind: LeaveApproverKind;
  employeeId: string | null;
}

export interface RequestEvent {
  step: number;
  kind: LeaveApproverKind;
  outcome: 'APPROVED' | 'REJECTED' | 'CANCELLED' | 'SKIPPED';
  by: string | null;
  at: string;
  note: string | null;
}

/** A stored request (`LREQ#<employee>#<from>#<id>`); amounts in base units. */
export interface LeaveRequestRow {
  TenantId: string;
  EntityItem: string;
  id: string;
  employeeId: string;
  leaveTypeId: string;
  from: string;
  to: string;
  halfDay: boolean;
  minutes: number | null;
  unit: LeaveUnit;
  total: number;
  days: RequestDay[];
  reason: string;
  attachmentDocumentId: string | null;
  status: LeaveRequestStatus;
  /** The applicable steps, fixed when the request was made. */
  steps: ApprovalStepRow[];
  step: number | null;
  waitingFor: Approver | null;
  history: RequestEvent[];
  negativeBalanceLimit: number;
  /** The client's id: a retry with it returns this request. */
  clientRequestId: string;
  requestedBy: string;
  requestedAt: string;
  version: number;
}

export function requestView(row: LeaveRequestRow): Omit<LeaveRequest, '__typename'> {
  return {
    id: row.id,
    employeeId: row.employeeId,
    leaveTypeId: row.leaveTypeId,
    from: row.from,
    to: row.to,
    halfDay: row.halfDay,
    hours: row.minutes === null ? null : formatAmount(row.minutes, 'HOURS'),
    unit: row.unit,
    amount: formatAmount(row.total, row.unit),
    days: row.days.map((d) => ({ date: d.date, amount: formatAmount(d.amount, row.unit) })),
    reason: row.reason,
    attachmentDocumentId: row.attachmentDocumentId,
    status: row.status,
    step: row.status === 'PENDING' ? row.step : null,
    waitingFor: row.status === 'PENDING' && row.waitingFor ? { ...row.waitingFor } : null,
    history: row.history.map((e) => ({ ...e })),
    requestedBy: row.requestedBy,
    requestedAt: row.requestedAt,
    version: row.version,
  };
}
