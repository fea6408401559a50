/* Generated from schema.graphql by `npm run codegen`. Do not edit. */
/** Every operation of schema.graphql as `Type.field`. */
export const OPERATIONS = [
  'Mutation.createEmployee',
  'Mutation.deleteEmployee',
  'Mutation.markNotificationRead',
  'Mutation.publishNotification',
  'Mutation.requestDocumentUpload',
  'Mutation.updateEmployee',
  'Query.documentDownloadUrl',
  'Query.employee',
  'Query.employeeDocuments',
  'Query.employees',
  'Query.notifications',
  'Subscription.onNotification'
] as const;

export type Operation = (typeof OPERATIONS)[number];
