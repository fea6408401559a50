/**
 * One Lambda of `domain/lambdas.ts`, deployed from the bundle `npm run build` wrote (no asset
 * bundling, so no Docker): its stage name, its own log group and role, X-Ray tracing, and an
 * alarm on its errors.
 */
import { Aws, Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct, type IConstruct } from 'constructs';
import path from 'node:path';
import { LAMBDAS, lambdaBundlePath, type LambdaId } from '../domain/lambdas.ts';
import type { Stage } from '../domain/model/stage.ts';
import { ROOT } from '../scripts/build.ts';
import { LAMBDA_RUNTIME, LAMBDA_RUNTIME_REASON, stageSettings } from './stage-settings.ts';

export interface BundledFunctionProps {
  /** Which declaration of `LAMBDAS` this is. */
  readonly lambdaId: LambdaId;
  readonly stage: Stage;
  /** Exactly the variables the code reads (see lambda-environment.ts). */
  readonly environment: Readonly<Record<string, string>>;
  /** The execution role; default a role of its own. Logging and tracing rights are added to it. */
  readonly role?: iam.IRole;
  /** Default 30 seconds. */
  readonly timeout?: Duration;
  /** Default 256 MB. */
  readonly memorySize?: number;
}

export class BundledFunction extends Construct {
  readonly function: lambda.Function;
  readonly role: iam.IRole;
  readonly errorsAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: BundledFunctionProps) {
    super(scope, id);
    const declaration = LAMBDAS[props.lambdaId];
    const functionName = declaration.functionName(props.stage);
    const settings = stageSettings(props.stage);
    const logGroup = new logs.LogGroup(this, 'Logs', {
      logGroupName: `/aws/lambda/${functionName}`,
      retention: settings.logRetention,
      removalPolicy: settings.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    this.role = props.role ?? new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${functionName}`,
    });
    logGroup.grantWrite(this.role);
    this.function = new lambda.Function(this, 'Function', {
      functionName,
      description: declaration.description,
      runtime: LAMBDA_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      handler: 'index.handler',
      code: lambda.Code.fromAsset(path.dirname(path.join(ROOT, lambdaBundlePath(props.lambdaId)))),
      environment: { ...props.environment },
      role: this.role,
      logGroup,
      tracing: lambda.Tracing.ACTIVE,
      timeout: props.timeout ?? Duration.seconds(30),
      memorySize: props.memorySize ?? 256,
    });
    this.errorsAlarm = this.function.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }).createAlarm(this, 'Errors', {
      alarmName: `${functionName}-Errors`,
      alarmDescription: `${functionName} threw errors (failed invocations) in the last 5 minutes.`,
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });

    const cognitoActions: readonly string[] = 'cognitoActions' in declaration ? declaration.cognitoActions : [];
    if (cognitoActions.length > 0) {
      this.role.addToPrincipalPolicy(new iam.PolicyStatement({
        actions: [...cognitoActions],
        resources: [`arn:${Aws.PARTITION}:cognito-idp:${Aws.REGION}:${Aws.ACCOUNT_ID}:userpool/*`],
      }));
      Validations.of(this.role).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:cognito-idp:<AWS::Region>:<AWS::AccountId>:userpool/*]',
        reason: `Each customer tenant gets its own user pool at onboarding, after deployment, so the set of pools is open; only ${cognitoActions.join(', ')} is granted (disabling a leaver's sign-in).`,
      });
    }

    // On the role that carries the tracing statement: its own, or a shared one (the system role).
    acknowledgeFunctionWildcards(props.role ?? this.role);
    Validations.of(this.function).acknowledge({ id: 'AwsSolutions-L1', reason: LAMBDA_RUNTIME_REASON });
  }
}

/** The wildcard every bundled function's role carries, with its reason. */
function acknowledgeFunctionWildcards(scope: IConstruct): void {
  Validations.of(scope).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason: 'X-Ray PutTraceSegments/PutTelemetryRecords support no resource-level permissions (active tracing needs them on "*").',
  });
}
