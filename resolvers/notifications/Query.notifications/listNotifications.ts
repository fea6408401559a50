/** The caller's inbox, newest first (notification ids are time-ordered ULIDs). */
import { util, type Context, type DynamoDBQueryRequest } from '@aws-appsync/utils';
import type { QueryNotificationsArgs } from '../../../domain/generated/graphql.ts';
import { type NotificationRow } from '../../../domain/notifications/model/notifications.ts';
import { inboxPrefix } from '../../../domain/notifications/model/keys.ts';
import { callerUserId } from '../../lib/caller.ts';
import { newestUnderPrefix, pageOf } from '../../lib/pages.ts';
import type { PipelineStash } from '../../lib/stash.ts';

export function request(ctx: Context<QueryNotificationsArgs, PipelineStash>): DynamoDBQueryRequest {
  const query = newestUnderPrefix(ctx.stash.scope.tenantKey, inboxPrefix(callerUserId(ctx)), ctx.args.limit, ctx.args.nextToken);
  if (ctx.args.unreadOnly) {
    query.filter = {
      expression: 'attribute_not_exists(#read) OR #read = :null',
      expressionNames: { '#read': 'readAt' },
      expressionValues: util.dynamodb.toMapValues({ ':null': null }),
    };
  }
  return query;
}

export function response(ctx: Context<QueryNotificationsArgs, PipelineStash>) {
  return pageOf<NotificationRow>(ctx);
}
