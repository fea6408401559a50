/**
 * The stage's GraphQL API: AppSync with the Lambda authorizer as default mode and AWS_IAM for
 * internal callers; every data source, pipeline function and resolver of resolvers/manifest.ts
 * with its APPSYNC_JS bundle; the Lambda resolvers behind the manifest's Lambda data sources.
 */
import path from 'node:path';
import { Aws, CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as appsync from 'aws-cdk-lib/aws-appsync';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { appSyncDataSourcePolicy, controlPlanePolicy, dataSourceTables, ROLE_NAMES } from '../domain/iam-policies.ts';
import { LAMBDAS, type LambdaDeclaration, type LambdaId } from '../domain/lambdas.ts';
import type { Stage } from '../domain/model/stage.ts';
import { tableName, type TableId } from '../domain/model/tables.ts';
import { DECISION_TTL_SECONDS } from '../lambda-authorizer/authorizer.ts';
import {
  APPSYNC_JS_RUNTIME,
  apiEnvironment,
  bundlePath,
  DATA_SOURCES,
  FUNCTIONS,
  RESOLVERS,
  type DataSourceDeclaration,
  type DataSourceName,
  type FunctionName,
} from '../resolvers/manifest.ts';
import { ROOT } from '../scripts/build.ts';
import { BundledFunction } from './bundled-function.ts';
import { acknowledgeWildcards, attachDocument, deployedScope, findingScope, indexArns } from './iam.ts';
import { grantImpliedAccess } from './lambda-access.ts';
import { lambdaEnvironment, type EnvironmentValues } from './lambda-environment.ts';
import { stageSettings } from './stage-settings.ts';

export interface ApiStackProps extends StackProps {
  readonly stage: Stage;
  readonly tables: Readonly<Record<TableId, dynamodb.ITable>>;
  /** Values for the Lambdas' environments; the API's own URL is added here. */
  readonly environmentValues: EnvironmentValues;
}

/** The APPSYNC_JS runtime of the manifest, as CDK names it. */
export const RESOLVER_RUNTIME = new appsync.FunctionRuntime(appsync.FunctionRuntimeFamily.JS, APPSYNC_JS_RUNTIME.runtimeVersion);
if (RESOLVER_RUNTIME.name !== APPSYNC_JS_RUNTIME.name) throw new Error(`CDK's JS runtime is ${RESOLVER_RUNTIME.name}, the manifest's ${APPSYNC_JS_RUNTIME.name}`);

export class ApiStack extends Stack {
  readonly api: appsync.GraphqlApi;
  readonly authorizer: BundledFunction;
  /** The Lambdas behind the manifest's AWS_LAMBDA data sources. */
  readonly resolverFunctions: ReadonlyMap<LambdaId, BundledFunction>;
  /** Execution roles that assume the tenant-scoped role. */
  readonly tenantRoleUsers: iam.IRole[] = [];
  private readonly deploymentStage: Stage;
  private readonly registryTableArn: string;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { stage } = props;
    this.deploymentStage = stage;
    const settings = stageSettings(stage);

    this.authorizer = new BundledFunction(this, 'Authorizer', {
      lambdaId: 'authorizer',
      stage,
      environment: lambdaEnvironment('authorizer', props.environmentValues),
      // AppSync gives a Lambda authorizer 10 seconds.
      timeout: Duration.seconds(10),
      memorySize: 512,
    });
    const registry = props.tables.TenantRegistry;
    this.registryTableArn = registry.tableArn;
    this.authorizer.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        // The registry is listed through its indexes (Query), never scanned.
        actions: ['dynamodb:Query'],
        resources: indexArns(registry, 'TenantRegistry'),
      }),
    );
    this.authorizer.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['verifiedpermissions:BatchIsAuthorized'],
        resources: [`arn:${Aws.PARTITION}:verifiedpermissions::${Aws.ACCOUNT_ID}:policy-store/*`],
      }),
    );
    Validations.of(this.authorizer).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:verifiedpermissions::<AWS::AccountId>:policy-store/*]',
      reason: 'Each customer tenant gets its own policy store at onboarding, after deployment; the authorizer asks the store its registry record names, so the set of store ids is open. Only BatchIsAuthorized (a read-only decision) is granted.',
    });

    const logsRole = new iam.Role(this, 'ApiLogsRole', {
      assumedBy: new iam.ServicePrincipal('appsync.amazonaws.com'),
      description: `AppSync writes the ${stage} API's request logs`,
    });
    this.api = new appsync.GraphqlApi(this, 'Api', {
      name: `OptimalHR-${stage}`,
      definition: appsync.Definition.fromFile(path.join(ROOT, 'schema.graphql')),
      authorizationConfig: {
        defaultAuthorization: {
          authorizationType: appsync.AuthorizationType.LAMBDA,
          lambdaAuthorizerConfig: { handler: this.authorizer.function, resultsCacheTtl: Duration.seconds(DECISION_TTL_SECONDS) },
        },
        additionalAuthorizationModes: [{ authorizationType: appsync.AuthorizationType.IAM }],
      },
      environmentVariables: apiEnvironment(stage),
      xrayEnabled: true,
    });
    // Set on the resource itself: the L2 logConfig adds a log-retention custom resource (a Lambda
    // with an AWS managed policy); the log group below carries the retention instead.
    (this.api.node.defaultChild as appsync.CfnGraphQLApi).logConfig = {
      cloudWatchLogsRoleArn: logsRole.roleArn,
      fieldLogLevel: appsync.FieldLogLevel.ERROR,
      excludeVerboseContent: true,
    };
    const apiLogs = new logs.LogGroup(this, 'ApiLogs', {
      logGroupName: `/aws/appsync/apis/${this.api.apiId}`,
      retention: settings.logRetention,
      removalPolicy: settings.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    apiLogs.grantWrite(logsRole);
    Validations.of(this.api).acknowledge({
      id: 'AwsSolutions-ASC3',
      reason: 'Request logging is on (errors, with CloudWatch role); verbose content stays excluded because it would write request headers (bearer tokens) and employee personal data into the logs.',
    });

    const values: EnvironmentValues = { ...props.environmentValues, graphqlUrl: this.api.graphqlUrl };
    const resolverFunctions = new Map<LambdaId, BundledFunction>();
    const dataSources = Object.fromEntries(
      (Object.entries(DATA_SOURCES) as [DataSourceName, DataSourceDeclaration][]).map(([name, declaration]) => {
        switch (declaration.kind) {
          case 'NONE':
            return [name, new appsync.NoneDataSource(this, `DataSource-${name}`, { api: this.api, name })];
          case 'AMAZON_DYNAMODB':
            return [name, new RoleDataSource(this, `DataSource-${name}`, {
              api: this.api,
              name,
              serviceRole: this.dynamoDbRole(stage),
              extended: { type: 'AMAZON_DYNAMODB', dynamoDbConfig: { tableName: tableName(declaration.table, stage), awsRegion: Aws.REGION } },
            })];
          case 'AWS_LAMBDA': {
            const fn = resolverFunctions.get(declaration.lambda) ?? this.resolverFunction(declaration.lambda, values);
            resolverFunctions.set(declaration.lambda, fn);
            const role = new iam.Role(this, `DataSource-${name}-Role`, {
              assumedBy: new iam.ServicePrincipal('appsync.amazonaws.com'),
              description: `AppSync invokes ${fn.function.functionName} for data source ${name}`,
            });
            role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [fn.function.functionArn] }));
            return [name, new RoleDataSource(this, `DataSource-${name}`, {
              api: this.api,
              name,
              serviceRole: role,
              extended: { type: 'AWS_LAMBDA', lambdaConfig: { lambdaFunctionArn: fn.function.functionArn } },
            })];
          }
        }
      }),
    ) as Record<DataSourceName, appsync.BaseDataSource>;
    this.resolverFunctions = resolverFunctions;

    const code = (source: string) => appsync.Code.fromAsset(path.join(ROOT, bundlePath(source)));
    const named = <T>(all: Record<string, T>, name: string, what: string): T => {
      const found = all[name];
      if (!found) throw new Error(`The manifest names ${what} "${name}" that it does not declare.`);
      return found;
    };
    const functions = Object.fromEntries(
      (Object.entries(FUNCTIONS) as [FunctionName, (typeof FUNCTIONS)[FunctionName]][]).map(([name, declaration]) => [
        name,
        new appsync.AppsyncFunction(this, `Function-${name}`, {
          api: this.api,
          name,
          dataSource: named(dataSources, declaration.dataSource, 'data source'),
          runtime: RESOLVER_RUNTIME,
          code: code(declaration.source),
        }),
      ]),
    ) as Record<FunctionName, appsync.AppsyncFunction>;

    for (const resolver of RESOLVERS) {
      const common = { api: this.api, typeName: resolver.typeName, fieldName: resolver.fieldName, runtime: RESOLVER_RUNTIME, code: code(resolver.source) };
      if (resolver.kind === 'PIPELINE') {
        new appsync.Resolver(this, `Resolver-${resolver.typeName}-${resolver.fieldName}`, {
          ...common,
          pipelineConfig: (resolver.functions ?? []).map((name) => named(functions, name, 'pipeline function')),
        });
      } else {
        if (!resolver.dataSource) throw new Error(`UNIT resolver ${resolver.typeName}.${resolver.fieldName} names no data source`);
        new appsync.Resolver(this, `Resolver-${resolver.typeName}-${resolver.fieldName}`, { ...common, dataSource: named(dataSources, resolver.dataSource, 'data source') });
      }
    }

    new CfnOutput(this, 'GraphQLUrl', { value: this.api.graphqlUrl });
    new CfnOutput(this, 'ApiId', { value: this.api.apiId });
  }

  private dynamoDbRoleInstance?: iam.Role;

  /** The one role of the DynamoDB data sources, with exactly `appSyncDataSourcePolicy`. */
  private dynamoDbRole(stage: Stage): iam.Role {
    if (this.dynamoDbRoleInstance) return this.dynamoDbRoleInstance;
    const role = new iam.Role(this, 'DynamoDbDataSourceRole', {
      roleName: ROLE_NAMES.appSyncDataSource(stage),
      assumedBy: new iam.ServicePrincipal('appsync.amazonaws.com'),
      description: 'AppSync signs the APPSYNC_JS resolvers\' DynamoDB requests with this role',
    });
    const tables = dataSourceTables(DATA_SOURCES);
    const policy = attachDocument(this, 'DynamoDbDataSourcePolicy', role, 'AppSyncDataSource', appSyncDataSourcePolicy({ ...deployedScope(stage), tables }));
    acknowledgeWildcards(policy, appSyncDataSourcePolicy({ ...findingScope(stage), tables }), {
      DataSourceIndexQueries: 'Query on the indexes of the data sources\' own tables (every index each declares in domain/model/tables.ts); the index name is chosen by the resolver.',
    });
    this.dynamoDbRoleInstance = role;
    return role;
  }

  /** A Lambda resolver: its environment and the rights that follow from it. */
  private resolverFunction(lambdaId: LambdaId, values: EnvironmentValues): BundledFunction {
    const environment = lambdaEnvironment(lambdaId, values);
    const fn = new BundledFunction(this, `Lambda-${lambdaId}`, { lambdaId, stage: this.deploymentStage, environment });
    const { assumesTenantRole } = grantImpliedAccess(fn.role, environment, { tenantRoleArn: values.tenantRoleArn, apiArn: this.api.arn, registryTableArn: this.registryTableArn });
    if (assumesTenantRole) this.tenantRoleUsers.push(fn.role);
    if ((LAMBDAS[lambdaId] as LambdaDeclaration).controlPlane) {
      const stage = this.deploymentStage;
      const policy = attachDocument(this, `Lambda-${lambdaId}-ControlPlanePolicy`, fn.role, 'ControlPlane', controlPlanePolicy(deployedScope(stage)));
      acknowledgeWildcards(policy, controlPlanePolicy(findingScope(stage)), {
        CreateAndFindPools: 'CreateUserPool and ListUserPools support no resource-level permissions: onboarding makes a pool per tenant and finds it by name on a retry.',
        TenantPools: 'Each tenant\'s pool is made at onboarding, after deployment, so the set of pools is open; only the onboarding actions are granted.',
        CreatePolicyStores: 'CreatePolicyStore supports no resource-level permissions: onboarding makes one store per tenant, with client tokens so a retry makes none twice.',
        FillPolicyStores: 'Each tenant\'s policy store is made at onboarding, after deployment; only filling and (on rollback) deleting a store are granted.',
      });
    }
    return fn;
  }

}

interface RoleDataSourceProps {
  readonly api: appsync.IGraphqlApi;
  readonly name: string;
  readonly serviceRole: iam.IRole;
  readonly extended: appsync.ExtendedDataSourceProps;
}

/**
 * A data source signed with a role given to it as is. CDK's own DynamoDB and Lambda data sources
 * add broad grants of their own (Scan, `index/*`, `function:*`); these carry only the role's policy.
 */
class RoleDataSource extends appsync.BaseDataSource {
  constructor(scope: Construct, id: string, props: RoleDataSourceProps) {
    super(scope, id, { api: props.api, name: props.name, serviceRole: props.serviceRole }, props.extended);
  }
}
