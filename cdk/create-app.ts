/**
 * The CDK app of OptimalHR: for each stage, the stacks of docs/architecture.md built from the
 * declarations in domain/, resolvers/manifest.ts and lambda-authorizer/, plus the one identity
 * stack all stages share (one credential works in every stage). Shared by `cdk/app.ts`
 * (`npm run synth`) and the tests, because `new App()` reads neither cdk.json nor an outdir on its own.
 * Expects the bundles of `npm run build` (scripts/build.ts) in dist/.
 */
import path from 'node:path';
import { App, Aws, Tags, Validations } from 'aws-cdk-lib';
import cdkNag from 'cdk-nag';
import { roleArn, ROLE_NAMES } from '../domain/iam-policies.ts';
import { STAGES, type Stage } from '../domain/model/stage.ts';
import { parseStage } from '../domain/env.ts';
import { documentsBucketName } from '../domain/documents/bucket.ts';
import { DECISION_TTL_SECONDS } from '../lambda-authorizer/authorizer.ts';
import { ROOT } from '../scripts/build.ts';
import { AccessStack } from './access-stack.ts';
import { ApiStack } from './api-stack.ts';
import { AuthorizationStack } from './authorization-stack.ts';
import { DataStack } from './data-stack.ts';
import { IDENTITY_STACK_NAME, IdentityStack } from './identity-stack.ts';
import { JobsStack } from './jobs-stack.ts';
import type { EnvironmentValues } from './lambda-environment.ts';

// cdk-nag's named exports do not load under native ESM; its default export does.
const { AwsSolutionsChecks } = cdkNag;

/** Feature flags (cdk.json would hold them, but `new App()` outside the CLI does not read it). */
export const FEATURE_FLAGS = {
  // Access-log delivery by bucket policy, so both buckets can keep ACLs disabled.
  '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy': true,
  '@aws-cdk/aws-iam:standardizedServicePrincipals': true,
  '@aws-cdk/core:enablePartitionLiterals': true,
  '@aws-cdk/aws-lambda:recognizeVersionProps': true,
  // Stacks of a stage share tables and roles through exports that CloudFormation protects.
  '@aws-cdk/core:defaultCrossStackReferences': 'strong',
} as const;

export const DEFAULT_OUTDIR = path.join(ROOT, 'cdk.out');

/** `OptimalHR-Data-Dev`. */
export function stackName(part: string, stage: Stage): string {
  return `OptimalHR-${part}-${stage}`;
}

export interface CreateAppOptions {
  /** Where the cloud assembly goes; default `CDK_OUTDIR` (set by the CLI) or `cdk.out/`. */
  readonly outdir?: string;
  /** Stages to build; default the context value `stage` (`-c stage=Dev`), else every stage. The shared identity stack is always built. */
  readonly stages?: readonly Stage[];
  /** Run cdk-nag's AwsSolutionsChecks at synth (findings fail it). Default true. */
  readonly nag?: boolean;
  /** CDK's built-in CloudFormation validation at synth. Default true. */
  readonly cloudFormationValidation?: boolean;
}

/** The stacks of one stage. */
export interface StageStacks {
  readonly data: DataStack;
  readonly authorization: AuthorizationStack;
  readonly api: ApiStack;
  readonly jobs: JobsStack;
  readonly access: AccessStack;
}

export function createApp(options: CreateAppOptions = {}): { app: App; identity: IdentityStack; stages: Partial<Record<Stage, StageStacks>> } {
  const app = new App({
    outdir: options.outdir ?? process.env.CDK_OUTDIR ?? DEFAULT_OUTDIR,
    context: { ...FEATURE_FLAGS },
    analyticsReporting: false,
    builtinCloudFormationValidation: options.cloudFormationValidation ?? true,
  });
  const requested = app.node.tryGetContext('stage') as string | undefined;
  const stages = options.stages ?? (requested ? [parseStage(requested)] : STAGES);
  // Every stage's app client lives in this one pool, whichever stages are built.
  const identity = new IdentityStack(app, IDENTITY_STACK_NAME, {
    stackName: IDENTITY_STACK_NAME,
    description: 'OptimalHR, all stages: system user pool, one app client per stage, the pre-token-generation trigger',
  });
  Tags.of(identity).add('Project', 'OptimalHR');
  const built: Partial<Record<Stage, StageStacks>> = {};
  for (const stage of stages) built[stage] = addStage(app, stage);
  if (options.nag ?? true) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, identity, stages: built };
}

function addStage(app: App, stage: Stage): StageStacks {
  const documentsBucket = documentsBucketName(stage);
  const values: EnvironmentValues = {
    stage,
    authorizerCacheSeconds: DECISION_TTL_SECONDS,
    // By name, not by reference: the role's stack comes after the functions that assume it.
    tenantRoleArn: roleArn(ROLE_NAMES.tenantScoped(stage), { partition: Aws.PARTITION, accountId: Aws.ACCOUNT_ID }),
    documentsBucket,
  };
  const props = (part: string, description: string) => ({ stackName: stackName(part, stage), description: `OptimalHR ${stage}: ${description}`, stage });

  const data = new DataStack(app, stackName('Data', stage), props('Data', 'tables and the documents bucket'));
  const authorization = new AuthorizationStack(app, stackName('Authorization', stage), props('Authorization', 'system Verified Permissions policy store'));
  const api = new ApiStack(app, stackName('Api', stage), {
    ...props('Api', 'AppSync GraphQL API, authorizer and Lambda resolvers'),
    tables: data.tables,
    environmentValues: values,
  });
  const jobs = new JobsStack(app, stackName('Jobs', stage), {
    ...props('Jobs', 'scheduler, JobPicker and runners'),
    tables: data.tables,
    documentsBucket,
    environmentValues: { ...values, graphqlUrl: api.api.graphqlUrl },
    apiArn: api.api.arn,
  });
  const access = new AccessStack(app, stackName('Access', stage), {
    ...props('Access', 'tenant-scoped role'),
    documentsBucket,
    trustedRoles: [...api.tenantRoleUsers, ...jobs.tenantRoleUsers],
  });
  // The trust policy names the functions' roles, which must exist first.
  access.addStackDependency(api);
  access.addStackDependency(jobs);

  const stacks: StageStacks = { data, authorization, api, jobs, access };
  for (const stack of Object.values(stacks)) data.alarms.notifyFrom(stack);
  for (const stack of Object.values(stacks)) {
    Tags.of(stack).add('Project', 'OptimalHR');
    Tags.of(stack).add('Stage', stage);
  }
  return stacks;
}
