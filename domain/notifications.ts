/**
 * Notifications: one user's inbox within their tenant. Written in the APPSYNC_JS subset
 * (resolver bundles include it).
 */
import type { FieldProblem } from './errors.ts';
import type { Notification, PublishNotificationInput } from './generated/graphql.ts';
import { tenantKey } from './keys.ts';

export const NOTIFICATION_ITEM_PREFIX = 'NOTIF#';

/** The stored item (PIM table): under the recipient, so their inbox is one Query, newest first. */
export type NotificationRow = Omit<Notification, '__typename'> & { TenantId: string; EntityItem: string };

/** Sort-key prefix of one user's notifications. */
export function inboxPrefix(userId: string): string {
  return `${NOTIFICATION_ITEM_PREFIX}${userId}#`;
}

export function notificationItemKey(userId: string, notificationId: string): string {
  return `${inboxPrefix(userId)}${notificationId}`;
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A ULID: 26 Crockford base32 characters, the first at most 7 (48-bit time). */
export function isUlid(id: unknown): id is string {
  if (typeof id !== 'string' || id.length !== 26) return false;
  return id.split('').every((c) => CROCKFORD.indexOf(c) >= 0) && id.charAt(0) <= '7';
}

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
  }
  return problems;
}

export function newNotificationRow(tenantId: string, notificationId: string, input: PublishNotificationInput, now: string): NotificationRow {
  return {
    TenantId: tenantKey(tenantId),
    EntityItem: notificationItemKey(input.recipientUserId, notificationId),
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
