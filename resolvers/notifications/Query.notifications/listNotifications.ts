/**
 * The caller's inbox, newest first (notification ids are time-ordered ULIDs). Unread ones come
 * from the sparse UnreadNotifications index, so every page is full: a filter applied after
 * DynamoDB's Limit would answer short or empty pages.
 */
import type { Context, DynamoDBQueryRequest } from '@aws-appsync/utils';
import type { QueryNotificationsArgs } from '../../../domain/generated/graphql.ts';
import { type NotificationRow } from '../../../domain/notifications/model/notifications.ts';
import { inboxPrefix, UNREAD_NOTIFICATIONS_INDEX, unreadPrefix } from '../../../domain/notifications/model/keys.ts';
import { callerUserId } from '../../lib/caller.ts';
import { newestUnderPrefix, pageOf } from '../../lib/pages.ts';
import type { PipelineStash } from '../../lib/stash.ts';

export function request(ctx: Context<QueryNotificationsArgs, PipelineStash>): DynamoDBQueryRequest {
  const { limit, nextToken, unreadOnly } = ctx.args;
  const userId = callerUserId(ctx);
  const tenant = ctx.stash.scope.tenantKey;
  return unreadOnly
    ? newestUnderPrefix(tenant, unreadPrefix(userId), limit, nextToken, UNREAD_NOTIFICATIONS_INDEX)
    : newestUnderPrefix(tenant, inboxPrefix(userId), limit, nextToken);
}

export function response(ctx: Context<QueryNotificationsArgs, PipelineStash>) {
  return pageOf<NotificationRow>(ctx);
}
