/**
 * One page of a department's month from AttendanceByDepartment: the records of up to `limit`
 * employees, each complete. The nextToken names the employee the next page starts at, bound to
 * this department and month (any other is INVALID_PAGINATION_TOKEN).
 */
import { util, type Context, type DynamoDBQueryRequest } from '@aws-appsync/utils';
import { GRID_PAGE, gridPage, gridReadLimit } from '../../../domain/attendance/model/grid.ts';
import { ATTENDANCE_BY_DEPARTMENT, departmentMonthRange } from '../../../domain/attendance/model/keys.ts';
import type { DailyRecordRow } from '../../../domain/attendance/model/records.ts';
import type { QueryDepartmentAttendanceArgs } from '../../../domain/generated/graphql.ts';
import { isValidEntityId } from '../../../domain/model/keys.ts';
import { fail, failOnDataSourceError } from '../../lib/errors.ts';
import type { AttendanceStash } from '../stash.ts';

const rows = (ctx: Context<QueryDepartmentAttendanceArgs, AttendanceStash>) => ctx.args.limit ?? GRID_PAGE.defaultLimit;
const scopeOf = (ctx: Context<QueryDepartmentAttendanceArgs, AttendanceStash>) => `${ctx.args.departmentId}|${ctx.args.month}|`;

/** The employee a nextToken starts at, or null without one. */
function startAt(ctx: Context<QueryDepartmentAttendanceArgs, AttendanceStash>): string | null {
  const token = ctx.args.nextToken;
  if (!token) return null;
  const text = util.base64Decode(token);
  const scope = scopeOf(ctx);
  const employeeId = text.slice(scope.length);
  if (text.indexOf(scope) !== 0 || !isValidEntityId(employeeId)) return fail('INVALID_PAGINATION_TOKEN');
  return employeeId;
}

export function request(ctx: Context<QueryDepartmentAttendanceArgs, AttendanceStash>): DynamoDBQueryRequest {
  const range = departmentMonthRange(ctx.args.departmentId, ctx.args.month, startAt(ctx));
  return {
    operation: 'Query',
    index: ATTENDANCE_BY_DEPARTMENT.name,
    query: {
      expression: '#tenant = :tenant AND #key BETWEEN :from AND :to',
      expressionNames: { '#tenant': 'TenantId', '#key': ATTENDANCE_BY_DEPARTMENT.sortKey!.name },
      expressionValues: util.dynamodb.toMapValues({ ':tenant': ctx.stash.scope.tenantKey, ':from': range.from, ':to': range.to }),
    },
    limit: gridReadLimit(rows(ctx)),
    scanIndexForward: true,
  };
}

export function response(ctx: Context<QueryDepartmentAttendanceArgs, AttendanceStash>): null {
  failOnDataSourceError(ctx);
  const result = ctx.result as { items: DailyRecordRow[]; nextToken?: string | null };
  const page = gridPage(result.items ?? [], rows(ctx), !!result.nextToken);
  ctx.stash.gridRows = page.rows;
  ctx.stash.gridNextToken = page.next ? util.base64Encode(`${scopeOf(ctx)}${page.next}`) : null;
  return null;
}
