/** The caller's inbox, newest first (notification ids are time-ordered ULIDs). */
import { util, type Context, type DynamoDBQueryRequest } from '@aws-appsync/utils';
import { EMPLOYEE_PAGE } from '../../domain/employee.ts';
import type { QueryNotificationsArgs } from '../../domain/generated/graphql.ts';
import { inboxPrefix, type NotificationRow } from '../../domain/notifications.ts';
import { fail, failOnDataSourceError } from '../lib/errors.ts';
import type { PipelineStash } from '../lib/stash.ts';
import { callerUserId } from '../lib/caller.ts';

export function request(ctx: Context<QueryNotificationsArgs, PipelineStash>): DynamoDBQueryRequest {
  const limit = ctx.args.limit ?? EMPLOYEE_PAGE.defaultLimit;
  if (limit < 1 || limit > EMPLOYEE_PAGE.maxLimit) {
    const message = `must be between 1 and ${EMPLOYEE_PAGE.maxLimit}`;
    fail('VALIDATION_ERROR', `limit ${message}.`, { fields: [{ field: 'limit', message }] });
  }
  const query: DynamoDBQueryRequest = {
    operation: 'Query',
    query: {
      expression: '#tenant = :tenant AND begins_with(#item, :prefix)',
      expressionNames: { '#tenant': 'TenantId', '#item': 'EntityItem' },
      expressionValues: util.dynamodb.toMapValues({ ':tenant': ctx.stash.scope.tenantKey, ':prefix': inboxPrefix(callerUserId(ctx)) }),
    },
    limit,
    scanIndexForward: false,
  };
  if (ctx.args.unreadOnly) query.filter = { expression: 'attribute_not_exists(#read) OR #read = :null', expressionNames: { '#read': 'readAt' }, expressionValues: util.dynamodb.toMapValues({ ':null': null }) };
  if (ctx.args.nextToken) query.nextToken = ctx.args.nextToken;
  return query;
}

export function response(ctx: Context<QueryNotificationsArgs, PipelineStash>) {
  failOnDataSourceError(ctx);
  const result = ctx.result as { items: NotificationRow[]; nextToken?: string | null };
  return { items: result.items, nextToken: result.nextToken ?? null };
}
