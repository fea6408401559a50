/**
 * Leave types and policies: their stored rows, the rules their input meets (each problem a field
 * problem of VALIDATION_ERROR), their views, and which policy applies to an employee on a day
 * (the contract version in force that day decides).
 */
import type { ContractTerms } from '../employment/model/contracts.ts';
import type {
  AccrualFrequency,
  LeaveApproverKind,
  LeavePolicy,
  LeavePolicyInput,
  LeaveType,
  LeaveTypeInput,
  LeaveUnit,
  RoundingMode,
} from '../generated/graphql.ts';
import { isCalendarDate } from '../model/dates.ts';
import type { FieldProblem } from '../model/errors.ts';
import { isValidEntityId } from '../model/keys.ts';
import { leavePolicyKey, leaveTypeKey } from './model/keys.ts';
import { formatAmount, parseAmount } from './quantity.ts';

const FREQUENCIES: AccrualFrequency[] = ['MONTHLY', 'PAY_PERIOD', 'ANNIVERSARY', 'UP_FRONT'];
const MODES: RoundingMode[] = ['HALF_UP', 'UP', 'DOWN'];
const UNITS: LeaveUnit[] = ['DAYS', 'HALF_DAYS', 'HOURS'];
const MAX_DAYS_RULE = 3660;

/** A stored leave type: amounts in base units (quantity.ts). */
export interface LeaveTypeRow {
  TenantId: string;
  EntityItem: string;
  id: string;
  name: string;
  paid: boolean;
  unit: LeaveUnit;
  countsHolidays: boolean;
  countsRestDays: boolean;
  maxConsecutiveDays: number | null;
  minNoticeDays: number;
  applicableAfterServiceDays: number;
  attachmentRequiredAboveDays: number | null;
  negativeBalanceLimit: number;
  countsAsWorkedTime: boolean;
  /** Who approves, in order. Absent on types stored before chains existed: the line manager. */
  approvalChain?: ApprovalStepRow[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** One step of an approval chain (see {@link approvalChainProblems}). */
export interface ApprovalStepRow {
  kind: LeaveApproverKind;
  departmentId: string | null;
  aboveDays: number | null;
}

/** The chain of a type without one: its employee's line manager. */
export const DEFAULT_CHAIN: readonly ApprovalStepRow[] = [{ kind: 'LINE_MANAGER', departmentId: null, aboveDays: null }];
export const MAX_CHAIN_STEPS = 5;
const APPROVERS: LeaveApproverKind[] = ['LINE_MANAGER', 'DEPARTMENT_HEAD', 'HR'];

export function chainOf(type: Pick<LeaveTypeRow, 'approvalChain'>): readonly ApprovalStepRow[] {
  return type.approvalChain && type.approvalChain.length > 0 ? type.approvalChain : DEFAULT_CHAIN;
}

/**
 * A chain's problems: 1 to {@link MAX_CHAIN_STEPS} steps; a department (an id) on DEPARTMENT_HEAD
 * steps only; aboveDays a whole number of days; the same approver twice in a row is pointless and refused.
 */
export function approvalChainProblems(chain: LeaveTypeInput['approvalChain'], prefix: string): FieldProblem[] {
  if (chain === null || chain === undefined) return [];
  const problems: FieldProblem[] = [];
  if (chain.length < 1 || chain.length > MAX_CHAIN_STEPS) problems.push({ field: `${prefix}approvalChain`, message: `must have 1 to ${MAX_CHAIN_STEPS} steps (leave it out for the line manager alone)` });
  chain.forEach((step, i) => {
    const f = (name: string) => `${prefix}approvalChain.${i}.${name}`;
    if (!APPROVERS.includes(step.kind)) problems.push({ field: f('kind'), message: `must be one of ${APPROVERS.join(', ')}` });
    const hasDepartment = step.departmentId !== null && step.departmentId !== undefined;
    if (step.kind === 'DEPARTMENT_HEAD' && (!hasDepartment || !isValidEntityId(step.departmentId))) problems.push({ field: f('departmentId'), message: 'must name the department (its id) whose head decides' });
    if (step.kind !== 'DEPARTMENT_HEAD' && hasDepartment) problems.push({ field: f('departmentId'), message: 'is for DEPARTMENT_HEAD steps only' });
    if (!wholeIn(step.aboveDays, 0, MAX_DAYS_RULE)) problems.push({ field: f('aboveDays'), message: `must be a whole number of days from 0 to ${MAX_DAYS_RULE}, or null for every request` });
    const previous = i > 0 ? chain[i - 1] : undefined;
    if (previous && previous.kind === step.kind && (previous.departmentId ?? null) === (step.departmentId ?? null) && (previous.aboveDays ?? null) === (step.aboveDays ?? null)) {
      problems.push({ field: f('kind'), message: 'repeats the step before it' });
    }
  });
  return problems;
}

export interface SeniorityStepRow {
  afterYears: number;
  extra: number;
}

/** A stored policy: amounts in base units of its type's unit. */
export interface LeavePolicyRow {
  TenantId: string;
  EntityItem: string;
  id: string;
  name: string;
  leaveTypeId: string;
  unit: LeaveUnit;
  appliesTo: { employmentType: ContractTerms['employmentType'] | null; locationId: string | null; departmentId: string | null };
  effectiveFrom: string;
  annualEntitlement: number;
  accrualFrequency: AccrualFrequency;
  payPeriodDays: number | null;
  payPeriodAnchor: string | null;
  prorateJoinersLeavers: boolean;
  prorateByFte: boolean;
  roundingStep: number;
  roundingMode: RoundingMode;
  carryForwardMax: number | null;
  carryForwardExpiryMonths: number | null;
  senioritySteps: SeniorityStepRow[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** The part of a policy the accrual rules read. */
export type AccrualPolicy = Omit<LeavePolicyRow, 'TenantId' | 'EntityItem' | 'name' | 'version' | 'createdAt' | 'updatedAt'>;

const wholeIn = (value: number | null | undefined, min: number, max: number) => value === null || value === undefined || (Number.isInteger(value) && value >= min && value <= max);

/** Problems of a leave type's definition; `current` is the stored type when replacing it. */
export function leaveTypeProblems(input: LeaveTypeInput, prefix: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const name = (input.name ?? '').trim();
  if (name.length < 1 || name.length > 100) problems.push({ field: `${prefix}name`, message: 'must be 1 to 100 characters' });
  if (!UNITS.includes(input.unit)) problems.push({ field: `${prefix}unit`, message: `must be one of ${UNITS.join(', ')}` });
  for (const field of ['maxConsecutiveDays', 'attachmentRequiredAboveDays'] as const) {
    if (!wholeIn(input[field], 1, MAX_DAYS_RULE)) problems.push({ field: `${prefix}${field}`, message: `must be a whole number of days from 1 to ${MAX_DAYS_RULE}, or null for no limit` });
  }
  for (const field of ['minNoticeDays', 'applicableAfterServiceDays'] as const) {
    if (!wholeIn(input[field], 0, MAX_DAYS_RULE)) problems.push({ field: `${prefix}${field}`, message: `must be a whole number of days from 0 to ${MAX_DAYS_RULE}` });
  }
  if (input.negativeBalanceLimit !== null && input.negativeBalanceLimit !== undefined && UNITS.includes(input.unit)) {
    problems.push(...amountProblems(input.negativeBalanceLimit, input.unit, `${prefix}negativeBalanceLimit`));
  }
  problems.push(...approvalChainProblems(input.approvalChain, prefix));
  return problems;
}

/** Problems of a non-negative amount in `unit`: a decimal, whole base units, whole half days for half-day types. */
export function amountProblems(text: string, unit: LeaveUnit, field: string): FieldProblem[] {
  if (text.trim().startsWith('-')) return [{ field, message: 'must not be negative' }];
  const base = parseAmount(text, unit);
  if (base === null) {
    return [{ field, message: unit === 'HOURS' ? 'must be a decimal number of hours that is a whole number of minutes (e.g. "7.5", "0.25"), at most 10000' : 'must be a decimal number of days with at most 3 decimals, at most 10000' }];
  }
  if (unit === 'HALF_DAYS' && base % 500 !== 0) return [{ field, message: 'must be a whole number of half days (e.g. "2.5"): the type is counted in half days' }];
  return [];
}

export function newLeaveTypeRow(tenantKey: string, id: string, input: LeaveTypeInput, now: string): LeaveTypeRow {
  return {
    TenantId: tenantKey,
    EntityItem: leaveTypeKey(id),
    id,
    ...leaveTypeFields(input),
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
}

export function leaveTypeFields(input: LeaveTypeInput): Omit<LeaveTypeRow, 'TenantId' | 'EntityItem' | 'id' | 'version' | 'createdAt' | 'updatedAt'> {
  return {
    name: input.name.trim(),
    paid: input.paid,
    unit: input.unit,
    countsHolidays: input.countsHolidays ?? false,
    countsRestDays: input.countsRestDays ?? false,
    maxConsecutiveDays: input.maxConsecutiveDays ?? null,
    minNoticeDays: input.minNoticeDays ?? 0,
    applicableAfterServiceDays: input.applicableAfterServiceDays ?? 0,
    attachmentRequiredAboveDays: input.attachmentRequiredAboveDays ?? null,
    negativeBalanceLimit: input.negativeBalanceLimit ? (parseAmount(input.negativeBalanceLimit, input.unit) ?? 0) : 0,
    countsAsWorkedTime: input.countsAsWorkedTime ?? false,
    approvalChain: (input.approvalChain ?? DEFAULT_CHAIN).map((step) => ({ kind: step.kind, departmentId: step.departmentId ?? null, aboveDays: step.aboveDays ?? null })),
  };
}

export function leaveTypeView(row: LeaveTypeRow): Omit<LeaveType, '__typename'> {
  return {
    id: row.id,
    name: row.name,
    paid: row.paid,
    unit: row.unit,
    countsHolidays: row.countsHolidays,
    countsRestDays: row.countsRestDays,
    maxConsecutiveDays: row.maxConsecutiveDays,
    minNoticeDays: row.minNoticeDays,
    applicableAfterServiceDays: row.applicableAfterServiceDays,
    attachmentRequiredAboveDays: row.attachmentRequiredAboveDays,
    negativeBalanceLimit: formatAmount(row.negativeBalanceLimit, row.unit),
    countsAsWorkedTime: row.countsAsWorkedTime,
    approvalChain: chainOf(row).map((step) => ({ ...step })),
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** Problems of a policy for a type counted in `unit` (null: the type does not exist, reported by the caller). */
export function leavePolicyProblems(input: LeavePolicyInput, unit: LeaveUnit, prefix: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const f = (name: string) => `${prefix}${name}`;
  const name = (input.name ?? '').trim();
  if (name.length < 1 || name.length > 100) problems.push({ field: f('name'), message: 'must be 1 to 100 characters' });
  if (!isCalendarDate(input.effectiveFrom)) problems.push({ field: f('effectiveFrom'), message: 'must be a real date (YYYY-MM-DD)' });
  problems.push(...amountProblems(input.annualEntitlement, unit, f('annualEntitlement')));
  if (!FREQUENCIES.includes(input.accrualFrequency)) problems.push({ field: f('accrualFrequency'), message: `must be one of ${FREQUENCIES.join(', ')}` });
  if (input.accrualFrequency === 'PAY_PERIOD') {
    if (input.payPeriodDays !== 7 && input.payPeriodDays !== 14) problems.push({ field: f('payPeriodDays'), message: 'must be 7 or 14 for PAY_PERIOD accrual' });
    if (!isCalendarDate(input.payPeriodAnchor)) problems.push({ field: f('payPeriodAnchor'), message: 'must be the first day of a pay period (YYYY-MM-DD) for PAY_PERIOD accrual' });
  } else {
    if (input.payPeriodDays !== null && input.payPeriodDays !== undefined) problems.push({ field: f('payPeriodDays'), message: 'is for PAY_PERIOD accrual only' });
    if (input.payPeriodAnchor !== null && input.payPeriodAnchor !== undefined) problems.push({ field: f('payPeriodAnchor'), message: 'is for PAY_PERIOD accrual only' });
  }
  if (input.roundingMode !== null && input.roundingMode !== undefined && !MODES.includes(input.roundingMode)) problems.push({ field: f('roundingMode'), message: `must be one of ${MODES.join(', ')}` });
  if (input.roundingStep !== null && input.roundingStep !== undefined) {
    const stepProblems = amountProblems(input.roundingStep, unit, f('roundingStep'));
    problems.push(...stepProblems);
    if (stepProblems.length === 0 && parseAmount(input.roundingStep, unit) === 0) problems.push({ field: f('roundingStep'), message: 'must be more than 0' });
  }
  if (input.carryForwardMax !== null && input.carryForwardMax !== undefined) problems.push(...amountProblems(input.carryForwardMax, unit, f('carryForwardMax')));
  const expiry = input.carryForwardExpiryMonths;
  if (expiry !== null && expiry !== undefined) {
    if (!Number.isInteger(expiry) || expiry < 1 || expiry > 12) {
      problems.push({ field: f('carryForwardExpiryMonths'), message: 'must be 1 to 12 months after the year-end carry-forward: carried leave cannot expire before it is carried' });
    } else if (input.carryForwardMax !== null && input.carryForwardMax !== undefined && parseAmount(input.carryForwardMax, unit) === 0) {
      problems.push({ field: f('carryForwardExpiryMonths'), message: 'has nothing to expire: carryForwardMax is 0 (leave it null)' });
    }
  }
  const steps = input.senioritySteps ?? [];
  if (steps.length > 20) problems.push({ field: f('senioritySteps'), message: 'must be at most 20 steps' });
  steps.forEach((step, i) => {
    if (!Number.isInteger(step.afterYears) || step.afterYears < 1 || step.afterYears > 60) problems.push({ field: f(`senioritySteps.${i}.afterYears`), message: 'must be a whole number of years from 1 to 60' });
    else if (i > 0 && step.afterYears <= (steps[i - 1]?.afterYears ?? 0)) problems.push({ field: f(`senioritySteps.${i}.afterYears`), message: 'must be after the previous step\'s (steps in increasing order of years)' });
    problems.push(...amountProblems(step.extra, unit, f(`senioritySteps.${i}.extra`)));
  });
  const scope = input.appliesTo ?? {};
  for (const field of ['locationId', 'departmentId'] as const) {
    const value = scope[field];
    if (value !== null && value !== undefined && !isValidEntityId(value)) problems.push({ field: f(`appliesTo.${field}`), message: 'must be an id (1-64 letters, digits, "-" or "_")' });
  }
  return problems;
}

/** The default rounding step: a half day for half-day types, one base unit otherwise. */
function defaultStep(unit: LeaveUnit): number {
  return unit === 'HALF_DAYS' ? 500 : 1;
}

export function leavePolicyFields(input: LeavePolicyInput, unit: LeaveUnit): Omit<LeavePolicyRow, 'TenantId' | 'EntityItem' | 'id' | 'version' | 'createdAt' | 'updatedAt'> {
  const amount = (text: string) => parseAmount(text, unit) ?? 0;
  return {
    name: input.name.trim(),
    leaveTypeId: input.leaveTypeId,
    unit,
    appliesTo: { employmentType: input.appliesTo?.employmentType ?? null, locationId: input.appliesTo?.locationId ?? null, departmentId: input.appliesTo?.departmentId ?? null },
    effectiveFrom: input.effectiveFrom,
    annualEntitlement: amount(input.annualEntitlement),
    accrualFrequency: input.accrualFrequency,
    payPeriodDays: input.payPeriodDays ?? null,
    payPeriodAnchor: input.payPeriodAnchor ?? null,
    prorateJoinersLeavers: input.prorateJoinersLeavers ?? true,
    prorateByFte: input.prorateByFte ?? true,
    roundingStep: input.roundingStep ? amount(input.roundingStep) : defaultStep(unit),
    roundingMode: input.roundingMode ?? 'HALF_UP',
    carryForwardMax: input.carryForwardMax === null || input.carryForwardMax === undefined ? null : amount(input.carryForwardMax),
    carryForwardExpiryMonths: input.carryForwardExpiryMonths ?? null,
    senioritySteps: (input.senioritySteps ?? []).map((s) => ({ afterYears: s.afterYears, extra: amount(s.extra) })),
  };
}

export function newLeavePolicyRow(tenantKey: string, id: string, input: LeavePolicyInput, unit: LeaveUnit, now: string): LeavePolicyRow {
  return { TenantId: tenantKey, EntityItem: leavePolicyKey(id), id, ...leavePolicyFields(input, unit), version: 1, createdAt: now, updatedAt: now };
}

export function leavePolicyView(row: LeavePolicyRow): Omit<LeavePolicy, '__typename'> {
  const amount = (base: number) => formatAmount(base, row.unit);
  return {
    id: row.id,
    name: row.name,
    leaveTypeId: row.leaveTypeId,
    appliesTo: { ...row.appliesTo },
    effectiveFrom: row.effectiveFrom,
    annualEntitlement: amount(row.annualEntitlement),
    accrualFrequency: row.accrualFrequency,
    payPeriodDays: row.payPeriodDays,
    payPeriodAnchor: row.payPeriodAnchor,
    prorateJoinersLeavers: row.prorateJoinersLeavers,
    prorateByFte: row.prorateByFte,
    roundingStep: amount(row.roundingStep),
    roundingMode: row.roundingMode,
    carryForwardMax: row.carryForwardMax === null ? null : amount(row.carryForwardMax),
    carryForwardExpiryMonths: row.carryForwardExpiryMonths,
    senioritySteps: row.senioritySteps.map((s) => ({ afterYears: s.afterYears, extra: amount(s.extra) })),
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function specificity(policy: Pick<AccrualPolicy, 'appliesTo'>): number {
  const scope = policy.appliesTo;
  return (scope.departmentId ? 4 : 0) + (scope.locationId ? 2 : 0) + (scope.employmentType ? 1 : 0);
}

/**
 * The policy of a leave type for an employee whose contract terms on `date` are `terms`: among the
 * type's policies in force that day (effectiveFrom ≤ date) whose scope the terms match, the most
 * specific, then the latest effectiveFrom, then the highest id. Null: none applies.
 */
export function policyOn<P extends AccrualPolicy & { id: string }>(policies: readonly P[], terms: Pick<ContractTerms, 'employmentType' | 'locationId' | 'departmentId'>, date: string): P | null {
  let best: P | null = null;
  for (const policy of policies) {
    if (policy.effectiveFrom > date) continue;
    const scope = policy.appliesTo;
    if (scope.employmentType && scope.employmentType !== terms.employmentType) continue;
    if (scope.locationId && scope.locationId !== terms.locationId) continue;
    if (scope.departmentId && scope.departmentId !== terms.departmentId) continue;
    if (!best) { best = policy; continue; }
    const a = specificity(policy);
    const b = specificity(best);
    if (a > b || (a === b && (policy.effectiveFrom > best.effectiveFrom || (policy.effectiveFrom === best.effectiveFrom && policy.id > best.id)))) best = policy;
  }
  return best;
}

