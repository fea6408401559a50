/** An employee's explicit assignments (after loadEmployee and checkRosterAccess), by first day. */
import { util, type Context, type DynamoDBQueryRequest } from '@aws-appsync/utils';
import type { QueryScheduleAssignmentsArgs } from '../../../domain/generated/graphql.ts';
import { assignmentView } from '../../../domain/schedules/model/assignments.ts';
import { employeeAssignmentsPrefix } from '../../../domain/schedules/model/keys.ts';
import type { AssignmentRow } from '../../../domain/schedules/model/rows.ts';
import { failOnDataSourceError } from '../../lib/errors.ts';
import type { ScheduleStash } from '../stash.ts';

export function request(ctx: Context<QueryScheduleAssignmentsArgs, ScheduleStash>): DynamoDBQueryRequest {
  const employeeId = ctx.stash.employee!.id;
  return {
    operation: 'Query',
    query: {
      expression: '#tenant = :tenant AND begins_with(#item, :prefix)',
      expressionNames: { '#tenant': 'TenantId', '#item': 'EntityItem' },
      expressionValues: util.dynamodb.toMapValues({ ':tenant': ctx.stash.scope.tenantKey, ':prefix': employeeAssignmentsPrefix(employeeId) }),
    },
    // An employee has a handful of assignments; a page this size holds them all.
    limit: 100,
    consistentRead: true,
  };
}

export function response(ctx: Context<QueryScheduleAssignmentsArgs, ScheduleStash>) {
  failOnDataSourceError(ctx);
  return ((ctx.result as { items: AssignmentRow[] }).items ?? []).map(assignmentView);
}
