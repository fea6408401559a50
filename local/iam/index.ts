/**
 * Local STS + IAM enforcement for the local stack.
 *
 * Design: the local DynamoDB runs in a child process (local/dynamodb). Its gateway loads
 * `hook.ts` as a request hook module; that module starts the local STS in the same child, and
 * both share one in-memory credential store. STS issues tagged sessions for the roles declared
 * here; every DynamoDB call is SigV4-verified against the store and evaluated against its role's
 * policy JSON (from domain/iam-policies.ts, the very documents the CDK app attaches) with
 * iam-simulate. Service keys (the stack's long-term key, an AppSync data-source key) act as
 * sessions of their own roles and are evaluated the same way.
 *
 * ```ts
 * const iam = localIamConfig({ stage, region, accountId, documentsBucket, internal: credentials, appSyncTables: dataSourceTables(DATA_SOURCES) });
 * const dynamo = await startLocalDynamoWithIam({ iam, path });
 * process.env.AWS_ENDPOINT_URL_STS = dynamo.stsEndpoint;
 * process.env.TENANT_ROLE_ARN = iam.roleArns.tenantScoped;
 * ```
 */
import { fileURLToPath } from 'node:url';
import {
  appSyncDataSourcePolicy,
  preTokenGenerationPolicy,
  ROLE_NAMES,
  roleArn,
  systemRolePolicy,
  tableArn,
  tenantScopedRolePolicy,
  tenantScopedRoleTrustPolicy,
  type PolicyDocument,
} from '../../domain/iam-policies.ts';
import type { Stage } from '../../domain/model/stage.ts';
import { TABLE_IDS, type TableId } from '../../domain/model/tables.ts';
import { startLocalDynamo, type LocalDynamo, type LocalDynamoOptions } from '../dynamodb/index.ts';
import type { LocalIamConfig, LocalRole, LocalServiceCredential } from './config.ts';

export type { LocalIamConfig, LocalRole, LocalServiceCredential, LocalSession } from './config.ts';

/** The request-hook module to pass to `startLocalDynamo` (absolute path). */
export const IAM_HOOK_MODULE = fileURLToPath(new URL('./hook.ts', import.meta.url));

/** Name of the role the stack's own long-term key acts as (already used for AppSync IAM auth). */
export function internalRoleName(stage: Stage): string {
  return `OptimalHR-Internal-${stage}`;
}

/** A long-term key pair. */
export interface KeyPair {
  accessKeyId: string;
  secretAccessKey: string;
}

/** Options of {@link localIamConfig}. */
export interface LocalIamStackOptions {
  stage: Stage;
  region: string;
  accountId: string;
  /** The documents bucket (S3 statements of the tenant-scoped role). */
  documentsBucket: string;
  /**
   * The stack's long-term key. It acts as the internal role: the in-process Lambdas' execution
   * role and the stack's own bootstrap (tables, onboarding), so its policy is the system policy
   * plus table management; it is the principal trusted to assume the tenant-scoped role.
   */
  internal: KeyPair;
  /** A key for the AppSync DynamoDB data source; omitted = the data source keeps the internal key. */
  appSync?: KeyPair;
  /** Tables of the API's DynamoDB data sources: `dataSourceTables(DATA_SOURCES)`. */
  appSyncTables: readonly TableId[];
  /** Fixed STS port; default any free port. */
  stsPort?: number;
  /** Serve the documents bucket from a local S3 under the same IAM; `folder` keeps its files (omitted = temporary). */
  s3?: { folder?: string };
  logLevel?: LocalIamConfig['logLevel'];
}

/** The ARNs of the declared roles. */
export interface LocalRoleArns {
  internal: string;
  tenantScoped: string;
  appSyncDataSource: string;
}

/**
 * Local-only: what the stack's bootstrap needs besides item access (create and describe the
 * stage's tables). On AWS, CloudFormation creates tables, so no deployed role carries this.
 */
export function localBootstrapPolicy(scope: { region: string; accountId: string; stage: Stage }): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'ManageStageTables',
        Effect: 'Allow',
        Action: ['dynamodb:CreateTable', 'dynamodb:DescribeTable', 'dynamodb:UpdateTable', 'dynamodb:DescribeTimeToLive', 'dynamodb:UpdateTimeToLive'],
        Resource: TABLE_IDS.map((id) => tableArn(id, scope)),
      },
      { Sid: 'ListTables', Effect: 'Allow', Action: ['dynamodb:ListTables'], Resource: ['*'] },
    ],
  };
}

/** The local IAM configuration of a stack: its roles, their policies, and its service keys. */
export function localIamConfig(options: LocalIamStackOptions): LocalIamConfig & { roleArns: LocalRoleArns } {
  const scope = { region: options.region, accountId: options.accountId, stage: options.stage };
  const roleArns: LocalRoleArns = {
    internal: roleArn(internalRoleName(options.stage), scope),
    tenantScoped: roleArn(ROLE_NAMES.tenantScoped(options.stage), scope),
    appSyncDataSource: roleArn(ROLE_NAMES.appSyncDataSource(options.stage), scope),
  };
  const roles: LocalRole[] = [
    {
      arn: roleArns.internal,
      policies: [
        systemRolePolicy({ ...scope, documentsBucket: options.documentsBucket }),
        // The in-process pre-token-generation trigger runs with this key too; deployed it has a role of its own.
        preTokenGenerationPolicy(scope),
        localBootstrapPolicy(scope),
        { Version: '2012-10-17', Statement: [{ Sid: 'AssumeTenantScoped', Effect: 'Allow', Action: ['sts:AssumeRole', 'sts:TagSession'], Resource: [roleArns.tenantScoped] }] },
      ],
    },
    {
      arn: roleArns.tenantScoped,
      policies: [tenantScopedRolePolicy({ ...scope, documentsBucket: options.documentsBucket })],
      trustPolicy: tenantScopedRoleTrustPolicy([roleArns.internal]),
    },
    { arn: roleArns.appSyncDataSource, policies: [appSyncDataSourcePolicy({ ...scope, tables: options.appSyncTables })] },
  ];
  const services: LocalServiceCredential[] = [{ ...options.internal, roleArn: roleArns.internal, sessionName: 'local-stack' }];
  if (options.appSync) services.push({ ...options.appSync, roleArn: roleArns.appSyncDataSource, sessionName: 'appsync' });
  return {
    region: options.region,
    accountId: options.accountId,
    roles,
    services,
    roleArns,
    ...(options.stsPort === undefined ? {} : { stsPort: options.stsPort }),
    ...(options.logLevel === undefined ? {} : { logLevel: options.logLevel }),
    ...(options.s3 ? { s3: { buckets: [options.documentsBucket], ...(options.s3.folder ? { folder: options.s3.folder } : {}) } } : {}),
  };
}

/** The options that make `startLocalDynamo` enforce IAM and serve STS. */
export function iamDynamoOptions(iam: LocalIamConfig): Pick<LocalDynamoOptions, 'requestHook' | 'hookOptions'> {
  // Only the JSON part travels (roleArns and other extras are dropped by structured clone anyway).
  return { requestHook: IAM_HOOK_MODULE, hookOptions: iam };
}

/** A local DynamoDB enforcing IAM, with its STS. */
export interface LocalDynamoWithIam extends LocalDynamo {
  /** The local STS, for `AWS_ENDPOINT_URL_STS`. */
  stsEndpoint: string;
  /** The local S3 gateway, for `AWS_ENDPOINT_URL_S3`, when the config asked for one. */
  s3Endpoint?: string;
}

/**
 * Starts the local DynamoDB (child process) with STS and IAM enforcement. `startLocalDynamo()`
 * without these options is unchanged: no hook, no STS.
 */
export async function startLocalDynamoWithIam(options: Omit<LocalDynamoOptions, 'requestHook' | 'hookOptions'> & { iam: LocalIamConfig }): Promise<LocalDynamoWithIam> {
  const { iam, ...rest } = options;
  const dynamo = await startLocalDynamo({ ...rest, ...iamDynamoOptions(iam) });
  const stsEndpoint = dynamo.hookEndpoints.sts;
  if (!stsEndpoint) {
    await dynamo.stop();
    throw new Error('local IAM hook did not report an STS endpoint');
  }
  // Assigned onto the object rather than spread into a copy: `pid` is a getter that follows restarts.
  return Object.assign(dynamo, { stsEndpoint, ...(dynamo.hookEndpoints.s3 ? { s3Endpoint: dynamo.hookEndpoints.s3 } : {}) });
}

/**
 * One IAM configuration for a stack that serves several stages: every stage's roles and service
 * keys side by side (each stage's keys act as its own roles), one S3 serving every stage's bucket.
 */
export function combineIamConfigs(configs: readonly LocalIamConfig[]): LocalIamConfig {
  const [first] = configs;
  if (!first) throw new Error('combineIamConfigs needs at least one configuration');
  const withS3 = configs.filter((config) => config.s3);
  return {
    ...first,
    roles: configs.flatMap((config) => config.roles),
    services: configs.flatMap((config) => config.services),
    ...(withS3.length > 0 ? { s3: { ...withS3[0]!.s3!, buckets: [...new Set(withS3.flatMap((config) => config.s3!.buckets))] } } : {}),
  };
}
