/** Notifications: each user's inbox, pushed live to subscribers. */
import { defineModule } from '../module.ts';

export const notifications = defineModule({
  module: 'notifications',
  functions: {
    checkRecipient: { source: 'notifications/Mutation.publishNotification/checkRecipient.ts', table: 'PIM' },
    putNotification: { source: 'notifications/Mutation.publishNotification/putNotification.ts', table: 'PIM' },
    listNotifications: { source: 'notifications/Query.notifications/listNotifications.ts', table: 'PIM' },
    markNotificationRead: { source: 'notifications/Mutation.markNotificationRead/markRead.ts', table: 'PIM' },
  },
  pipelines: {
    'Mutation.publishNotification': ['checkRecipient', 'putNotification'],
    'Query.notifications': ['listNotifications'],
    'Mutation.markNotificationRead': ['markNotificationRead'],
  },
  // A subscription's resolver only sets its filters: no tenant data, so no tenantScope.
  units: [{ field: 'Subscription.onNotification', source: 'notifications/Subscription.onNotification/onNotification.ts' }],
});
