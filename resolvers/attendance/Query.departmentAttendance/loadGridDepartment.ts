/** Checks the grid's arguments and reads its department (NOT_FOUND when the tenant has none by that id). */
import type { Context } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import { GRID_PAGE } from '../../../domain/attendance/model/grid.ts';
import { isMonth } from '../../../domain/attendance/model/records.ts';
import type { QueryDepartmentAttendanceArgs } from '../../../domain/generated/graphql.ts';
import type { DepartmentRow } from '../../../domain/organisation/model/department.ts';
import { departmentItemKey } from '../../../domain/organisation/model/keys.ts';
import { fail, failOnDataSourceError, failOnProblems } from '../../lib/errors.ts';
import { requireEntityId } from '../../lib/ids.ts';
import type { AttendanceStash } from '../stash.ts';

export function request(ctx: Context<QueryDepartmentAttendanceArgs, AttendanceStash>) {
  const { month, limit } = ctx.args;
  const departmentId = requireEntityId(ctx.args.departmentId, 'departmentId');
  const problems = [];
  if (!isMonth(month)) problems.push({ field: 'month', message: 'must be a month YYYY-MM' });
  if (limit !== undefined && limit !== null && (limit < 1 || limit > GRID_PAGE.maxLimit)) problems.push({ field: 'limit', message: `must be between 1 and ${GRID_PAGE.maxLimit}` });
  failOnProblems(problems);
  return get<DepartmentRow>({ key: { TenantId: ctx.stash.scope.tenantKey, EntityItem: departmentItemKey(departmentId) } });
}

export function response(ctx: Context<QueryDepartmentAttendanceArgs, AttendanceStash>): null {
  failOnDataSourceError(ctx);
  const department = (ctx.result as DepartmentRow | null | undefined) ?? null;
  if (!department) return fail('NOT_FOUND', `No department ${ctx.args.departmentId} in this tenant.`);
  ctx.stash.department = department;
  return null;
}
