/** Contracts, policies and plans for leave tests, built as the employment, leave and schedules modules store them. */
import type { ContractRow, ContractTerms } from '../../../domain/employment/model/contracts.ts';
import type { Policy } from '../../../domain/leave/accrual.ts';
import { addDays, isoWeekday } from '../../../domain/model/dates.ts';
import type { PlannedDay, PlanSource } from '../../../domain/schedules/model/planned-day.ts';

export function terms(overrides: Partial<ContractTerms> = {}): ContractTerms {
  return {
    employmentType: 'FULL_TIME', jobTitle: 'Engineer', positionId: null, departmentId: null, locationId: null, costCentreId: null,
    managerId: null, ftePercent: 100, weeklyHours: null, workScheduleId: null, noticePeriodDays: null, payBasis: null, payAmount: null, payCurrency: null,
    ...overrides,
  };
}

/** A contract from `start` (to `end`), with versions `[effectiveFrom, terms]` after the first. */
export function contract(employeeId: string, start: string, end: string | null = null, versions: [string, Partial<ContractTerms>][] = [], first: Partial<ContractTerms> = {}): ContractRow {
  const all: [string, Partial<ContractTerms>][] = [[start, first], ...versions];
  return {
    TenantId: 'TENANT#acme', EntityItem: `c-${employeeId}-${start}`, id: `c-${employeeId}-${start}`, employeeId, startDate: start, endDate: end, probationEndDate: null,
    versions: all.map(([effectiveFrom, t], i) => ({ id: `v${i}`, effectiveFrom, reason: null, terms: terms({ ...first, ...t }), createdAt: '2020-01-01T00:00:00Z', createdBy: 'test' })),
    termination: null, version: 1, createdAt: '2020-01-01T00:00:00Z', updatedAt: '2020-01-01T00:00:00Z',
  };
}

/** A days policy (amounts in thousandths of a day). */
export function policy(overrides: Partial<Policy> = {}): Policy {
  return {
    id: 'p-annual', leaveTypeId: 'annual', unit: 'DAYS', appliesTo: { employmentType: null, locationId: null, departmentId: null }, effectiveFrom: '2000-01-01',
    annualEntitlement: 25_000, accrualFrequency: 'MONTHLY', payPeriodDays: null, payPeriodAnchor: null, prorateJoinersLeavers: true, prorateByFte: true,
    roundingStep: 1, roundingMode: 'HALF_UP', carryForwardMax: null, carryForwardExpiryMonths: null, senioritySteps: [],
    ...overrides,
  };
}

/** Weekdays are 09:00-17:00 UTC shifts (30 min break), weekends rest days, for everyone. */
export const weekdayPlans: PlanSource = {
  async plannedDays(_tenantId, employeeIds, from, to) {
    const plans: PlannedDay[] = [];
    for (let date = from; date <= to; date = addDays(date, 1)) {
      const working = isoWeekday(date) <= 5;
      for (const employeeId of employeeIds) {
        plans.push({
          employeeId, date, timeZone: 'UTC', locationId: null, departmentId: null, kind: working ? 'SHIFT' : 'REST_DAY',
          shift: working ? { shiftTypeId: 's', name: 'Day', startAt: `${date}T09:00:00.000Z`, endAt: `${date}T17:00:00.000Z`, breakMinutes: 30, graceLateMinutes: 0, graceEarlyMinutes: 0, windowOpensAt: `${date}T07:00:00.000Z`, windowClosesAt: `${date}T19:00:00.000Z`, halfDayMinutes: 225, fullDayMinutes: 450 } : null,
          holiday: null, overtime: {}, source: 'CONTRACT', patternId: 'p',
        });
      }
    }
    return plans;
  },
};
