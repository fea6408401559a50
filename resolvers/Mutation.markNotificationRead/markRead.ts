/** Marks one of the caller's own notifications read (keyed by the caller, so never someone else's). */
import { util, type Context } from '@aws-appsync/utils';
import { update } from '@aws-appsync/utils/dynamodb';
import type { MutationMarkNotificationReadArgs } from '../../domain/generated/graphql.ts';
import { isValidEntityId } from '../../domain/keys.ts';
import { notificationItemKey, type NotificationRow } from '../../domain/notifications.ts';
import { callerUserId } from '../lib/caller.ts';
import { fail, failOnDataSourceError } from '../lib/errors.ts';
import type { PipelineStash } from '../lib/stash.ts';

export function request(ctx: Context<MutationMarkNotificationReadArgs, PipelineStash>) {
  if (!isValidEntityId(ctx.args.id)) fail('VALIDATION_ERROR', 'id must be 1-64 letters, digits, "-" or "_".');
  return update<NotificationRow>({
    key: { TenantId: ctx.stash.scope.tenantKey, EntityItem: notificationItemKey(callerUserId(ctx), ctx.args.id) },
    update: { readAt: util.time.nowISO8601() },
    condition: { EntityItem: { attributeExists: true } },
  });
}

export function response(ctx: Context<MutationMarkNotificationReadArgs, PipelineStash>): NotificationRow {
  if (ctx.error?.type === 'DynamoDB:ConditionalCheckFailedException') fail('NOT_FOUND', `You have no notification ${ctx.args.id}.`);
  failOnDataSourceError(ctx);
  return ctx.result as NotificationRow;
}
