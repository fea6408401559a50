/**
 * The schedules module's stored items (WorkSchedule table) and the calendar rules on them that
 * need no clock: which day of a pattern's cycle a date is, which assignment is in force.
 * APPSYNC_JS-safe.
 */
import { daysBetween } from '../../model/dates.ts';
import type { OvertimeRules } from './planned-day.ts';

interface Stored {
  TenantId: string;
  EntityItem: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** A kind of shift, in wall-clock times of wherever it is worked. */
export interface ShiftTypeRow extends Stored {
  id: string;
  name: string;
  /** `HH:MM`; an `end` at or before `start` is on the next day (a night shift). */
  start: string;
  end: string;
  breakMinutes: number;
  graceLateMinutes: number;
  graceEarlyMinutes: number;
  /** How long before the start and after the end a punch still belongs to the shift. */
  windowBeforeMinutes: number;
  windowAfterMinutes: number;
  halfDayMinutes: number;
  fullDayMinutes: number;
  overtime: OvertimeRules;
  /** Archived types stay readable for the plans that name them; new patterns cannot use them. */
  archived: boolean;
}

/**
 * A cycle of days, each a shift type or a rest day (null): a week (`cycleDays` 7), a rotation
 * ("2 weeks early, 2 weeks late": 28), or any other length (4 on, 4 off: 8). Day 1 of the cycle
 * falls on `anchorDate`, and on every `cycleDays`-th day before and after it.
 */
export interface PatternRow extends Stored {
  id: string;
  name: string;
  cycleDays: number;
  anchorDate: string;
  days: (string | null)[];
  archived: boolean;
}

/** An employee follows a pattern from a date, until a date (inclusive) or open-ended; an employee's assignments never overlap. */
export interface AssignmentRow extends Stored {
  employeeId: string;
  patternId: string;
  from: string;
  to: string | null;
  note: string | null;
}

/** A one-off change of one employee's day: another shift type, or a rest day (null). */
export interface OverrideRow extends Stored {
  employeeId: string;
  date: string;
  shiftTypeId: string | null;
  note: string | null;
}

/**
 * The public-holiday calendar a location follows: a country, optionally a state or province and a
 * region within it (`DE`, `BE`; `DE`, `BY`, `A` for Augsburg). Without one, a location follows its
 * address's country.
 */
export interface LocationCalendarRow extends Stored {
  locationId: string;
  country: string;
  state: string | null;
  region: string | null;
}

export type HolidayEditAction = 'ADD' | 'RENAME' | 'REMOVE';

/**
 * A tenant's change to a calendar on one date: a company day added, a public day renamed, or one
 * removed (worked as normal). Scopes: a country (`DE`), a subdivision (`DE-BE`), or one location
 * (`LOC:<id>`); a narrower scope's change wins on the same date.
 */
export interface HolidayEditRow extends Stored {
  scope: string;
  date: string;
  action: HolidayEditAction;
  /** The day's name (ADD, RENAME); null for REMOVE. */
  name: string | null;
  /** ADD only: a half day off rather than a full one. */
  halfDay: boolean;
}

/** Which day of a pattern's cycle `date` is (0-based); dates before the anchor count backwards through the cycle. */
export function cycleIndex(pattern: Pick<PatternRow, 'cycleDays' | 'anchorDate'>, date: string): number {
  // Added back and taken again so that dates before the anchor count backwards and a whole number of cycles back is day 0, not -0.
  return ((daysBetween(pattern.anchorDate, date) % pattern.cycleDays) + pattern.cycleDays) % pattern.cycleDays;
}

/** The shift type a pattern plans on `date` (null: a rest day). */
export function patternShiftOn(pattern: Pick<PatternRow, 'cycleDays' | 'anchorDate' | 'days'>, date: string): string | null {
  return pattern.days[cycleIndex(pattern, date)] ?? null;
}

/** The first shift type a pattern works in its cycle: whose overtime rules its rest days use. */
export function primaryShiftType(pattern: Pick<PatternRow, 'days'>): string | null {
  return pattern.days.find((day) => day !== null) ?? null;
}

/** Whether an assignment is in force on `date`. */
export function assignmentCovers(assignment: Pick<AssignmentRow, 'from' | 'to'>, date: string): boolean {
  return assignment.from <= date && (assignment.to === null || date <= assignment.to);
}

/** Whether two assignments share a day. */
export function assignmentsOverlap(a: Pick<AssignmentRow, 'from' | 'to'>, b: Pick<AssignmentRow, 'from' | 'to'>): boolean {
  return (a.to === null || b.from <= a.to) && (b.to === null || a.from <= b.to);
}
