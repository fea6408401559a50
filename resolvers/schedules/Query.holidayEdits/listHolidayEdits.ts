/** One page of the tenant's changes to holiday calendars, by scope then date. */
import { util, type Context, type DynamoDBQueryRequest } from '@aws-appsync/utils';
import type { QueryHolidayEditsArgs } from '../../../domain/generated/graphql.ts';
import { holidayEditView } from '../../../domain/schedules/model/calendars.ts';
import { SCHEDULE_PREFIXES } from '../../../domain/schedules/model/keys.ts';
import type { HolidayEditRow } from '../../../domain/schedules/model/rows.ts';
import { pageOf, pageSize } from '../../lib/pages.ts';
import type { ScheduleStash } from '../stash.ts';

export function request(ctx: Context<QueryHolidayEditsArgs, ScheduleStash>): DynamoDBQueryRequest {
  const query: DynamoDBQueryRequest = {
    operation: 'Query',
    query: {
      expression: '#tenant = :tenant AND begins_with(#item, :prefix)',
      expressionNames: { '#tenant': 'TenantId', '#item': 'EntityItem' },
      expressionValues: util.dynamodb.toMapValues({ ':tenant': ctx.stash.scope.tenantKey, ':prefix': SCHEDULE_PREFIXES.holidayEdit }),
    },
    limit: pageSize(ctx.args.limit),
  };
  if (ctx.args.nextToken) query.nextToken = ctx.args.nextToken;
  return query;
}

export function response(ctx: Context<QueryHolidayEditsArgs, ScheduleStash>) {
  const page = pageOf<HolidayEditRow>(ctx);
  return { items: page.items.map(holidayEditView), nextToken: page.nextToken };
}
