/**
 * The day's arithmetic as properties: whatever the punches, their order does not matter, the same
 * input gives the same record, worked minutes are never negative nor longer than the punches (or
 * the forgotten check-out's closing) span; DST nights are as long as the clocks say; lateness turns
 * on exactly at the grace minute.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignPunches, classifyDay, effectivePunches, type PunchFact } from '../../../domain/attendance/classify.ts';
import { addDays, dateOfEpochDay, epochDay } from '../../../domain/model/dates.ts';
import { zonedInstant } from '../../../domain/time.ts';
import { LATER, OVERTIME, plan, punch, shiftType } from './world.ts';

const RUNS = { seed: 20261207, numRuns: 300 };
const MINUTE = 60_000;
const ZONES = ['Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Chatham', 'UTC'];

/** A day's plan (shift, holiday or rest day) in a zone, and punches around it: up to 8, in or out, within 30 hours of the day's start. */
const dayWithPunches = fc.record({
  date: fc.integer({ min: epochDay('2026-01-01'), max: epochDay('2029-12-31') }).map(dateOfEpochDay),
  zone: fc.constantFrom(...ZONES),
  kind: fc.constantFrom('SHIFT', 'SHIFT', 'HOLIDAY', 'REST_DAY' as const),
  start: fc.constantFrom('06:00', '09:00', '14:00', '22:00'),
  breakMinutes: fc.integer({ min: 0, max: 60 }),
  grace: fc.integer({ min: 0, max: 15 }),
  punches: fc.array(fc.record({ type: fc.constantFrom('IN', 'OUT' as const), offset: fc.integer({ min: 0, max: 30 * 60 * 60 }) }), { maxLength: 8 }),
}).map((input) => {
  const end = `${String((Number(input.start.slice(0, 2)) + 8) % 24).padStart(2, '0')}:00`;
  const type = shiftType({ start: input.start, end, breakMinutes: input.breakMinutes, graceLateMinutes: input.grace, graceEarlyMinutes: input.grace, overtime: OVERTIME });
  const day = plan(input.date, { zone: input.zone, kind: input.kind as 'SHIFT' | 'HOLIDAY' | 'REST_DAY', type });
  const midnight = zonedInstant(input.date, '00:00', input.zone).getTime();
  const punches = input.punches.map((p) => punch(p.type, new Date(midnight + p.offset * 1000).toISOString(), {}, input.zone));
  return { day, punches };
});

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const copy = [...items];
  let state = seed;
  for (let i = copy.length - 1; i > 0; i -= 1) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    const j = state % (i + 1);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

describe('classifying a day', () => {
  it('does not depend on the order the punches come in, and gives the same record for the same input', () => {
    fc.assert(fc.property(dayWithPunches, fc.integer({ min: 1, max: 1_000_000 }), ({ day, punches }, seed) => {
      const record = classifyDay(day, punches, LATER);
      expect(classifyDay(day, shuffled(punches, seed), LATER)).toEqual(record);
      expect(classifyDay(day, punches, LATER)).toEqual(record);
    }), RUNS);
  });

  it('never counts negative minutes, nor more than the punches span (to the forgotten check-out\'s closing, if any)', () => {
    fc.assert(fc.property(dayWithPunches, ({ day, punches }) => {
      const record = classifyDay(day, punches, LATER)!;
      expect(record.workedMinutes).toBeGreaterThanOrEqual(0);
      expect(record.lateMinutes).toBeGreaterThanOrEqual(0);
      expect(record.earlyExitMinutes).toBeGreaterThanOrEqual(0);
      for (const o of record.overtime) expect(o.minutes).toBeGreaterThan(0);
      const times = effectivePunches(punches).map((p) => Date.parse(p.at));
      if (times.length === 0) {
        expect(record.workedMinutes).toBe(0);
        return;
      }
      const closing = record.flags.includes('FORGOTTEN_CHECKOUT') && day.shift ? Date.parse(day.shift.endAt) : -Infinity;
      const span = Math.max(...times, closing) - Math.min(...times);
      expect(record.workedMinutes * MINUTE).toBeLessThanOrEqual(span);
    }), RUNS);
  });

  it('assigns every punch to exactly one date, whatever the plans around it', () => {
    fc.assert(fc.property(dayWithPunches, ({ day, punches }) => {
      const plans = [plan(addDays(day.date, -1), { zone: day.timeZone }), day, plan(addDays(day.date, 1), { zone: day.timeZone, kind: 'REST_DAY' })];
      const effective = effectivePunches(punches);
      const assigned = [...assignPunches(plans, effective).values()].flat();
      expect(assigned.map((p: PunchFact) => p.id).sort()).toEqual(effective.map((p) => p.id).sort());
    }), RUNS);
  });
});

describe('night shifts across daylight-saving changes', () => {
  const NIGHT = shiftType({ id: 'night', start: '22:00', end: '06:00', breakMinutes: 0, halfDayMinutes: 200, fullDayMinutes: 400 });

  it('last exactly as long as the instants say: 7 h on a spring-forward night, 9 h on a fall-back night, 8 h otherwise', () => {
    fc.assert(fc.property(fc.integer({ min: epochDay('2026-01-01'), max: epochDay('2030-12-31') }).map(dateOfEpochDay), fc.constantFrom('Europe/Berlin', 'America/New_York', 'Europe/London'), (date, zone) => {
      const night = plan(date, { zone, type: NIGHT });
      const start = Date.parse(night.shift!.startAt);
      const end = Date.parse(night.shift!.endAt);
      const record = classifyDay(night, [punch('IN', night.shift!.startAt, {}, zone), punch('OUT', night.shift!.endAt, {}, zone)], LATER)!;
      expect(record.workedMinutes * MINUTE).toBe(end - start);
      // Wall-clock 8 hours, give or take the hour the clocks moved that night.
      expect([420, 480, 540]).toContain(record.workedMinutes);
      expect(record.date).toBe(date);
    }), RUNS);
  });

  it('the 2027 spring-forward night in Berlin is 7 hours, end to end', () => {
    const night = plan('2027-03-27', { type: NIGHT });
    const record = classifyDay(night, [punch('IN', night.shift!.startAt), punch('OUT', night.shift!.endAt)], LATER)!;
    expect(record).toMatchObject({ workedMinutes: 420, status: 'PRESENT', lateMinutes: 0, earlyExitMinutes: 0 });
  });
});

describe('grace minutes', () => {
  it('a check-in is late exactly when its minute is after start + grace, and then counts from the start', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 30 }), fc.integer({ min: -10 * 60, max: 60 * 60 }), (grace, seconds) => {
      const day = plan('2027-02-01', { type: shiftType({ graceLateMinutes: grace, halfDayMinutes: 0, fullDayMinutes: 0 }) });
      const start = Date.parse(day.shift!.startAt);
      const arrival = new Date(start + seconds * 1000).toISOString();
      const record = classifyDay(day, [punch('IN', arrival), punch('OUT', day.shift!.endAt)], LATER)!;
      const minute = Math.floor(seconds / 60);
      expect(record.lateMinutes).toBe(minute > grace ? minute : 0);
      expect(record.status).toBe(minute > grace ? 'LATE' : 'PRESENT');
    }), RUNS);
  });

  it('a check-out is early exactly when its minute (rounded up) is before end - grace, and then counts to the end', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 60 * 60 }), (grace, secondsBefore) => {
      const day = plan('2027-02-01', { type: shiftType({ graceEarlyMinutes: grace, halfDayMinutes: 0, fullDayMinutes: 0 }) });
      const end = Date.parse(day.shift!.endAt);
      const departure = new Date(end - secondsBefore * 1000).toISOString();
      const record = classifyDay(day, [punch('IN', day.shift!.startAt), punch('OUT', departure)], LATER)!;
      const minutesBefore = Math.floor(secondsBefore / 60);
      expect(record.earlyExitMinutes).toBe(minutesBefore > grace ? minutesBefore : 0);
    }), RUNS);
  });
});
