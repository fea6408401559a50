/**
 * Calendar dates (`YYYY-MM-DD`, no time, no zone) and their arithmetic, without `Date`: APPSYNC_JS
 * has none, and a calendar date has no instant anyway. Contract, leave and payroll rules compare
 * and count days with these; "today" comes from the caller in the tenant's time zone.
 */

/** Earliest and latest year a date may have: AWSDate accepts expanded years (`+99999-01-01`), HR records do not. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2999;

function digits(text: string): boolean {
  return text.length > 0 && text.split('').every((c) => c >= '0' && c <= '9');
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in a month (1-12) of a year. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Whether `value` is exactly `YYYY-MM-DD`, a day that exists, in years {@link MIN_YEAR}-{@link MAX_YEAR}. */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || value.length !== 10 || value.charAt(4) !== '-' || value.charAt(7) !== '-') return false;
  const y = value.slice(0, 4);
  const m = value.slice(5, 7);
  const d = value.slice(8, 10);
  if (!digits(y) || !digits(m) || !digits(d)) return false;
  const year = Number(y);
  const month = Number(m);
  const day = Number(d);
  return year >= MIN_YEAR && year <= MAX_YEAR && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * The calendar date of an AWSDate input (`2024-01-31`, or with a zone offset `2024-01-31Z`,
 * `2024-01-31+02:00`), or null when it is not one we accept (bad day, expanded year, junk after it).
 */
export function calendarDateOf(value: string | null | undefined): string | null {
  if (typeof value !== 'string') return null;
  const date = value.slice(0, 10);
  if (!isCalendarDate(date)) return null;
  const zone = value.slice(10);
  if (zone === '' || zone === 'Z') return date;
  const sign = zone.charAt(0);
  const ok = (sign === '+' || sign === '-') && zone.length === 6 && zone.charAt(3) === ':' && digits(zone.slice(1, 3)) && digits(zone.slice(4, 6));
  return ok ? date : null;
}

/** Days since 1970-01-01 of a valid calendar date (Hinnant's days-from-civil). */
export function epochDay(date: string): number {
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  const year = Number(date.slice(0, 4)) - (month <= 2 ? 1 : 0);
  const era = Math.floor(year / 400);
  const yearOfEra = year - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

function pad(value: number, width: number): string {
  const text = `${value}`;
  return text.length >= width ? text : `${'0000'.slice(0, width - text.length)}${text}`;
}

/** The calendar date `days` days after 1970-01-01 (Hinnant's civil-from-days). */
export function dateOfEpochDay(days: number): string {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** `addDays('2024-02-28', 1)` → `2024-02-29`. */
export function addDays(date: string, days: number): string {
  return dateOfEpochDay(epochDay(date) + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return epochDay(to) - epochDay(from);
}

/** ISO weekday: 1 = Monday ... 7 = Sunday. */
export function isoWeekday(date: string): number {
  // 1970-01-01 was a Thursday (4).
  return ((((epochDay(date) + 3) % 7) + 7) % 7) + 1;
}

/** The later of two dates (`YYYY-MM-DD` compares as text). */
export function laterDate(a: string, b: string): string {
  return a > b ? a : b;
}
