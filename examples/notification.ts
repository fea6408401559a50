import type { Notification } from '../domain/generated/graphql.ts';

/** What the examples' subscription selects of a notification (the type comes from codegen). */
export type ReceivedNotification = Pick<Notification, 'id' | 'tenantId' | 'recipientUserId' | 'kind' | 'title' | 'body' | 'link' | 'createdAt'>;
