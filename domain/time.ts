/** Instants and calendar dates in a time zone (Node side; APPSYNC_JS code uses util.time). */
import { addDays } from './model/dates.ts';

export { isWallTime, wallMinutes } from './model/wall-time.ts';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Whether `timeZone` is an IANA zone this runtime knows. */
export function isTimeZone(timeZone: unknown): timeZone is string {
  if (typeof timeZone !== 'string' || timeZone === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The calendar date (`YYYY-MM-DD`) of an instant in a time zone: 2027-03-28T00:30Z is the 28th
 * in London and still the 27th in New York.
 */
export function localDate(instant: Date, timeZone: string): string {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

const partFormatters = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock fields of an instant in a zone. */
function wallClock(instant: number, timeZone: string): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  let format = partFormatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    partFormatters.set(timeZone, format);
  }
  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(new Date(instant))) if (part.type !== 'literal' && part.type !== 'era') parts[part.type] = Number(part.value);
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute!, second: parts.second! };
}

/** The zone's offset from UTC at an instant, in minutes (Berlin in summer: 120; New York in winter: -300). */
export function offsetMinutes(instant: Date, timeZone: string): number {
  const ms = instant.getTime();
  const w = wallClock(ms, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((asUtc - (ms - (((ms % 1000) + 1000) % 1000))) / 60_000);
}

/** The wall-clock time (`HH:MM`) of an instant in a zone. */
export function localTime(instant: Date, timeZone: string): string {
  const w = wallClock(instant.getTime(), timeZone);
  return `${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}`;
}

/**
 * The instant a wall-clock time on a calendar date happens in a zone. Twice a year the wall clock
 * is not one-to-one, and this resolves it as calendars and RFC 5545 do: a time skipped by the
 * spring-forward gap (02:30 in Berlin on the last Sunday of March) is moved forward by the gap
 * (03:30 CEST); a time that happens twice in the fall-back hour is its first (summer-time) one.
 */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  const wall = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)), Number(time.slice(0, 2)), Number(time.slice(3, 5)));
  // The offsets in force a day either side cover every zone's transitions (none is closer than that).
  const before = offsetMinutes(new Date(wall - 86_400_000), timeZone);
  const after = offsetMinutes(new Date(wall + 86_400_000), timeZone);
  const candidates = [...new Set([before, after])]
    .map((offset) => wall - offset * 60_000)
    .filter((instant) => {
      const w = wallClock(instant, timeZone);
      return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute) === wall;
    })
    .sort((a, b) => a - b);
  // Fall-back: two instants show this wall time; the first one is meant.
  if (candidates.length > 0) return new Date(candidates[0]!);
  // Spring-forward gap: no instant shows it; read it with the offset before the gap, which lands after it.
  return new Date(wall - Math.min(before, after) * 60_000);
}

const zoneNameFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * What people call a zone's time at an instant: its abbreviation where one is in common use (EST
 * and EDT in New York, CET and CEST in Berlin, GMT and BST in London, UTC), else the IANA name
 * (Asia/Kolkata), never a bare offset.
 */
export function zoneLabel(instant: Date, timeZone: string): string {
  for (const locale of ['en-US', 'en-GB']) {
    const key = `${locale} ${timeZone}`;
    let format = zoneNameFormats.get(key);
    if (!format) {
      format = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' });
      zoneNameFormats.set(key, format);
    }
    const name = format.formatToParts(instant).find((part) => part.type === 'timeZoneName')?.value ?? '';
    if (/^[A-Z]{2,5}$/.test(name)) return name;
  }
  return timeZone;
}

/** Length of a calendar day in a zone, in minutes: 1440, or 1380 / 1500 on the days the clocks change. */
export function dayMinutes(date: string, timeZone: string): number {
  const start = zonedInstant(date, '00:00', timeZone).getTime();
  return (zonedInstant(addDays(date, 1), '00:00', timeZone).getTime() - start) / 60_000;
}
