/**
 * The day's rules by example: given a plan and punches, when the day is classified, then its
 * status, minutes and flags. Berlin in February is UTC+1: the 09:00-17:00 shift is 08:00Z-16:00Z.
 */
import { describe, expect, it } from 'vitest';
import { assignPunches, classifyDay, effectivePunches, liveDay } from '../../../domain/attendance/classify.ts';
import { LATER, OVERTIME, plan, punch, shiftType } from './world.ts';

const MONDAY = '2027-02-01';
const at = (time: string, date = MONDAY) => `${date}T${time}Z`;
const day = (...punches: ReturnType<typeof punch>[]) => classifyDay(plan(MONDAY), punches, LATER)!;

describe('a planned shift', () => {
  it('given a check-in at the start and a check-out at the end, then PRESENT with the break taken off', () => {
    expect(day(punch('IN', at('08:00')), punch('OUT', at('16:00')))).toMatchObject({
      status: 'PRESENT', workedMinutes: 450, lateMinutes: 0, earlyExitMinutes: 0, flags: [], overtime: [],
      plannedStart: at('08:00:00.000'), plannedEnd: at('16:00:00.000'), firstIn: at('08:00:00.000'), lastOut: at('16:00:00.000'), departmentId: 'eng',
    });
  });

  it('given a check-in exactly at the grace minute (or within it), then not late; a minute later, late from the start', () => {
    expect(day(punch('IN', at('08:05:00')), punch('OUT', at('16:30'))).status).toBe('PRESENT');
    expect(day(punch('IN', at('08:05:59')), punch('OUT', at('16:30')))).toMatchObject({ status: 'PRESENT', lateMinutes: 0 });
    expect(day(punch('IN', at('08:06:00')), punch('OUT', at('16:30')))).toMatchObject({ status: 'LATE', lateMinutes: 6 });
  });

  it('given a check-out exactly at the grace minute before the end, then no early exit; a minute before, an early exit counted to the end', () => {
    expect(day(punch('IN', at('07:30')), punch('OUT', at('15:55:00'))).status).toBe('PRESENT');
    expect(day(punch('IN', at('07:30')), punch('OUT', at('15:54:30'))).earlyExitMinutes).toBe(0);
    expect(day(punch('IN', at('07:30')), punch('OUT', at('15:54:00')))).toMatchObject({ status: 'EARLY_EXIT', earlyExitMinutes: 6 });
  });

  it('given late and early both, then LATE (arrival first), with both counted', () => {
    expect(day(punch('IN', at('08:20')), punch('OUT', at('16:00'))).lateMinutes).toBe(20);
    expect(day(punch('IN', at('07:00')), punch('OUT', at('15:00')))).toMatchObject({ status: 'EARLY_EXIT', earlyExitMinutes: 60 });
  });

  it('given too few minutes worked, then HALF_DAY from the half-day minutes on, ABSENT below them', () => {
    expect(day(punch('IN', at('08:00')), punch('OUT', at('13:00')))).toMatchObject({ status: 'HALF_DAY', workedMinutes: 270 });
    expect(day(punch('IN', at('08:00')), punch('OUT', at('12:00')))).toMatchObject({ status: 'ABSENT', workedMinutes: 210 });
  });

  it('given no punches, then ABSENT; on leave, ON_LEAVE', () => {
    expect(day()).toMatchObject({ status: 'ABSENT', workedMinutes: 0, punchIds: [] });
    expect(classifyDay(plan(MONDAY), [], LATER, { leave: { source: 'EMPLOYEE_STATUS' } })!.status).toBe('ON_LEAVE');
  });

  it('takes the unpaid break off only once the time worked exceeds it', () => {
    const short = classifyDay(plan(MONDAY), [punch('IN', at('08:00')), punch('OUT', at('08:20'))], LATER)!;
    expect(short.workedMinutes).toBe(20);
    const hour = classifyDay(plan(MONDAY), [punch('IN', at('08:00')), punch('OUT', at('09:00'))], LATER)!;
    expect(hour.workedMinutes).toBe(30);
  });

  it('adds up several sessions (a lunch out and back)', () => {
    expect(day(punch('IN', at('08:00')), punch('OUT', at('11:00')), punch('IN', at('11:30')), punch('OUT', at('16:30')))).toMatchObject({ workedMinutes: 450, status: 'PRESENT' });
  });
});

describe('when a day is judged', () => {
  it('never before the shift\'s punch window has closed: never ABSENT too early', () => {
    const monday = plan(MONDAY);
    const closes = new Date(monday.shift!.windowClosesAt);
    expect(classifyDay(monday, [], new Date(closes.getTime() - 1))).toBeNull();
    expect(classifyDay(monday, [], closes)!.status).toBe('ABSENT');
  });

  it('a rest day once the date has ended where the employee works', () => {
    const sunday = plan('2027-02-07', { kind: 'REST_DAY' });
    const punches = [punch('IN', '2027-02-07T09:00Z'), punch('OUT', '2027-02-07T11:00Z')];
    expect(classifyDay(sunday, punches, new Date('2027-02-07T22:59:59Z'))).toBeNull();
    expect(classifyDay(sunday, punches, new Date('2027-02-07T23:00:00Z'))!.status).toBe('REST_DAY');
  });
});

describe('a forgotten check-out', () => {
  it('is closed at the shift\'s end and flagged', () => {
    expect(day(punch('IN', at('08:00')))).toMatchObject({ status: 'PRESENT', workedMinutes: 450, flags: ['FORGOTTEN_CHECKOUT'], lastOut: null, earlyExitMinutes: 0 });
  });

  it('after the shift\'s end (or without a shift) counts nothing', () => {
    expect(day(punch('IN', at('17:00')))).toMatchObject({ workedMinutes: 0, flags: ['FORGOTTEN_CHECKOUT'] });
    const restDay = classifyDay(plan('2027-02-06', { kind: 'REST_DAY' }), [punch('IN', '2027-02-06T10:00Z')], LATER)!;
    expect(restDay).toMatchObject({ status: 'REST_DAY', workedMinutes: 0, flags: ['FORGOTTEN_CHECKOUT'] });
  });
});

describe('unpaired punches', () => {
  it('a check-out with nothing open, or a second check-in, is flagged and not counted', () => {
    expect(day(punch('OUT', at('07:00')), punch('IN', at('08:00')), punch('OUT', at('16:00')))).toMatchObject({ workedMinutes: 450, flags: ['UNPAIRED_PUNCH'] });
    expect(day(punch('IN', at('08:00')), punch('IN', at('12:00')), punch('OUT', at('16:00')))).toMatchObject({ workedMinutes: 450, flags: ['UNPAIRED_PUNCH'] });
  });
});

describe('overtime', () => {
  const rules = plan(MONDAY, { overtime: OVERTIME });

  it('after the shift and before it, each with its multiplier, from its minimum on', () => {
    const record = classifyDay(rules, [punch('IN', at('07:00')), punch('OUT', at('17:30'))], LATER)!;
    expect(record.overtime).toEqual([
      { kind: 'BEFORE_SHIFT', minutes: 60, multiplier: '1.25' },
      { kind: 'AFTER_SHIFT', minutes: 90, multiplier: '1.5' },
    ]);
    const below = classifyDay(rules, [punch('IN', at('07:40')), punch('OUT', at('16:10'))], LATER)!;
    expect(below.overtime).toEqual([]);
  });

  it('is none without a rule for it', () => {
    expect(day(punch('IN', at('07:00')), punch('OUT', at('19:00'))).overtime).toEqual([]);
  });

  it('on a rest day every minute, at the rest-day rule', () => {
    const saturday = plan('2027-02-06', { kind: 'REST_DAY', overtime: OVERTIME });
    expect(classifyDay(saturday, [punch('IN', '2027-02-06T09:00Z'), punch('OUT', '2027-02-06T12:00Z')], LATER)).toMatchObject({
      status: 'REST_DAY', workedMinutes: 180, overtime: [{ kind: 'REST_DAY', minutes: 180, multiplier: '2.0' }], shiftTypeId: null,
    });
  });

  it('on a holiday that falls on a rest day, at the holiday rule; without work, just the rest day and its holiday', () => {
    const sunday = plan('2027-04-04', { kind: 'REST_DAY', holiday: 'Ostersonntag', overtime: OVERTIME });
    expect(classifyDay(sunday, [punch('IN', '2027-04-04T08:00Z'), punch('OUT', '2027-04-04T10:00Z')], LATER)).toMatchObject({
      status: 'REST_DAY', holiday: 'Ostersonntag', overtime: [{ kind: 'HOLIDAY', minutes: 120, multiplier: '2.5' }],
    });
    expect(classifyDay(sunday, [], LATER)).toMatchObject({ status: 'REST_DAY', holiday: 'Ostersonntag', workedMinutes: 0, overtime: [] });
  });

  it('on a full holiday on a working day, every minute at the holiday rule (the replaced shift\'s break taken off)', () => {
    const easterMonday = plan('2027-03-29', { kind: 'HOLIDAY', holiday: 'Ostermontag', overtime: OVERTIME });
    expect(classifyDay(easterMonday, [], LATER)).toMatchObject({ status: 'HOLIDAY', workedMinutes: 0, overtime: [] });
    expect(classifyDay(easterMonday, [punch('IN', '2027-03-29T07:00Z'), punch('OUT', '2027-03-29T11:00Z')], LATER)).toMatchObject({
      status: 'HOLIDAY', workedMinutes: 210, lateMinutes: 0, overtime: [{ kind: 'HOLIDAY', minutes: 210, multiplier: '2.5' }],
    });
  });
});

describe('a night shift', () => {
  const NIGHT = shiftType({ id: 'night', start: '22:00', end: '06:00', breakMinutes: 0, windowBeforeMinutes: 60, windowAfterMinutes: 120, halfDayMinutes: 200, fullDayMinutes: 400 });

  it('across Berlin\'s spring-forward night (2027-03-28) lasts 7 hours, and its punches belong to the date it starts', () => {
    const plans = [plan('2027-03-27', { type: NIGHT }), plan('2027-03-28', { type: NIGHT })];
    // 22:00 CET = 21:00Z; 06:00 CEST = 04:00Z.
    const punches = [punch('IN', '2027-03-27T21:00Z'), punch('OUT', '2027-03-28T04:00Z')];
    const byDate = assignPunches(plans, effectivePunches(punches));
    expect([...byDate.keys()]).toEqual(['2027-03-27']);
    expect(classifyDay(plans[0]!, byDate.get('2027-03-27')!, LATER)).toMatchObject({ date: '2027-03-27', status: 'PRESENT', workedMinutes: 420 });
  });

  it('across the fall-back night (2027-10-31) lasts 9 hours', () => {
    const night = plan('2027-10-30', { type: NIGHT });
    // 22:00 CEST = 20:00Z; 06:00 CET = 05:00Z.
    expect(classifyDay(night, [punch('IN', '2027-10-30T20:00Z'), punch('OUT', '2027-10-31T05:00Z')], LATER)!.workedMinutes).toBe(540);
  });
});

describe('which date a punch belongs to', () => {
  it('on a rest day, punches outside any plan\'s window are that day\'s rest-day work', () => {
    const plans = [plan('2027-02-05'), plan('2027-02-06', { kind: 'REST_DAY' })];
    const punches = [punch('IN', '2027-02-06T10:00Z'), punch('OUT', '2027-02-06T14:00Z')];
    expect([...assignPunches(plans, punches).keys()]).toEqual(['2027-02-06']);
  });

  it('a check-out after the window closed goes with its check-in', () => {
    // The window closes 21:00 Berlin (20:00Z); the check-out at 23:30 Berlin still ends Monday's session.
    const plans = [plan(MONDAY), plan('2027-02-02')];
    const punches = [punch('IN', at('08:00')), punch('OUT', '2027-02-01T22:30Z')];
    const byDate = assignPunches(plans, punches);
    expect([...byDate.keys()]).toEqual([MONDAY]);
    expect(classifyDay(plans[0]!, byDate.get(MONDAY)!, LATER)!.overtime).toEqual([]);
    expect(classifyDay(plans[0]!, byDate.get(MONDAY)!, LATER)!.workedMinutes).toBe(14 * 60 + 30 - 30);
  });

  it('without any plan, punches make an UNSCHEDULED day (no break to take off); without punches either, no record', () => {
    const punches = [punch('IN', at('08:00')), punch('OUT', at('12:00'))];
    expect(classifyDay(null, punches, LATER)).toMatchObject({ date: MONDAY, status: 'PRESENT', workedMinutes: 240, flags: ['UNSCHEDULED'], shiftTypeId: null });
    expect(classifyDay(null, [], LATER)).toBeNull();
  });
});

describe('corrections', () => {
  it('a CORRECTION punch replaces the punch it supersedes; the latest correction of a punch wins', () => {
    const out = punch('OUT', at('12:00'));
    const first = punch('OUT', at('15:00'), { source: 'CORRECTION', supersedes: out.id, createdAt: '2027-02-02T08:00:00.000Z' });
    const second = punch('OUT', at('16:00'), { source: 'CORRECTION', supersedes: out.id, createdAt: '2027-02-03T08:00:00.000Z' });
    const record = day(punch('IN', at('08:00')), out, second, first)!;
    expect(record).toMatchObject({ status: 'PRESENT', workedMinutes: 450, lastOut: at('16:00:00.000'), flags: ['CORRECTED'] });
    expect(record.punchIds).not.toContain(out.id);
    expect(record.punchIds).not.toContain(first.id);
  });

  it('a missing punch added by a correction closes the session', () => {
    expect(day(punch('IN', at('08:00')), punch('OUT', at('16:30'), { source: 'CORRECTION' }))).toMatchObject({ flags: ['CORRECTED'], workedMinutes: 480 });
  });

  it('a flagged punch flags its day', () => {
    expect(day(punch('IN', at('08:00'), { flags: ['OUTSIDE_GEOFENCE'] }), punch('OUT', at('16:00'))).flags).toEqual(['FLAGGED_PUNCH']);
  });
});

describe('where a team member stands now', () => {
  const monday = plan(MONDAY);
  it('before the start and grace: not yet in; after: missing; after the window: absent', () => {
    expect(liveDay(monday, [], new Date(at('08:05'))).state).toBe('NOT_YET_IN');
    expect(liveDay(monday, [], new Date(at('08:06'))).state).toBe('MISSING');
    expect(liveDay(monday, [], new Date(at('20:00'))).state).toBe('ABSENT');
  });

  it('in (late or not), out, on leave, a rest day', () => {
    expect(liveDay(monday, [punch('IN', at('08:20'))], new Date(at('09:00')))).toMatchObject({ state: 'IN', late: true, lateMinutes: 20 });
    expect(liveDay(monday, [punch('IN', at('08:00')), punch('OUT', at('12:00'))], new Date(at('13:00')))).toMatchObject({ state: 'OUT', late: false, lastPunchAt: at('12:00:00.000') });
    expect(liveDay(monday, [], new Date(at('10:00')), { source: 'EMPLOYEE_STATUS' }).state).toBe('ON_LEAVE');
    expect(liveDay(plan('2027-02-06', { kind: 'REST_DAY' }), [], new Date('2027-02-06T10:00Z')).state).toBe('REST_DAY');
    expect(liveDay(null, [], new Date(at('10:00'))).state).toBe('UNSCHEDULED');
  });
});
