/**
 * The page's employees (one BatchGetItem), for their names and management line: a row is shown
 * only to those who may read the employee's personal details (themselves, anyone above them, HR
 * admins, support), so a manager sees their line's rows of the department.
 */
import { util, runtime, type Context } from '@aws-appsync/utils';
import { gridCells } from '../../../domain/attendance/model/grid.ts';
import { datesOfMonth } from '../../../domain/attendance/model/records.ts';
import type { QueryDepartmentAttendanceArgs } from '../../../domain/generated/graphql.ts';
import { mayReadDetails, scopeKey } from '../../../domain/model/authorization.ts';
import type { EmployeeRow } from '../../../domain/people/model/employee.ts';
import { employeeItemKey } from '../../../domain/people/model/keys.ts';
import { callerContext } from '../../lib/caller.ts';
import { tableName } from '../../lib/env.ts';
import { fail, failOnDataSourceError } from '../../lib/errors.ts';
import type { AttendanceStash } from '../stash.ts';

function grid(ctx: Context<QueryDepartmentAttendanceArgs, AttendanceStash>, rows: unknown[]) {
  return { departmentId: ctx.args.departmentId, month: ctx.args.month, days: datesOfMonth(ctx.args.month), rows, nextToken: ctx.stash.gridNextToken ?? null };
}

export function request(ctx: Context<QueryDepartmentAttendanceArgs, AttendanceStash>) {
  const rows = ctx.stash.gridRows ?? [];
  if (rows.length === 0) runtime.earlyReturn(grid(ctx, []));
  const keys = rows.map((row) => util.dynamodb.toMapValues({ TenantId: ctx.stash.scope.tenantKey, EntityItem: employeeItemKey(row.employeeId) }));
  return { operation: 'BatchGetItem', tables: { [tableName(ctx, 'PIM')]: { keys, consistentRead: false } } };
}

export function response(ctx: Context<QueryDepartmentAttendanceArgs, AttendanceStash>) {
  failOnDataSourceError(ctx);
  const table = tableName(ctx, 'PIM');
  const result = ctx.result as { data: Record<string, (EmployeeRow | null)[]>; unprocessedKeys?: Record<string, unknown[]> };
  if ((result.unprocessedKeys?.[table] ?? []).length > 0) fail('INTERNAL_ERROR', 'The employees of the grid could not all be read this time; retry.');
  const employees = (result.data[table] ?? []).filter((e): e is EmployeeRow => !!e);
  const caller = callerContext(ctx);
  const dates = datesOfMonth(ctx.args.month);
  const rows = (ctx.stash.gridRows ?? []).flatMap((row) => {
    const employee = employees.find((e) => e.id === row.employeeId);
    if (!employee || !mayReadDetails(caller?.[scopeKey('ReadPersonalDetails')], caller?.employeeId, { id: employee.id, reportsPath: employee.ReportsPath })) return [];
    return [{ employeeId: employee.id, firstName: employee.firstName, lastName: employee.lastName, cells: gridCells(row.records, dates) }];
  });
  return grid(ctx, rows);
}
