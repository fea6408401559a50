/**
 * What the schedules module tells attendance, payroll and reminders: an employee's plan for one
 * calendar date, with every time already resolved to an instant in the zone of the employee's
 * location (the tenant's zone when they have none), so consumers never do wall-clock arithmetic.
 *
 * A plan is a value: the same schedules, assignments, holidays and date give the same plan, which
 * is what makes attendance generation deterministic.
 */

/** An overtime rule: minutes beyond the plan count from `minimumMinutes` on, priced at `multiplier` (a decimal string, "1.5"). */
export interface OvertimeRule {
  multiplier: string;
  minimumMinutes: number;
}

/** Overtime rules of a shift type; an absent rule means that kind of extra time is not overtime. */
export interface OvertimeRules {
  /** Worked before the shift's start (arriving early, when that is asked for). */
  beforeShift?: OvertimeRule;
  /** Worked after the shift's end. */
  afterShift?: OvertimeRule;
  /** Every minute worked on a rest day. */
  restDay?: OvertimeRule;
  /** Every minute worked on a public or company holiday. */
  holiday?: OvertimeRule;
}

/** A shift on a date, resolved to instants (ISO strings, `toISOString()` form). */
export interface PlannedShift {
  shiftTypeId: string;
  name: string;
  /** Start and end instants; a night shift ends on the next calendar date, and across a DST change it is an hour shorter or longer. */
  startAt: string;
  endAt: string;
  /** Unpaid break, deducted from the time worked once the time worked exceeds it. */
  breakMinutes: number;
  /** Arriving up to this many minutes after the start is not late; beyond it, lateness counts from the start. */
  graceLateMinutes: number;
  /** Leaving up to this many minutes before the end is not an early exit; beyond it, it counts from the end. */
  graceEarlyMinutes: number;
  /** Punches between these instants belong to this shift; once `windowClosesAt` has passed the day can be judged. */
  windowOpensAt: string;
  windowClosesAt: string;
  /** Time worked (after the break) for a half day and for a full day. */
  halfDayMinutes: number;
  fullDayMinutes: number;
}

/** A public or company holiday on the date. */
export interface PlannedHoliday {
  name: string;
  /** A half day off (e.g. 24 December from 14:00 in Berlin): the shift still happens, shortened by the calendar's rule. */
  halfDay: boolean;
}

export type PlannedDayKind = 'SHIFT' | 'REST_DAY' | 'HOLIDAY';

/** One employee's plan for one calendar date. */
export interface PlannedDay {
  employeeId: string;
  /** The calendar date (`YYYY-MM-DD`) in `timeZone`; a night shift belongs to the date it starts on. */
  date: string;
  /** IANA zone the plan is in: the employee's location's, else the tenant's. */
  timeZone: string;
  locationId: string | null;
  departmentId: string | null;
  /**
   * SHIFT: a shift is planned (`shift` set; a half holiday sets `holiday` too). HOLIDAY: a full
   * holiday on what would be a working day (`shift` is the shift it replaces, so punches that day
   * are matched to it and priced as holiday work). REST_DAY: no shift (`holiday` set when a holiday
   * falls on it).
   */
  kind: PlannedDayKind;
  shift: PlannedShift | null;
  holiday: PlannedHoliday | null;
  /**
   * The overtime rules of the day: the shift's, or on a rest day those of the shift type the
   * employee's pattern works first in its cycle.
   */
  overtime: OvertimeRules;
  /** Where the plan came from, for people reading it: an explicit assignment, the contract's working schedule, or a one-off change. */
  source: 'ASSIGNMENT' | 'CONTRACT' | 'OVERRIDE';
  /** The pattern in force (null for a one-off change without one). */
  patternId: string | null;
}

/** Plans for many employees and dates, from schedules, assignments, one-off changes and holiday calendars. */
export interface PlanSource {
  /**
   * Plans of `employeeIds` for every date from `from` to `to` (inclusive, calendar dates), one per
   * employee and date on which the employee has a schedule in force; employees or dates without
   * one are left out. Every read is within `tenantId`'s partition.
   */
  plannedDays(tenantId: string, employeeIds: readonly string[], from: string, to: string): Promise<PlannedDay[]>;
}
