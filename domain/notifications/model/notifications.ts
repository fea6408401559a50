/**
 * Notifications: one user's inbox within their tenant. Written in the APPSYNC_JS subset
 * (resolver bundles include it).
 */
import type { FieldProblem } from '../../model/errors.ts';
import type { Notification, PublishNotificationInput } from '../../generated/graphql.ts';
import { isUlid, tenantKey } from '../../model/keys.ts';
import { notificationItemKey, unreadKey } from './keys.ts';

/**
 * The stored item (PIM table): under the recipient, so their inbox is one Query, newest first.
 * `UnreadKey` puts it in the UnreadNotifications index until it is read.
 */
export type NotificationRow = Omit<Notification, '__typename'> & { TenantId: string; EntityItem: string; UnreadKey?: string };


export function validateNotification(input: PublishNotificationInput): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (input.id !== null && input.id !== undefined && !isUlid(input.id)) {
    problems.push({ field: 'id', message: 'must be a ULID (26 characters of Crockford base32, upper case)' });
  }
  const title = input.title.trim();
  if (title.length < 1 || title.length > 120) problems.push({ field: 'title', message: 'must be 1 to 120 characters' });
  if (input.body && input.body.length > 1000) problems.push({ field: 'body', message: 'must be at most 1000 characters' });
  if (input.recipientUserId.trim().length < 1 || input.recipientUserId.length > 128) {
    problems.push({ field: 'recipientUserId', message: 'must be 1 to 128 characters' });
  } else if (input.recipientUserId.indexOf('#') >= 0) {
    // `#` ends the user's part of the inbox keys: "a#b" would read as user "a".
    problems.push({ field: 'recipientUserId', message: 'may not contain "#"' });
  }
  return problems;
}

export function newNotificationRow(tenantId: string, notificationId: string, input: PublishNotificationInput, now: string): NotificationRow {
  return {
    TenantId: tenantKey(tenantId),
    EntityItem: notificationItemKey(input.recipientUserId, notificationId),
    UnreadKey: unreadKey(input.recipientUserId, notificationId),
    id: notificationId,
    tenantId,
    recipientUserId: input.recipientUserId,
    kind: input.kind,
    title: input.title.trim(),
    body: input.body ?? null,
    link: input.link ?? null,
    createdAt: now,
    readAt: null,
  };
}
