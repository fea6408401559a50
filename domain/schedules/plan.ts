/**
 * An employee's plan for a date, from what the tenant has stored: the contract in force that day
 * (no contract, no plan: before a start and after a last working day nobody is expected), where
 * they work (its zone and holiday calendar), which pattern they follow (an explicit assignment,
 * else the contract's working schedule), and any one-off change for the date. Pure: the same book
 * and date give the same plan.
 */
import { contractStatusOn, versionOn, type ContractRow } from '../employment/model/contracts.ts';
import { addDays } from '../model/dates.ts';
import { wallMinutes, zonedInstant } from '../time.ts';
import { holidayOn, type CalendarRef, type HolidayDay } from './holidays.ts';
import type { OvertimeRules, PlannedDay, PlannedShift } from './model/planned-day.ts';
import { assignmentCovers, patternShiftOn, primaryShiftType, type AssignmentRow, type HolidayEditRow, type OverrideRow, type PatternRow, type ShiftTypeRow } from './model/rows.ts';

/** Where an employee works, as plans need it. */
export interface PlanLocation {
  timeZone: string;
  /** The public-holiday calendar; null: the location follows none. */
  calendar: CalendarRef | null;
}

/** Everything plans are made from, for one tenant. */
export interface ScheduleBook {
  tenantZone: string;
  shiftTypes: ReadonlyMap<string, ShiftTypeRow>;
  patterns: ReadonlyMap<string, PatternRow>;
  /** By employee id. */
  assignments: ReadonlyMap<string, readonly AssignmentRow[]>;
  /** By `<date>#<employee id>`. */
  overrides: ReadonlyMap<string, OverrideRow>;
  /** By employee id. */
  contracts: ReadonlyMap<string, readonly ContractRow[]>;
  locations: ReadonlyMap<string, PlanLocation>;
  holidayEdits: readonly HolidayEditRow[];
}

const MINUTE = 60_000;

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** A shift type worked on `date` in `timeZone`, as instants; a half holiday from `cutFrom` ends it there. */
export function resolveShift(type: ShiftTypeRow, date: string, timeZone: string, cutFrom: number | null = null): PlannedShift {
  const start = zonedInstant(date, type.start, timeZone).getTime();
  const endDate = wallMinutes(type.end) <= wallMinutes(type.start) ? addDays(date, 1) : date;
  let end = zonedInstant(endDate, type.end, timeZone).getTime();
  let halfDayMinutes = type.halfDayMinutes;
  let fullDayMinutes = type.fullDayMinutes;
  if (cutFrom !== null && cutFrom > start && cutFrom < end) {
    end = cutFrom;
    // What a shortened day can ask for: its own length, less the break if the break still fits.
    const span = (end - start) / MINUTE;
    const net = span > type.breakMinutes ? span - type.breakMinutes : span;
    fullDayMinutes = Math.min(fullDayMinutes, net);
    halfDayMinutes = Math.min(halfDayMinutes, fullDayMinutes);
  }
  return {
    shiftTypeId: type.id,
    name: type.name,
    startAt: iso(start),
    endAt: iso(end),
    breakMinutes: type.breakMinutes,
    graceLateMinutes: type.graceLateMinutes,
    graceEarlyMinutes: type.graceEarlyMinutes,
    windowOpensAt: iso(start - type.windowBeforeMinutes * MINUTE),
    windowClosesAt: iso(end + type.windowAfterMinutes * MINUTE),
    halfDayMinutes,
    fullDayMinutes,
  };
}

function contractInForce(contracts: readonly ContractRow[] | undefined, date: string): ContractRow | null {
  return contracts?.find((contract) => contractStatusOn(contract, date) === 'ACTIVE') ?? null;
}

/** The employee's plan for `date`, or null when they have no contract in force or no schedule that day. */
export function planDay(book: ScheduleBook, employeeId: string, date: string): PlannedDay | null {
  const contract = contractInForce(book.contracts.get(employeeId), date);
  const terms = contract ? versionOn(contract, date)?.terms : undefined;
  if (!terms) return null;
  const locationId = terms.locationId ?? null;
  const location = locationId !== null ? book.locations.get(locationId) : undefined;
  const timeZone = location?.timeZone ?? book.tenantZone;

  const assignment = book.assignments.get(employeeId)?.find((a) => assignmentCovers(a, date));
  const patternId = assignment?.patternId ?? terms.workScheduleId ?? null;
  const pattern = patternId !== null ? book.patterns.get(patternId) : undefined;
  const override = book.overrides.get(`${date}#${employeeId}`);
  if (!pattern && !override) return null;

  const shiftTypeId = override ? override.shiftTypeId : patternShiftOn(pattern!, date);
  const type = shiftTypeId !== null ? book.shiftTypes.get(shiftTypeId) : undefined;
  // A stored reference to a shift type that is gone is refused at write; read as no plan rather than a guess.
  if (shiftTypeId !== null && !type) return null;

  const holiday: HolidayDay | null = location?.calendar ? holidayOn(location.calendar, locationId, date, book.holidayEdits) : null;
  const cut = holiday?.halfDay && holiday.fromTime ? zonedInstant(date, holiday.fromTime, timeZone).getTime() : null;
  let shift = type ? resolveShift(type, date, timeZone, cut) : null;
  // A half day off that begins before the shift does takes all of it.
  const wholeDayOff = holiday !== null && (!holiday.halfDay || (shift !== null && cut !== null && cut <= Date.parse(shift.startAt)));
  if (shift && wholeDayOff && cut !== null) shift = type ? resolveShift(type, date, timeZone) : null;

  const restTypeId = pattern ? primaryShiftType(pattern) : null;
  const overtime: OvertimeRules = type?.overtime ?? (restTypeId !== null ? book.shiftTypes.get(restTypeId)?.overtime : undefined) ?? {};
  return {
    employeeId,
    date,
    timeZone,
    locationId,
    departmentId: terms.departmentId ?? null,
    kind: shift === null ? 'REST_DAY' : wholeDayOff ? 'HOLIDAY' : 'SHIFT',
    shift,
    holiday: holiday ? { name: holiday.name, halfDay: holiday.halfDay && !wholeDayOff } : null,
    overtime,
    source: override ? 'OVERRIDE' : assignment ? 'ASSIGNMENT' : 'CONTRACT',
    patternId: pattern?.id ?? null,
  };
}
