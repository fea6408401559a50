/**
 * Public holidays from date-holidays (its data is CC-BY-3.0: the README credits it), with the
 * tenant's own changes on top. The library's instances are never customised: a tenant's company
 * days, renames and removals are applied here, so one cached instance per calendar serves every
 * tenant (libraries.md: custom rules change the instance).
 */
import Holidays from 'date-holidays';
import type { FieldProblem } from '../model/errors.ts';
import type { CalendarRef } from './model/calendars.ts';
import { calendarHolidayScope, locationHolidayScope } from './model/keys.ts';
import type { HolidayEditAction, HolidayEditRow } from './model/rows.ts';

export type { CalendarRef } from './model/calendars.ts';

/** A day off (full or half) on a calendar. */
export interface HolidayDay {
  date: string;
  name: string;
  /** A half day: time off from `fromTime` (local `HH:MM`) on. */
  halfDay: boolean;
  fromTime: string | null;
  /** PUBLIC: from the public calendar (possibly renamed by the tenant); COMPANY: added by the tenant. */
  source: 'PUBLIC' | 'COMPANY';
}

const lister = new Holidays();
const calendars = new Map<string, Holidays>();
const years = new Map<string, Map<string, HolidayDay>>();

function refKey(ref: CalendarRef): string {
  return calendarHolidayScope(ref.country, ref.state, ref.region);
}

/**
 * Problems of a calendar reference: a country, state or region the holiday data does not know.
 * The library itself silently answers an unknown country with no days and an unknown state with
 * the country's days, so this check is what stands between a typo and a year without holidays.
 */
export function calendarProblems(ref: CalendarRef, prefix = ''): FieldProblem[] {
  const countries = lister.getCountries() ?? {};
  if (!Object.hasOwn(countries, ref.country)) return [{ field: `${prefix}country`, message: `"${ref.country}" has no public-holiday calendar (an ISO 3166-1 alpha-2 code such as "DE")` }];
  if (ref.state === null) return ref.region === null ? [] : [{ field: `${prefix}region`, message: 'needs a state' }];
  const states = lister.getStates(ref.country) ?? {};
  if (!Object.hasOwn(states, ref.state)) {
    const known = Object.keys(states);
    return [{ field: `${prefix}state`, message: known.length > 0 ? `"${ref.state}" is not a state of ${ref.country} (${known.join(', ')})` : `${ref.country} has no state calendars` }];
  }
  if (ref.region === null) return [];
  const regions = lister.getRegions(ref.country, ref.state) ?? {};
  if (!Object.hasOwn(regions, ref.region)) {
    const known = Object.keys(regions);
    return [{ field: `${prefix}region`, message: known.length > 0 ? `"${ref.region}" is not a region of ${ref.country}-${ref.state} (${known.join(', ')})` : `${ref.country}-${ref.state} has no region calendars` }];
  }
  return [];
}

/**
 * The calendar's public days off of a year, by date: `public` days in full, `bank` days that start
 * in the day (24 and 31 December from 14:00 in Germany) as half days; observances, school days and
 * optional days are not days off. A substitute (observed) day is a day off of its own; both it and
 * the actual day are listed, as the law observes both.
 */
export function publicHolidays(ref: CalendarRef, year: number): Map<string, HolidayDay> {
  const key = `${refKey(ref)}@${year}`;
  const cached = years.get(key);
  if (cached) return cached;
  let calendar = calendars.get(refKey(ref));
  if (!calendar) {
    calendar = ref.region !== null && ref.state !== null ? new Holidays(ref.country, ref.state, ref.region) : ref.state !== null ? new Holidays(ref.country, ref.state) : new Holidays(ref.country);
    calendars.set(refKey(ref), calendar);
  }
  const days = new Map<string, HolidayDay>();
  for (const holiday of calendar.getHolidays(year)) {
    const date = holiday.date.slice(0, 10);
    const time = holiday.date.slice(11, 16);
    if (holiday.type === 'public') {
      // A full day wins over a half day on the same date; the first public name is kept.
      const known = days.get(date);
      if (!known || known.halfDay) days.set(date, { date, name: holiday.name, halfDay: false, fromTime: null, source: 'PUBLIC' });
    } else if (holiday.type === 'bank' && time !== '00:00' && !days.has(date)) {
      days.set(date, { date, name: holiday.name, halfDay: true, fromTime: time, source: 'PUBLIC' });
    }
  }
  years.set(key, days);
  return days;
}

/** Scopes of a location's calendar, broadest first: its country, its state, its region, the location itself. */
export function calendarScopes(ref: CalendarRef, locationId: string | null): string[] {
  const scopes = [ref.country];
  if (ref.state !== null) scopes.push(calendarHolidayScope(ref.country, ref.state, null));
  if (ref.state !== null && ref.region !== null) scopes.push(calendarHolidayScope(ref.country, ref.state, ref.region));
  if (locationId !== null) scopes.push(locationHolidayScope(locationId));
  return scopes;
}

/** The fixed afternoon a half company day starts, when the tenant adds one. */
export const COMPANY_HALF_DAY_FROM = '12:00';

/**
 * A location's days off on `date`: the public calendar's, then the tenant's changes from the
 * broadest scope to the narrowest (a location's own change wins). Null when it is a normal day.
 */
export function holidayOn(ref: CalendarRef, locationId: string | null, date: string, edits: readonly HolidayEditRow[]): HolidayDay | null {
  let day: HolidayDay | null = publicHolidays(ref, Number(date.slice(0, 4))).get(date) ?? null;
  for (const scope of calendarScopes(ref, locationId)) {
    const edit = edits.find((e) => e.scope === scope && e.date === date);
    if (!edit) continue;
    if (edit.action === 'REMOVE') day = null;
    else if (edit.action === 'RENAME') day = day ? { ...day, name: edit.name ?? day.name } : null;
    else day = { date, name: edit.name ?? 'Company day', halfDay: edit.halfDay, fromTime: edit.halfDay ? COMPANY_HALF_DAY_FROM : null, source: 'COMPANY' };
  }
  return day;
}

/** Every day off of a location in a year, by date, the tenant's changes applied. */
export function holidaysOf(ref: CalendarRef, locationId: string | null, year: number, edits: readonly HolidayEditRow[]): HolidayDay[] {
  const dates = new Set(publicHolidays(ref, year).keys());
  for (const edit of edits) if (edit.date.startsWith(`${year}-`) && calendarScopes(ref, locationId).includes(edit.scope)) dates.add(edit.date);
  return [...dates].sort().flatMap((date) => {
    const day = holidayOn(ref, locationId, date, edits);
    return day ? [day] : [];
  });
}

/**
 * Why a change of `scope` on `date` cannot apply to the calendar it changes (`ref`, and for a
 * location's own change its id), given the tenant's other changes; null when it can. Only a day
 * off may be renamed or removed, and only a day that is not off may be added: what counts is the
 * calendar with the broader scopes' changes applied (the change being replaced left out).
 */
export function holidayEditProblem(ref: CalendarRef, locationId: string | null, scope: string, date: string, action: HolidayEditAction, edits: readonly HolidayEditRow[]): FieldProblem | null {
  const day = holidayOn(ref, locationId, date, edits.filter((e) => !(e.scope === scope && e.date === date)));
  if (action === 'ADD' && day) return { field: 'date', message: `${date} is already a day off on ${scope}'s calendar (${day.name}): rename it instead` };
  if (action !== 'ADD' && !day) return { field: 'date', message: `${date} is not a day off on ${scope}'s calendar: only days off can be renamed or removed` };
  return null;
}
