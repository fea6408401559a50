/**
 * The attendance module's stored items (TimeAttendance table) and the views GraphQL shows of them.
 * APPSYNC_JS-safe: the read resolvers include it.
 */
import type { AttendanceCorrection, AttendanceDay, AttendancePunch, GeoPosition, OvertimeMinutes } from '../../generated/graphql.ts';
import { daysInMonth, isCalendarDate } from '../../model/dates.ts';
import type { Role } from '../../model/tenant-context.ts';

interface Keys {
  TenantId: string;
  EntityItem: string;
}

export type Position = Omit<GeoPosition, '__typename'>;

/** A punch as the API shows it. */
export type Punch = Omit<AttendancePunch, '__typename' | 'position'> & { position: Position | null };

/** A stored punch: never updated or deleted by the API. */
export type PunchRow = Punch & Keys & {
  /** The key the punch was asked with (null for corrections). */
  idempotencyKey: string | null;
};

export type OvertimeEntry = Omit<OvertimeMinutes, '__typename'>;

/** A daily record's content: what classification decides, the same for the same plan, punches and time. */
export type DailyRecord = Omit<AttendanceDay, '__typename' | 'overtime' | 'generatedAt'> & { overtime: OvertimeEntry[] };

/** A stored daily record. */
export type DailyRecordRow = DailyRecord & Keys & {
  generatedAt: string;
  /** AttendanceByDepartment, when the day has a department. */
  DepartmentMonthKey?: string;
};

export type Correction = Omit<AttendanceCorrection, '__typename'>;

/** A stored correction request. */
export type CorrectionRow = Correction & Keys & {
  /** PendingAttendanceCorrections, while pending. */
  PendingKey?: string;
};

/**
 * What is open for an employee: the clock-in waiting for its clock-out. Every punch writes it
 * under a condition on its version, so of two concurrent clock-ins one fails.
 */
export interface PunchStateRow extends Keys {
  employeeId: string;
  /** The open clock-in (null once clocked out). */
  openPunchId: string | null;
  openSince: string | null;
  lastPunchId: string;
  lastPunchAt: string;
  version: number;
}

/** An idempotency guard: the punch made for a key, and what it was asked with. */
export interface PunchGuardRow extends Keys {
  employeeId: string;
  idempotencyKey: string;
  /** The request as it was asked (operation and input), to tell a retry from a reuse of the key. */
  request: string;
  punch: Punch;
  createdAt: string;
}

export function punchView(row: Punch): Punch {
  return {
    id: row.id,
    employeeId: row.employeeId,
    type: row.type,
    at: row.at,
    source: row.source,
    timeZone: row.timeZone,
    localDate: row.localDate,
    deviceTimeZone: row.deviceTimeZone ?? null,
    deviceTime: row.deviceTime ?? null,
    clockSkewSeconds: row.clockSkewSeconds ?? null,
    position: row.position ?? null,
    distanceMeters: row.distanceMeters ?? null,
    flags: row.flags ?? [],
    supersedes: row.supersedes ?? null,
    correctionId: row.correctionId ?? null,
    recordedBy: row.recordedBy,
    createdAt: row.createdAt,
  };
}

/** A daily record as the API shows it. */
export type DayView = DailyRecord & { generatedAt: string };

export function dayView(row: DailyRecordRow): DayView {
  const { TenantId: _tenant, EntityItem: _item, DepartmentMonthKey: _department, ...day } = row;
  return day;
}

export function correctionView(row: CorrectionRow): Correction {
  const { TenantId: _tenant, EntityItem: _item, PendingKey: _pending, ...correction } = row;
  return correction;
}

function digits(text: string): boolean {
  return text.length > 0 && text.split('').every((c) => c >= '0' && c <= '9');
}

/** Whether `value` is a month `YYYY-MM` (of a year dates allow). */
export function isMonth(value: unknown): value is string {
  return typeof value === 'string' && value.length === 7 && value.charAt(4) === '-' && digits(value.slice(0, 4)) && digits(value.slice(5)) && isCalendarDate(`${value}-01`);
}

const DAYS = '01 02 03 04 05 06 07 08 09 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31'.split(' ');

/** Every date of a month, in order. */
export function datesOfMonth(month: string): string[] {
  return DAYS.slice(0, daysInMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)))).map((day) => `${month}-${day}`);
}

/** The signed-in caller as the attendance Lambda needs them (copied by the resolvers from the authorizer's context). */
export interface AttendanceCaller {
  userId: string;
  role: Role;
  employeeId: string | null;
  /** Comma-separated capabilities (PunchForEmployees for kiosks). */
  capabilities: string;
}
