/* Generated from schema.graphql by `npm run codegen`. Do not edit. */
/** Every operation of schema.graphql as `Type.field`. */
export const OPERATIONS = [
  'Mutation.amendContract',
  'Mutation.cancelJob',
  'Mutation.createEmployee',
  'Mutation.createJob',
  'Mutation.deleteEmployee',
  'Mutation.markNotificationRead',
  'Mutation.publishNotification',
  'Mutation.requestDocumentUpload',
  'Mutation.retryJob',
  'Mutation.startContract',
  'Mutation.terminateContract',
  'Mutation.updateEmployee',
  'Query.documentDownloadUrl',
  'Query.employee',
  'Query.employeeContracts',
  'Query.employeeDocuments',
  'Query.employees',
  'Query.job',
  'Query.jobs',
  'Query.notifications',
  'Query.reports',
  'Subscription.onNotification'
] as const;

export type Operation = (typeof OPERATIONS)[number];
