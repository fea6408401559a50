/**
 * Plans a one-off change of an employee's day (after loadEmployee and loadOverride): the employee
 * exists and is not archived; the shift type it names is checked in the same transaction.
 */
import { util, type Context } from '@aws-appsync/utils';
import type { MutationSetScheduleOverrideArgs } from '../../../domain/generated/graphql.ts';
import { newOverrideRow, overrideInput, overrideView, setOverrideWrites } from '../../../domain/schedules/model/assignments.ts';
import { isValidEntityId } from '../../../domain/model/keys.ts';
import { fail, failOnProblems } from '../../lib/errors.ts';
import type { ScheduleStash } from '../stash.ts';

export function request(ctx: Context<MutationSetScheduleOverrideArgs, ScheduleStash>) {
  const { input } = ctx.args;
  const employee = ctx.stash.employee;
  if (!employee) return fail('NOT_FOUND', `No employee ${input.employeeId} in this tenant.`);
  const change = overrideInput(input);
  if (employee.archived === true) change.problems.push({ field: 'employeeId', message: 'is archived: restore the employee first' });
  if (change.shiftTypeId !== null && !isValidEntityId(change.shiftTypeId)) change.problems.push({ field: 'shiftTypeId', message: 'must be an id of 1-64 letters, digits, "-" or "_"' });
  failOnProblems(change.problems);
  const { date, shiftTypeId, note } = change;
  const row = newOverrideRow(ctx.stash.scope.tenantId, input.employeeId, { date, shiftTypeId, note }, util.time.nowISO8601(), ctx.stash.override ?? null);
  ctx.stash.writes = setOverrideWrites(row);
  ctx.stash.written = overrideView(row);
  return {};
}

export function response(ctx: Context<MutationSetScheduleOverrideArgs, ScheduleStash>) {
  return ctx.stash.written;
}
