/**
 * How a day went: an employee's plan for a date (from the schedules module) and their punches make
 * the daily record. Pure and deterministic: the same plan, punches and time give the same record,
 * whatever order the punches come in. Every duration is computed from instants, so a DST night has
 * the length the clocks say (a 22:00-06:00 shift across Berlin's spring-forward is 7 hours).
 *
 * The rules, each tested by example in test/domain/attendance/classify.test.ts:
 * - Which punches count: a CORRECTION punch replaces the punch it supersedes (the latest correction
 *   of a punch wins); the rest are taken in time order.
 * - Which date a punch belongs to: the plan whose punch window holds it (a night shift's punches
 *   belong to the date it starts; when two windows hold it, the shift nearer to it); else a
 *   check-out goes with the check-in before it (within {@link MAX_OPEN_SESSION_HOURS}); else the
 *   punch's calendar date in the employee's zone (on a rest day: rest-day work).
 * - Pairs: a check-in opens a session, the next check-out closes it; a second check-in while one
 *   is open, and a check-out with none open, are unpaired (flagged, not counted). A session still
 *   open when the day is judged is a forgotten check-out: closed at the shift's end (at its own
 *   start when there is no shift or it began after the end) and flagged.
 * - Worked minutes: the sessions' length, less the shift's unpaid break once they exceed it.
 * - Late: a first check-in after start + grace, counted from the start; exactly at the grace
 *   minute is not late (a punch's seconds are dropped). Early exit likewise at the end (a
 *   check-out's seconds round up).
 * - Status on a planned shift: ON_LEAVE (on leave, no punches), ABSENT (under the half-day
 *   minutes), HALF_DAY (under the full-day minutes), then LATE, EARLY_EXIT or PRESENT. A full
 *   holiday is HOLIDAY, a rest day REST_DAY, punches without any plan PRESENT and UNSCHEDULED.
 * - Overtime, each with its rule's multiplier once it reaches the rule's minimum: time before the
 *   shift's start, after its end; every minute on a rest day (a holiday's rule when it is also a
 *   holiday) or on a holiday.
 * - When: never before the shift's punch window has closed (a rest day: once the date has ended
 *   and no session is open, or an open one has lapsed).
 */
import { addDays } from '../model/dates.ts';
import type { OvertimeRule, PlannedDay } from '../schedules/model/planned-day.ts';
import { localDate, zonedInstant } from '../time.ts';
import type { AttendanceFlag, AttendanceStatus, OvertimeKind } from '../generated/graphql.ts';
import type { DailyRecord, OvertimeEntry, Punch } from './model/records.ts';

/** A clock-in left open this long is over: a later clock-in starts afresh, a check-out no longer pairs with it. */
export const MAX_OPEN_SESSION_HOURS = 16;

const MINUTE = 60_000;
const MAX_OPEN_SESSION_MS = MAX_OPEN_SESSION_HOURS * 3_600_000;

/** What classification reads of a punch. */
export type PunchFact = Pick<Punch, 'id' | 'type' | 'at' | 'source' | 'supersedes' | 'flags' | 'createdAt' | 'timeZone' | 'localDate' | 'employeeId'>;

/** Why an employee is away on a date: an approved leave request (the leave module), or their ON_LEAVE status. */
export interface LeaveDay {
  source: 'EMPLOYEE_STATUS' | 'LEAVE_REQUEST';
}

export interface DayOptions {
  /** The employee's leave that day, if any. */
  leave?: LeaveDay | null;
  /** For a day without a plan: whose and which day it is (default: from its first punch). */
  employeeId?: string;
  date?: string;
  timeZone?: string;
}

const ms = (iso: string) => Date.parse(iso);
const byTime = (a: PunchFact, b: PunchFact) => ms(a.at) - ms(b.at) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The punches that count, in time order: a punch some CORRECTION supersedes is out, and of several
 * corrections of the same punch only the latest (by when it was recorded) counts.
 */
export function effectivePunches<P extends PunchFact>(punches: readonly P[]): P[] {
  const latestFix = new Map<string, P>();
  for (const p of punches) {
    if (!p.supersedes) continue;
    const seen = latestFix.get(p.supersedes);
    if (!seen || seen.createdAt < p.createdAt || (seen.createdAt === p.createdAt && seen.id < p.id)) latestFix.set(p.supersedes, p);
  }
  return punches
    .filter((p) => !latestFix.has(p.id) && (!p.supersedes || latestFix.get(p.supersedes) === p))
    .slice()
    .sort(byTime);
}

/** The shift of a plan that punches can belong to: a planned shift, or the shift a full holiday replaces. */
function shiftOf(plan: PlannedDay | null | undefined) {
  return plan?.shift ?? null;
}

/** How far an instant is from a plan's shift (0 inside it). */
function distance(plan: PlannedDay, at: number): number {
  const shift = shiftOf(plan)!;
  const start = ms(shift.startAt);
  const end = ms(shift.endAt);
  return at < start ? start - at : at > end ? at - end : 0;
}

/**
 * Assigns one employee's effective punches (time order) to dates, by the rules above. `plans` are
 * that employee's plans around the punches (a day before and after the dates asked about).
 */
export function assignPunches<P extends PunchFact>(plans: readonly PlannedDay[], punches: readonly P[]): Map<string, P[]> {
  const withShift = plans.filter((plan) => shiftOf(plan) !== null).slice().sort((a, b) => (a.date < b.date ? -1 : 1));
  const days = new Map<string, P[]>();
  let previous: { punch: P; date: string } | null = null;
  for (const punch of punches) {
    const at = ms(punch.at);
    const holding = withShift.filter((plan) => ms(plan.shift!.windowOpensAt) <= at && at <= ms(plan.shift!.windowClosesAt));
    let date: string;
    if (holding.length > 0) {
      date = holding.reduce((best, plan) => (distance(plan, at) < distance(best, at) ? plan : best)).date;
    } else if (punch.type === 'OUT' && previous && previous.punch.type === 'IN' && at - ms(previous.punch.at) <= MAX_OPEN_SESSION_MS) {
      date = previous.date;
    } else {
      date = localDate(new Date(at), punch.timeZone);
    }
    const list = days.get(date);
    if (list) list.push(punch);
    else days.set(date, [punch]);
    previous = { punch, date };
  }
  return days;
}

interface Session {
  in: number;
  out: number;
  /** Closed by the rules, not by a check-out. */
  forgotten: boolean;
}

/** Sessions of a day's punches (time order), the unpaired ones, and the session left open. */
function pair(punches: readonly PunchFact[]): { closed: { in: number; out: number }[]; open: number | null; unpaired: number } {
  const closed: { in: number; out: number }[] = [];
  let open: number | null = null;
  let unpaired = 0;
  for (const punch of punches) {
    const at = ms(punch.at);
    if (punch.type === 'IN') {
      if (open === null) open = at;
      else unpaired += 1;
    } else if (open !== null) {
      closed.push({ in: open, out: at });
      open = null;
    } else {
      unpaired += 1;
    }
  }
  return { closed, open, unpaired };
}

/** Whole minutes of a span (seconds dropped). */
const minutes = (span: number) => Math.floor(span / MINUTE);
const floorMinute = (at: number) => Math.floor(at / MINUTE) * MINUTE;
const ceilMinute = (at: number) => Math.ceil(at / MINUTE) * MINUTE;

/** The part of the sessions before `bound` (or after it). */
function overlap(sessions: readonly Session[], bound: number, side: 'before' | 'after'): number {
  return sessions.reduce((sum, s) => {
    const span = side === 'before' ? Math.min(s.out, bound) - s.in : s.out - Math.max(s.in, bound);
    return sum + Math.max(0, span);
  }, 0);
}

function overtimeEntry(kind: OvertimeKind, rule: OvertimeRule | undefined, extra: number): OvertimeEntry[] {
  if (!rule || extra <= 0 || extra < rule.minimumMinutes) return [];
  return [{ kind, minutes: extra, multiplier: rule.multiplier }];
}

/** When a day can be judged: a shift once its punch window has closed; other days once the date is over and no session is open (or the open one has lapsed). */
function judgedFrom(plan: PlannedDay | null, date: string, timeZone: string, open: number | null): number {
  const shift = shiftOf(plan);
  if (shift) return ms(shift.windowClosesAt);
  const dayOver = zonedInstant(addDays(date, 1), '00:00', timeZone).getTime();
  return open === null ? dayOver : Math.max(dayOver, open + MAX_OPEN_SESSION_MS);
}

/**
 * The daily record of one employee's date from its plan (null: no schedule in force) and the
 * punches that belong to it (see {@link assignPunches}); null while the day cannot be judged yet,
 * and for a day with neither a plan nor punches.
 */
export function classifyDay(plan: PlannedDay | null, dayPunches: readonly PunchFact[], now: Date, options: DayOptions = {}): DailyRecord | null {
  const punches = effectivePunches(dayPunches);
  const first = punches[0];
  if (!plan && !first) return null;
  const employeeId = plan?.employeeId ?? options.employeeId ?? first!.employeeId;
  const date = plan?.date ?? options.date ?? first!.localDate;
  const timeZone = plan?.timeZone ?? options.timeZone ?? first!.timeZone;
  const { closed, open, unpaired } = pair(punches);
  if (now.getTime() < judgedFrom(plan, date, timeZone, open)) return null;

  const shift = shiftOf(plan);
  const start = shift ? ms(shift.startAt) : null;
  const end = shift ? ms(shift.endAt) : null;
  const sessions: Session[] = closed.map((s) => ({ ...s, forgotten: false }));
  if (open !== null) sessions.push({ in: open, out: end !== null && end > open ? end : open, forgotten: true });

  const raw = minutes(sessions.reduce((sum, s) => sum + (s.out - s.in), 0));
  const breakMinutes = shift?.breakMinutes ?? 0;
  const worked = raw > breakMinutes ? raw - breakMinutes : raw;

  const firstIn = punches.find((p) => p.type === 'IN') ?? null;
  const lastSession = sessions.slice().sort((a, b) => a.out - b.out).pop();
  const lastOut = punches.filter((p) => p.type === 'OUT').pop() ?? null;
  const kind = plan?.kind ?? null;

  let late = 0;
  let early = 0;
  if (kind === 'SHIFT' && shift && start !== null && end !== null && sessions.length > 0) {
    const arrived = floorMinute(sessions.reduce((min, s) => Math.min(min, s.in), Infinity));
    if (arrived > start + shift.graceLateMinutes * MINUTE) late = minutes(arrived - start);
    if (lastSession && !lastSession.forgotten) {
      const left = ceilMinute(lastSession.out);
      if (left < end - shift.graceEarlyMinutes * MINUTE) early = minutes(end - left);
    }
  }

  const rules = plan?.overtime ?? {};
  let overtime: OvertimeEntry[] = [];
  if (kind === 'SHIFT' && start !== null && end !== null) {
    overtime = [
      ...overtimeEntry('BEFORE_SHIFT', rules.beforeShift, minutes(overlap(sessions, start, 'before'))),
      ...overtimeEntry('AFTER_SHIFT', rules.afterShift, minutes(overlap(sessions, end, 'after'))),
    ];
  } else if (kind === 'HOLIDAY') {
    overtime = overtimeEntry('HOLIDAY', rules.holiday, worked);
  } else if (kind === 'REST_DAY') {
    overtime = plan?.holiday && rules.holiday ? overtimeEntry('HOLIDAY', rules.holiday, worked) : overtimeEntry('REST_DAY', rules.restDay, worked);
  }

  let status: AttendanceStatus;
  if (kind === 'HOLIDAY') status = 'HOLIDAY';
  else if (kind === 'REST_DAY') status = 'REST_DAY';
  else if (kind === null) status = 'PRESENT';
  else if (options.leave && punches.length === 0) status = 'ON_LEAVE';
  else if (sessions.length === 0 || worked < shift!.halfDayMinutes) status = 'ABSENT';
  else if (worked < shift!.fullDayMinutes) status = 'HALF_DAY';
  else if (late > 0) status = 'LATE';
  else if (early > 0) status = 'EARLY_EXIT';
  else status = 'PRESENT';

  const flags = new Set<AttendanceFlag>();
  if (open !== null) flags.add('FORGOTTEN_CHECKOUT');
  if (unpaired > 0) flags.add('UNPAIRED_PUNCH');
  if (!plan) flags.add('UNSCHEDULED');
  if (punches.some((p) => p.source === 'CORRECTION')) flags.add('CORRECTED');
  if (punches.some((p) => (p.flags ?? []).length > 0)) flags.add('FLAGGED_PUNCH');

  return {
    employeeId,
    date,
    timeZone,
    status,
    shiftTypeId: shift?.shiftTypeId ?? null,
    plannedStart: shift?.startAt ?? null,
    plannedEnd: shift?.endAt ?? null,
    holiday: plan?.holiday?.name ?? null,
    firstIn: firstIn?.at ?? null,
    lastOut: lastOut?.at ?? null,
    workedMinutes: worked,
    lateMinutes: late,
    earlyExitMinutes: early,
    overtime,
    flags: [...flags].sort(),
    punchIds: punches.map((p) => p.id),
    departmentId: plan?.departmentId ?? null,
  };
}

/** Where a team member stands at a moment of their day. */
export type TeamState = 'NOT_YET_IN' | 'IN' | 'OUT' | 'MISSING' | 'ABSENT' | 'ON_LEAVE' | 'HOLIDAY' | 'REST_DAY' | 'UNSCHEDULED';

export interface LiveDay {
  state: TeamState;
  late: boolean;
  lateMinutes: number;
  firstIn: string | null;
  lastPunchAt: string | null;
}

/**
 * Where someone stands now on a day not over yet (a manager's "who is in, late, absent so far"):
 * from the punches first (in or out), else from the plan and the clock.
 */
export function liveDay(plan: PlannedDay | null, dayPunches: readonly PunchFact[], now: Date, leave: LeaveDay | null = null): LiveDay {
  const punches = effectivePunches(dayPunches);
  const { open } = pair(punches);
  const firstIn = punches.find((p) => p.type === 'IN') ?? null;
  const last = punches[punches.length - 1] ?? null;
  const shift = plan?.kind === 'SHIFT' ? plan.shift : null;
  const at = now.getTime();
  let lateMinutes = 0;
  if (shift && firstIn) {
    const arrived = floorMinute(ms(firstIn.at));
    if (arrived > ms(shift.startAt) + shift.graceLateMinutes * MINUTE) lateMinutes = minutes(arrived - ms(shift.startAt));
  }
  let state: TeamState;
  if (open !== null && at - open < MAX_OPEN_SESSION_MS) state = 'IN';
  else if (punches.length > 0) state = 'OUT';
  else if (leave) state = 'ON_LEAVE';
  else if (!plan) state = 'UNSCHEDULED';
  else if (plan.kind === 'HOLIDAY') state = 'HOLIDAY';
  else if (plan.kind === 'REST_DAY' || !shift) state = 'REST_DAY';
  else if (at <= ms(shift.startAt) + shift.graceLateMinutes * MINUTE) state = 'NOT_YET_IN';
  else if (at < ms(shift.windowClosesAt)) state = 'MISSING';
  else state = 'ABSENT';
  return { state, late: lateMinutes > 0, lateMinutes, firstIn: firstIn?.at ?? null, lastPunchAt: last?.at ?? null };
}
