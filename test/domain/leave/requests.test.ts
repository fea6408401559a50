/**
 * A request's length and rules, against fixed plans: day, half-day and hour types; holidays and
 * rest days counted or not as the type says; a week across a DST change in Europe/Berlin (the
 * night shift that loses an hour takes an hour less); each rule of the type given/when/then.
 */
import { describe, expect, it } from 'vitest';
import type { LeaveTypeRow } from '../../../domain/leave/definitions.ts';
import { applicableSteps, requestLength, requestRuleProblems, requestShapeProblems, serviceStart, type RequestLength } from '../../../domain/leave/requests.ts';
import { addDays } from '../../../domain/model/dates.ts';
import type { PlannedDay } from '../../../domain/schedules/model/planned-day.ts';
import type { ShiftTypeRow } from '../../../domain/schedules/model/rows.ts';
import { resolveShift } from '../../../domain/schedules/plan.ts';
import { contract } from './fixtures.ts';

const ZONE = 'Europe/Berlin';

function shiftType(start: string, end: string, breakMinutes = 30): ShiftTypeRow {
  return {
    TenantId: 'TENANT#acme', EntityItem: 'x', id: `s-${start}`, name: 'Shift', start, end, breakMinutes, graceLateMinutes: 0, graceEarlyMinutes: 0,
    windowBeforeMinutes: 60, windowAfterMinutes: 60, halfDayMinutes: 240, fullDayMinutes: 450, overtime: {}, archived: false,
  } as unknown as ShiftTypeRow;
}

/** A week of plans from `from`: `kinds` per day (S shift, R rest day, H holiday on a working day, X rest day that is a holiday, - no plan). */
function plans(from: string, kinds: string, type = shiftType('09:00', '17:00')): PlannedDay[] {
  return kinds.split('').flatMap((k, i): PlannedDay[] => {
    const date = addDays(from, i);
    if (k === '-') return [];
    const shift = k === 'S' || k === 'H' ? resolveShift(type, date, ZONE) : null;
    return [{
      employeeId: 'e1', date, timeZone: ZONE, locationId: null, departmentId: null, kind: k === 'S' ? 'SHIFT' : k === 'H' ? 'HOLIDAY' : 'REST_DAY',
      shift, holiday: k === 'H' || k === 'X' ? { name: 'Holiday', halfDay: false } : null, overtime: {}, source: 'CONTRACT', patternId: 'p',
    }];
  });
}

function leaveType(overrides: Partial<LeaveTypeRow> = {}): LeaveTypeRow {
  return {
    TenantId: 'TENANT#acme', EntityItem: 'LTYPE#annual', id: 'annual', name: 'Annual leave', paid: true, unit: 'DAYS', countsHolidays: false, countsRestDays: false,
    maxConsecutiveDays: null, minNoticeDays: 0, applicableAfterServiceDays: 0, attachmentRequiredAboveDays: null, negativeBalanceLimit: 0, countsAsWorkedTime: false,
    version: 1, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', ...overrides,
  };
}

const amounts = (length: RequestLength) => length.days.map((d) => d.amount);

describe('the length of a request', () => {
  // 2027-03-01 is a Monday; Friday the 5th a holiday; the weekend rest days.
  const week = plans('2027-03-01', 'SSSSHRR');

  it('given a day type that counts neither holidays nor rest days, when a week is asked, then the four working days count', () => {
    const length = requestLength(leaveType(), week, '2027-03-01', '2027-03-07');
    expect(amounts(length)).toEqual([1000, 1000, 1000, 1000, 0, 0, 0]);
    expect(length).toMatchObject({ total: 4000, countedDays: 4 });
  });

  it('given a type that counts holidays and rest days, then every planned day counts; a day without a plan (no contract) never', () => {
    expect(requestLength(leaveType({ countsHolidays: true, countsRestDays: true }), week, '2027-03-01', '2027-03-07').total).toBe(7000);
    expect(requestLength(leaveType({ countsHolidays: true, countsRestDays: true }), plans('2027-03-01', 'SS-'), '2027-03-01', '2027-03-03').total).toBe(2000);
    // a rest day that is a holiday counts only when both count
    expect(requestLength(leaveType({ countsRestDays: true }), plans('2027-03-06', 'X'), '2027-03-06', '2027-03-06').total).toBe(0);
  });

  it('given a half day, then a half (500) of a day or half-day type', () => {
    expect(requestLength(leaveType(), week, '2027-03-02', '2027-03-02', { halfDay: true }).total).toBe(500);
    expect(requestLength(leaveType({ unit: 'HALF_DAYS' }), week, '2027-03-01', '2027-03-02').total).toBe(2000);
  });

  it('given an hours type, then the planned minutes of each working day (span less break), or the hours asked on one day', () => {
    expect(amounts(requestLength(leaveType({ unit: 'HOURS' }), week, '2027-03-01', '2027-03-07'))).toEqual([450, 450, 450, 450, 0, 0, 0]);
    expect(requestLength(leaveType({ unit: 'HOURS' }), week, '2027-03-01', '2027-03-01', { minutes: 150 }).total).toBe(150);
    // never more than the day's plan
    expect(requestLength(leaveType({ unit: 'HOURS' }), week, '2027-03-01', '2027-03-01', { minutes: 600 }).total).toBe(450);
  });

  it('given a night shift in the week Berlin moves its clocks forward, then that night takes an hour less', () => {
    // 2027-03-28 (Sunday) 02:00 → 03:00: the night from Saturday the 27th is an hour short.
    const nights = plans('2027-03-22', 'SSSSSSS', shiftType('22:00', '06:00'));
    expect(amounts(requestLength(leaveType({ unit: 'HOURS' }), nights, '2027-03-22', '2027-03-28'))).toEqual([450, 450, 450, 450, 450, 390, 450]);
    // and in October an hour more
    const autumn = plans('2027-10-30', 'S', shiftType('22:00', '06:00'));
    expect(requestLength(leaveType({ unit: 'HOURS' }), autumn, '2027-10-30', '2027-10-30').total).toBe(510);
  });
});

describe('the shape of a request', () => {
  it.each([
    ['to before from', { from: '2027-03-02', to: '2027-03-01' }, 'DAYS', 'input.to'],
    ['more than a month', { from: '2027-03-01', to: '2027-04-01' }, 'DAYS', 'input.to'],
    ['a half day over two days', { from: '2027-03-01', to: '2027-03-02', halfDay: true }, 'DAYS', 'input.halfDay'],
    ['a half day of an hours type', { halfDay: true }, 'HOURS', 'input.halfDay'],
    ['hours of a day type', { hours: '2' }, 'DAYS', 'input.hours'],
    ['hours that are not whole minutes', { hours: '0.01' }, 'HOURS', 'input.hours'],
    ['no reason', { reason: ' ' }, 'DAYS', 'input.reason'],
    ['a date that does not exist', { from: '2027-02-30', to: '2027-02-30' }, 'DAYS', 'input.from'],
  ] as const)('refuses %s', (_case, overrides, unit, field) => {
    const { problems } = requestShapeProblems({ from: '2027-03-01', to: '2027-03-01', reason: 'Holiday', ...overrides }, unit);
    expect(problems.map((p) => p.field)).toContain(field);
  });

  it('accepts hours on one day of an hours type, as minutes', () => {
    expect(requestShapeProblems({ from: '2027-03-01', to: '2027-03-01', hours: '2.5', reason: 'Dentist' }, 'HOURS')).toEqual({ problems: [], minutes: 150 });
  });
});

describe('the rules of a type', () => {
  const input = { from: '2027-03-08', to: '2027-03-12', reason: 'Holiday' };
  const weekLength = requestLength(leaveType(), plans('2027-03-08', 'SSSSS'), input.from, input.to);
  const facts = (overrides: Partial<Parameters<typeof requestRuleProblems>[1]> = {}) => ({
    type: leaveType(), today: '2027-03-01', backdateDays: 30, contracts: [contract('e1', '2020-01-01')], length: weekLength, attachmentFound: null, ...overrides,
  });
  const fields = (problems: { field: string }[]) => problems.map((p) => p.field);

  it('given a request the type allows, then no problem', () => {
    expect(requestRuleProblems(input, facts())).toEqual([]);
  });

  it('given only holidays and rest days, then zero length is refused', () => {
    const nothing = requestLength(leaveType(), plans('2027-03-06', 'RR'), '2027-03-06', '2027-03-07');
    expect(fields(requestRuleProblems({ ...input, from: '2027-03-06', to: '2027-03-07' }, facts({ length: nothing })))).toEqual(['input.to']);
  });

  it('given a start further back than the tenant allows, then refused for an employee, accepted from HR', () => {
    const old = { ...input, from: '2027-01-04', to: '2027-01-08' };
    expect(fields(requestRuleProblems(old, facts()))).toEqual(['input.from']);
    expect(requestRuleProblems(old, facts({ backdateDays: null }))).toEqual([]);
    expect(requestRuleProblems(old, facts({ backdateDays: 60 }))).toEqual([]);
  });

  it('given less notice than the type needs, then refused (HR records leave after the fact)', () => {
    expect(fields(requestRuleProblems(input, facts({ type: leaveType({ minNoticeDays: 14 }) })))).toEqual(['input.from']);
    expect(requestRuleProblems(input, facts({ type: leaveType({ minNoticeDays: 7 }) }))).toEqual([]);
    expect(requestRuleProblems(input, facts({ type: leaveType({ minNoticeDays: 14 }), backdateDays: null }))).toEqual([]);
  });

  it('given more consecutive days than allowed, then refused', () => {
    expect(fields(requestRuleProblems(input, facts({ type: leaveType({ maxConsecutiveDays: 4 }) })))).toEqual(['input.to']);
    expect(requestRuleProblems(input, facts({ type: leaveType({ maxConsecutiveDays: 5 }) }))).toEqual([]);
  });

  it('given too little service, then refused; unbroken contracts count together', () => {
    const type = leaveType({ applicableAfterServiceDays: 180 });
    expect(fields(requestRuleProblems(input, facts({ type, contracts: [contract('e1', '2027-01-01')] })))).toEqual(['input.leaveTypeId']);
    const first = contract('e1', '2026-01-01', '2026-12-31');
    const second = contract('e1', '2027-01-01');
    expect(serviceStart([first, second], second)).toBe('2026-01-01');
    expect(requestRuleProblems(input, facts({ type, contracts: [first, second] }))).toEqual([]);
    // no contract that day at all
    expect(fields(requestRuleProblems(input, facts({ contracts: [contract('e1', '2028-01-01')] })))).toEqual(['input.from']);
  });

  it('given more days than the type takes without an attachment, then one of the employee\'s documents is required', () => {
    const type = leaveType({ attachmentRequiredAboveDays: 3 });
    expect(fields(requestRuleProblems(input, facts({ type })))).toEqual(['input.attachmentDocumentId']);
    expect(fields(requestRuleProblems(input, facts({ type, attachmentFound: false })))).toEqual(['input.attachmentDocumentId']);
    expect(requestRuleProblems(input, facts({ type, attachmentFound: true }))).toEqual([]);
    expect(requestRuleProblems(input, facts({ type: leaveType({ attachmentRequiredAboveDays: 5 }) }))).toEqual([]);
  });
});

describe('the approval chain', () => {
  it('given HR only above 3 days, then a 2-day request goes to the manager alone and a 5-day one to both', () => {
    const type = leaveType({ approvalChain: [{ kind: 'LINE_MANAGER', departmentId: null, aboveDays: null }, { kind: 'HR', departmentId: null, aboveDays: 3 }] });
    expect(applicableSteps(type, 2).map((s) => s.kind)).toEqual(['LINE_MANAGER']);
    expect(applicableSteps(type, 5).map((s) => s.kind)).toEqual(['LINE_MANAGER', 'HR']);
    // a type stored before chains: the line manager
    expect(applicableSteps(leaveType(), 10).map((s) => s.kind)).toEqual(['LINE_MANAGER']);
  });
});
