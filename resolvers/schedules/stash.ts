import type { GuardedWrite } from '../../domain/organisation/model/writes.ts';
import type { LocationRow } from '../../domain/organisation/model/location.ts';
import type { DepartmentRow } from '../../domain/organisation/model/department.ts';
import type { EmployeeRow } from '../../domain/people/model/employee.ts';
import type { OverrideRow, PatternRow, ShiftTypeRow } from '../../domain/schedules/model/rows.ts';
import type { PipelineStash } from '../lib/stash.ts';

/** What the schedules' pipeline functions leave in `ctx.stash` for the ones after them. */
export type ScheduleStash = PipelineStash & {
  /** Set by `loadShiftType` / `loadPattern` / `loadOverride`: the stored item, or null. */
  shiftType?: ShiftTypeRow | null;
  pattern?: PatternRow | null;
  override?: OverrideRow | null;
  /** Set by the roster's and calendar's loaders: the stored record, or null. */
  location?: LocationRow | null;
  department?: DepartmentRow | null;
  /** A page of a department's members whose roster the caller may read, and where the next page starts. */
  members?: EmployeeRow[];
  membersNextToken?: string | null;
  /** The writes a transaction was sent with, to explain a cancellation. */
  writes?: GuardedWrite[];
  /** What a write function answers once its transaction succeeded. */
  written?: unknown;
};
