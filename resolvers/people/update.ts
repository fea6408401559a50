/**
 * How an employee update travels through its pipeline: the operation's own function reads the
 * input into `ctx.stash.update`, the shared checks (checkPerson, checkDetails, checkCustomFields)
 * add their problems, and writeEmployee refuses them all at once or writes the record with its
 * history entry. Split so that each bundle stays within AppSync's code size limit.
 */
import type { CustomFieldValueInput, EmployeeChange } from '../../domain/generated/graphql.ts';
import type { FieldProblem } from '../../domain/model/errors.ts';
import type { CustomFieldWriter, StoredCustomValue } from '../../domain/people/model/custom-fields.ts';
import type { EmployeeContent } from '../../domain/people/model/employee.ts';
import type { PipelineStash } from '../lib/stash.ts';

export interface EmployeeUpdate {
  /** The person as the update leaves them. */
  content: EmployeeContent;
  /** Custom values given (null: the update leaves them alone). */
  customInput: CustomFieldValueInput[] | null;
  /** The record's custom values after the update; set by checkCustomFields when customInput is given. */
  customValues: StoredCustomValue[] | null;
  /** Who writes: HR admins, or the employee on their own record. */
  writer: CustomFieldWriter;
  /** What the history entry calls the change. */
  change: EmployeeChange;
  /** Every problem found so far; writeEmployee refuses them together. */
  problems: FieldProblem[];
}

export type UpdateStash = PipelineStash & { update: EmployeeUpdate };
