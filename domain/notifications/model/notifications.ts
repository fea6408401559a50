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


/**
 * Where a notification's link may point: the product's own web app, over https (its host or a
 * subdomain of it). A link elsewhere would let whoever can publish send users to any site in the
 * product's name.
 */
export const PRODUCT_HOST = 'optimalhr.app';

const HOST_CHARACTERS = 'abcdefghijklmnopqrstuvwxyz0123456789.-';

/** Whether `link` is an https URL of the product (no credentials, no port, no spaces). APPSYNC_JS-safe: no URL class, no regex. */
export function isProductLink(link: string): boolean {
  const scheme = 'https://';
  if (!link.startsWith(scheme) || link.length > 2048) return false;
  const rest = link.slice(scheme.length);
  const slash = rest.indexOf('/');
  const host = slash < 0 ? rest : rest.slice(0, slash);
  if (host.length === 0 || host.split('').some((c) => HOST_CHARACTERS.indexOf(c) < 0) || host.indexOf('..') >= 0) return false;
  if (rest.split('').some((c) => c <= ' ' || c === '\\')) return false;
  return host === PRODUCT_HOST || host.endsWith(`.${PRODUCT_HOST}`);
}

export function validateNotification(input: PublishNotificationInput): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (input.id !== null && input.id !== undefined && !isUlid(input.id)) {
    problems.push({ field: 'id', message: 'must be a ULID (26 characters of Crockford base32, upper case)' });
  }
  const title = input.title.trim();
  if (title.length < 1 || title.length > 120) problems.push({ field: 'title', message: 'must be 1 to 120 characters' });
  if (input.body && input.body.length > 1000) problems.push({ field: 'body', message: 'must be at most 1000 characters' });
  if (input.link !== null && input.link !== undefined && !isProductLink(input.link)) {
    problems.push({ field: 'link', message: `must be an https URL of the product (https://${PRODUCT_HOST}/...)` });
  }
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
