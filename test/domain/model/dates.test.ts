import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, calendarDateOf, dateOfEpochDay, daysBetween, epochDay, isCalendarDate, isoWeekday } from '../../../domain/model/dates.ts';

/** The reference: JavaScript's own proleptic Gregorian calendar, in UTC. */
const reference = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);
const FIRST = epochDay('1900-01-01');
const LAST = epochDay('2999-12-31');
const anyDay = fc.integer({ min: FIRST, max: LAST });

describe('calendar dates', () => {
  it('agree with the Gregorian calendar on every day from 1900 to 2999', () => {
    fc.assert(fc.property(anyDay, (day) => {
      const date = reference(day);
      expect(dateOfEpochDay(day)).toBe(date);
      expect(epochDay(date)).toBe(day);
      expect(isCalendarDate(date)).toBe(true);
      expect(isoWeekday(date)).toBe(((new Date(day * 86_400_000).getUTCDay() + 6) % 7) + 1);
    }), { seed: 20261207, numRuns: 2000 });
  });

  it('add and count days consistently', () => {
    fc.assert(fc.property(anyDay, fc.integer({ min: -4000, max: 4000 }), (day, n) => {
      fc.pre(day + n >= FIRST && day + n <= LAST);
      const date = dateOfEpochDay(day);
      expect(addDays(date, n)).toBe(reference(day + n));
      expect(daysBetween(date, addDays(date, n))).toBe(n);
    }), { seed: 20261207, numRuns: 2000 });
  });

  it('refuse days that do not exist, expanded and out-of-range years, and junk', () => {
    for (const bad of ['2023-02-29', '2100-02-29', '2024-04-31', '2024-13-01', '2024-00-10', '+99999-01-01', '0999-01-01', '3000-01-01', '2024-1-01', '2024/01/01', '', 'yesterday']) {
      expect(isCalendarDate(bad), bad).toBe(false);
    }
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2000-02-29')).toBe(true);
  });

  it('read AWSDate inputs with a zone offset as their calendar date, and nothing else', () => {
    expect(calendarDateOf('2024-01-31')).toBe('2024-01-31');
    expect(calendarDateOf('2024-01-31Z')).toBe('2024-01-31');
    expect(calendarDateOf('2024-01-31+02:00')).toBe('2024-01-31');
    expect(calendarDateOf('2024-01-31-05:30')).toBe('2024-01-31');
    for (const bad of ['2024-01-31T00:00', '2024-01-31+2', '+99999-01-01', '2024-02-30Z', null, undefined]) expect(calendarDateOf(bad), String(bad)).toBeNull();
  });
});
