/** The rules of a work pattern: a cycle its days cover, a working day, usable shift types; which day of its cycle a date is. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CreateWorkPatternInput } from '../../../domain/generated/graphql.ts';
import { addDays, dateOfEpochDay, epochDay } from '../../../domain/model/dates.ts';
import { shiftTypeItemKey } from '../../../domain/schedules/model/keys.ts';
import {
  createPatternWrites,
  mergePatternChanges,
  newPatternRow,
  normaliseNewPattern,
  updatePatternWrites,
  validatePattern,
  validatePatternChanges,
} from '../../../domain/schedules/model/patterns.ts';
import { cycleIndex, patternShiftOn } from '../../../domain/schedules/model/rows.ts';
import { MemoryTable } from '../organisation/memory-table.ts';
import { refusal } from './refusal.ts';

const KEY = 'TENANT#acme';
const NOW = '2027-01-01T00:00:00.000Z';
const WEEK = ['day', 'day', 'day', 'day', 'day', null, null];
const input = (extra: Partial<CreateWorkPatternInput> = {}): CreateWorkPatternInput => ({ name: 'Office week', cycleDays: 7, anchorDate: '2027-01-04', days: WEEK, ...extra });
const fields = (extra: Partial<CreateWorkPatternInput>) => validatePattern(normaliseNewPattern(input(extra))).map((p) => p.field);

/** A table holding acme's shift types `day` (in use) and `old` (archived). */
function table(): MemoryTable {
  const t = new MemoryTable();
  for (const [id, archived] of [['day', false], ['old', true]] as const) {
    t.items.set(`${KEY}|${shiftTypeItemKey(id)}`, { TenantId: KEY, EntityItem: shiftTypeItemKey(id), id, archived });
  }
  return t;
}

describe('a new pattern', () => {
  it('given a week of five working days, then it is valid, blank days are rest days and ids are trimmed', () => {
    const content = normaliseNewPattern(input({ days: [' day ', 'day', 'day', 'day', 'day', '', null] }));
    expect(content.days).toEqual(WEEK);
    expect(validatePattern(content)).toEqual([]);
  });

  it('given days that do not cover the cycle (too few or too many), then days is refused naming both counts', () => {
    const short = validatePattern(normaliseNewPattern(input({ days: WEEK.slice(0, 6) })));
    expect(short).toEqual([{ field: 'days', message: expect.stringContaining('exactly 7 entries') }]);
    expect(short[0]!.message).toContain('not 6');
    expect(fields({ days: [...WEEK, 'day'] })).toEqual(['days']);
  });

  it('given a cycle outside 1 to 84 days, then the cycle is refused; 1 and 84 are fine', () => {
    expect(fields({ cycleDays: 0, days: [] })).toEqual(expect.arrayContaining(['cycleDays']));
    expect(fields({ cycleDays: 85, days: Array<string>(85).fill('day') })).toEqual(['cycleDays']);
    expect(fields({ cycleDays: 1, days: ['day'] })).toEqual([]);
    expect(fields({ cycleDays: 84, days: Array<string>(84).fill('day') })).toEqual([]);
  });

  it('given only rest days, then it is refused: a pattern needs a working day', () => {
    expect(validatePattern(normaliseNewPattern(input({ days: Array<null>(7).fill(null) })))).toEqual([{ field: 'days', message: 'must have at least one working day' }]);
  });

  it('given an anchor that is no real date or a day that is no id, then each is refused by name', () => {
    expect(fields({ anchorDate: '2027-02-30' })).toEqual(['anchorDate']);
    expect(fields({ days: ['day', 'day', 'day', 'day', 'not an id!', null, null] })).toEqual(['days.4']);
    expect(fields({ name: '  ' })).toEqual(['name']);
  });

  it('is written with each shift type it names checked once in the same transaction: archived or missing ones refuse it, naming the day', () => {
    const ok = createPatternWrites(newPatternRow('acme', 'office', normaliseNewPattern(input()), NOW));
    expect(ok.filter((w) => w.write.kind === 'check').map((w) => w.write.key.EntityItem)).toEqual([shiftTypeItemKey('day')]);
    expect(refusal(table(), ok)).toBeNull();

    const archived = createPatternWrites(newPatternRow('acme', 'p2', normaliseNewPattern(input({ days: ['day', 'old', null, null, null, null, null] })), NOW));
    const t = table();
    expect(refusal(t, archived)).toMatchObject({ type: 'VALIDATION_ERROR', field: 'days.1', message: expect.stringContaining('old') });
    // Nothing was written.
    expect(t.items.size).toBe(2);
    const missing = createPatternWrites(newPatternRow('acme', 'p3', normaliseNewPattern(input({ days: [null, null, 'gone', null, null, null, null] })), NOW));
    expect(refusal(table(), missing)).toMatchObject({ type: 'VALIDATION_ERROR', field: 'days.2' });
  });

  it('a second pattern with the same id is a CONFLICT, not an overwrite', () => {
    const t = table();
    const writes = createPatternWrites(newPatternRow('acme', 'office', normaliseNewPattern(input()), NOW));
    t.transact(writes);
    expect(refusal(t, writes)).toMatchObject({ type: 'CONFLICT' });
  });
});

describe('changing a pattern', () => {
  const current = newPatternRow('acme', 'office', normaliseNewPattern(input({ days: ['day', 'day', 'day', 'day', 'day', null, 'old'] })), NOW);

  it('given a new cycle without days, then the old days no longer cover it and it is refused', () => {
    const merged = mergePatternChanges(current, { id: 'office', expectedVersion: 1, cycleDays: 14 });
    expect(validatePattern(merged).map((p) => p.field)).toEqual(['days']);
    expect(validatePatternChanges({ id: 'office', expectedVersion: 1, days: null }).map((p) => p.field)).toEqual(['days']);
  });

  it('checks only the shift types it newly names (a pattern keeps working by an archived type it already had), at the version read', () => {
    const writes = updatePatternWrites(current, { days: ['day', 'day', 'day', 'day', 'day', 'late', 'old'] }, NOW);
    expect(writes.filter((w) => w.write.kind === 'check').map((w) => w.write.key.EntityItem)).toEqual([shiftTypeItemKey('late')]);
    expect(writes[0]!.write.conditions).toEqual([{ attribute: 'version', is: 'equal', value: 1 }]);
    expect(writes[0]!.onConditionFailed.type).toBe('CONFLICT');
  });
});

describe('which day of its cycle a date is', () => {
  const cycle = fc.integer({ min: 1, max: 84 });
  const day = fc.integer({ min: epochDay('1950-01-01'), max: epochDay('2150-12-31') });

  it('is a day from 0 to cycleDays - 1 for any date before or after the anchor, the anchor being day 0', () => {
    fc.assert(fc.property(cycle, day, day, (cycleDays, anchor, date) => {
      const pattern = { cycleDays, anchorDate: dateOfEpochDay(anchor) };
      const index = cycleIndex(pattern, dateOfEpochDay(date));
      expect(index).toBeGreaterThanOrEqual(0);
      expect(index).toBeLessThan(cycleDays);
      // Counting whole cycles back from the date lands on the anchor's day of the cycle.
      expect((((date - anchor - index) % cycleDays) + cycleDays) % cycleDays).toBe(0);
      expect(cycleIndex(pattern, pattern.anchorDate)).toBe(0);
    }), { seed: 20261207, numRuns: 2000 });
  });

  it('moves one day on per calendar day and repeats after a whole cycle, across month and year ends and 29 February', () => {
    fc.assert(fc.property(cycle, day, day, (cycleDays, anchor, date) => {
      const pattern = { cycleDays, anchorDate: dateOfEpochDay(anchor) };
      const today = dateOfEpochDay(date);
      expect(cycleIndex(pattern, addDays(today, 1))).toBe((cycleIndex(pattern, today) + 1) % cycleDays);
      expect(cycleIndex(pattern, addDays(today, cycleDays))).toBe(cycleIndex(pattern, today));
      expect(cycleIndex(pattern, addDays(today, -cycleDays))).toBe(cycleIndex(pattern, today));
    }), { seed: 20261207, numRuns: 2000 });
  });

  it('given the office week anchored on a Monday, then a Sunday before the anchor is a rest day and the Monday before a working day', () => {
    const week = { cycleDays: 7, anchorDate: '2027-01-04', days: WEEK };
    expect(patternShiftOn(week, '2027-01-03')).toBeNull();
    expect(patternShiftOn(week, '2026-12-28')).toBe('day');
    expect(patternShiftOn(week, '2027-01-08')).toBe('day');
    expect(patternShiftOn(week, '2027-01-09')).toBeNull();
  });
});
