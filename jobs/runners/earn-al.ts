/**
 * `AIML-SaaS-Employee-Earn-AL`: a tenant's leave accrual for one month (domain/leave/earn.ts).
 * Scheduled per tenant on the 1st shortly after midnight in the tenant's zone; the month is the
 * one before the occurrence's day there (or the payload's `period`, to re-run a past month after a
 * correction), so every attempt and duplicate delivery of one occurrence works on the same month,
 * and what a slot has posted makes every repeat post nothing.
 * Environment: TENANT_ROLE_ARN, the tables' variables.
 */
import { JOB_RUNNERS } from '../../domain/jobs/engine.ts';
import { earnPeriod, type EarnResult } from '../../domain/leave/earn.ts';
import { defaultPeriod, type EarnRunnerPayload } from '../../domain/leave/runner-payload.ts';
import { localDate } from '../../domain/time.ts';
import { defineRunner, type RunContext } from '../runner.ts';

/** One occurrence with the tenant's clients. */
export function runEarnPeriod(ctx: Pick<RunContext<EarnRunnerPayload>, 'tenantId' | 'payload' | 'occurrenceAt' | 'now' | 'tenant' | 'clients' | 'tableName' | 'log' | 'progress'>): Promise<EarnResult> {
  const period = ctx.payload.period ?? defaultPeriod(localDate(new Date(ctx.occurrenceAt), ctx.tenant.settings.timeZone));
  return earnPeriod({
    store: { dynamodb: ctx.clients.dynamodb, leaveTable: ctx.tableName('Leave'), employmentTable: ctx.tableName('Employment') },
    tenantId: ctx.tenantId,
    period,
    postedAt: ctx.now.toISOString(),
    ...(ctx.payload.writesPerSecond ? { writesPerSecond: ctx.payload.writesPerSecond } : {}),
    progress: (done, total) => ctx.progress({ done, total, unit: 'employees' }),
    log: ctx.log,
  });
}

export const earnAl = defineRunner<EarnRunnerPayload>({
  ...JOB_RUNNERS['AIML-SaaS-Employee-Earn-AL'],
  async run(ctx) {
    await runEarnPeriod(ctx);
  },
});

/** Lambda entry point. */
export const handler = earnAl.handler;
