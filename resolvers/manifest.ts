/**
 * The resolver manifest: every data source, pipeline function and resolver of the API, declared
 * once. The local AppSync runtime and the CDK app both wire the API from this file.
 */
import { FIELD_GROUPS } from '../domain/authorization.ts';
import type { LambdaId } from '../domain/lambdas.ts';
import type { Stage } from '../domain/stage.ts';
import { TABLE_IDS, tableEnvName, tableName, type TableId } from '../domain/tables.ts';

/** AppSync's JavaScript runtime for every resolver and function. */
export const APPSYNC_JS_RUNTIME = { name: 'APPSYNC_JS', runtimeVersion: '1.0.0' } as const;

export type DataSourceDeclaration =
  | { readonly kind: 'AMAZON_DYNAMODB'; readonly table: TableId }
  | { readonly kind: 'AWS_LAMBDA'; readonly lambda: LambdaId }
  | { readonly kind: 'NONE' };

export interface FunctionDeclaration {
  /** Source file under resolvers/, bundled to dist/resolvers/<same path>.js. */
  readonly source: string;
  readonly dataSource: DataSourceName;
}

export interface ResolverDeclaration {
  readonly typeName: 'Query' | 'Mutation' | 'Subscription' | (string & {});
  readonly fieldName: string;
  readonly kind: 'UNIT' | 'PIPELINE';
  /** Source file under resolvers/ with the resolver's request/response handlers. */
  readonly source: string;
  /** UNIT only: the data source the handlers talk to. */
  readonly dataSource?: DataSourceName;
  /** PIPELINE only: function names in execution order (AppSync allows at most 10). */
  readonly functions?: readonly FunctionName[];
}

export const DATA_SOURCES = {
  None: { kind: 'NONE' },
  PimTable: { kind: 'AMAZON_DYNAMODB', table: 'PIM' },
  DocumentsLambda: { kind: 'AWS_LAMBDA', lambda: 'documents' },
  JobTable: { kind: 'AMAZON_DYNAMODB', table: 'TenantJob' },
  JobsLambda: { kind: 'AWS_LAMBDA', lambda: 'jobs' },
} as const satisfies Record<string, DataSourceDeclaration>;

export type DataSourceName = keyof typeof DATA_SOURCES;

export const FUNCTIONS = {
  tenantScope: { source: 'functions/tenantScope.ts', dataSource: 'None' },
  getEmployee: { source: 'functions/getEmployee.ts', dataSource: 'PimTable' },
  listEmployees: { source: 'Query.employees/listEmployees.ts', dataSource: 'PimTable' },
  createEmployee: { source: 'Mutation.createEmployee/createEmployee.ts', dataSource: 'PimTable' },
  updateEmployee: { source: 'Mutation.updateEmployee/updateEmployee.ts', dataSource: 'PimTable' },
  deleteEmployee: { source: 'Mutation.deleteEmployee/deleteEmployee.ts', dataSource: 'PimTable' },
  documentAccess: { source: 'functions/documentAccess.ts', dataSource: 'None' },
  listDocuments: { source: 'Query.employeeDocuments/listDocuments.ts', dataSource: 'PimTable' },
  presignUpload: { source: 'Mutation.requestDocumentUpload/presignUpload.ts', dataSource: 'DocumentsLambda' },
  presignDownload: { source: 'Query.documentDownloadUrl/presignDownload.ts', dataSource: 'DocumentsLambda' },
  putNotification: { source: 'Mutation.publishNotification/putNotification.ts', dataSource: 'PimTable' },
  listNotifications: { source: 'Query.notifications/listNotifications.ts', dataSource: 'PimTable' },
  markNotificationRead: { source: 'Mutation.markNotificationRead/markRead.ts', dataSource: 'PimTable' },
  listJobs: { source: 'Query.jobs/listJobs.ts', dataSource: 'JobTable' },
  getJob: { source: 'Query.job/getJob.ts', dataSource: 'JobTable' },
  listJobRuns: { source: 'Query.job/listJobRuns.ts', dataSource: 'JobTable' },
  jobCommand: { source: 'functions/jobCommand.ts', dataSource: 'JobsLambda' },
} as const satisfies Record<string, FunctionDeclaration>;

export type FunctionName = keyof typeof FUNCTIONS;

/** The shared before/after handlers of pipelines whose functions do all the work. */
const PIPELINE = 'pipeline.ts';

export const RESOLVERS: readonly ResolverDeclaration[] = [
  { typeName: 'Query', fieldName: 'employee', kind: 'PIPELINE', source: PIPELINE, functions: ['tenantScope', 'getEmployee'] },
  { typeName: 'Query', fieldName: 'employees', kind: 'PIPELINE', source: PIPELINE, functions: ['tenantScope', 'listEmployees'] },
  {
    typeName: 'Mutation',
    fieldName: 'createEmployee',
    kind: 'PIPELINE',
    source: PIPELINE,
    functions: ['tenantScope', 'createEmployee'],
  },
  {
    typeName: 'Mutation',
    fieldName: 'updateEmployee',
    kind: 'PIPELINE',
    source: PIPELINE,
    functions: ['tenantScope', 'getEmployee', 'updateEmployee'],
  },
  {
    typeName: 'Mutation',
    fieldName: 'deleteEmployee',
    kind: 'PIPELINE',
    source: PIPELINE,
    functions: ['tenantScope', 'getEmployee', 'deleteEmployee'],
  },
  {
    typeName: 'Query',
    fieldName: 'employeeDocuments',
    kind: 'PIPELINE',
    source: PIPELINE,
    functions: ['tenantScope', 'getEmployee', 'documentAccess', 'listDocuments'],
  },
  {
    typeName: 'Query',
    fieldName: 'documentDownloadUrl',
    kind: 'PIPELINE',
    source: PIPELINE,
    functions: ['tenantScope', 'getEmployee', 'documentAccess', 'presignDownload'],
  },
  {
    typeName: 'Mutation',
    fieldName: 'requestDocumentUpload',
    kind: 'PIPELINE',
    source: PIPELINE,
    functions: ['tenantScope', 'getEmployee', 'documentAccess', 'presignUpload'],
  },
  { typeName: 'Mutation', fieldName: 'publishNotification', kind: 'PIPELINE', source: PIPELINE, functions: ['tenantScope', 'putNotification'] },
  { typeName: 'Query', fieldName: 'notifications', kind: 'PIPELINE', source: PIPELINE, functions: ['tenantScope', 'listNotifications'] },
  { typeName: 'Mutation', fieldName: 'markNotificationRead', kind: 'PIPELINE', source: PIPELINE, functions: ['tenantScope', 'markNotificationRead'] },
  { typeName: 'Query', fieldName: 'jobs', kind: 'PIPELINE', source: PIPELINE, functions: ['tenantScope', 'listJobs'] },
  { typeName: 'Query', fieldName: 'job', kind: 'PIPELINE', source: PIPELINE, functions: ['tenantScope', 'getJob', 'listJobRuns'] },
  { typeName: 'Mutation', fieldName: 'createJob', kind: 'PIPELINE', source: PIPELINE, functions: ['tenantScope', 'jobCommand'] },
  { typeName: 'Mutation', fieldName: 'cancelJob', kind: 'PIPELINE', source: PIPELINE, functions: ['tenantScope', 'jobCommand'] },
  { typeName: 'Mutation', fieldName: 'retryJob', kind: 'PIPELINE', source: PIPELINE, functions: ['tenantScope', 'jobCommand'] },
  // A subscription's resolver only sets its filters: no tenant data, so no tenantScope.
  { typeName: 'Subscription', fieldName: 'onNotification', kind: 'UNIT', source: 'Subscription.onNotification.ts', dataSource: 'None' },
  ...restrictedFieldResolvers(),
];

/** Every restricted field gets the resolver that re-checks the caller's scope for its group. */
function restrictedFieldResolvers(): ResolverDeclaration[] {
  return Object.values(FIELD_GROUPS)
    .flat()
    .map((typeField) => {
      const [typeName, fieldName] = typeField.split('.') as [string, string];
      return { typeName, fieldName, kind: 'UNIT', source: 'Employee.restrictedField.ts', dataSource: 'None' } as const;
    });
}

/** The API's environment variables (`ctx.env`): each table's physical name for the stage. */
export function apiEnvironment(stage: Stage): Record<string, string> {
  return Object.fromEntries(TABLE_IDS.map((id) => [tableEnvName(id), tableName(id, stage)]));
}

/** Every resolver/function source file, each bundled once. */
export function resolverSources(): string[] {
  return [...new Set([...RESOLVERS.map((r) => r.source), ...Object.values(FUNCTIONS).map((f) => f.source)])].sort();
}

/** Where the build writes the bundle of a source file, relative to the repository root. */
export function bundlePath(source: string): string {
  return `dist/resolvers/${source.replace(/\.ts$/, '.js')}`;
}
