/**
 * One page of an employee's reports (after loadEmployee): direct ones, or everyone below them, in
 * management-line order then by name — one key condition on EmployeesByReports either way.
 */
import { util, type Context, type DynamoDBQueryRequest } from '@aws-appsync/utils';
import { employeeIdFromKey, employeeView, type EmployeeRow } from '../../../domain/people/model/employee.ts';
import type { QueryReportsArgs } from '../../../domain/generated/graphql.ts';
import { EMPLOYEES_BY_REPORTS, reportsPrefix } from '../../../domain/people/model/keys.ts';
import { fail } from '../../lib/errors.ts';
import { pageOf, pageSize } from '../../lib/pages.ts';
import type { PipelineStash } from '../../lib/stash.ts';

export function request(ctx: Context<QueryReportsArgs, PipelineStash>): DynamoDBQueryRequest {
  const manager = ctx.stash.employee;
  if (!manager) return fail('NOT_FOUND', `No employee ${ctx.args.employeeId} in this tenant.`);
  const prefix = reportsPrefix(manager.ReportsPath, employeeIdFromKey(manager.EntityItem), ctx.args.indirect === true);
  const query: DynamoDBQueryRequest = {
    operation: 'Query',
    index: EMPLOYEES_BY_REPORTS.name,
    query: {
      expression: '#tenant = :tenant AND begins_with(#reports, :prefix)',
      expressionNames: { '#tenant': 'TenantId', '#reports': 'ReportsKey' },
      expressionValues: util.dynamodb.toMapValues({ ':tenant': ctx.stash.scope.tenantKey, ':prefix': prefix }),
    },
    limit: pageSize(ctx.args.limit),
    scanIndexForward: true,
  };
  if (ctx.args.nextToken) query.nextToken = ctx.args.nextToken;
  return query;
}

export function response(ctx: Context<QueryReportsArgs, PipelineStash>) {
  const page = pageOf<EmployeeRow>(ctx);
  return { items: page.items.map((row) => employeeView(row, ctx.stash.scope.tenantId)), nextToken: page.nextToken };
}
