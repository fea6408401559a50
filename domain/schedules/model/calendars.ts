/**
 * Holiday calendars as the tenant configures them: which calendar a location follows, the scopes
 * a tenant's holiday changes apply to (a country, a state, a region, one location), and the views
 * of both. Which countries, states and regions exist is the holiday data's to say (Node side,
 * domain/schedules/holidays.ts); the shapes are checked here. APPSYNC_JS-safe.
 */
import type { EditHolidayInput, HolidayEdit, HolidayScopeInput, LocationCalendar } from '../../generated/graphql.ts';
import { calendarDateOf } from '../../model/dates.ts';
import type { FieldProblem } from '../../model/errors.ts';
import { isValidEntityId } from '../../model/keys.ts';
import { trimmed } from '../../organisation/model/fields.ts';
import { calendarHolidayScope, locationHolidayScope } from './keys.ts';
import type { HolidayEditRow, LocationCalendarRow } from './rows.ts';

/** A calendar: a country, optionally a state within it and a region within that. */
export interface CalendarRef {
  country: string;
  state: string | null;
  region: string | null;
}

/** Where a holiday change applies: one location, or a calendar (every location following it). */
export type HolidayScope = { locationId: string } | CalendarRef;

const LOCATION_SCOPE = locationHolidayScope('');

/** Whether a scope is one location's. */
export function isLocationScope(scope: HolidayScope): scope is { locationId: string } {
  return Object.hasOwn(scope, 'locationId');
}

function isCodeCharacter(c: string): boolean {
  return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/** A calendar's parts, upper-cased and trimmed (`de`, ` be ` → `DE`, `BE`). */
export function normaliseCalendar(input: { country: string; state?: string | null; region?: string | null }): CalendarRef {
  const upper = (value: string | null | undefined) => {
    const t = trimmed(value);
    return t === null ? null : t.toUpperCase();
  };
  return { country: upper(input.country) ?? '', state: upper(input.state), region: upper(input.region) };
}

/** The shape of a calendar: two-letter country; state and region 1-10 letters or digits; a region needs a state. */
export function calendarShapeProblems(ref: CalendarRef, prefix = ''): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (ref.country.length !== 2 || !ref.country.split('').every((c) => c >= 'A' && c <= 'Z')) {
    problems.push({ field: `${prefix}country`, message: 'must be an ISO 3166-1 alpha-2 country code such as "DE"' });
  }
  for (const part of ['state', 'region'] as const) {
    const value = ref[part];
    if (value !== null && (value.length > 10 || !value.split('').every(isCodeCharacter))) {
      problems.push({ field: `${prefix}${part}`, message: 'must be 1-10 letters or digits, as the holiday data names it (e.g. "BE", "NY")' });
    }
  }
  if (ref.region !== null && ref.state === null) problems.push({ field: `${prefix}region`, message: 'needs a state' });
  return problems;
}

/** The scope an edit input names, normalised: exactly one of a location and a calendar. */
export function holidayScopeOf(input: HolidayScopeInput): { scope: HolidayScope | null; problems: FieldProblem[] } {
  const locationId = trimmed(input.locationId);
  const country = trimmed(input.country);
  if ((locationId === null) === (country === null) || (locationId !== null && (trimmed(input.state) !== null || trimmed(input.region) !== null))) {
    return { scope: null, problems: [{ field: 'scope', message: 'must name either a location (locationId) or a calendar (country, optionally state and region), not both' }] };
  }
  if (locationId !== null) {
    return isValidEntityId(locationId)
      ? { scope: { locationId }, problems: [] }
      : { scope: null, problems: [{ field: 'scope.locationId', message: 'must be an id of 1-64 letters, digits, "-" or "_"' }] };
  }
  const ref = normaliseCalendar({ country: country as string, state: input.state, region: input.region });
  const problems = calendarShapeProblems(ref, 'scope.');
  return { scope: problems.length > 0 ? null : ref, problems };
}

/** The stored form of a scope: `DE`, `DE-BE`, `DE-BY-A`, `LOC:<location>`. */
export function scopeKey(scope: HolidayScope): string {
  return isLocationScope(scope) ? locationHolidayScope(scope.locationId) : calendarHolidayScope(scope.country, scope.state, scope.region);
}

/** A stored scope read back; null when `text` is no scope. */
export function parseScope(text: string): HolidayScope | null {
  if (text.startsWith(LOCATION_SCOPE)) {
    const locationId = text.slice(LOCATION_SCOPE.length);
    return isValidEntityId(locationId) ? { locationId } : null;
  }
  const [country, state, region, ...rest] = text.split('-');
  if (rest.length > 0 || country === undefined) return null;
  const ref: CalendarRef = { country, state: state ?? null, region: region ?? null };
  if (ref.state === '' || ref.region === '') return null;
  return calendarShapeProblems(ref).length === 0 ? ref : null;
}

export const MAX_HOLIDAY_NAME_LENGTH = 80;

/** An edit's date, name and half-day flag, normalised, with their problems. */
export function holidayEditInput(input: Pick<EditHolidayInput, 'date' | 'action' | 'name' | 'halfDay'>): {
  date: string;
  name: string | null;
  halfDay: boolean;
  problems: FieldProblem[];
} {
  const problems: FieldProblem[] = [];
  const date = calendarDateOf(input.date);
  if (!date) problems.push({ field: 'date', message: 'must be a real date from 1900 to 2999 (YYYY-MM-DD)' });
  const name = trimmed(input.name);
  if (input.action === 'REMOVE') {
    if (name !== null) problems.push({ field: 'name', message: 'must be left out: a removed day has no name' });
  } else if (name === null || name.length > MAX_HOLIDAY_NAME_LENGTH) {
    problems.push({ field: 'name', message: `is required for ${input.action}: 1 to ${MAX_HOLIDAY_NAME_LENGTH} characters` });
  }
  if (input.halfDay === true && input.action !== 'ADD') problems.push({ field: 'halfDay', message: 'applies to ADD only' });
  return { date: date ?? input.date, name, halfDay: input.halfDay === true, problems };
}

export function holidayEditView(row: HolidayEditRow): Omit<HolidayEdit, '__typename'> {
  const scope = parseScope(row.scope);
  let place = { locationId: null as string | null, country: null as string | null, state: null as string | null, region: null as string | null };
  if (scope && isLocationScope(scope)) place = { ...place, locationId: scope.locationId };
  else if (scope) place = { ...place, country: scope.country, state: scope.state, region: scope.region };
  return { scope: row.scope, ...place, date: row.date, action: row.action, name: row.name, halfDay: row.halfDay, version: row.version, createdAt: row.createdAt, updatedAt: row.updatedAt };
}

/** The calendar a location follows: the tenant's choice, else its address's country. */
export function locationCalendarView(locationId: string, chosen: LocationCalendarRow | null, addressCountry: string): Omit<LocationCalendar, '__typename'> {
  if (chosen) return { locationId, country: chosen.country, state: chosen.state, region: chosen.region, isDefault: false, version: chosen.version, updatedAt: chosen.updatedAt };
  return { locationId, country: addressCountry, state: null, region: null, isDefault: true, version: 0, updatedAt: null };
}
