import type { DailyRecordRow, DayView } from '../../domain/attendance/model/records.ts';
import type { DepartmentRow } from '../../domain/organisation/model/department.ts';
import type { EmployeeRow } from '../../domain/people/model/employee.ts';
import type { PipelineStash } from '../lib/stash.ts';

/** What the attendance pipeline functions leave in `ctx.stash` for the ones after them. */
export type AttendanceStash = PipelineStash & {
  /** myAttendance: the month's daily records. */
  days?: DayView[];
  /** teamAttendanceToday: the manager whose team it is. */
  manager?: EmployeeRow;
  /** departmentAttendance: the department, and the page's rows (each employee's records, in key order). */
  department?: DepartmentRow;
  gridRows?: { employeeId: string; records: DailyRecordRow[] }[];
  gridNextToken?: string | null;
  /** attendanceCorrectionsToDecide: the prefix of the requests the caller may decide. */
  decidable?: string;
};
