/**
 * One page of the employees now in the department (ACTIVE or ON_LEAVE), by status then name: one
 * key range of EmployeesByDepartment. Only those whose roster the caller may read are kept (the
 * caller's ReadPersonalDetails reach), so a manager sees their own people of the department.
 */
import { util, type Context, type DynamoDBQueryRequest } from '@aws-appsync/utils';
import type { QueryDepartmentRosterArgs } from '../../../domain/generated/graphql.ts';
import { mayReadDetails, scopeKey } from '../../../domain/model/authorization.ts';
import type { EmployeeRow } from '../../../domain/people/model/employee.ts';
import { EMPLOYEES_BY_DEPARTMENT } from '../../../domain/people/model/keys.ts';
import { DEPARTMENT_ROSTER_PAGE, departmentMembersRange } from '../../../domain/schedules/model/roster.ts';
import { callerContext } from '../../lib/caller.ts';
import { fail } from '../../lib/errors.ts';
import { pageOf } from '../../lib/pages.ts';
import type { ScheduleStash } from '../stash.ts';

export function request(ctx: Context<QueryDepartmentRosterArgs, ScheduleStash>): DynamoDBQueryRequest {
  const caller = callerContext(ctx);
  if (caller && (caller[scopeKey('ReadPersonalDetails')] ?? 'none') === 'none') return fail('UNAUTHORIZED_ACCESS', 'You may read the rosters of yourself and the people below you only.');
  const range = departmentMembersRange(ctx.stash.department!.id);
  const query: DynamoDBQueryRequest = {
    operation: 'Query',
    index: EMPLOYEES_BY_DEPARTMENT.name,
    query: {
      expression: '#tenant = :tenant AND #department BETWEEN :from AND :to',
      expressionNames: { '#tenant': 'TenantId', '#department': 'DepartmentKey' },
      expressionValues: util.dynamodb.toMapValues({ ':tenant': ctx.stash.scope.tenantKey, ':from': range.from, ':to': range.to }),
    },
    limit: ctx.args.limit ?? DEPARTMENT_ROSTER_PAGE.defaultLimit,
  };
  if (ctx.args.nextToken) query.nextToken = ctx.args.nextToken;
  return query;
}

export function response(ctx: Context<QueryDepartmentRosterArgs, ScheduleStash>): EmployeeRow[] {
  const page = pageOf<EmployeeRow>(ctx);
  const caller = callerContext(ctx);
  const readable = caller
    ? page.items.filter((row) => mayReadDetails(caller[scopeKey('ReadPersonalDetails')], caller.employeeId, { id: row.id, reportsPath: row.ReportsPath }))
    : page.items;
  ctx.stash.members = readable;
  ctx.stash.membersNextToken = page.nextToken;
  return readable;
}
