/** Plans the new department: its row, code guard, closure items and references (one transaction, sent by writeTransaction). */
import { util, type Context } from '@aws-appsync/utils';
import type { MutationCreateDepartmentArgs } from '../../../domain/generated/graphql.ts';
import {
  createDepartmentWrites,
  depthProblem,
  newDepartmentRow,
  normaliseNewDepartment,
  parentProblem,
  validateDepartment,
  type DepartmentRow,
} from '../../../domain/organisation/model/department.ts';
import { failOnProblems } from '../../lib/errors.ts';
import type { OrganisationStash } from '../stash.ts';

export function request(ctx: Context<MutationCreateDepartmentArgs, OrganisationStash>) {
  const content = normaliseNewDepartment(ctx.args.input);
  const problems = validateDepartment(content);
  const parent = ctx.stash.parent ?? null;
  if (content.parentId && problems.length === 0) {
    const problem = parentProblem(content.parentId, parent) ?? (parent ? depthProblem(parent.depth + 1, 0) : null);
    if (problem) problems.push(problem);
  }
  failOnProblems(problems);

  const row = newDepartmentRow(ctx.stash.scope.tenantId, util.autoUlid(), content, parent, util.time.nowISO8601());
  const writes = createDepartmentWrites(row, parent);
  ctx.stash.written = row;
  ctx.stash.writes = writes;
  return {};
}

export function response(ctx: Context<MutationCreateDepartmentArgs, OrganisationStash>): DepartmentRow {
  return ctx.stash.written as DepartmentRow;
}
