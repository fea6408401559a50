/**
 * Keys of the notifications module (PIM table). Each notification sits under its recipient
 * (`NOTIF#<user>#<ulid>`): an inbox is one Query, newest first, and a busy tenant's writes spread
 * over its users' key ranges instead of all landing at the end of one.
 */
import { TENANT_KEY, type IndexDeclaration } from '../../model/keys.ts';

export const NOTIFICATION_PREFIXES = {
  notification: 'NOTIF#',
} as const;

/**
 * Sparse: a notification carries `UnreadKey` (`<user>#<ulid>`) from its publication until it is
 * marked read, so a user's unread ones are one Query whose pages are always full.
 */
export const UNREAD_NOTIFICATIONS_INDEX: IndexDeclaration = {
  name: 'UnreadNotifications',
  kind: 'GSI',
  partitionKey: TENANT_KEY,
  sortKey: { name: 'UnreadKey', type: 'S' },
  projection: 'ALL',
};

/** Sort-key prefix of one user's notifications. */
export function inboxPrefix(userId: string): string {
  return `${NOTIFICATION_PREFIXES.notification}${userId}#`;
}

export function notificationItemKey(userId: string, notificationId: string): string {
  return `${inboxPrefix(userId)}${notificationId}`;
}

/** Prefix of one user's entries in the UnreadNotifications index. */
export function unreadPrefix(userId: string): string {
  return `${userId}#`;
}

/** `UnreadKey` of an unread notification: its user, then its time-ordered id. */
export function unreadKey(userId: string, notificationId: string): string {
  return `${unreadPrefix(userId)}${notificationId}`;
}
