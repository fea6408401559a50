/**
 * Roster reads: the date range a roster may span, who is "in" a department for its roster, and
 * whose roster a caller may read. APPSYNC_JS-safe: the roster resolvers check these before the
 * schedules Lambda plans anything.
 */
import { calendarDateOf, daysBetween } from '../../model/dates.ts';
import type { FieldProblem } from '../../model/errors.ts';
import { departmentKey } from '../../people/model/keys.ts';

/** The longest roster: two months. */
export const MAX_ROSTER_DAYS = 62;
/** Employees per page of a department roster (each with up to {@link MAX_ROSTER_DAYS} days). */
export const DEPARTMENT_ROSTER_PAGE = { defaultLimit: 20, maxLimit: 50 } as const;

/** The range's problems: real dates, `to` on or after `from`, at most {@link MAX_ROSTER_DAYS} days. */
export function rosterRangeProblems(from: string, to: string): FieldProblem[] {
  const start = calendarDateOf(from);
  const end = calendarDateOf(to);
  const problems: FieldProblem[] = [];
  if (!start) problems.push({ field: 'from', message: 'must be a real date from 1900 to 2999 (YYYY-MM-DD)' });
  if (!end) problems.push({ field: 'to', message: 'must be a real date from 1900 to 2999 (YYYY-MM-DD)' });
  if (start && end && (end < start || daysBetween(start, end) >= MAX_ROSTER_DAYS)) {
    problems.push({ field: 'to', message: `must be from ${start} up to ${MAX_ROSTER_DAYS - 1} days later (a roster covers at most ${MAX_ROSTER_DAYS} days)` });
  }
  return problems;
}

/**
 * The EmployeesByDepartment key range of the employees now in a department: `<department>#<status>#<name>`
 * with status ACTIVE or ON_LEAVE, which sort next to each other (ACTIVE < ON_LEAVE < PENDING < TERMINATED),
 * so one key condition pages them by name within each status.
 */
export function departmentMembersRange(departmentId: string): { from: string; to: string } {
  const onLeave = departmentKey(departmentId, 'ON_LEAVE', '');
  // `$` sorts right after `#`: the bound is above every `<department>#ON_LEAVE#<name>` key.
  return { from: departmentKey(departmentId, 'ACTIVE', ''), to: `${onLeave.slice(0, -1)}$` };
}
