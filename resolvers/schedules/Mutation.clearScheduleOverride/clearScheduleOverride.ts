/** Takes back a one-off change of an employee's day: deletes it, answering with what it said (NOT_FOUND when there is none). */
import { util, type Context } from '@aws-appsync/utils';
import type { MutationClearScheduleOverrideArgs } from '../../../domain/generated/graphql.ts';
import { calendarDateOf } from '../../../domain/model/dates.ts';
import { overrideView } from '../../../domain/schedules/model/assignments.ts';
import { overrideItemKey } from '../../../domain/schedules/model/keys.ts';
import type { OverrideRow } from '../../../domain/schedules/model/rows.ts';
import { fail, failOnDataSourceError, failOnProblems } from '../../lib/errors.ts';
import { requireEntityId } from '../../lib/ids.ts';
import type { ScheduleStash } from '../stash.ts';

export function request(ctx: Context<MutationClearScheduleOverrideArgs, ScheduleStash>) {
  const employeeId = requireEntityId(ctx.args.employeeId, 'employeeId');
  const date = calendarDateOf(ctx.args.date);
  if (!date) failOnProblems([{ field: 'date', message: 'must be a real date from 1900 to 2999 (YYYY-MM-DD)' }]);
  return {
    operation: 'DeleteItem',
    key: util.dynamodb.toMapValues({ TenantId: ctx.stash.scope.tenantKey, EntityItem: overrideItemKey(date as string, employeeId) }),
    condition: { expression: 'attribute_exists(#item)', expressionNames: { '#item': 'EntityItem' } },
  };
}

export function response(ctx: Context<MutationClearScheduleOverrideArgs, ScheduleStash>) {
  if (ctx.error?.type === 'DynamoDB:ConditionalCheckFailedException') fail('NOT_FOUND', `Employee ${ctx.args.employeeId} has no one-off change on ${ctx.args.date}.`);
  failOnDataSourceError(ctx);
  return overrideView(ctx.result as OverrideRow);
}
