import type { CostCentreRow } from '../../domain/organisation/model/cost-centre.ts';
import type { DepartmentRow } from '../../domain/organisation/model/department.ts';
import type { LocationRow } from '../../domain/organisation/model/location.ts';
import type { PositionRow } from '../../domain/organisation/model/position.ts';
import type { GuardedWrite } from '../../domain/organisation/model/writes.ts';
import type { PipelineStash } from '../lib/stash.ts';

/** What the organisation's pipeline functions leave in `ctx.stash` for the ones after them. */
export type OrganisationStash = PipelineStash & {
  /** Set by `loadDepartment` / `loadParentDepartment`: the stored record, or null. */
  department?: DepartmentRow | null;
  parent?: DepartmentRow | null;
  location?: LocationRow | null;
  position?: PositionRow | null;
  costCentre?: CostCentreRow | null;
  /** The writes a transaction was sent with, to explain a cancellation. */
  writes?: GuardedWrite[];
  /** What a write function answers once its transaction succeeded. */
  written?: unknown;
  /** A page of the department tree: each department with its levels below the page's top. */
  treePage?: { entries: { id: string; levels: number }[]; nextToken: string | null };
};
