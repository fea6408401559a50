/**
 * `AIML-SaaS-AttGen-Tenant`: one tenant's daily attendance records (domain/attendance/tenant-generation.ts).
 * The nightly system job (attgen-system.ts) creates one per active tenant for its last settled
 * days; HR may create one for a range (up to 31 days) or for named employees after a correction.
 * Runs with the tenant's session only, so IAM confines it to the tenant's items; its writes are
 * paced under one partition's ceiling. Idempotent: a record equal to the stored one is not written,
 * so a duplicate delivery or a retry after a crash halfway writes only what is still missing.
 * Environment: TENANT_ROLE_ARN and the tables' variables.
 */
import { writeLimiter } from '../../domain/attendance/pacing.ts';
import type { AttGenTenantPayload } from '../../domain/attendance/runner-payloads.ts';
import { generateTenantAttendance } from '../../domain/attendance/tenant-generation.ts';
import { JOB_RUNNERS } from '../../domain/jobs/engine.ts';
import { defineRunner } from '../runner.ts';

export const attGenTenant = defineRunner<AttGenTenantPayload>({
  ...JOB_RUNNERS['AIML-SaaS-AttGen-Tenant'],
  async run(ctx) {
    const result = await generateTenantAttendance(
      {
        dynamodb: ctx.clients.dynamodb,
        tableName: ctx.tableName,
        timeZone: ctx.tenant.settings.timeZone,
        limiter: writeLimiter(),
        onProgress: (done, total) => ctx.progress({ done, total, unit: 'employees' }),
      },
      ctx.tenantId,
      ctx.payload,
      { now: ctx.now, occurrenceAt: new Date(ctx.occurrenceAt) },
    );
    if (result.employees === 0) await ctx.progress({ done: 0, total: 0, unit: 'employees', message: 'nobody under contract in the range' });
    ctx.log.info('attendance generated', { from: result.from, to: result.to, employees: result.employees, days: result.days, written: result.written, deleted: result.deleted, unchanged: result.unchanged, pending: result.pending });
  },
});

/** Lambda entry point. */
export const handler = attGenTenant.handler;
