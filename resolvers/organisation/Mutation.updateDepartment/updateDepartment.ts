/**
 * Plans a department's change in place, if it is still at expectedVersion (sent by writeTransaction).
 * A new parent is a move, which may take several transactions: this function then plans nothing and
 * leaves the whole update to moveDepartment (the organisation Lambda), as it does for a department
 * whose move was interrupted.
 */
import { runtime, util, type Context } from '@aws-appsync/utils';
import type { MutationUpdateDepartmentArgs } from '../../../domain/generated/graphql.ts';
import {
  contentChanges,
  mergeDepartmentChanges,
  needsMoveEngine,
  requestedParent,
  updateDepartmentWrites,
  validateDepartment,
  validateDepartmentChanges,
  type DepartmentRow,
} from '../../../domain/organisation/model/department.ts';
import { fail, failOnProblems } from '../../lib/errors.ts';
import type { OrganisationStash } from '../stash.ts';

export function request(ctx: Context<MutationUpdateDepartmentArgs, OrganisationStash>) {
  const { input } = ctx.args;
  const current = ctx.stash.department;
  if (!current) return fail('NOT_FOUND', `No department ${input.id} in this tenant.`);
  if (current.version !== input.expectedVersion) {
    return fail('CONFLICT', `Department ${input.id} is at version ${current.version}, not ${input.expectedVersion}: read it again and retry.`);
  }
  const content = mergeDepartmentChanges(current, input);
  const parentId = requestedParent(current, input);
  failOnProblems(validateDepartmentChanges(input).concat(validateDepartment({ ...content, parentId: parentId ?? current.parentId }, current.id)));
  if (needsMoveEngine(current, input)) runtime.earlyReturn(null);

  const now = util.time.nowISO8601();
  const writes = updateDepartmentWrites(current, content, now);
  ctx.stash.writes = writes;
  ctx.stash.written = { ...current, ...contentChanges(current, content, now) };
  return {};
}

export function response(ctx: Context<MutationUpdateDepartmentArgs, OrganisationStash>): DepartmentRow {
  return ctx.stash.written as DepartmentRow;
}
