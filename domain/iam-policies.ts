/**
 * IAM policy documents of the product, produced by one set of functions: the CDK app attaches
 * exactly this output to its roles, and the local stack's IAM enforcement (local/iam) evaluates
 * the very same JSON. Plain data only: no SDK, no CDK, so both sides can import it.
 *
 * Isolation model (see docs/architecture.md, "Multi-tenancy"):
 * - tenant-scoped role: assumed per tenant with the session tag `tenantId`; DynamoDB item access
 *   only where every leading (partition) key is `TENANT#${aws:PrincipalTag/tenantId}`, S3 only under
 *   `tenants/${aws:PrincipalTag/tenantId}/`;
 * - system role: cross-tenant item access for system runners;
 * - AppSync data-source role: cross-tenant by nature (APPSYNC_JS resolvers cannot carry tenant
 *   credentials); the resolvers' `tenantScope` function and a runtime guard keep it to one tenant.
 *
 * Transactions: IAM has no `dynamodb:TransactWriteItems` / `dynamodb:TransactGetItems` actions.
 * DynamoDB authorises each element of a transaction through the item action it performs
 * (PutItem, UpdateItem, DeleteItem, ConditionCheckItem, GetItem), with `dynamodb:LeadingKeys` of that
 * item and `dynamodb:EnclosingOperation` = `TransactWriteItems` / `TransactGetItems`. Listing the item
 * actions below is therefore what grants transactions, and the tenant condition applies per item.
 */
import { STAGES, type Stage } from './model/stage.ts';
import { TABLE_IDS, TABLES, tableName, type TableId } from './model/tables.ts';
import { TENANT_KEY_PREFIX } from './model/keys.ts';

/** One statement of an IAM policy document. */
export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Principal?: { AWS: string[] } | { Service: string[] };
  Action: string[];
  Resource?: string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

/** An IAM policy document as JSON. */
export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

/** Where the policies apply: every ARN is built from these. */
export interface PolicyScope {
  /** `aws` unless deploying to another partition (e.g. `aws-cn`). */
  partition?: string;
  region: string;
  accountId: string;
  stage: Stage;
}

/** The session tag that names a tenant-scoped session's tenant. */
export const TENANT_TAG_KEY = 'tenantId';

/** The policy variable resolving to the session's tenant, kept literal in every document. */
const TENANT_TAG = `\${aws:PrincipalTag/${TENANT_TAG_KEY}}`;

/**
 * Every DynamoDB item action a role of this product may be granted, listed explicitly: never
 * `dynamodb:*`, never Scan (it has no leading keys), never PartiQL (`dynamodb:PartiQL*`, which
 * `ExecuteStatement` and friends need). The transaction APIs are covered by these (see above).
 */
export const ITEM_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
] as const;

/** S3 object actions of tenant documents (payslips, photos, ...). */
const OBJECT_ACTIONS = ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'];

/** The tables holding tenant data: every pooled table except the system's TenantRegistry. */
export const TENANT_DATA_TABLES: readonly TableId[] = TABLE_IDS.filter((id) => id !== 'TenantRegistry');

/** Role names per stage; the CDK app names its roles with these, the local stack declares the same ARNs. */
export const ROLE_NAMES = {
  tenantScoped: (stage: Stage) => `OptimalHR-TenantScoped-${stage}`,
  system: (stage: Stage) => `OptimalHR-System-${stage}`,
  appSyncDataSource: (stage: Stage) => `OptimalHR-AppSyncDynamoDB-${stage}`,
} as const;

/** `arn:aws:iam::<account>:role/<name>`. */
export function roleArn(name: string, scope: Pick<PolicyScope, 'partition' | 'accountId'>): string {
  return `arn:${scope.partition ?? 'aws'}:iam::${scope.accountId}:role/${name}`;
}

/** `arn:aws:dynamodb:<region>:<account>:table/<physical name>`. */
export function tableArn(table: TableId, scope: PolicyScope): string {
  return `arn:${scope.partition ?? 'aws'}:dynamodb:${scope.region}:${scope.accountId}:table/${tableName(table, scope.stage)}`;
}

/** Table ARNs, plus `table/X/index/*` for tables that have indexes. */
function tableAndIndexArns(tables: readonly TableId[], scope: PolicyScope): { tables: string[]; indexes: string[] } {
  return {
    tables: tables.map((id) => tableArn(id, scope)),
    indexes: tables.filter((id) => TABLES[id].indexes.length > 0).map((id) => `${tableArn(id, scope)}/index/*`),
  };
}

/**
 * Every leading key must be the session's tenant key, AND there must be leading keys at all:
 * `ForAllValues` alone is vacuously true for requests without any (Scan, an empty batch).
 */
const TENANT_LEADING_KEYS_CONDITION: PolicyStatement['Condition'] = {
  'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [`${TENANT_KEY_PREFIX}${TENANT_TAG}`] },
  Null: { 'dynamodb:LeadingKeys': 'false' },
};

function document(...statements: PolicyStatement[]): PolicyDocument {
  return { Version: '2012-10-17', Statement: statements };
}

/** Options of {@link tenantScopedRolePolicy}. */
export interface TenantScopedPolicyOptions extends PolicyScope {
  /** The documents bucket (keys `tenants/<tenantId>/...`). */
  documentsBucket: string;
}

/**
 * The identity policy of the tenant-scoped role that Lambda resolvers and per-tenant runners
 * assume with the session tag `tenantId`: item actions on every tenant-data table of the stage
 * (Query also on their indexes) limited to the tenant's leading key, and the tenant's S3 prefix.
 * Nothing on TenantRegistry, no Scan, no PartiQL.
 *
 * Index queries are allowed only with a tenant leading key too, so an index whose partition key is
 * not `TenantId` (TenantJob's `DueJobs`, the picker's cross-tenant index) stays out of reach.
 */
export function tenantScopedRolePolicy(options: TenantScopedPolicyOptions): PolicyDocument {
  const { tables, indexes } = tableAndIndexArns(TENANT_DATA_TABLES, options);
  const bucketArn = `arn:${options.partition ?? 'aws'}:s3:::${options.documentsBucket}`;
  const prefix = `tenants/${TENANT_TAG}/`;
  return document(
    { Sid: 'TenantItems', Effect: 'Allow', Action: [...ITEM_ACTIONS], Resource: tables, Condition: TENANT_LEADING_KEYS_CONDITION },
    { Sid: 'TenantIndexQueries', Effect: 'Allow', Action: ['dynamodb:Query'], Resource: indexes, Condition: TENANT_LEADING_KEYS_CONDITION },
    { Sid: 'TenantObjects', Effect: 'Allow', Action: OBJECT_ACTIONS, Resource: [`${bucketArn}/${prefix}*`] },
    {
      Sid: 'ListTenantPrefix',
      Effect: 'Allow',
      Action: ['s3:ListBucket'],
      Resource: [bucketArn],
      // A listing without a prefix has no s3:prefix, so StringLike fails and the bucket root stays closed.
      Condition: { StringLike: { 's3:prefix': [`${prefix}*`] } },
    },
  );
}

/**
 * The trust policy of the tenant-scoped role: the given principals (Lambda execution roles,
 * runner roles) may assume it only while tagging the session with `tenantId`, and with no other tag
 * (a caller cannot smuggle in tags that later policies might trust). `sts:TagSession` must be allowed
 * alongside `sts:AssumeRole` for session tags to be accepted at all.
 */
export function tenantScopedRoleTrustPolicy(trustedPrincipalArns: readonly string[]): PolicyDocument {
  if (trustedPrincipalArns.length === 0) throw new Error('tenantScopedRoleTrustPolicy needs at least one trusted principal');
  return document({
    Sid: 'AssumeWithTenantTag',
    Effect: 'Allow',
    Principal: { AWS: [...trustedPrincipalArns] },
    Action: ['sts:AssumeRole', 'sts:TagSession'],
    Condition: {
      // Present and non-empty; aws:TagKeys alone would be vacuously true for an untagged request.
      Null: { [`aws:RequestTag/${TENANT_TAG_KEY}`]: 'false' },
      StringLike: { [`aws:RequestTag/${TENANT_TAG_KEY}`]: '?*' },
      'ForAllValues:StringEquals': { 'aws:TagKeys': [TENANT_TAG_KEY] },
    },
  });
}

/** Options of {@link systemRolePolicy}. */
export interface SystemPolicyOptions extends PolicyScope {
  /** The documents bucket; omitted = no S3 statements. */
  documentsBucket?: string;
}

/**
 * The identity policy of system runners (JobPicker, AttGen-System, onboarding): item actions on
 * every table of the stage, TenantRegistry included, across all tenants. Still no Scan (the
 * registry lists tenants through its `ByItem` index) and no PartiQL.
 */
export function systemRolePolicy(options: SystemPolicyOptions): PolicyDocument {
  const { tables, indexes } = tableAndIndexArns(TABLE_IDS, options);
  const statements: PolicyStatement[] = [
    { Sid: 'AllTenantItems', Effect: 'Allow', Action: [...ITEM_ACTIONS], Resource: tables },
    { Sid: 'AllIndexQueries', Effect: 'Allow', Action: ['dynamodb:Query'], Resource: indexes },
  ];
  if (options.documentsBucket !== undefined) {
    const bucketArn = `arn:${options.partition ?? 'aws'}:s3:::${options.documentsBucket}`;
    statements.push(
      { Sid: 'AllTenantObjects', Effect: 'Allow', Action: OBJECT_ACTIONS, Resource: [`${bucketArn}/tenants/*`] },
      { Sid: 'ListTenants', Effect: 'Allow', Action: ['s3:ListBucket'], Resource: [bucketArn] },
    );
  }
  return document(...statements);
}

/**
 * The identity policy of the pre-token-generation trigger, which serves every stage: it reads a
 * tenant's record in each stage's registry (GetItem only) to find the stage of the signing-in app
 * client. `scope.stage` is ignored; the tables of all stages are named.
 */
export function preTokenGenerationPolicy(scope: Omit<PolicyScope, 'stage'>): PolicyDocument {
  return document({
    Sid: 'ReadEveryStageRegistry',
    Effect: 'Allow',
    Action: ['dynamodb:GetItem'],
    Resource: STAGES.map((stage) => tableArn('TenantRegistry', { ...scope, stage })),
  });
}

/** Cognito actions of the control plane on tenants' pools (any pool: pools are made at onboarding). */
export const CONTROL_PLANE_POOL_ACTIONS = [
  'cognito-idp:CreateUserPoolClient',
  'cognito-idp:ListUserPoolClients',
  'cognito-idp:AdminCreateUser',
  'cognito-idp:AdminGetUser',
  'cognito-idp:AdminDeleteUser',
  'cognito-idp:DeleteUserPool',
  // A tenant's users (domain/tenancy/user-admin.ts).
  'cognito-idp:AdminDisableUser',
  'cognito-idp:AdminEnableUser',
  'cognito-idp:ListUsers',
] as const;

/**
 * The identity policy of the control plane (the tenancy Lambda, onboarding): create and find
 * pools (CreateUserPool and ListUserPools take no resource), act on any tenant pool, create policy
 * stores (no resource) and fill or delete any store, and keep the stage's registry (workflow items,
 * records, memberships) and the tenants' directory entries in PIM. No Scan, no tenant data beyond
 * the directory entry it writes.
 */
export function controlPlanePolicy(scope: PolicyScope): PolicyDocument {
  const partition = scope.partition ?? 'aws';
  return document(
    { Sid: 'CreateAndFindPools', Effect: 'Allow', Action: ['cognito-idp:CreateUserPool', 'cognito-idp:ListUserPools'], Resource: ['*'] },
    { Sid: 'TenantPools', Effect: 'Allow', Action: [...CONTROL_PLANE_POOL_ACTIONS], Resource: [`arn:${partition}:cognito-idp:${scope.region}:${scope.accountId}:userpool/*`] },
    { Sid: 'CreatePolicyStores', Effect: 'Allow', Action: ['verifiedpermissions:CreatePolicyStore'], Resource: ['*'] },
    {
      Sid: 'FillPolicyStores',
      Effect: 'Allow',
      Action: [
        'verifiedpermissions:PutSchema',
        'verifiedpermissions:CreatePolicyTemplate',
        'verifiedpermissions:CreatePolicy',
        'verifiedpermissions:DeletePolicyStore',
        // Users' template links (SelfService): found, made and removed.
        'verifiedpermissions:ListPolicyTemplates',
        'verifiedpermissions:ListPolicies',
        'verifiedpermissions:DeletePolicy',
      ],
      Resource: [`arn:${partition}:verifiedpermissions::${scope.accountId}:policy-store/*`],
    },
    {
      Sid: 'Registry',
      Effect: 'Allow',
      Action: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:ConditionCheckItem'],
      Resource: [tableArn('TenantRegistry', scope)],
    },
    // The tenant's directory entries and status marker, and the employee's user link; reads to count users and admins and to check an employee exists.
    { Sid: 'TenantDirectory', Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'], Resource: [tableArn('PIM', scope)] },
  );
}

/** A resolver data source as the manifest declares it (structural, so domain/ needs no import of resolvers/). */
export interface DataSourceLike {
  readonly kind: string;
  readonly table?: TableId;
}

/** The tables the manifest's DynamoDB data sources reach, each once: `dataSourceTables(DATA_SOURCES)`. */
export function dataSourceTables(dataSources: Readonly<Record<string, DataSourceLike>>): TableId[] {
  const tables = Object.values(dataSources).flatMap((ds) => (ds.kind === 'AMAZON_DYNAMODB' && ds.table ? [ds.table] : []));
  return [...new Set(tables)].sort();
}

/** Options of {@link appSyncDataSourcePolicy}. */
export interface AppSyncDataSourcePolicyOptions extends PolicyScope {
  /** Tables of the API's DynamoDB data sources: `dataSourceTables(DATA_SOURCES)`. */
  tables: readonly TableId[];
}

/**
 * The identity policy of the AppSync DynamoDB data-source role: item actions on the data sources'
 * tables and Query on their indexes; the same actions grant the transactions resolvers run
 * (TransactWriteItems / TransactGetItems authorise per item). Cross-tenant by nature: AppSync
 * signs with this one role whatever the caller, so tenant isolation for resolvers rests on the
 * `tenantScope` pipeline function plus the runtime guard, not on this policy.
 */
export function appSyncDataSourcePolicy(options: AppSyncDataSourcePolicyOptions): PolicyDocument {
  if (options.tables.length === 0) throw new Error('appSyncDataSourcePolicy needs at least one table');
  const { tables, indexes } = tableAndIndexArns(options.tables, options);
  const statements: PolicyStatement[] = [{ Sid: 'DataSourceItems', Effect: 'Allow', Action: [...ITEM_ACTIONS], Resource: tables }];
  if (indexes.length > 0) statements.push({ Sid: 'DataSourceIndexQueries', Effect: 'Allow', Action: ['dynamodb:Query'], Resource: indexes });
  return document(...statements);
}
