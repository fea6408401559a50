/** The signed-in employee's daily records of a month (one key range: `ATT#<employee>#<YYYY-MM>`). */
import { util, type Context, type DynamoDBQueryRequest } from '@aws-appsync/utils';
import { employeeRecordsPrefix } from '../../../domain/attendance/model/keys.ts';
import { dayView, isMonth, type DailyRecordRow } from '../../../domain/attendance/model/records.ts';
import type { QueryMyAttendanceArgs } from '../../../domain/generated/graphql.ts';
import { isValidEntityId } from '../../../domain/model/keys.ts';
import { callerContext } from '../../lib/caller.ts';
import { fail, failOnDataSourceError } from '../../lib/errors.ts';
import { NOT_LINKED } from '../caller.ts';
import type { AttendanceStash } from '../stash.ts';

export function request(ctx: Context<QueryMyAttendanceArgs, AttendanceStash>): DynamoDBQueryRequest {
  const own = callerContext(ctx)?.employeeId;
  if (!isValidEntityId(own)) return fail('UNAUTHORIZED_ACCESS', NOT_LINKED);
  if (!isMonth(ctx.args.month)) return fail('VALIDATION_ERROR', 'month must be a month such as 2027-03.', { fields: [{ field: 'month', message: 'must be a month YYYY-MM' }] });
  return {
    operation: 'Query',
    query: {
      expression: '#tenant = :tenant AND begins_with(#item, :prefix)',
      expressionNames: { '#tenant': 'TenantId', '#item': 'EntityItem' },
      expressionValues: util.dynamodb.toMapValues({ ':tenant': ctx.stash.scope.tenantKey, ':prefix': employeeRecordsPrefix(own, ctx.args.month) }),
    },
    // A month has at most 31 records.
    limit: 31,
    consistentRead: true,
  };
}

export function response(ctx: Context<QueryMyAttendanceArgs, AttendanceStash>): null {
  failOnDataSourceError(ctx);
  ctx.stash.days = ((ctx.result as { items: DailyRecordRow[] }).items ?? []).map(dayView);
  return null;
}
