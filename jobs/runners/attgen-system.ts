/**
 * `AIML-SaaS-AttGen-System`: the system-wide nightly attendance job. Scheduled in the system
 * tenant every hour; each occurrence makes sure every active customer tenant has its
 * `AIML-SaaS-AttGen-Tenant` job for its last settled day (domain/attendance/nightly.ts). The day
 * comes from the occurrence, not the clock, so every attempt of one occurrence asks for the same
 * jobs; their ids come from the day, so nothing is created twice.
 * Environment: the tables' variables (it runs with the system role: registry and every tenant's jobs).
 */
import { createNightlyJobs, registeredTenants } from '../../domain/attendance/nightly.ts';
import type { AttGenSystemPayload } from '../../domain/attendance/runner-payloads.ts';
import { JOB_RUNNERS } from '../../domain/jobs/engine.ts';
import { defineRunner, JobFailure } from '../runner.ts';

export const attGenSystem = defineRunner<AttGenSystemPayload>({
  ...JOB_RUNNERS['AIML-SaaS-AttGen-System'],
  async run(ctx) {
    const tenants = await registeredTenants(ctx.clients.dynamodb, ctx.tableName('TenantRegistry'));
    const result = await createNightlyJobs({ dynamodb: ctx.clients.dynamodb, tableName: ctx.tableName('TenantJob') }, tenants, new Date(ctx.occurrenceAt), ctx.payload);
    await ctx.progress({ done: result.created.length + result.existing.length, total: result.tenants - result.skipped, unit: 'tenants' });
    ctx.log.info('nightly attendance jobs', { tenants: result.tenants, created: result.created.length, existing: result.existing.length, skipped: result.skipped, failed: result.failed.length });
    // The tenants done stay done; a retry creates only the failed ones' jobs.
    if (result.failed.length > 0) {
      throw new JobFailure(`${result.failed.length} of ${result.tenants - result.skipped} tenants' jobs could not be created (${result.failed.map((f) => `${f.tenantId}: ${f.error}`).join('; ')}); they are retried.`);
    }
  },
});

/** Lambda entry point. */
export const handler = attGenSystem.handler;
