import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ContractRow } from '../../../domain/employment/model/contracts.ts';
import { addDays, dateOfEpochDay, epochDay } from '../../../domain/model/dates.ts';
import { calendarProblems, holidaysOf } from '../../../domain/schedules/holidays.ts';
import type { AssignmentRow, HolidayEditRow, OverrideRow, PatternRow, ShiftTypeRow } from '../../../domain/schedules/model/rows.ts';
import { planDay, type PlanLocation, type ScheduleBook } from '../../../domain/schedules/plan.ts';
import { localTime, offsetMinutes, wallMinutes } from '../../../domain/time.ts';

const stored = { TenantId: 'TENANT#t1', EntityItem: 'x', version: 1, createdAt: '2027-01-01T00:00:00.000Z', updatedAt: '2027-01-01T00:00:00.000Z' };

function shiftType(id: string, start: string, end: string, extra: Partial<ShiftTypeRow> = {}): ShiftTypeRow {
  return {
    ...stored, id, name: id, start, end, breakMinutes: 30, graceLateMinutes: 5, graceEarlyMinutes: 5, windowBeforeMinutes: 120, windowAfterMinutes: 240,
    halfDayMinutes: 240, fullDayMinutes: 450, overtime: { afterShift: { multiplier: '1.25', minimumMinutes: 15 }, restDay: { multiplier: '1.5', minimumMinutes: 0 } }, archived: false, ...extra,
  };
}

function pattern(id: string, anchorDate: string, days: (string | null)[]): PatternRow {
  return { ...stored, id, name: id, cycleDays: days.length, anchorDate, days, archived: false };
}

function contract(employeeId: string, startDate: string, endDate: string | null, versions: { from: string; locationId?: string | null; workScheduleId?: string | null; departmentId?: string | null }[]): ContractRow {
  return {
    ...stored, id: `c-${employeeId}-${startDate}`, employeeId, startDate, endDate, probationEndDate: null, termination: null,
    versions: versions.map((v, i) => ({
      id: `v${i}`, effectiveFrom: v.from, reason: null, createdAt: stored.createdAt, createdBy: 'test',
      terms: { locationId: v.locationId ?? null, workScheduleId: v.workScheduleId ?? null, departmentId: v.departmentId ?? null } as ContractRow['versions'][number]['terms'],
    })),
  };
}

const DAY = shiftType('day', '09:00', '17:00');
const EARLY = shiftType('early', '06:00', '14:00');
const LATE = shiftType('late', '14:00', '22:00');
const NIGHT = shiftType('night', '22:00', '06:00');
// Monday 2027-01-04 is day 1 of the week.
const OFFICE = pattern('office', '2027-01-04', ['day', 'day', 'day', 'day', 'day', null, null]);
const ROTATION = pattern('rotation', '2027-01-04', [
  ...Array<string | null>(5).fill('early'), null, null, ...Array<string | null>(5).fill('early'), null, null,
  ...Array<string | null>(5).fill('late'), null, null, ...Array<string | null>(5).fill('late'), null, null,
]);
const NIGHTS = pattern('nights', '2027-01-04', ['night', 'night', 'night', 'night', 'night', 'night', 'night']);
const BERLIN: PlanLocation = { timeZone: 'Europe/Berlin', calendar: { country: 'DE', state: 'BE', region: null } };
const NEW_YORK: PlanLocation = { timeZone: 'America/New_York', calendar: { country: 'US', state: 'NY', region: null } };

function book(parts: Partial<ScheduleBook> = {}): ScheduleBook {
  return {
    tenantZone: 'UTC',
    shiftTypes: new Map([DAY, EARLY, LATE, NIGHT].map((t) => [t.id, t])),
    patterns: new Map([OFFICE, ROTATION, NIGHTS].map((p) => [p.id, p])),
    assignments: new Map(),
    overrides: new Map(),
    contracts: new Map([['ada', [contract('ada', '2020-01-01', null, [{ from: '2020-01-01', locationId: 'berlin', workScheduleId: 'office', departmentId: 'eng' }])]]]),
    locations: new Map([['berlin', BERLIN], ['nyc', NEW_YORK]]),
    holidayEdits: [],
    ...parts,
  };
}

const assignment = (employeeId: string, patternId: string, from: string, to: string | null): AssignmentRow => ({ ...stored, employeeId, patternId, from, to, note: null });
const override = (employeeId: string, date: string, shiftTypeId: string | null): OverrideRow => ({ ...stored, employeeId, date, shiftTypeId, note: null });
const edit = (scope: string, date: string, action: HolidayEditRow['action'], name: string | null, halfDay = false): HolidayEditRow => ({ ...stored, scope, date, action, name, halfDay });

describe('an employee\'s plan for a date', () => {
  it('given the contract\'s office week in Berlin, a Monday is a 09:00-17:00 shift in local time and a Saturday a rest day', () => {
    const monday = planDay(book(), 'ada', '2027-02-01')!;
    expect(monday).toMatchObject({ kind: 'SHIFT', timeZone: 'Europe/Berlin', locationId: 'berlin', departmentId: 'eng', source: 'CONTRACT', patternId: 'office', holiday: null });
    expect(monday.shift).toMatchObject({ shiftTypeId: 'day', startAt: '2027-02-01T08:00:00.000Z', endAt: '2027-02-01T16:00:00.000Z', windowOpensAt: '2027-02-01T06:00:00.000Z', windowClosesAt: '2027-02-01T20:00:00.000Z' });
    const july = planDay(book(), 'ada', '2027-07-05')!;
    expect(july.shift).toMatchObject({ startAt: '2027-07-05T07:00:00.000Z', endAt: '2027-07-05T15:00:00.000Z' });
    const saturday = planDay(book(), 'ada', '2027-02-06')!;
    expect(saturday).toMatchObject({ kind: 'REST_DAY', shift: null, overtime: DAY.overtime });
  });

  it('given no contract in force (before the start, after the end), there is no plan', () => {
    const contracts = new Map([['bob', [contract('bob', '2027-03-01', '2027-03-31', [{ from: '2027-03-01', locationId: 'berlin', workScheduleId: 'office' }])]]]);
    expect(planDay(book({ contracts }), 'bob', '2027-02-26')).toBeNull();
    expect(planDay(book({ contracts }), 'bob', '2027-03-01')).not.toBeNull();
    expect(planDay(book({ contracts }), 'bob', '2027-03-31')).not.toBeNull();
    expect(planDay(book({ contracts }), 'bob', '2027-04-01')).toBeNull();
    expect(planDay(book(), 'nobody', '2027-03-01')).toBeNull();
  });

  it('given a contract without a working schedule and no assignment, there is no plan; an assignment gives one', () => {
    const contracts = new Map([['cy', [contract('cy', '2027-01-01', null, [{ from: '2027-01-01', locationId: 'nyc' }])]]]);
    expect(planDay(book({ contracts }), 'cy', '2027-02-01')).toBeNull();
    const assignments = new Map([['cy', [assignment('cy', 'office', '2027-02-01', null)]]]);
    expect(planDay(book({ contracts, assignments }), 'cy', '2027-02-01')).toMatchObject({ kind: 'SHIFT', source: 'ASSIGNMENT', timeZone: 'America/New_York' });
    expect(planDay(book({ contracts, assignments }), 'cy', '2027-01-29')).toBeNull();
  });

  it('an explicit assignment wins over the contract\'s schedule while it is in force, and a one-off change wins over both', () => {
    const assignments = new Map([['ada', [assignment('ada', 'nights', '2027-02-08', '2027-02-14')]]]);
    const overrides = new Map([['2027-02-10#ada', override('ada', '2027-02-10', null)], ['2027-02-13#ada', override('ada', '2027-02-13', 'early')]]);
    const b = book({ assignments, overrides });
    expect(planDay(b, 'ada', '2027-02-05')).toMatchObject({ source: 'CONTRACT', shift: { shiftTypeId: 'day' } });
    expect(planDay(b, 'ada', '2027-02-09')).toMatchObject({ source: 'ASSIGNMENT', shift: { shiftTypeId: 'night' } });
    expect(planDay(b, 'ada', '2027-02-10')).toMatchObject({ source: 'OVERRIDE', kind: 'REST_DAY', shift: null, overtime: NIGHT.overtime });
    expect(planDay(b, 'ada', '2027-02-13')).toMatchObject({ source: 'OVERRIDE', kind: 'SHIFT', shift: { shiftTypeId: 'early' } });
    expect(planDay(b, 'ada', '2027-02-15')).toMatchObject({ source: 'CONTRACT', shift: { shiftTypeId: 'day' } });
  });

  it('a contract amendment that moves the employee to New York moves their shifts into New York time from its date', () => {
    const contracts = new Map([['ada', [contract('ada', '2020-01-01', null, [{ from: '2020-01-01', locationId: 'berlin', workScheduleId: 'office' }, { from: '2027-02-03', locationId: 'nyc', workScheduleId: 'office' }])]]]);
    expect(planDay(book({ contracts }), 'ada', '2027-02-02')!.shift!.startAt).toBe('2027-02-02T08:00:00.000Z');
    expect(planDay(book({ contracts }), 'ada', '2027-02-03')!.shift!.startAt).toBe('2027-02-03T14:00:00.000Z');
  });

  it('an employee without a location works in the tenant\'s zone and follows no holiday calendar', () => {
    const contracts = new Map([['dee', [contract('dee', '2020-01-01', null, [{ from: '2020-01-01', workScheduleId: 'office' }])]]]);
    const plan = planDay(book({ contracts, tenantZone: 'Asia/Tokyo' }), 'dee', '2027-05-06')!;
    expect(plan).toMatchObject({ kind: 'SHIFT', timeZone: 'Asia/Tokyo', locationId: null, holiday: null });
    expect(plan.shift!.startAt).toBe('2027-05-06T00:00:00.000Z');
  });
});

describe('night shifts and daylight saving', () => {
  const nights = book({ assignments: new Map([['ada', [assignment('ada', 'nights', '2027-01-01', null)]]]) });

  it('a night shift belongs to the date it starts on and ends the next morning', () => {
    const plan = planDay(nights, 'ada', '2027-02-01')!;
    expect(plan.shift).toMatchObject({ startAt: '2027-02-01T21:00:00.000Z', endAt: '2027-02-02T05:00:00.000Z' });
  });

  it('given the spring-forward night in Berlin, the 22:00-06:00 shift is 7 hours; given the fall-back night, 9', () => {
    const spring = planDay(nights, 'ada', '2027-03-27')!.shift!;
    expect(spring).toMatchObject({ startAt: '2027-03-27T21:00:00.000Z', endAt: '2027-03-28T04:00:00.000Z' });
    expect((Date.parse(spring.endAt) - Date.parse(spring.startAt)) / 3_600_000).toBe(7);
    const autumn = planDay(nights, 'ada', '2027-10-30')!.shift!;
    expect((Date.parse(autumn.endAt) - Date.parse(autumn.startAt)) / 3_600_000).toBe(9);
  });

  it('every shift lasts its wall-clock length, corrected by the change of offset between its start and end', () => {
    const zones = ['Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata'];
    fc.assert(fc.property(
      fc.integer({ min: epochDay('2020-01-01'), max: epochDay('2040-12-31') }).map(dateOfEpochDay),
      fc.constantFrom(...zones),
      fc.constantFrom(DAY, EARLY, LATE, NIGHT),
      (date, zone, type) => {
        const b = book({ locations: new Map([['berlin', { timeZone: zone, calendar: null }]]), assignments: new Map([['ada', [assignment('ada', 'p', '2019-01-01', null)]]]), patterns: new Map([['p', pattern('p', '2020-01-01', [type.id])]]) });
        const shift = planDay(b, 'ada', date)!.shift!;
        const start = new Date(shift.startAt);
        const end = new Date(shift.endAt);
        const nominal = (wallMinutes(type.end) - wallMinutes(type.start) + 1440) % 1440 || 1440;
        const minutes = (end.getTime() - start.getTime()) / 60_000;
        const expected = nominal - (offsetMinutes(end, zone) - offsetMinutes(start, zone));
        if (localTime(start, zone) === type.start && localTime(end, zone) === type.end) expect(minutes).toBe(expected);
        // A wall time inside a spring-forward gap is moved forward by the gap (at most an hour).
        else expect(Math.abs(minutes - expected)).toBeLessThanOrEqual(60);
        expect(Date.parse(shift.windowOpensAt)).toBeLessThan(start.getTime());
        expect(Date.parse(shift.windowClosesAt)).toBeGreaterThan(end.getTime());
      },
    ), { seed: 20261207, numRuns: 500 });
  });
});

describe('rotations', () => {
  it('a 28-day rotation plans the same shift on dates 28 days apart, before and after its anchor, and each day as its cycle says', () => {
    const b = book({ assignments: new Map([['ada', [assignment('ada', 'rotation', '2000-01-01', null)]]]), locations: new Map([['berlin', { timeZone: 'Europe/Berlin', calendar: null }]]) });
    fc.assert(fc.property(fc.integer({ min: epochDay('2020-01-01'), max: epochDay('2035-12-31') }), (day) => {
      const date = dateOfEpochDay(day);
      const a = planDay(b, 'ada', date)!;
      const later = planDay(b, 'ada', addDays(date, 28))!;
      expect(later.shift?.shiftTypeId ?? null).toBe(a.shift?.shiftTypeId ?? null);
      const index = (((day - epochDay('2027-01-04')) % 28) + 28) % 28;
      expect(a.shift?.shiftTypeId ?? null).toBe(ROTATION.days[index]);
    }), { seed: 20261207, numRuns: 500 });
    expect(planDay(b, 'ada', '2027-01-04')!.shift!.shiftTypeId).toBe('early');
    expect(planDay(b, 'ada', '2027-01-18')!.shift!.shiftTypeId).toBe('late');
    expect(planDay(b, 'ada', '2027-02-01')!.shift!.shiftTypeId).toBe('early');
  });
});

describe('holidays', () => {
  it('a public holiday on a working day makes the day a HOLIDAY, keeping the shift it replaces; on a rest day it stays a rest day', () => {
    const ascension = planDay(book(), 'ada', '2027-05-06')!;
    expect(ascension).toMatchObject({ kind: 'HOLIDAY', holiday: { name: 'Christi Himmelfahrt', halfDay: false }, shift: { shiftTypeId: 'day' } });
    const unity = planDay(book(), 'ada', '2027-10-03')!; // a Sunday in 2027
    expect(unity).toMatchObject({ kind: 'REST_DAY', holiday: { name: 'Tag der Deutschen Einheit' } });
  });

  it('Berlin\'s Christmas Eve (a half day from 14:00) ends a day shift at 14:00 and takes all of a shift starting then', () => {
    const eve = planDay(book(), 'ada', '2027-12-24')!;
    expect(eve).toMatchObject({ kind: 'SHIFT', holiday: { name: 'Heiliger Abend', halfDay: true } });
    expect(eve.shift).toMatchObject({ startAt: '2027-12-24T08:00:00.000Z', endAt: '2027-12-24T13:00:00.000Z', fullDayMinutes: 270, halfDayMinutes: 240 });
    const late = planDay(book({ assignments: new Map([['ada', [assignment('ada', 'rotation', '2027-01-01', null)]]]) }), 'ada', '2027-12-24')!;
    // Day 1 of the rotation is 2027-01-04; 2027-12-24 is day 355 = index 19 of its cycle: a late shift.
    expect(late).toMatchObject({ kind: 'HOLIDAY', shift: { shiftTypeId: 'late' }, holiday: { halfDay: false } });
  });

  it('the tenant\'s changes apply from the broadest scope to the location\'s own: added, renamed and removed days', () => {
    const holidayEdits = [
      edit('DE', '2027-06-18', 'ADD', 'Company summer day'),
      edit('DE-BE', '2027-05-06', 'RENAME', 'Ascension Day'),
      edit('LOC:berlin', '2027-03-08', 'REMOVE', null),
      edit('LOC:munich', '2027-03-26', 'REMOVE', null),
      edit('DE', '2027-07-02', 'ADD', 'Friday afternoon', true),
    ];
    const b = book({ holidayEdits });
    expect(planDay(b, 'ada', '2027-06-18')).toMatchObject({ kind: 'HOLIDAY', holiday: { name: 'Company summer day' } });
    expect(planDay(b, 'ada', '2027-05-06')).toMatchObject({ kind: 'HOLIDAY', holiday: { name: 'Ascension Day' } });
    expect(planDay(b, 'ada', '2027-03-08')).toMatchObject({ kind: 'SHIFT', holiday: null });
    expect(planDay(b, 'ada', '2027-03-26')).toMatchObject({ kind: 'HOLIDAY', holiday: { name: 'Karfreitag' } });
    expect(planDay(b, 'ada', '2027-07-02')).toMatchObject({ kind: 'SHIFT', holiday: { halfDay: true }, shift: { endAt: '2027-07-02T10:00:00.000Z' } });
    const year = holidaysOf(BERLIN.calendar!, 'berlin', 2027, holidayEdits);
    expect(year.map((d) => d.date)).toContain('2027-06-18');
    expect(year.map((d) => d.date)).not.toContain('2027-03-08');
  });

  it('a New York employee gets the observed day when a holiday falls on a weekend', () => {
    const contracts = new Map([['eve', [contract('eve', '2020-01-01', null, [{ from: '2020-01-01', locationId: 'nyc', workScheduleId: 'office' }])]]]);
    expect(planDay(book({ contracts }), 'eve', '2027-07-05')).toMatchObject({ kind: 'HOLIDAY', holiday: { name: 'Independence Day (substitute day)' } });
    expect(planDay(book({ contracts }), 'eve', '2027-07-04')).toMatchObject({ kind: 'REST_DAY' });
  });
});

describe('holiday calendars', () => {
  it('refuse a country, state or region the holiday data does not know, instead of silently planning a year without holidays', () => {
    expect(calendarProblems({ country: 'DE', state: 'BE', region: null })).toEqual([]);
    expect(calendarProblems({ country: 'DE', state: 'BY', region: 'A' })).toEqual([]);
    expect(calendarProblems({ country: 'XX', state: null, region: null })).toMatchObject([{ field: 'country' }]);
    expect(calendarProblems({ country: 'DE', state: 'ZZ', region: null })[0]).toMatchObject({ field: 'state', message: expect.stringContaining('BE') });
    expect(calendarProblems({ country: 'DE', state: 'BE', region: 'Q' })).toMatchObject([{ field: 'region' }]);
    expect(calendarProblems({ country: 'DE', state: null, region: 'A' })).toMatchObject([{ field: 'region' }]);
  });

  it('list public days in full and afternoon bank days as half days, never observances', () => {
    const berlin = holidaysOf({ country: 'DE', state: 'BE', region: null }, null, 2027, []);
    expect(berlin.filter((d) => !d.halfDay)).toHaveLength(10);
    expect(berlin.filter((d) => d.halfDay).map((d) => [d.date, d.fromTime])).toEqual([['2027-12-24', '14:00'], ['2027-12-31', '14:00']]);
    expect(berlin.map((d) => d.name)).not.toContain('Valentinstag');
  });
});
