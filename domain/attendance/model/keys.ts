/**
 * Keys of the attendance module (TimeAttendance table, under `TENANT#<id>`). Every item leads its
 * sort key with the employee it belongs to, so a busy tenant's punches spread over the key range
 * (a burst of clock-ins never lands on one end of it).
 */
import { TENANT_KEY, type IndexDeclaration } from '../../model/keys.ts';

export const ATTENDANCE_PREFIXES = {
  /** A punch, never updated or deleted by the API: `PUNCH#<employee>#<instant>#<punchId>`, an employee's in time order. */
  punch: 'PUNCH#',
  /** Idempotency guard of a punch: `PUNCHKEY#<employee>#<idempotency key>`, holding what was asked and the punch made. */
  punchKey: 'PUNCHKEY#',
  /** What is open for an employee: `PUNCHSTATE#<employee>`; its version makes concurrent clock-ins exclusive. */
  punchState: 'PUNCHSTATE#',
  /** A correction request: `ATTFIX#<employee>#<request ULID>`, an employee's oldest first. */
  correction: 'ATTFIX#',
  /** A daily record: `ATT#<employee>#<date>`, an employee's month is one key range. */
  record: 'ATT#',
} as const;

/**
 * Daily records by department and month (sparse: records of days with a department), the sort key
 * `<department>#<YYYY-MM>#<employee>#<DD>`: a department's month is one key range, each
 * employee's days together and in order (a row of the grid).
 */
export const ATTENDANCE_BY_DEPARTMENT: IndexDeclaration = {
  name: 'AttendanceByDepartment',
  kind: 'GSI',
  partitionKey: TENANT_KEY,
  sortKey: { name: 'DepartmentMonthKey', type: 'S' },
  projection: 'ALL',
};

/**
 * Pending correction requests by the requester's management line (sparse: removed once decided),
 * the sort key `<reports path>#<request>` (`/ceo/vp/#01J…`): everything a manager may decide (below
 * them at any depth) is one prefix, everything pending in the tenant the prefix `/`.
 */
export const PENDING_CORRECTIONS: IndexDeclaration = {
  name: 'PendingAttendanceCorrections',
  kind: 'GSI',
  partitionKey: TENANT_KEY,
  sortKey: { name: 'PendingKey', type: 'S' },
  projection: 'ALL',
};

/** `PUNCH#<employee>#2027-03-28T06:59:00.000Z#<punchId>`. */
export function punchItemKey(employeeId: string, at: string, punchId: string): string {
  return `${punchBound(employeeId, at)}#${punchId}`;
}

/** Sort-key prefix of one employee's punches. */
export function employeePunchesPrefix(employeeId: string): string {
  return `${ATTENDANCE_PREFIXES.punch}${employeeId}#`;
}

/** A bound of an employee's punches at an instant (or any prefix of one, such as a date). */
export function punchBound(employeeId: string, instant: string): string {
  return `${employeePunchesPrefix(employeeId)}${instant}`;
}

export function punchGuardKey(employeeId: string, idempotencyKey: string): string {
  return `${ATTENDANCE_PREFIXES.punchKey}${employeeId}#${idempotencyKey}`;
}

export function punchStateKey(employeeId: string): string {
  return `${ATTENDANCE_PREFIXES.punchState}${employeeId}`;
}

export function correctionItemKey(employeeId: string, correctionId: string): string {
  return `${employeeCorrectionsPrefix(employeeId)}${correctionId}`;
}

/** Sort-key prefix of one employee's correction requests. */
export function employeeCorrectionsPrefix(employeeId: string): string {
  return `${ATTENDANCE_PREFIXES.correction}${employeeId}#`;
}

/** `ATT#<employee>#2027-03-28`. */
export function recordItemKey(employeeId: string, date: string): string {
  return `${employeeRecordsPrefix(employeeId)}${date}`;
}

/** Sort-key prefix of one employee's records; with a month (`2027-03`) or a date, of those only. */
export function employeeRecordsPrefix(employeeId: string, period = ''): string {
  return `${ATTENDANCE_PREFIXES.record}${employeeId}#${period}`;
}

/** AttendanceByDepartment's sort key of an employee's record of a date. */
export function departmentMonthKey(departmentId: string, date: string, employeeId: string): string {
  return `${departmentMonthPrefix(departmentId, date.slice(0, 7))}${employeeId}#${date.slice(8, 10)}`;
}

/** The key prefix of a department's month (`<department>#2027-03#`). */
export function departmentMonthPrefix(departmentId: string, month: string): string {
  return `${departmentId}#${month}#`;
}

/**
 * The key range of a department's month, from one employee's row on (or from the first): `~` sorts
 * after every character of an id, so the upper bound closes the month.
 */
export function departmentMonthRange(departmentId: string, month: string, fromEmployeeId: string | null): { from: string; to: string } {
  const prefix = departmentMonthPrefix(departmentId, month);
  return { from: fromEmployeeId ? `${prefix}${fromEmployeeId}#` : prefix, to: `${prefix}~` };
}

/** PendingAttendanceCorrections' sort key of a request by someone whose management line is `reportsPath`. */
export function pendingCorrectionKey(reportsPath: string, correctionId: string): string {
  return `${reportsPath}#${correctionId}`;
}
