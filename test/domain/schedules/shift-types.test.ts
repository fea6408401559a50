/** The rules of a shift type: times, night shifts, break, graces and windows, half and full days, overtime. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CreateShiftTypeInput } from '../../../domain/generated/graphql.ts';
import { wallSpanMinutes } from '../../../domain/model/wall-time.ts';
import {
  mergeShiftTypeChanges,
  newShiftTypeRow,
  normaliseMultiplier,
  normaliseNewShiftType,
  updateShiftTypeWrites,
  validateShiftType,
  validateShiftTypeChanges,
} from '../../../domain/schedules/model/shift-types.ts';

const problemsOf = (input: Partial<CreateShiftTypeInput>) => validateShiftType(normaliseNewShiftType({ name: 'Day', start: '09:00', end: '17:00', ...input }));
const fields = (input: Partial<CreateShiftTypeInput>) => problemsOf(input).map((p) => p.field);

describe('a new shift type', () => {
  it('given only a name and times, then the minutes it leaves out take their defaults and a full day is the shift less its break', () => {
    const content = normaliseNewShiftType({ name: ' Day ', start: '09:00', end: '17:00', breakMinutes: 30 });
    expect(content).toEqual({
      name: 'Day', start: '09:00', end: '17:00', breakMinutes: 30, graceLateMinutes: 0, graceEarlyMinutes: 0, windowBeforeMinutes: 120, windowAfterMinutes: 240,
      fullDayMinutes: 450, halfDayMinutes: 225, overtime: {},
    });
    expect(validateShiftType(content)).toEqual([]);
  });

  it('given an end at or before its start, then it is a night shift ending the next day, and its span counts across midnight', () => {
    expect(problemsOf({ start: '22:00', end: '06:00', breakMinutes: 30 })).toEqual([]);
    expect(normaliseNewShiftType({ name: 'Night', start: '22:00', end: '06:00', breakMinutes: 30 }).fullDayMinutes).toBe(450);
    // The same start and end: a whole day.
    expect(normaliseNewShiftType({ name: 'Watch', start: '08:00', end: '08:00' }).fullDayMinutes).toBe(1440);
  });

  it('given times that are not HH:MM from 00:00 to 23:59, then start and end are refused', () => {
    expect(fields({ start: '24:00', end: '9:00' })).toEqual(expect.arrayContaining(['start', 'end']));
    expect(fields({ start: '09:60' })).toContain('start');
  });

  it('given a break as long as the shift or negative, then the break is refused', () => {
    expect(fields({ breakMinutes: 480 })).toContain('breakMinutes');
    expect(fields({ breakMinutes: -1 })).toContain('breakMinutes');
    expect(fields({ breakMinutes: 479, fullDayMinutes: 1, halfDayMinutes: 0 })).toEqual([]);
  });

  it('given graces and windows outside 0 to 720 minutes, then each is refused by name; the bounds themselves are fine', () => {
    expect(fields({ graceLateMinutes: 721, graceEarlyMinutes: -1, windowBeforeMinutes: 721, windowAfterMinutes: -1 })).toEqual(
      ['graceLateMinutes', 'graceEarlyMinutes', 'windowBeforeMinutes', 'windowAfterMinutes'],
    );
    expect(fields({ graceLateMinutes: 720, graceEarlyMinutes: 0, windowBeforeMinutes: 0, windowAfterMinutes: 720 })).toEqual([]);
  });

  it('given a full day longer than the shift less its break, or a half day longer than the full day, then they are refused', () => {
    expect(fields({ breakMinutes: 30, fullDayMinutes: 451 })).toEqual(['fullDayMinutes']);
    expect(fields({ breakMinutes: 30, fullDayMinutes: 450, halfDayMinutes: 451 })).toEqual(['halfDayMinutes']);
    expect(fields({ fullDayMinutes: 0, halfDayMinutes: 0 })).toEqual(['fullDayMinutes']);
    expect(fields({ halfDayMinutes: -1 })).toEqual(['halfDayMinutes']);
  });

  it('given overtime multipliers, then decimals from 1.00 to 5.00 with at most two decimals are kept as strings, others refused', () => {
    expect(normaliseNewShiftType({ name: 'Day', start: '09:00', end: '17:00', overtime: { afterShift: { multiplier: '1.5', minimumMinutes: 15 }, holiday: null } }).overtime)
      .toEqual({ afterShift: { multiplier: '1.50', minimumMinutes: 15 } });
    for (const bad of ['0.99', '5.01', '1.255', '1,5', '', '10', '-1.5', '1e0']) {
      expect(fields({ overtime: { beforeShift: { multiplier: bad, minimumMinutes: 0 } } }), bad).toEqual(['overtime.beforeShift.multiplier']);
    }
    expect(fields({ overtime: { restDay: { multiplier: '5', minimumMinutes: 601 }, holiday: { multiplier: '1', minimumMinutes: -1 } } }))
      .toEqual(['overtime.restDay.minimumMinutes', 'overtime.holiday.minimumMinutes']);
  });

  it('a multiplier is compared without floats: every two-decimal string from 1.00 to 5.00 is itself once normalised, none outside', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 999 }), (hundredths) => {
      const text = `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
      expect(normaliseMultiplier(text)).toBe(hundredths >= 100 && hundredths <= 500 ? text : null);
    }), { seed: 20261207, numRuns: 1000 });
  });

  it('the span of any shift is from 1 minute to a whole day, across midnight when the end is not after the start', () => {
    const time = fc.integer({ min: 0, max: 1439 }).map((m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`);
    fc.assert(fc.property(time, time, (start, end) => {
      const span = wallSpanMinutes(start, end);
      expect(span).toBeGreaterThanOrEqual(1);
      expect(span).toBeLessThanOrEqual(1440);
      const [s, e] = [start, end].map((t) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3)));
      expect(span).toBe(e! > s! ? e! - s! : e! - s! + 1440);
    }), { seed: 20261207, numRuns: 1000 });
  });
});

describe('changing a shift type', () => {
  const current = newShiftTypeRow('acme', 'day', normaliseNewShiftType({ name: 'Day', start: '09:00', end: '17:00', breakMinutes: 30 }), '2027-01-01T00:00:00.000Z');

  it('given only some fields, then the others keep their value and the result is checked as a whole', () => {
    const merged = mergeShiftTypeChanges(current, { id: 'day', expectedVersion: 1, end: '13:00' });
    expect(merged).toMatchObject({ start: '09:00', end: '13:00', breakMinutes: 30, fullDayMinutes: 450 });
    // The shorter shift no longer holds the full day it had.
    expect(validateShiftType(merged).map((p) => p.field)).toEqual(['fullDayMinutes']);
  });

  it('given a required field cleared (null), then it is refused rather than kept', () => {
    expect(validateShiftTypeChanges({ id: 'day', expectedVersion: 1, name: null, breakMinutes: null }).map((p) => p.field)).toEqual(['name', 'breakMinutes']);
  });

  it('is written only while the shift type is still at the version read, else a CONFLICT', () => {
    const [write] = updateShiftTypeWrites(current, { name: 'Day shift' }, '2027-01-02T00:00:00.000Z');
    expect(write!.write).toMatchObject({ kind: 'update', conditions: [{ attribute: 'version', is: 'equal', value: 1 }], set: { name: 'Day shift', version: 2 } });
    expect(write!.onConditionFailed.type).toBe('CONFLICT');
  });
});
