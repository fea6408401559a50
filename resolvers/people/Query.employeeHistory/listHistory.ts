/** One page of an employee's change history, newest first: one key range under the employee (after personnelFileAccess). */
import type { Context } from '@aws-appsync/utils';
import type { QueryEmployeeHistoryArgs } from '../../../domain/generated/graphql.ts';
import { employeeIdFromKey, type EmployeeRow } from '../../../domain/people/model/employee.ts';
import { historyView, type EmployeeHistoryRow } from '../../../domain/people/model/history.ts';
import { employeeHistoryPrefix } from '../../../domain/people/model/keys.ts';
import { newestUnderPrefix, pageOf } from '../../lib/pages.ts';
import type { PipelineStash } from '../../lib/stash.ts';

export function request(ctx: Context<QueryEmployeeHistoryArgs, PipelineStash>) {
  const employeeId = employeeIdFromKey((ctx.stash.employee as EmployeeRow).EntityItem);
  return newestUnderPrefix(ctx.stash.scope.tenantKey, employeeHistoryPrefix(employeeId), ctx.args.limit, ctx.args.nextToken);
}

export function response(ctx: Context<QueryEmployeeHistoryArgs, PipelineStash>) {
  const employeeId = employeeIdFromKey((ctx.stash.employee as EmployeeRow).EntityItem);
  const page = pageOf<EmployeeHistoryRow>(ctx);
  return { items: page.items.map((row) => historyView(row, employeeId)), nextToken: page.nextToken };
}
