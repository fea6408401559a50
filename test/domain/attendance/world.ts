/** Plans and punches for the attendance tests: shift types resolved the way the schedules module resolves them. */
import type { PunchFact } from '../../../domain/attendance/classify.ts';
import type { OvertimeRules, PlannedDay } from '../../../domain/schedules/model/planned-day.ts';
import type { ShiftTypeRow } from '../../../domain/schedules/model/rows.ts';
import { resolveShift } from '../../../domain/schedules/plan.ts';
import { localDate } from '../../../domain/time.ts';

const stored = { TenantId: 'TENANT#t1', EntityItem: 'x', version: 1, createdAt: '2027-01-01T00:00:00.000Z', updatedAt: '2027-01-01T00:00:00.000Z' };

/** A shift type: 09:00-17:00 by default, 30 minutes' break, 5 minutes' grace either end, window 2 h before and 4 h after. */
export function shiftType(extra: Partial<ShiftTypeRow> = {}): ShiftTypeRow {
  return {
    ...stored, id: 'day', name: 'Day', start: '09:00', end: '17:00', breakMinutes: 30, graceLateMinutes: 5, graceEarlyMinutes: 5,
    windowBeforeMinutes: 120, windowAfterMinutes: 240, halfDayMinutes: 240, fullDayMinutes: 450, overtime: {}, archived: false, ...extra,
  };
}

export const OVERTIME: OvertimeRules = {
  beforeShift: { multiplier: '1.25', minimumMinutes: 30 },
  afterShift: { multiplier: '1.5', minimumMinutes: 15 },
  restDay: { multiplier: '2.0', minimumMinutes: 0 },
  holiday: { multiplier: '2.5', minimumMinutes: 0 },
};

/** A plan of `kind` for an employee's date in a zone; SHIFT and HOLIDAY carry the shift type's shift. */
export function plan(date: string, options: { zone?: string; kind?: PlannedDay['kind']; type?: ShiftTypeRow; holiday?: string | null; employeeId?: string; overtime?: OvertimeRules } = {}): PlannedDay {
  const zone = options.zone ?? 'Europe/Berlin';
  const kind = options.kind ?? 'SHIFT';
  const type = options.type ?? shiftType();
  return {
    employeeId: options.employeeId ?? 'ada',
    date,
    timeZone: zone,
    locationId: 'berlin',
    departmentId: 'eng',
    kind,
    shift: kind === 'REST_DAY' ? null : resolveShift(type, date, zone),
    holiday: options.holiday ? { name: options.holiday, halfDay: false } : null,
    overtime: options.overtime ?? type.overtime,
    source: 'CONTRACT',
    patternId: 'office',
  };
}

let serial = 0;

/** A punch at an instant (`at`, ISO), recorded by the employee in `zone`. */
export function punch(type: 'IN' | 'OUT', at: string, extra: Partial<PunchFact> = {}, zone = 'Europe/Berlin'): PunchFact {
  serial += 1;
  const iso = new Date(at).toISOString();
  return {
    id: `p${String(serial).padStart(6, '0')}`,
    employeeId: 'ada',
    type,
    at: iso,
    source: 'SELF',
    supersedes: null,
    flags: [],
    createdAt: iso,
    timeZone: zone,
    localDate: localDate(new Date(iso), zone),
    ...extra,
  };
}

/** Long after any window closes. */
export const LATER = new Date('2040-01-01T00:00:00Z');
