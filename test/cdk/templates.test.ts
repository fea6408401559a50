/**
 * What each stage's templates declare, checked against the declarations they are built from:
 * tables, resolvers and their code, the authorizer, the schedule, names per stage, IAM policies.
 */
import { Aws, Stack } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BundledFunction } from '../../cdk/bundled-function.ts';
import { IDENTITY_STACK_NAME } from '../../cdk/identity-stack.ts';
import { deployedRunners, pickerScheduleExpression } from '../../cdk/jobs-stack.ts';
import { iamOperations } from '../../cdk/lambda-access.ts';
import { sharedLambdaEnvironment } from '../../cdk/lambda-environment.ts';
import { appSyncDataSourcePolicy, dataSourceTables, ROLE_NAMES, systemRolePolicy, tenantScopedRolePolicy, tenantScopedRoleTrustPolicy } from '../../domain/iam-policies.ts';
import { PICKER_SCHEDULE_MINUTES } from '../../domain/jobs/engine.ts';
import { CLIENT_READ_ATTRIBUTES, CLIENT_WRITE_ATTRIBUTES, stageClientName } from '../../domain/tenancy/identity.ts';
import { LAMBDAS, lambdaBundlePath, runnerFunctionName, type LambdaId } from '../../domain/lambdas.ts';
import { STAGES, type Stage } from '../../domain/model/stage.ts';
import { documentsBucketName } from '../../domain/documents/bucket.ts';
import { TABLE_IDS, TABLES, tableEnvName, tableName, type TableDeclaration } from '../../domain/model/tables.ts';
import { DECISION_TTL_SECONDS } from '../../lambda-authorizer/authorizer.ts';
import { loadPolicyStoreSource } from '../../lambda-authorizer/policy-store.ts';
import { APPSYNC_JS_RUNTIME, apiEnvironment, bundlePath, DATA_SOURCES, FUNCTIONS, RESOLVERS } from '../../resolvers/manifest.ts';
import { ROOT } from '../../scripts/build.ts';
import { objectKey, readText, removeOutdirs, resourcesOf, STACK_PARTS, STAGE_PARTS, synthStage, type SynthesizedStage } from './support.ts';

const synthesized = {} as Record<Stage, SynthesizedStage>;

beforeAll(async () => {
  for (const stage of STAGES) synthesized[stage] = await synthStage(stage);
}, 60_000);
afterAll(removeOutdirs);

const scope = (stage: Stage) => ({ partition: Aws.PARTITION, region: Aws.REGION, accountId: Aws.ACCOUNT_ID, stage });

/** The function of a Lambda declaration in a stack's template, by its stage name. */
function functionNamed(s: SynthesizedStage, part: 'Identity' | 'Api' | 'Jobs', name: string) {
  const found = resourcesOf(s.json(part), 'AWS::Lambda::Function').find(([, r]) => r.Properties?.FunctionName === name);
  if (!found) throw new Error(`No function ${name} in ${part}`);
  return { logicalId: found[0], properties: found[1].Properties! };
}

describe.each(STAGES)('the %s data stack', (stage) => {
  it.each(TABLE_IDS)('declares %s with its keys and indexes from domain/model/tables.ts', (tableId) => {
    const declaration: TableDeclaration = TABLES[tableId];
    const key = (k: { name: string }, type: 'HASH' | 'RANGE') => ({ AttributeName: k.name, KeyType: type });
    const keys = (p: { name: string }, s?: { name: string }) => [key(p, 'HASH'), ...(s ? [key(s, 'RANGE')] : [])];
    const indexes = (kind: 'GSI' | 'LSI') => declaration.indexes
      .filter((i) => i.kind === kind)
      .map((i) => ({ IndexName: i.name, KeySchema: keys(i.partitionKey, i.sortKey), Projection: { ProjectionType: i.projection } }));
    const attributes = new Map([declaration.partitionKey, declaration.sortKey, ...declaration.indexes.flatMap((i) => [i.partitionKey, i.sortKey])]
      .flatMap((k) => (k ? [[k.name, k.type]] : [])));
    const prod = stage === 'Prod';
    synthesized[stage].template('Data').hasResource('AWS::DynamoDB::Table', {
      Properties: {
        TableName: tableName(tableId, stage),
        KeySchema: keys(declaration.partitionKey, declaration.sortKey),
        AttributeDefinitions: Match.arrayEquals([...attributes].map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType }))),
        GlobalSecondaryIndexes: indexes('GSI').length > 0 ? indexes('GSI') : Match.absent(),
        LocalSecondaryIndexes: indexes('LSI').length > 0 ? indexes('LSI') : Match.absent(),
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { SSEEnabled: true },
        DeletionProtectionEnabled: prod,
      },
      DeletionPolicy: prod ? 'Retain' : 'Delete',
      UpdateReplacePolicy: prod ? 'Retain' : 'Delete',
    });
  });

  it('declares no table that domain/model/tables.ts does not', () => {
    expect(resourcesOf(synthesized[stage].json('Data'), 'AWS::DynamoDB::Table')).toHaveLength(TABLE_IDS.length);
  });

  it('keeps the documents bucket private, encrypted, TLS-only, versioned and logged', () => {
    const template = synthesized[stage].template('Data');
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: documentsBucketName(stage),
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      VersioningConfiguration: { Status: 'Enabled' },
      LoggingConfiguration: Match.objectLike({ DestinationBucketName: Match.anyValue() }),
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });
});

describe('the API', () => {
  const s = () => synthesized.Dev;
  const codeOf = (properties: Record<string, unknown>) => readText(s().assetPath(objectKey(properties.CodeS3Location)));

  it('authorizes with the Lambda authorizer by default, cached for DECISION_TTL_SECONDS, and accepts IAM', () => {
    const authorizer = functionNamed(s(), 'Api', LAMBDAS.authorizer.functionName('Dev'));
    s().template('Api').hasResourceProperties('AWS::AppSync::GraphQLApi', {
      AuthenticationType: 'AWS_LAMBDA',
      LambdaAuthorizerConfig: { AuthorizerResultTtlInSeconds: DECISION_TTL_SECONDS, AuthorizerUri: { 'Fn::GetAtt': [authorizer.logicalId, 'Arn'] } },
      AdditionalAuthenticationProviders: [{ AuthenticationType: 'AWS_IAM' }],
      XrayEnabled: true,
      EnvironmentVariables: apiEnvironment('Dev'),
      LogConfig: Match.objectLike({ FieldLogLevel: 'ERROR', CloudWatchLogsRoleArn: Match.anyValue() }),
    });
    // The authorizer's own cache follows the same TTL.
    expect(authorizer.properties.Environment).toEqual({ Variables: expect.objectContaining({ AUTHORIZER_CACHE_SECONDS: String(DECISION_TTL_SECONDS) }) });
    s().template('Api').hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'appsync.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': [authorizer.logicalId, 'Arn'] },
    });
  });

  it('serves the schema of schema.graphql', () => {
    s().template('Api').hasResourceProperties('AWS::AppSync::GraphQLSchema', { Definition: readText(path.join(ROOT, 'schema.graphql')) });
  });

  it('declares every data source of the manifest', () => {
    const sources = resourcesOf(s().json('Api'), 'AWS::AppSync::DataSource').map(([, r]) => r.Properties!);
    expect(sources.map((p) => [p.Name, p.Type]).sort()).toEqual(Object.entries(DATA_SOURCES).map(([name, d]) => [name, d.kind]).sort());
    for (const [name, declaration] of Object.entries(DATA_SOURCES)) {
      const properties = sources.find((p) => p.Name === name)!;
      if (declaration.kind === 'AMAZON_DYNAMODB') expect(properties.DynamoDBConfig).toMatchObject({ TableName: tableName(declaration.table, 'Dev') });
      if (declaration.kind === 'AWS_LAMBDA') {
        const fn = functionNamed(s(), 'Api', LAMBDAS[declaration.lambda].functionName('Dev'));
        expect(properties.LambdaConfig).toEqual({ LambdaFunctionArn: { 'Fn::GetAtt': [fn.logicalId, 'Arn'] } });
      }
    }
  });

  it('declares every pipeline function of the manifest with its bundle', () => {
    const functions = resourcesOf(s().json('Api'), 'AWS::AppSync::FunctionConfiguration').map(([, r]) => r.Properties!);
    expect(functions.map((f) => f.Name).sort()).toEqual(Object.keys(FUNCTIONS).sort());
    for (const [name, declaration] of Object.entries(FUNCTIONS)) {
      const properties = functions.find((f) => f.Name === name)!;
      expect(properties.DataSourceName).toBe(declaration.dataSource);
      expect(properties.Runtime).toEqual({ Name: APPSYNC_JS_RUNTIME.name, RuntimeVersion: APPSYNC_JS_RUNTIME.runtimeVersion });
      expect(codeOf(properties), name).toBe(readText(path.join(ROOT, bundlePath(declaration.source))));
    }
  });

  it('declares every resolver of the manifest with its bundle, kind and functions in order', () => {
    const json = s().json('Api');
    const functionName = (ref: unknown) => {
      const logicalId = (ref as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
      return json.Resources[logicalId]!.Properties!.Name;
    };
    const resolvers = resourcesOf(json, 'AWS::AppSync::Resolver').map(([, r]) => r.Properties!);
    expect(resolvers.map((r) => `${r.TypeName}.${r.FieldName}`).sort()).toEqual(RESOLVERS.map((r) => `${r.typeName}.${r.fieldName}`).sort());
    for (const declaration of RESOLVERS) {
      const properties = resolvers.find((r) => r.TypeName === declaration.typeName && r.FieldName === declaration.fieldName)!;
      expect(properties.Kind).toBe(declaration.kind);
      expect(properties.Runtime).toEqual({ Name: APPSYNC_JS_RUNTIME.name, RuntimeVersion: APPSYNC_JS_RUNTIME.runtimeVersion });
      expect(codeOf(properties)).toBe(readText(path.join(ROOT, bundlePath(declaration.source))));
      if (declaration.kind === 'PIPELINE') {
        expect((properties.PipelineConfig as { Functions: unknown[] }).Functions.map(functionName)).toEqual(declaration.functions);
      } else {
        expect(properties.DataSourceName).toBe(declaration.dataSource);
      }
    }
  });
});

describe('alarms', () => {
  it.each(STAGES)('notify the %s alarm topic (KMS-encrypted, TLS only) when they fire and when they recover, from every stack', (stage) => {
    const s = synthesized[stage];
    const topics = resourcesOf(s.json('Data'), 'AWS::SNS::Topic');
    expect(topics.map(([, r]) => r.Properties!.TopicName)).toEqual([`OptimalHR-Alarms-${stage}`]);
    expect(topics[0]![1].Properties!.KmsMasterKeyId).toBeDefined();
    s.template('Data').hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    s.template('Data').hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
    let alarms = 0;
    for (const part of STAGE_PARTS) {
      for (const [id, alarm] of resourcesOf(s.json(part), 'AWS::CloudWatch::Alarm')) {
        alarms += 1;
        for (const key of ['AlarmActions', 'OKActions']) {
          expect(JSON.stringify(alarm.Properties![key]), `${part} ${id} ${key}`).toMatch(part === 'Data' ? /"Ref":"Alarms/ : /Fn::ImportValue/);
        }
      }
    }
    // The DLQ alarm, and per function (authorizer, Lambda resolvers, picker, runners) errors, plus dead jobs per runner.
    expect(alarms).toBeGreaterThan(Object.keys(LAMBDAS).length);
  });

  it('notify the shared topic from the identity stack', () => {
    const json = synthesized.Dev.json('Identity');
    expect(resourcesOf(json, 'AWS::SNS::Topic').map(([, r]) => r.Properties!.TopicName)).toEqual(['OptimalHR-Alarms']);
    const alarms = resourcesOf(json, 'AWS::CloudWatch::Alarm');
    expect(alarms.length).toBeGreaterThan(0);
    for (const [, alarm] of alarms) expect(alarm.Properties!.AlarmActions).toEqual([{ Ref: expect.stringMatching(/^AlarmsTopic/) }]);
  });
});

describe('the schedule', () => {
  it.each(STAGES)('runs the JobPicker %s every PICKER_SCHEDULE_MINUTES with retries and a dead-letter queue', (stage) => {
    const s = synthesized[stage];
    const picker = functionNamed(s, 'Jobs', LAMBDAS.jobPicker.functionName(stage));
    expect(pickerScheduleExpression()).toBe(PICKER_SCHEDULE_MINUTES === 1 ? 'rate(1 minute)' : `rate(${PICKER_SCHEDULE_MINUTES} minutes)`);
    const queue = resourcesOf(s.json('Jobs'), 'AWS::SQS::Queue')[0]![0];
    s.template('Jobs').hasResourceProperties('AWS::Scheduler::Schedule', {
      Name: `AIML-SaaS-Scheduler-${stage}`,
      ScheduleExpression: pickerScheduleExpression(),
      State: 'ENABLED',
      Target: {
        Arn: { 'Fn::GetAtt': [picker.logicalId, 'Arn'] },
        RoleArn: Match.anyValue(),
        RetryPolicy: { MaximumRetryAttempts: Match.anyValue(), MaximumEventAgeInSeconds: PICKER_SCHEDULE_MINUTES * 60 },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [queue, 'Arn'] } },
      },
    });
    s.template('Jobs').hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queue, 'QueueName'] } }],
      Threshold: 1,
    });
  });

  it('lets the picker invoke exactly the deployed runners, each watched by an errors alarm', () => {
    const s = synthesized.Dev;
    const runners = deployedRunners('Dev');
    expect(runners.length).toBeGreaterThan(0);
    const runnerIds = runners.map(({ runner }) => functionNamed(s, 'Jobs', runnerFunctionName(runner, 'Dev')).logicalId);
    s.template('Jobs').hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([{ Action: 'lambda:InvokeFunction', Effect: 'Allow', Resource: runnerIds.length === 1 ? { 'Fn::GetAtt': [runnerIds[0], 'Arn'] } : runnerIds.map((id) => ({ 'Fn::GetAtt': [id, 'Arn'] })) }]),
      },
    });
    for (const id of runnerIds) {
      s.template('Jobs').hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Errors', Namespace: 'AWS/Lambda', Dimensions: [{ Name: 'FunctionName', Value: { Ref: id } }] });
    }
    // Dead jobs, from the metric the runner framework emits with each outcome.
    for (const { runner } of runners) {
      s.template('Jobs').hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: 'JobRuns',
        Namespace: 'OptimalHR/Jobs',
        Dimensions: [{ Name: 'Outcome', Value: 'dead' }, { Name: 'Runner', Value: runner }],
        Threshold: 1,
      });
    }
  });
});

describe.each(STAGES)('names and code in %s', (stage) => {
  it('deploys every Lambda of domain/lambdas.ts that the stage uses under its stage name, with the built bundle', () => {
    const s = synthesized[stage];
    const where: Partial<Record<LambdaId, 'Identity' | 'Api' | 'Jobs'>> = {
      authorizer: 'Api',
      preTokenGeneration: 'Identity',
      jobPicker: 'Jobs',
      ...Object.fromEntries(deployedRunners(stage).map(({ lambdaId }) => [lambdaId, 'Jobs'])),
      ...Object.fromEntries(Object.values(DATA_SOURCES).flatMap((d) => (d.kind === 'AWS_LAMBDA' ? [[d.lambda, 'Api']] : []))),
    };
    // Every declared Lambda has a place: a runner without a JOB_RUNNERS entry would be dead code.
    expect(Object.keys(where).sort()).toEqual(Object.keys(LAMBDAS).sort());
    for (const [id, part] of Object.entries(where) as [LambdaId, 'Identity' | 'Api' | 'Jobs'][]) {
      const { properties } = functionNamed(s, part, LAMBDAS[id].functionName(stage));
      expect(properties).toMatchObject({ Runtime: 'nodejs22.x', Handler: 'index.handler', TracingConfig: { Mode: 'Active' } });
      const staged = path.join(s.assetPath(objectKey((properties.Code as { S3Key: unknown }).S3Key)), 'index.mjs');
      expect(readText(staged), id).toBe(readText(path.join(ROOT, lambdaBundlePath(id))));
    }
  });

  it('names runner functions after their runners', () => {
    for (const { runner } of deployedRunners(stage)) expect(() => functionNamed(synthesized[stage], 'Jobs', `${runner}-${stage}`)).not.toThrow();
  });
});

describe('environments', () => {
  const env = (part: 'Identity' | 'Api' | 'Jobs', id: LambdaId) =>
    (functionNamed(synthesized.Dev, part, LAMBDAS[id].functionName('Dev')).properties.Environment as { Variables: Record<string, unknown> }).Variables;

  it('gives each function exactly what its code reads', () => {
    expect(env('Api', 'authorizer')).toEqual({ AUTHORIZER_CACHE_SECONDS: String(DECISION_TTL_SECONDS), STAGE: 'Dev', TENANT_REGISTRY_TABLE: 'TenantRegistryDev' });
    // The shared trigger reads no variable: its tables follow from the stages.
    expect(functionNamed(synthesized.Dev, 'Identity', LAMBDAS.preTokenGeneration.functionName('Dev')).properties.Environment).toBeUndefined();
    // A shared function that read a stage's variable would fail the synth rather than get one stage's value.
    expect(() => sharedLambdaEnvironment('authorizer')).toThrow(/authorizer serves every stage but reads AUTHORIZER_CACHE_SECONDS, STAGE, TENANT_REGISTRY_TABLE/);
    // The picker reads each due tenant's status in the registry (a suspended tenant's jobs wait).
    expect(env('Jobs', 'jobPicker')).toEqual({ STAGE: 'Dev', TENANT_JOB_TABLE: 'TenantJobDev', TENANT_REGISTRY_TABLE: 'TenantRegistryDev' });
    expect(Object.keys(env('Api', 'documents')).sort()).toEqual(['DOCUMENTS_BUCKET', 'GRAPHQL_URL', 'PIM_TABLE', 'TENANT_ROLE_ARN']);
    expect(env('Api', 'documents')).toMatchObject({ DOCUMENTS_BUCKET: documentsBucketName('Dev'), PIM_TABLE: 'PIMDev' });
    // The runner framework resolves any declared table by its variable.
    expect(env('Jobs', 'crudItemRunner')).toMatchObject(Object.fromEntries(TABLE_IDS.map((id) => [tableEnvName(id), tableName(id, 'Dev')])));
  });
});

describe('IAM', () => {
  it.each(STAGES)('attaches exactly tenantScopedRolePolicy(...) and its trust policy to the %s tenant-scoped role', (stage) => {
    const s = synthesized[stage];
    const access = s.stacks.access;
    const roles = resourcesOf(s.json('Access'), 'AWS::IAM::Role');
    expect(roles).toHaveLength(1);
    const role = { Properties: roles[0]![1].Properties! };
    expect(role.Properties.RoleName).toBe(ROLE_NAMES.tenantScoped(stage));
    expect(role.Properties.Policies).toEqual([
      { PolicyName: 'TenantScoped', PolicyDocument: access.resolve(tenantScopedRolePolicy({ ...scope(stage), documentsBucket: documentsBucketName(stage) })) },
    ]);
    // Trusted: exactly the functions that assume it (those given TENANT_ROLE_ARN).
    const variables = (fn: BundledFunction) =>
      (Stack.of(fn).resolve((fn.function.node.defaultChild as lambda.CfnFunction).environment) as { variables?: object } | undefined)?.variables ?? {};
    const assuming = [...s.stacks.api.resolverFunctions.values(), ...s.stacks.jobs.runners.values()].filter((fn) => 'TENANT_ROLE_ARN' in variables(fn));
    expect(assuming.length).toBeGreaterThan(0);
    expect(role.Properties.AssumeRolePolicyDocument).toEqual(access.resolve(tenantScopedRoleTrustPolicy(assuming.map((fn) => fn.role.roleArn))));
  });

  it('allows no Scan, no PartiQL and no service-wide action anywhere', () => {
    const allowed: string[] = [];
    const visit = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(visit);
      if (!node || typeof node !== 'object') return;
      const statement = node as { Effect?: string; Action?: string | string[] };
      if (statement.Effect === 'Allow' && statement.Action) allowed.push(...[statement.Action].flat());
      Object.values(node).forEach(visit);
    };
    for (const stage of STAGES) for (const part of STACK_PARTS) visit(synthesized[stage].json(part));
    expect(allowed.length).toBeGreaterThan(0);
    expect(allowed.filter((action) => /^dynamodb:(Scan|PartiQL)|\*/.test(action))).toEqual([]);
  });

  it('lets functions that read GRAPHQL_URL call exactly the API\'s @aws_iam operations', () => {
    const operations = iamOperations();
    expect(operations).toContainEqual({ typeName: 'Mutation', fieldName: 'publishNotification' });
    const s = synthesized.Dev;
    const api = s.stacks.api.api;
    const documents = s.stacks.api.resolverFunctions.get('documents')!;
    s.template('Api').hasResourceProperties('AWS::IAM::Policy', {
      Roles: [s.stacks.api.resolve((documents.role as iam.Role).roleName)],
      PolicyDocument: {
        Statement: Match.arrayWith([{
          Action: 'appsync:GraphQL',
          Effect: 'Allow',
          Resource: s.stacks.api.resolve(operations.length === 1 ? `${api.arn}/types/${operations[0]!.typeName}/fields/${operations[0]!.fieldName}` : operations.map((o) => `${api.arn}/types/${o.typeName}/fields/${o.fieldName}`)),
        }]),
      },
    });
  });

  it('attaches systemRolePolicy and appSyncDataSourcePolicy unchanged', () => {
    const s = synthesized.Dev;
    s.template('Jobs').hasResourceProperties('AWS::IAM::Role', { RoleName: ROLE_NAMES.system('Dev') });
    s.template('Jobs').hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: s.stacks.jobs.resolve(systemRolePolicy({ ...scope('Dev'), documentsBucket: documentsBucketName('Dev') })),
    });
    s.template('Api').hasResourceProperties('AWS::IAM::Role', { RoleName: ROLE_NAMES.appSyncDataSource('Dev') });
    s.template('Api').hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: s.stacks.api.resolve(appSyncDataSourcePolicy({ ...scope('Dev'), tables: dataSourceTables(DATA_SOURCES) })),
    });
  });
});

describe('identity and authorization', () => {
  it('builds one identity stack for the app, the same whichever stage is synthesized, and no pool in any stage\'s stacks', () => {
    for (const stage of STAGES) {
      const names = synthesized[stage].assembly.stacks.map((stack) => stack.stackName);
      expect(names.filter((name) => name.startsWith('OptimalHR-Identity'))).toEqual([IDENTITY_STACK_NAME]);
      for (const part of STAGE_PARTS) expect(resourcesOf(synthesized[stage].json(part), 'AWS::Cognito::UserPool'), `${part} ${stage}`).toEqual([]);
      expect(synthesized[stage].json('Identity')).toEqual(synthesized.Dev.json('Identity'));
    }
  });

  it('keeps the system pool, with MFA, wired to the one pre-token-generation trigger', () => {
    const s = synthesized.Dev;
    const trigger = functionNamed(s, 'Identity', 'AIML-SaaS-PreTokenGeneration');
    for (const stage of STAGES) expect(LAMBDAS.preTokenGeneration.functionName(stage)).toBe('AIML-SaaS-PreTokenGeneration');
    expect(resourcesOf(s.json('Identity'), 'AWS::Lambda::Function')).toHaveLength(1);
    s.template('Identity').resourceCountIs('AWS::Cognito::UserPool', 1);
    s.template('Identity').hasResource('AWS::Cognito::UserPool', {
      Properties: Match.objectLike({
        UserPoolName: 'optimalhr-system',
        LambdaConfig: { PreTokenGeneration: { 'Fn::GetAtt': [trigger.logicalId, 'Arn'] } },
        MfaConfiguration: 'ON',
        // It serves Prod: protected and retained.
        DeletionProtection: 'ACTIVE',
      }),
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    s.template('Identity').hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'cognito-idp.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': [trigger.logicalId, 'Arn'] },
    });
  });

  it('gives the pool one app client per stage, each named by stageClientName, with its id as an output', () => {
    const s = synthesized.Dev;
    const json = s.json('Identity');
    const pool = resourcesOf(json, 'AWS::Cognito::UserPool')[0]![0];
    const clients = resourcesOf(json, 'AWS::Cognito::UserPoolClient');
    expect(clients.map(([, r]) => r.Properties!.ClientName).sort()).toEqual(STAGES.map(stageClientName).sort());
    for (const [, client] of clients) expect(client.Properties).toMatchObject({ UserPoolId: { Ref: pool }, GenerateSecret: false });
    const outputs = (json as unknown as { Outputs: Record<string, { Value: unknown }> }).Outputs;
    expect(outputs.SystemUserPoolId!.Value).toEqual({ Ref: pool });
    for (const stage of STAGES) {
      const [clientId] = clients.find(([, r]) => r.Properties!.ClientName === stageClientName(stage))!;
      expect(outputs[`SystemClientId${stage}`]!.Value, stage).toEqual({ Ref: clientId });
    }
  });

  it('lets users write none of the custom attributes through any app client: the same write and read lists as every tenant pool', () => {
    const clients = resourcesOf(synthesized.Dev.json('Identity'), 'AWS::Cognito::UserPoolClient');
    for (const [, client] of clients) {
      const write = client.Properties!.WriteAttributes as string[];
      expect([...write].sort()).toEqual([...CLIENT_WRITE_ATTRIBUTES].sort());
      expect(write.some((name) => name.startsWith('custom:'))).toBe(false);
      expect([...(client.Properties!.ReadAttributes as string[])].sort()).toEqual([...CLIENT_READ_ATTRIBUTES].sort());
    }
  });

  it('lets the trigger GetItem on exactly the registry table of each stage (the domain policy, as produced), and nothing else in DynamoDB', () => {
    const s = synthesized.Dev;
    const statements = resourcesOf(s.json('Identity'), 'AWS::IAM::Policy')
      .flatMap(([, r]) => (r.Properties!.PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown }[] }).Statement)
      .filter((statement) => [statement.Action].flat().some((action) => action.startsWith('dynamodb:')));
    expect(statements).toEqual([
      { Sid: 'ReadEveryStageRegistry', Action: ['dynamodb:GetItem'], Effect: 'Allow', Resource: s.identity.resolve(STAGES.map((stage) => `arn:${Aws.PARTITION}:dynamodb:${Aws.REGION}:${Aws.ACCOUNT_ID}:table/${tableName('TenantRegistry', stage)}`)) },
    ]);
  });

  it('builds the system policy store from the Cedar files, strictly validated', () => {
    const source = loadPolicyStoreSource('system');
    const template = synthesized.Dev.template('Authorization');
    template.hasResourceProperties('AWS::VerifiedPermissions::PolicyStore', { ValidationSettings: { Mode: 'STRICT' }, Schema: { CedarJson: source.schemaJson } });
    template.resourceCountIs('AWS::VerifiedPermissions::Policy', Object.keys(source.policies).length);
    template.resourceCountIs('AWS::VerifiedPermissions::PolicyTemplate', Object.keys(source.templates).length);
    for (const [id, statement] of Object.entries(source.policies)) {
      template.hasResourceProperties('AWS::VerifiedPermissions::Policy', { Definition: { Static: { Statement: statement, Description: id } } });
    }
  });
});
