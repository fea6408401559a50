/**
 * Lambda resolver for job administration: creates, cancels and retries jobs of one tenant with
 * the engine's own rules (domain/jobs/engine.ts: runner contracts, schedules, time zones). It writes
 * with the tenant's STS session, so IAM confines it to `TENANT#<id>` keys even if the event
 * named the wrong tenant. Reading jobs needs no Lambda: APPSYNC_JS resolvers query TenantJob.
 * The tenant's plan limits its waiting and running jobs (LIMIT_EXCEEDED).
 * Environment: TENANT_ROLE_ARN, TENANT_JOB_TABLE, TENANT_REGISTRY_TABLE.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { requiredEnv } from '../../../domain/env.ts';
import { DomainError } from '../../../domain/domain-error.ts';
import type { ErrorType } from '../../../domain/model/errors.ts';
import type { CreateJobInput } from '../../../domain/generated/graphql.ts';
import { jobView } from '../../../domain/jobs/model/records.ts';
import { cancelJob, createJob, isRunnerName, JOB_RUNNERS, JobValidationError, retryJob, type Job, type JobSchedule, type JobStore, type RunnerDeclaration } from '../../../domain/jobs/engine.ts';
import { runnerLambdas } from '../../../domain/lambdas.ts';
import { isValidEntityId, isValidTenantId } from '../../../domain/model/keys.ts';
import { createLogger } from '../../../domain/logger.ts';
import { tableEnvName } from '../../../domain/model/tables.ts';
import { tenantClients } from '../../../domain/tenant-credentials.ts';
import { countActiveJobs, enforceLimit } from '../../../domain/tenancy/quotas.ts';
import { tenantProfileReader } from '../../../domain/tenancy/settings.ts';
import type { LambdaAnswer } from '../../lib/lambda.ts';

/** What the job mutations' pipeline functions send. `payload` of `create` arrives parsed (AWSJSON input). */
export type JobsEvent =
  | { operation: 'create'; tenantId: string; input: Omit<CreateJobInput, 'payload'> & { payload: unknown }; requestedBy: string }
  | { operation: 'cancel' | 'retry'; tenantId: string; jobId: string; requestedBy: string };

const log = createLogger({ service: 'jobs-admin' });
const tenants = tenantClients({ roleArn: requiredEnv('TENANT_ROLE_ARN') });
const table = requiredEnv(tableEnvName('TenantJob'));
/** Tenants' registry profiles (their plan), read with this function's own role, kept a minute. */
const profileOf = tenantProfileReader(new DynamoDBClient({}), requiredEnv(tableEnvName('TenantRegistry')));

const failure = (type: ErrorType, message: string, info?: unknown): LambdaAnswer<never> => ({ error: { type, message, ...(info ? { info } : {}) } });

/** The event comes from our own resolvers, but it is input all the same: check its shape first. */
function problemWith(event: Partial<JobsEvent> | null | undefined): string | null {
  if (!event || typeof event !== 'object') return 'the event is not an object';
  if (!isValidTenantId(event.tenantId)) return 'tenantId is missing or malformed';
  if (typeof event.requestedBy !== 'string' || event.requestedBy === '') return 'requestedBy is missing';
  if (event.operation === 'create') {
    const input = (event as { input?: unknown }).input;
    return input && typeof input === 'object' && !Array.isArray(input) ? null : 'input is malformed';
  }
  if (event.operation === 'cancel' || event.operation === 'retry') {
    return isValidEntityId((event as { jobId?: unknown }).jobId) ? null : 'jobId is missing or malformed';
  }
  return `unknown operation ${String(event.operation)}`;
}

/** The GraphQL schedule input as the engine's schedule: exactly the fields given, checked by the engine. */
function scheduleOf(input: CreateJobInput['schedule']): JobSchedule | undefined {
  if (!input) return undefined;
  const given = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== null && value !== undefined));
  return given as JobSchedule;
}

/**
 * A job for a runner without a deployed function could never run: refused here, before the
 * engine's own checks, rather than left to die undeliverable.
 */
function undeployedRunner(runner: string): JobValidationError | null {
  if (!isRunnerName(runner) || runnerLambdas().some((lambda) => lambda.runner === runner)) return null;
  const module = (JOB_RUNNERS[runner] as RunnerDeclaration<unknown>).comesWith;
  return new JobValidationError([{ field: 'runner', message: `is not deployed yet${module ? `; it arrives with the ${module} module` : ''}` }]);
}

async function perform(event: JobsEvent, store: JobStore, now: Date): Promise<Job> {
  switch (event.operation) {
    case 'create': {
      const { input } = event;
      const undeployed = undeployedRunner(input.runner);
      if (undeployed) throw undeployed;
      const schedule = scheduleOf(input.schedule);
      return createJob(store, {
        tenantId: event.tenantId,
        ...(input.id ? { jobId: input.id } : {}),
        runner: input.runner,
        payload: input.payload,
        ...(input.runAt ? { runAt: input.runAt } : {}),
        ...(schedule ? { schedule } : {}),
        ...(input.maxAttempts !== null && input.maxAttempts !== undefined ? { maxAttempts: input.maxAttempts } : {}),
      }, now);
    }
    case 'cancel':
      return cancelJob(store, event.tenantId, event.jobId, now);
    case 'retry':
      return retryJob(store, event.tenantId, event.jobId, now);
  }
}

export async function handler(event: JobsEvent): Promise<LambdaAnswer<unknown>> {
  const problem = problemWith(event);
  if (problem) {
    log.warn('refused event', { problem });
    return failure('VALIDATION_ERROR', `Invalid jobs request: ${problem}.`);
  }
  const { dynamodb } = await tenants.forTenant(event.tenantId);
  try {
    // The plan's limit on waiting and running jobs (domain/tenancy/quotas.ts), counted with the tenant's own session.
    if (event.operation === 'create') await enforceLimit((await profileOf(event.tenantId)).plan, 'jobs', (cap) => countActiveJobs(dynamodb, table, event.tenantId, cap));
    const job = await perform(event, { dynamodb, tableName: table }, new Date());
    log.info(`job ${event.operation}`, { tenantId: event.tenantId, userId: event.requestedBy, jobId: job.jobId, runner: job.runner, status: job.status });
    return { result: jobView(job) };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return failure(error.errorType, error.message, error.errorInfo());
  }
}
