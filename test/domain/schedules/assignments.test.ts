/** The rules of assignments (dates, no overlap, naming the clash) and one-off changes of a day. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, dateOfEpochDay, epochDay } from '../../../domain/model/dates.ts';
import { assignmentInput, newAssignmentRow, newOverrideRow, overlapProblems, overrideInput, setOverrideWrites } from '../../../domain/schedules/model/assignments.ts';
import { overrideItemKey, shiftTypeItemKey } from '../../../domain/schedules/model/keys.ts';
import { assignmentCovers, assignmentsOverlap, type AssignmentRow } from '../../../domain/schedules/model/rows.ts';
import { MemoryTable } from '../organisation/memory-table.ts';
import { refusal } from './refusal.ts';

const NOW = '2027-01-01T00:00:00.000Z';
const assigned = (patternId: string, from: string, to: string | null): AssignmentRow => newAssignmentRow('acme', 'ada', patternId, { from, to, note: null }, NOW);

describe('an assignment\'s dates', () => {
  it('given real dates in order, then they are kept and a blank note is none', () => {
    expect(assignmentInput({ from: '2027-01-04', to: '2027-01-31', note: '  ' })).toEqual({ from: '2027-01-04', to: '2027-01-31', note: null, problems: [] });
    expect(assignmentInput({ from: '2027-01-04' })).toMatchObject({ to: null, problems: [] });
  });

  it('given dates the wrong way round, unreal dates or a note too long, then each is refused by name', () => {
    expect(assignmentInput({ from: '2027-02-01', to: '2027-01-31' }).problems).toEqual([{ field: 'to', message: 'must be on or after from (2027-02-01)' }]);
    expect(assignmentInput({ from: '2027-02-29', to: '2027-13-01' }).problems.map((p) => p.field)).toEqual(['from', 'to']);
    expect(assignmentInput({ from: '2027-01-04', note: 'x'.repeat(501) }).problems.map((p) => p.field)).toEqual(['note']);
  });
});

describe('the overlap rule', () => {
  const others = [assigned('office', '2027-01-01', '2027-03-31'), assigned('nights', '2027-06-01', null)];

  it('given a new assignment sharing a day with another, then it is refused naming the pattern and the period it clashes with', () => {
    expect(overlapProblems({ from: '2027-03-31', to: '2027-04-30' }, others, 'from')).toEqual([
      { field: 'from', message: 'overlaps the employee\'s assignment to pattern office from 2027-01-01 to 2027-03-31: end that one first, or choose dates outside it' },
    ]);
    expect(overlapProblems({ from: '2027-05-01', to: null }, others, 'from')[0]!.message).toContain('pattern nights from 2027-06-01, open-ended');
  });

  it('given dates between the others, then there is no problem; ending an assignment is checked against the others only', () => {
    expect(overlapProblems({ from: '2027-04-01', to: '2027-05-31' }, others, 'from')).toEqual([]);
    // Extending the office assignment to May is fine, to June runs into the nights.
    expect(overlapProblems({ from: '2027-01-01', to: '2027-05-31' }, others, 'to', '2027-01-01')).toEqual([]);
    expect(overlapProblems({ from: '2027-01-01', to: '2027-06-01' }, others, 'to', '2027-01-01')).toMatchObject([{ field: 'to', message: expect.stringContaining('nights') }]);
  });

  const day = fc.integer({ min: epochDay('2020-01-01'), max: epochDay('2030-12-31') });
  const period = fc.tuple(day, fc.option(fc.integer({ min: 0, max: 400 }), { nil: null })).map(([from, length]) => ({
    from: dateOfEpochDay(from),
    to: length === null ? null : dateOfEpochDay(from + length),
  }));

  it('is symmetric, and two assignments overlap exactly when some day is covered by both', () => {
    fc.assert(fc.property(period, period, (a, b) => {
      expect(assignmentsOverlap(a, b)).toBe(assignmentsOverlap(b, a));
      // The later start is the first day both could cover.
      const first = a.from > b.from ? a.from : b.from;
      expect(assignmentsOverlap(a, b)).toBe(assignmentCovers(a, first) && assignmentCovers(b, first));
      expect(assignmentsOverlap(a, a)).toBe(true);
    }), { seed: 20261207, numRuns: 2000 });
  });

  it('an assignment ending the day before another starts never overlaps it', () => {
    fc.assert(fc.property(period, fc.integer({ min: 1, max: 400 }), (b, gap) => {
      const a = { from: addDays(b.from, -gap), to: addDays(b.from, -1) };
      expect(assignmentsOverlap(a, b)).toBe(false);
      expect(overlapProblems(a, [assigned('p', b.from, b.to)], 'from')).toEqual([]);
    }), { seed: 20261207, numRuns: 1000 });
  });
});

describe('a one-off change of a day', () => {
  it('given no shift type, then the day becomes a rest day; a shift type is trimmed; an unreal date is refused', () => {
    expect(overrideInput({ date: '2027-05-03' })).toEqual({ date: '2027-05-03', shiftTypeId: null, note: null, problems: [] });
    expect(overrideInput({ date: '2027-05-03', shiftTypeId: ' late ', note: 'swap' })).toMatchObject({ shiftTypeId: 'late', note: 'swap', problems: [] });
    expect(overrideInput({ date: '2027-05-32' }).problems.map((p) => p.field)).toEqual(['date']);
  });

  it('replacing the change of the same day keeps its creation and counts its version on', () => {
    const first = newOverrideRow('acme', 'ada', { date: '2027-05-03', shiftTypeId: null, note: null }, NOW, null);
    const second = newOverrideRow('acme', 'ada', { date: '2027-05-03', shiftTypeId: 'late', note: null }, '2027-02-01T00:00:00.000Z', first);
    expect(second).toMatchObject({ EntityItem: overrideItemKey('2027-05-03', 'ada'), version: 2, createdAt: NOW, updatedAt: '2027-02-01T00:00:00.000Z' });
  });

  it('naming a shift type the tenant lacks or archived, then the transaction refuses it on shiftTypeId and writes nothing', () => {
    const table = new MemoryTable();
    table.items.set(`TENANT#acme|${shiftTypeItemKey('old')}`, { TenantId: 'TENANT#acme', EntityItem: shiftTypeItemKey('old'), archived: true });
    for (const shiftTypeId of ['old', 'gone']) {
      const writes = setOverrideWrites(newOverrideRow('acme', 'ada', { date: '2027-05-03', shiftTypeId, note: null }, NOW, null));
      expect(refusal(table, writes)).toMatchObject({ type: 'VALIDATION_ERROR', field: 'shiftTypeId' });
    }
    expect(table.items.size).toBe(1);
    // A rest day needs no shift type.
    expect(refusal(table, setOverrideWrites(newOverrideRow('acme', 'ada', { date: '2027-05-03', shiftTypeId: null, note: null }, NOW, null)))).toBeNull();
    expect(table.items.size).toBe(2);
  });
});
