/**
 * Marks one of the caller's own notifications read (keyed by the caller, so never someone else's)
 * and takes it out of the UnreadNotifications index.
 */
import { util, type Context } from '@aws-appsync/utils';
import { operations, update } from '@aws-appsync/utils/dynamodb';
import type { MutationMarkNotificationReadArgs } from '../../../domain/generated/graphql.ts';
import { type NotificationRow } from '../../../domain/notifications/model/notifications.ts';
import { notificationItemKey } from '../../../domain/notifications/model/keys.ts';
import { callerUserId } from '../../lib/caller.ts';
import { fail, failOnDataSourceError } from '../../lib/errors.ts';
import { requireEntityId } from '../../lib/ids.ts';
import type { PipelineStash } from '../../lib/stash.ts';

export function request(ctx: Context<MutationMarkNotificationReadArgs, PipelineStash>) {
  const id = requireEntityId(ctx.args.id, 'id');
  return update<NotificationRow>({
    key: { TenantId: ctx.stash.scope.tenantKey, EntityItem: notificationItemKey(callerUserId(ctx), id) },
    update: { readAt: util.time.nowISO8601(), UnreadKey: operations.remove() },
    condition: { EntityItem: { attributeExists: true } },
  });
}

export function response(ctx: Context<MutationMarkNotificationReadArgs, PipelineStash>): NotificationRow {
  if (ctx.error?.type === 'DynamoDB:ConditionalCheckFailedException') fail('NOT_FOUND', `You have no notification ${ctx.args.id}.`);
  failOnDataSourceError(ctx);
  return ctx.result as NotificationRow;
}
