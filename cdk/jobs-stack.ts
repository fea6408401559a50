/**
 * The stage's jobs: EventBridge Scheduler `AIML-SaaS-Scheduler-<Stage>` invokes the JobPicker
 * every PICKER_SCHEDULE_MINUTES, with retries and a dead-letter queue; the picker dispatches
 * to the runner Lambdas (every runner of JOB_RUNNERS that has a Lambda in LAMBDAS); alarms watch
 * dead letters and errors. System runners run as the system role.
 */
import { Duration, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { ROLE_NAMES, systemRolePolicy } from '../domain/iam-policies.ts';
import { JOB_RUNNERS, LEASE_SECONDS, PICKER_SCHEDULE_MINUTES, type RunnerName } from '../domain/jobs/engine.ts';
import { LAMBDAS, runnerFunctionName, type LambdaId } from '../domain/lambdas.ts';
import type { Stage } from '../domain/model/stage.ts';
import { JOBS_NAMESPACE } from '../domain/metrics.ts';
import type { TableId } from '../domain/model/tables.ts';
import { BundledFunction } from './bundled-function.ts';
import { acknowledgeWildcards, attachDocument, deployedScope, findingScope, indexArns } from './iam.ts';
import { grantImpliedAccess } from './lambda-access.ts';
import { lambdaEnvironment, type EnvironmentValues } from './lambda-environment.ts';

/** The schedule's name for a stage (docs/architecture.md, "Jobs"). */
export function schedulerName(stage: Stage): string {
  return `AIML-SaaS-Scheduler-${stage}`;
}

/** `rate(1 minute)`: EventBridge Scheduler wants the singular for one. */
export function pickerScheduleExpression(minutes = PICKER_SCHEDULE_MINUTES): string {
  return `rate(${minutes} ${minutes === 1 ? 'minute' : 'minutes'})`;
}

/** The deployed runners: each runner of JOB_RUNNERS whose function a LAMBDAS entry declares. */
export function deployedRunners(stage: Stage): { runner: RunnerName; lambdaId: LambdaId }[] {
  const ids = Object.keys(LAMBDAS) as LambdaId[];
  return (Object.keys(JOB_RUNNERS) as RunnerName[]).flatMap((runner) => {
    const lambdaId = ids.find((id) => LAMBDAS[id].functionName(stage) === runnerFunctionName(runner, stage));
    return lambdaId ? [{ runner, lambdaId }] : [];
  });
}

/** Attempts after the first failed delivery of a tick; a later tick picks up what a lost one missed. */
const SCHEDULE_RETRIES = 2;

export interface JobsStackProps extends StackProps {
  readonly stage: Stage;
  readonly tables: Readonly<Record<TableId, dynamodb.ITable>>;
  /** The documents bucket (system runners reach every tenant's prefix). */
  readonly documentsBucket: string;
  readonly environmentValues: EnvironmentValues;
  /** The API's ARN, for runners that call it as internal callers. */
  readonly apiArn?: string;
}

export class JobsStack extends Stack {
  readonly picker: BundledFunction;
  readonly runners: ReadonlyMap<RunnerName, BundledFunction>;
  readonly systemRole: iam.Role;
  readonly deadLetters: sqs.Queue;
  readonly schedule: scheduler.CfnSchedule;
  /** Execution roles that assume the tenant-scoped role. */
  readonly tenantRoleUsers: iam.IRole[] = [];

  constructor(scope: Construct, id: string, props: JobsStackProps) {
    super(scope, id, props);
    const { stage } = props;
    const jobTable = props.tables.TenantJob;

    this.systemRole = new iam.Role(this, 'SystemRole', {
      roleName: ROLE_NAMES.system(stage),
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Execution role of system-wide runners: every tenant\'s items, never Scan or PartiQL',
    });
    const systemPolicy = attachDocument(this, 'SystemPolicy', this.systemRole, 'System', systemRolePolicy({ ...deployedScope(stage), documentsBucket: props.documentsBucket }));
    acknowledgeWildcards(systemPolicy, systemRolePolicy({ ...findingScope(stage), documentsBucket: props.documentsBucket }), {
      AllIndexQueries: 'Query on every index of the stage\'s tables (the ones domain/model/tables.ts declares); system runners read across tenants through indexes instead of scanning.',
      AllTenantObjects: 'System runners (attendance generation for all tenants, onboarding) read and write under every tenant\'s tenants/<id>/ prefix, and only there.',
    });

    const runners = new Map<RunnerName, BundledFunction>();
    for (const { runner, lambdaId } of deployedRunners(stage)) {
      const declaration = JOB_RUNNERS[runner];
      const environment = lambdaEnvironment(lambdaId, props.environmentValues);
      const fn = new BundledFunction(this, `Runner-${lambdaId}`, {
        lambdaId,
        stage,
        environment,
        ...(declaration.scope === 'system' ? { role: this.systemRole } : {}),
        // A run must end before the picker's lease lapses, or the job would be picked again meanwhile.
        timeout: Duration.seconds(LEASE_SECONDS - 60),
        memorySize: 512,
      });
      if (declaration.scope === 'tenant') {
        // Job bookkeeping (read the job, record the outcome and run history); the work itself runs with tenant credentials.
        fn.role.addToPrincipalPolicy(
          new iam.PolicyStatement({ actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'], resources: [jobTable.tableArn] }),
        );
      }
      const { assumesTenantRole } = grantImpliedAccess(fn.role, environment, {
        tenantRoleArn: props.environmentValues.tenantRoleArn,
        registryTableArn: props.tables.TenantRegistry.tableArn,
        ...(props.apiArn ? { apiArn: props.apiArn } : {}),
      });
      if (assumesTenantRole) this.tenantRoleUsers.push(fn.role);
      runners.set(runner, fn);
      // Jobs that spent their attempts, from the runner's own metric (domain/metrics.ts, Embedded Metric Format).
      new cloudwatch.Metric({
        namespace: JOBS_NAMESPACE,
        metricName: 'JobRuns',
        dimensionsMap: { Runner: runner, Outcome: 'dead' },
        statistic: 'Sum',
        period: Duration.minutes(5),
      }).createAlarm(this, `DeadJobsAlarm-${lambdaId}`, {
        alarmName: `${runnerFunctionName(runner, stage)}-DeadJobs`,
        alarmDescription: `Jobs of ${runner} died after their last attempt; list them with jobs(filter: { status: DEAD }) and retry with retryJob.`,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
    }
    this.runners = runners;

    this.picker = new BundledFunction(this, 'JobPicker', {
      lambdaId: 'jobPicker',
      stage,
      environment: lambdaEnvironment('jobPicker', props.environmentValues),
      // Done before the next tick.
      timeout: Duration.minutes(PICKER_SCHEDULE_MINUTES),
      memorySize: 512,
    });
    this.picker.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['dynamodb:Query'], resources: indexArns(jobTable, 'TenantJob') }));
    // Claims (lease) and the next occurrence of recurring jobs are conditional updates.
    this.picker.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['dynamodb:UpdateItem'], resources: [jobTable.tableArn] }));
    if (runners.size > 0) {
      this.picker.role.addToPrincipalPolicy(
        new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [...runners.values()].map((r) => r.function.functionArn) }),
      );
    }

    this.deadLetters = new sqs.Queue(this, 'SchedulerDeadLetters', {
      queueName: `${schedulerName(stage)}-DLQ`,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetters).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is the dead-letter queue of the scheduler; a dead-letter queue of its own would have nothing to receive.',
    });

    const schedulerRole = new iam.Role(this, 'SchedulerRole', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } } }),
      description: `${schedulerName(stage)} invokes the JobPicker and dead-letters failed ticks`,
    });
    schedulerRole.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [this.picker.function.functionArn] }));
    this.deadLetters.grantSendMessages(schedulerRole);

    this.schedule = new scheduler.CfnSchedule(this, 'PickerSchedule', {
      name: schedulerName(stage),
      description: 'Runs the JobPicker, which claims due jobs and dispatches them to their runners.',
      scheduleExpression: pickerScheduleExpression(),
      flexibleTimeWindow: { mode: 'OFF' },
      state: 'ENABLED',
      target: {
        arn: this.picker.function.functionArn,
        roleArn: schedulerRole.roleArn,
        // A tick older than one interval is superseded by the next one.
        retryPolicy: { maximumRetryAttempts: SCHEDULE_RETRIES, maximumEventAgeInSeconds: PICKER_SCHEDULE_MINUTES * 60 },
        deadLetterConfig: { arn: this.deadLetters.queueArn },
      },
    });

    this.deadLetters.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }).createAlarm(this, 'DeadLettersAlarm', {
      alarmName: `${schedulerName(stage)}-DeadLetters`,
      alarmDescription: 'The scheduler could not deliver JobPicker ticks; read the messages for the error.',
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
  }
}
