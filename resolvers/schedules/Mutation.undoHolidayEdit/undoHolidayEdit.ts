/** Takes back a change to a holiday calendar: deletes it, answering with what it said (NOT_FOUND when there is none). */
import { util, type Context } from '@aws-appsync/utils';
import type { MutationUndoHolidayEditArgs } from '../../../domain/generated/graphql.ts';
import { calendarDateOf } from '../../../domain/model/dates.ts';
import { holidayEditView, parseScope } from '../../../domain/schedules/model/calendars.ts';
import { holidayEditItemKey } from '../../../domain/schedules/model/keys.ts';
import type { HolidayEditRow } from '../../../domain/schedules/model/rows.ts';
import { fail, failOnDataSourceError, failOnProblems } from '../../lib/errors.ts';
import type { ScheduleStash } from '../stash.ts';

export function request(ctx: Context<MutationUndoHolidayEditArgs, ScheduleStash>) {
  const date = calendarDateOf(ctx.args.date);
  failOnProblems([
    ...(parseScope(ctx.args.scope) ? [] : [{ field: 'scope', message: 'must be a scope as holidayEdits lists it: DE, DE-BE, DE-BY-A or LOC:<locationId>' }]),
    ...(date ? [] : [{ field: 'date', message: 'must be a real date from 1900 to 2999 (YYYY-MM-DD)' }]),
  ]);
  return {
    operation: 'DeleteItem',
    key: util.dynamodb.toMapValues({ TenantId: ctx.stash.scope.tenantKey, EntityItem: holidayEditItemKey(ctx.args.scope, date as string) }),
    condition: { expression: 'attribute_exists(#item)', expressionNames: { '#item': 'EntityItem' } },
  };
}

export function response(ctx: Context<MutationUndoHolidayEditArgs, ScheduleStash>) {
  if (ctx.error?.type === 'DynamoDB:ConditionalCheckFailedException') fail('NOT_FOUND', `No change of ${ctx.args.scope} on ${ctx.args.date} in this tenant.`);
  failOnDataSourceError(ctx);
  return holidayEditView(ctx.result as HolidayEditRow);
}
