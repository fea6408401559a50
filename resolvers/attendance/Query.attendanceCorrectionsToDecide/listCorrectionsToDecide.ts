/** One page of the pending requests the caller may decide (PendingAttendanceCorrections, by management line), never their own. */
import { util, type Context, type DynamoDBQueryRequest } from '@aws-appsync/utils';
import { PENDING_CORRECTIONS } from '../../../domain/attendance/model/keys.ts';
import { correctionView, type CorrectionRow } from '../../../domain/attendance/model/records.ts';
import type { QueryAttendanceCorrectionsToDecideArgs } from '../../../domain/generated/graphql.ts';
import { isValidEntityId } from '../../../domain/model/keys.ts';
import { callerContext } from '../../lib/caller.ts';
import { pageOf, pageSize } from '../../lib/pages.ts';
import type { AttendanceStash } from '../stash.ts';

export function request(ctx: Context<QueryAttendanceCorrectionsToDecideArgs, AttendanceStash>): DynamoDBQueryRequest {
  const own = callerContext(ctx)?.employeeId;
  const query: DynamoDBQueryRequest = {
    operation: 'Query',
    index: PENDING_CORRECTIONS.name,
    query: {
      expression: '#tenant = :tenant AND begins_with(#pending, :prefix)',
      expressionNames: { '#tenant': 'TenantId', '#pending': PENDING_CORRECTIONS.sortKey!.name },
      expressionValues: util.dynamodb.toMapValues({ ':tenant': ctx.stash.scope.tenantKey, ':prefix': ctx.stash.decidable ?? '' }),
    },
    limit: pageSize(ctx.args.limit),
    scanIndexForward: true,
  };
  // HR admins see everything pending, their own requests aside.
  if (isValidEntityId(own)) {
    query.filter = { expression: '#employee <> :own', expressionNames: { '#employee': 'employeeId' }, expressionValues: util.dynamodb.toMapValues({ ':own': own }) };
  }
  if (ctx.args.nextToken) query.nextToken = ctx.args.nextToken;
  return query;
}

export function response(ctx: Context<QueryAttendanceCorrectionsToDecideArgs, AttendanceStash>) {
  const page = pageOf<CorrectionRow>(ctx);
  return { items: page.items.map(correctionView), nextToken: page.nextToken };
}
