/** The rules of holiday calendars and the tenant's changes to them: which calendars exist, scopes, and which days may be added, renamed or removed. */
import { describe, expect, it } from 'vitest';
import { calendarProblems, holidayEditProblem } from '../../../domain/schedules/holidays.ts';
import { calendarShapeProblems, holidayEditInput, holidayScopeOf, locationCalendarView, normaliseCalendar, parseScope, scopeKey } from '../../../domain/schedules/model/calendars.ts';
import type { HolidayEditRow } from '../../../domain/schedules/model/rows.ts';

const BERLIN = { country: 'DE', state: 'BE', region: null };
const stored = { TenantId: 'TENANT#acme', EntityItem: 'x', version: 1, createdAt: '2027-01-01T00:00:00.000Z', updatedAt: '2027-01-01T00:00:00.000Z' };
const edit = (scope: string, date: string, action: HolidayEditRow['action'], name: string | null = null): HolidayEditRow => ({ ...stored, scope, date, action, name, halfDay: false });

describe('a calendar', () => {
  it('given lower-case or padded codes, then they are normalised; a country must be two letters and a region needs a state', () => {
    expect(normaliseCalendar({ country: ' de ', state: 'by', region: 'a' })).toEqual({ country: 'DE', state: 'BY', region: 'A' });
    expect(normaliseCalendar({ country: 'US', state: '  ' })).toEqual({ country: 'US', state: null, region: null });
    expect(calendarShapeProblems({ country: 'DEU', state: null, region: null }).map((p) => p.field)).toEqual(['country']);
    expect(calendarShapeProblems({ country: 'DE', state: 'B-E', region: null }).map((p) => p.field)).toEqual(['state']);
    expect(calendarShapeProblems({ country: 'DE', state: null, region: 'A' }).map((p) => p.field)).toEqual(['region']);
  });

  it('given a country, state or region the holiday data does not know, then it is refused by name, listing the known states', () => {
    expect(calendarProblems({ country: 'US', state: 'NY', region: null })).toEqual([]);
    expect(calendarProblems({ country: 'XX', state: null, region: null }, 'scope.')).toEqual([{ field: 'scope.country', message: expect.stringContaining('"XX" has no public-holiday calendar') }]);
    expect(calendarProblems({ country: 'US', state: 'ZZ', region: null })[0]).toMatchObject({ field: 'state', message: expect.stringContaining('NY') });
    expect(calendarProblems({ country: 'DE', state: 'BY', region: 'ZZ' })[0]).toMatchObject({ field: 'region', message: expect.stringContaining('not a region of DE-BY') });
  });

  it('a location without a chosen calendar follows its address\'s country', () => {
    expect(locationCalendarView('nyc', null, 'US')).toEqual({ locationId: 'nyc', country: 'US', state: null, region: null, isDefault: true, version: 0, updatedAt: null });
  });
});

describe('the scope of a change', () => {
  it('names either one location or a calendar, never both nor neither', () => {
    expect(holidayScopeOf({ locationId: 'berlin' })).toEqual({ scope: { locationId: 'berlin' }, problems: [] });
    expect(holidayScopeOf({ country: 'de', state: 'be' })).toEqual({ scope: BERLIN, problems: [] });
    expect(holidayScopeOf({ locationId: 'berlin', country: 'DE' }).problems.map((p) => p.field)).toEqual(['scope']);
    expect(holidayScopeOf({ locationId: 'berlin', state: 'BE' }).problems.map((p) => p.field)).toEqual(['scope']);
    expect(holidayScopeOf({}).problems.map((p) => p.field)).toEqual(['scope']);
    expect(holidayScopeOf({ country: 'D' }).problems.map((p) => p.field)).toEqual(['scope.country']);
  });

  it('is stored as DE, DE-BE, DE-BY-A or LOC:<id> and read back the same; anything else is no scope', () => {
    for (const scope of [{ country: 'DE', state: null, region: null }, BERLIN, { country: 'DE', state: 'BY', region: 'A' }, { locationId: 'berlin' }]) {
      expect(parseScope(scopeKey(scope))).toEqual(scope);
    }
    expect(scopeKey(BERLIN)).toBe('DE-BE');
    expect(scopeKey({ locationId: 'berlin' })).toBe('LOC:berlin');
    for (const text of ['', 'not a scope', 'DE--A', 'DE-BE-A-X', 'LOC:', 'de']) expect(parseScope(text), text).toBeNull();
  });
});

describe('a change\'s own fields', () => {
  it('ADD and RENAME need a name; REMOVE takes none; only an ADD may be a half day', () => {
    expect(holidayEditInput({ date: '2027-06-25', action: 'ADD', name: ' Summer party ', halfDay: true })).toEqual({ date: '2027-06-25', name: 'Summer party', halfDay: true, problems: [] });
    expect(holidayEditInput({ date: '2027-06-25', action: 'RENAME', name: null }).problems.map((p) => p.field)).toEqual(['name']);
    expect(holidayEditInput({ date: '2027-06-25', action: 'ADD', name: 'x'.repeat(81) }).problems.map((p) => p.field)).toEqual(['name']);
    expect(holidayEditInput({ date: '2027-06-25', action: 'REMOVE', name: 'Why' }).problems.map((p) => p.field)).toEqual(['name']);
    expect(holidayEditInput({ date: '2027-12-24', action: 'RENAME', name: 'Eve', halfDay: true }).problems.map((p) => p.field)).toEqual(['halfDay']);
    expect(holidayEditInput({ date: '2027-02-29', action: 'REMOVE' }).problems.map((p) => p.field)).toEqual(['date']);
  });
});

describe('which days a change may touch', () => {
  it('given a day that is not off on that calendar that year, then RENAME and REMOVE are refused on the date', () => {
    // 2027-03-09 is an ordinary Tuesday in Berlin; 2027-03-08 (Women's Day) is off in Berlin but not in Germany as a whole.
    for (const action of ['RENAME', 'REMOVE'] as const) {
      expect(holidayEditProblem(BERLIN, null, 'DE-BE', '2027-03-09', action, [])).toEqual({ field: 'date', message: expect.stringContaining('2027-03-09 is not a day off') });
      expect(holidayEditProblem({ country: 'DE', state: null, region: null }, null, 'DE', '2027-03-08', action, [])).toMatchObject({ field: 'date' });
      expect(holidayEditProblem(BERLIN, null, 'DE-BE', '2027-03-08', action, [])).toBeNull();
    }
  });

  it('given a day already off, then ADD is refused (rename it instead); an ordinary day may be added', () => {
    expect(holidayEditProblem(BERLIN, null, 'DE-BE', '2027-12-25', 'ADD', [])).toEqual({ field: 'date', message: expect.stringContaining('already a day off') });
    // A half day is a day off too.
    expect(holidayEditProblem(BERLIN, null, 'DE-BE', '2027-12-24', 'ADD', [])).toMatchObject({ field: 'date' });
    expect(holidayEditProblem(BERLIN, null, 'DE-BE', '2027-06-25', 'ADD', [])).toBeNull();
  });

  it('counts the broader scopes\' changes: a day the country removed cannot be renamed for Berlin but can be added back for one location', () => {
    const edits = [edit('DE', '2027-10-04', 'ADD', 'Bridge day'), edit('DE', '2027-10-03', 'REMOVE')];
    expect(holidayEditProblem(BERLIN, null, 'DE-BE', '2027-10-03', 'RENAME', edits)).toMatchObject({ field: 'date' });
    expect(holidayEditProblem(BERLIN, 'berlin', 'LOC:berlin', '2027-10-03', 'ADD', edits)).toBeNull();
    // The country's company day is a day off for Berlin: renamable, not addable.
    expect(holidayEditProblem(BERLIN, null, 'DE-BE', '2027-10-04', 'RENAME', edits)).toBeNull();
    expect(holidayEditProblem(BERLIN, null, 'DE-BE', '2027-10-04', 'ADD', edits)).toMatchObject({ field: 'date' });
  });

  it('leaves out the change it replaces: a company day may be renamed by replacing its own ADD, and a removal replaced by a rename', () => {
    const added = [edit('DE-BE', '2027-06-25', 'ADD', 'Summer party')];
    expect(holidayEditProblem(BERLIN, null, 'DE-BE', '2027-06-25', 'ADD', added)).toBeNull();
    const removed = [edit('DE-BE', '2027-05-01', 'REMOVE')];
    expect(holidayEditProblem(BERLIN, null, 'DE-BE', '2027-05-01', 'RENAME', removed)).toBeNull();
  });
});
