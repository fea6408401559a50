/** The range a roster may cover. */
import { describe, expect, it } from 'vitest';
import { MAX_ROSTER_DAYS, rosterRangeProblems } from '../../../domain/schedules/model/roster.ts';

describe('a roster\'s range', () => {
  it('given real dates in order covering at most 62 days, then it is fine; a day more, or the dates reversed, is refused on to', () => {
    expect(MAX_ROSTER_DAYS).toBe(62);
    expect(rosterRangeProblems('2027-03-01', '2027-03-01')).toEqual([]);
    expect(rosterRangeProblems('2027-01-01', '2027-03-03')).toEqual([]);
    expect(rosterRangeProblems('2027-01-01', '2027-03-04').map((p) => p.field)).toEqual(['to']);
    expect(rosterRangeProblems('2027-03-02', '2027-03-01').map((p) => p.field)).toEqual(['to']);
    expect(rosterRangeProblems('2027-02-29', 'soon').map((p) => p.field)).toEqual(['from', 'to']);
  });
});
