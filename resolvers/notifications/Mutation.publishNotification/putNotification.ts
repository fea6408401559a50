/**
 * Stores a notification in the recipient's inbox; AppSync then pushes it to onNotification
 * subscribers. A caller-chosen id that exists already fails the conditional put (CONFLICT), so a
 * retried publish is delivered once.
 */
import { util, type Context } from '@aws-appsync/utils';
import { put } from '@aws-appsync/utils/dynamodb';
import type { MutationPublishNotificationArgs } from '../../../domain/generated/graphql.ts';
import { newNotificationRow, validateNotification, type NotificationRow } from '../../../domain/notifications/model/notifications.ts';
import { fail, failOnDataSourceError, failOnProblems } from '../../lib/errors.ts';
import type { PipelineStash } from '../../lib/stash.ts';

export function request(ctx: Context<MutationPublishNotificationArgs, PipelineStash>) {
  failOnProblems(validateNotification(ctx.args.input));
  const row = newNotificationRow(ctx.stash.scope.tenantId, ctx.args.input.id ?? util.autoUlid(), ctx.args.input, util.time.nowISO8601());
  const { TenantId, EntityItem, ...item } = row;
  return put<NotificationRow>({ key: { TenantId, EntityItem }, item, condition: { EntityItem: { attributeExists: false } } });
}

export function response(ctx: Context<MutationPublishNotificationArgs, PipelineStash>): NotificationRow {
  if (ctx.error && ctx.error.type === 'DynamoDB:ConditionalCheckFailedException') {
    fail('CONFLICT', 'A notification with this id was published already; it is delivered once.');
  }
  failOnDataSourceError(ctx);
  return ctx.result as NotificationRow;
}
