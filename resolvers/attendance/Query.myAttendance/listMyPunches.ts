/**
 * The signed-in employee's punches of a month (by their calendar date in the employee's zone): the
 * key range of the month's instants, a day either side (zones are at most 14 hours from UTC),
 * filtered to the month's dates. Answers the month with the records listMyRecords read.
 */
import { util, type Context, type DynamoDBQueryRequest } from '@aws-appsync/utils';
import { punchBound } from '../../../domain/attendance/model/keys.ts';
import { datesOfMonth, punchView, type PunchRow } from '../../../domain/attendance/model/records.ts';
import type { QueryMyAttendanceArgs } from '../../../domain/generated/graphql.ts';
import { addDays } from '../../../domain/model/dates.ts';
import { callerContext } from '../../lib/caller.ts';
import { failOnDataSourceError } from '../../lib/errors.ts';
import type { AttendanceStash } from '../stash.ts';

export function request(ctx: Context<QueryMyAttendanceArgs, AttendanceStash>): DynamoDBQueryRequest {
  const own = `${callerContext(ctx)?.employeeId}`;
  const dates = datesOfMonth(ctx.args.month);
  return {
    operation: 'Query',
    query: {
      expression: '#tenant = :tenant AND #item BETWEEN :from AND :to',
      expressionNames: { '#tenant': 'TenantId', '#item': 'EntityItem' },
      expressionValues: util.dynamodb.toMapValues({
        ':tenant': ctx.stash.scope.tenantKey,
        ':from': punchBound(own, addDays(dates[0]!, -1)),
        ':to': punchBound(own, `${addDays(dates[dates.length - 1]!, 1)}~`),
      }),
    },
    filter: {
      expression: 'begins_with(#date, :month)',
      expressionNames: { '#date': 'localDate' },
      expressionValues: util.dynamodb.toMapValues({ ':month': ctx.args.month }),
    },
    consistentRead: true,
  };
}

export function response(ctx: Context<QueryMyAttendanceArgs, AttendanceStash>) {
  failOnDataSourceError(ctx);
  const punches = ((ctx.result as { items: PunchRow[] }).items ?? []).map(punchView);
  return { employeeId: `${callerContext(ctx)?.employeeId}`, month: ctx.args.month, days: ctx.stash.days ?? [], punches };
}
