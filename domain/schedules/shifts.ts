/**
 * Shifts of the WorkSchedule table: one item per employee and shift, keyed by start time, so
 * "shifts starting between A and B" is one Query on the tenant's partition.
 */
import type { FieldProblem } from '../model/errors.ts';
import { isValidEntityId } from '../model/keys.ts';

/** Longest shift accepted; a reminder for shifts ending soon looks back this far for their starts. */
export const MAX_SHIFT_HOURS = 24;

/** A shift as stored (in WorkSchedule, under `TENANT#<id>`). */
export interface Shift {
  employeeId: string;
  /** ISO instant, normalised (`toISOString()`), so keys sort by time. */
  startAt: string;
  endAt: string;
  location?: string;
}

/** Problems of a shift: unknown employee id form, unordered or over-long times. */
export function shiftProblems(shift: Shift): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!isValidEntityId(shift.employeeId)) problems.push({ field: 'employeeId', message: 'must be an employee id' });
  const start = Date.parse(shift.startAt);
  const end = Date.parse(shift.endAt);
  if (Number.isNaN(start) || new Date(start).toISOString() !== shift.startAt) problems.push({ field: 'startAt', message: 'must be an ISO instant such as 2026-11-23T07:00:00.000Z' });
  if (Number.isNaN(end) || new Date(end).toISOString() !== shift.endAt) problems.push({ field: 'endAt', message: 'must be an ISO instant such as 2026-11-23T15:00:00.000Z' });
  else if (!Number.isNaN(start) && (end <= start || end - start > MAX_SHIFT_HOURS * 3_600_000)) {
    problems.push({ field: 'endAt', message: `must be after startAt, at most ${MAX_SHIFT_HOURS} hours later` });
  }
  return problems;
}
