/**
 * Keys of the notifications module (PIM table). Each notification sits under its recipient
 * (`NOTIF#<user>#<ulid>`): an inbox is one Query, newest first, and a busy tenant's writes spread
 * over its users' key ranges instead of all landing at the end of one.
 */
export const NOTIFICATION_PREFIXES = {
  notification: 'NOTIF#',
} as const;

/** Sort-key prefix of one user's notifications. */
export function inboxPrefix(userId: string): string {
  return `${NOTIFICATION_PREFIXES.notification}${userId}#`;
}

export function notificationItemKey(userId: string, notificationId: string): string {
  return `${inboxPrefix(userId)}${notificationId}`;
}
