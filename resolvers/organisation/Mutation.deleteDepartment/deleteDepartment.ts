/** Plans the deletion of a department without sub-departments or assignments, with its code guard, closure items and references. */
import type { Context } from '@aws-appsync/utils';
import type { MutationDeleteDepartmentArgs } from '../../../domain/generated/graphql.ts';
import { deleteDepartmentWrites, deletionBlocker, type DepartmentRow } from '../../../domain/organisation/model/department.ts';
import { fail } from '../../lib/errors.ts';
import type { OrganisationStash } from '../stash.ts';

export function request(ctx: Context<MutationDeleteDepartmentArgs, OrganisationStash>) {
  const { id, expectedVersion } = ctx.args;
  const current = ctx.stash.department;
  if (!current) return fail('NOT_FOUND', `No department ${id} in this tenant.`);
  if (expectedVersion !== null && expectedVersion !== undefined && expectedVersion !== current.version) {
    return fail('CONFLICT', `Department ${id} is at version ${current.version}, not ${expectedVersion}: read it again and retry.`);
  }
  const blocker = deletionBlocker(current);
  if (blocker) return fail('CONFLICT', blocker);
  const writes = deleteDepartmentWrites(current);
  ctx.stash.writes = writes;
  ctx.stash.written = current;
  return {};
}

export function response(ctx: Context<MutationDeleteDepartmentArgs, OrganisationStash>): DepartmentRow | null | undefined {
  return ctx.stash.department;
}
