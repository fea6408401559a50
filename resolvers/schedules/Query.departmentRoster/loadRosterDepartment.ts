/** Checks the roster's range and page size, then reads the department into `ctx.stash.department` (NOT_FOUND when the tenant has none). */
import type { Context } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import type { QueryDepartmentRosterArgs } from '../../../domain/generated/graphql.ts';
import type { DepartmentRow } from '../../../domain/organisation/model/department.ts';
import { departmentItemKey } from '../../../domain/organisation/model/keys.ts';
import { DEPARTMENT_ROSTER_PAGE, rosterRangeProblems } from '../../../domain/schedules/model/roster.ts';
import { fail, failOnDataSourceError, failOnProblems } from '../../lib/errors.ts';
import { requireEntityId } from '../../lib/ids.ts';
import type { ScheduleStash } from '../stash.ts';

export function request(ctx: Context<QueryDepartmentRosterArgs, ScheduleStash>) {
  const id = requireEntityId(ctx.args.departmentId, 'departmentId');
  const limit = ctx.args.limit ?? DEPARTMENT_ROSTER_PAGE.defaultLimit;
  failOnProblems([
    ...rosterRangeProblems(ctx.args.from, ctx.args.to),
    ...(limit < 1 || limit > DEPARTMENT_ROSTER_PAGE.maxLimit ? [{ field: 'limit', message: `must be between 1 and ${DEPARTMENT_ROSTER_PAGE.maxLimit}` }] : []),
  ]);
  return get<DepartmentRow>({ key: { TenantId: ctx.stash.scope.tenantKey, EntityItem: departmentItemKey(id) } });
}

export function response(ctx: Context<QueryDepartmentRosterArgs, ScheduleStash>): DepartmentRow {
  failOnDataSourceError(ctx);
  const department = (ctx.result as DepartmentRow | null | undefined) ?? null;
  if (!department) return fail('NOT_FOUND', `No department ${ctx.args.departmentId} in this tenant.`);
  ctx.stash.department = department;
  return department;
}
