/**
 * `AIML-SaaS-Job-Runner`: a tenant's daily contract processing (domain/employment/processing.ts).
 * Scheduled per tenant shortly after midnight in the tenant's time zone; the day it processes is
 * the occurrence's date there (or the payload's `date`, to run a missed day again), so every
 * attempt and duplicate delivery of one occurrence works on the same day.
 * Environment: TENANT_ROLE_ARN, GRAPHQL_URL (reminders), DOCUMENTS_BUCKET, the tables' variables.
 */
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { processDay, type DayResult } from '../../domain/employment/processing.ts';
import { DEFAULT_REMINDER_DAYS, type ContractRunnerPayload } from '../../domain/employment/runner-payload.ts';
import type { EmploymentStore } from '../../domain/employment/store.ts';
import { JOB_RUNNERS } from '../../domain/jobs/engine.ts';
import { environmentPublish, type Publish } from '../../domain/notifications/publish.ts';
import { disableSignIn } from '../../domain/tenancy/users.ts';
import { localDate } from '../../domain/time.ts';
import { defineRunner, type RunContext } from '../runner.ts';

/** One occurrence: the day it stands for, processed with the tenant's clients. */
export function runContractDay(
  ctx: Pick<RunContext<ContractRunnerPayload>, 'tenantId' | 'payload' | 'occurrenceAt' | 'now' | 'tenant' | 'clients' | 'tableName' | 'log'>,
  services: { publish: Publish; disableSignIn: EmploymentStore['disableSignIn'] },
): Promise<DayResult> {
  const { timeZone } = ctx.tenant.settings;
  const store: EmploymentStore = {
    dynamodb: ctx.clients.dynamodb,
    pimTable: ctx.tableName('PIM'),
    employmentTable: ctx.tableName('Employment'),
    ...(services.disableSignIn ? { disableSignIn: services.disableSignIn } : {}),
  };
  return processDay({
    store,
    tenantId: ctx.tenantId,
    date: ctx.payload.date ?? localDate(new Date(ctx.occurrenceAt), timeZone),
    today: localDate(ctx.now, timeZone),
    now: ctx.now,
    reminderDays: {
      probation: ctx.payload.probationReminderDays ?? DEFAULT_REMINDER_DAYS.probation,
      contractEnd: ctx.payload.contractEndReminderDays ?? DEFAULT_REMINDER_DAYS.contractEnd,
    },
    publish: services.publish,
    log: ctx.log,
  });
}

let cognito: CognitoIdentityProviderClient | undefined;

export const contractRunner = defineRunner<ContractRunnerPayload>({
  ...JOB_RUNNERS['AIML-SaaS-Job-Runner'],
  async run(ctx) {
    cognito ??= new CognitoIdentityProviderClient({});
    const client = cognito;
    await runContractDay(ctx, {
      publish: environmentPublish(),
      // The runner's own role disables sign-ins in the tenant's pool; the tenant session cannot.
      disableSignIn: (userId) => disableSignIn(client, ctx.tenant.userPoolId, userId),
    });
  },
});

/** Lambda entry point. */
export const handler = contractRunner.handler;
