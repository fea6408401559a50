/**
 * `AIML-SaaS-Payroll-Run`: one step of one pay run, created by the payroll API with the run's
 * state change (domain/payroll/store.ts): CALCULATE (domain/payroll/pay-run.ts) or FINALIZE
 * (domain/payroll/finalize.ts). Runs with the tenant's session only, so IAM confines its reads,
 * writes and S3 objects to the tenant; both steps are idempotent and resumable, and a job of a
 * superseded calculation or a run no longer in its step changes nothing.
 * Environment: TENANT_ROLE_ARN, DOCUMENTS_BUCKET, GRAPHQL_URL (PAYSLIP_READY) and the tables' variables.
 */
import { requiredEnv } from '../../domain/env.ts';
import { JOB_RUNNERS } from '../../domain/jobs/engine.ts';
import type { Publish } from '../../domain/notifications/publish.ts';
import { environmentPublish } from '../../domain/notifications/publish.ts';
import { finalizeRun, type FinalizeResult } from '../../domain/payroll/finalize.ts';
import { calculateRun, type CalculateRunResult } from '../../domain/payroll/pay-run.ts';
import type { PayrollRunnerPayload } from '../../domain/payroll/runner-payload.ts';
import { defineRunner, JobFailure, type RunContext } from '../runner.ts';

export interface PayrollStepDeps {
  bucket: string;
  publish: Publish;
  writesPerSecond?: number;
}

type Ctx = Pick<RunContext<PayrollRunnerPayload>, 'tenantId' | 'payload' | 'now' | 'clients' | 'tableName' | 'log' | 'progress'>;

/** One step with the tenant's clients. */
export async function runPayrollStep(ctx: Ctx, deps: PayrollStepDeps): Promise<CalculateRunResult | FinalizeResult> {
  const store = {
    dynamodb: ctx.clients.dynamodb,
    payrollTable: ctx.tableName('Payroll'),
    jobsTable: ctx.tableName('TenantJob'),
    employmentTable: ctx.tableName('Employment'),
    leaveTable: ctx.tableName('Leave'),
    attendanceTable: ctx.tableName('TimeAttendance'),
  };
  const now = ctx.now.toISOString();
  if (ctx.payload.step === 'CALCULATE') {
    const result = await calculateRun({
      store, tenantId: ctx.tenantId, runId: ctx.payload.runId, calculation: ctx.payload.calculation, now,
      ...(deps.writesPerSecond ? { writesPerSecond: deps.writesPerSecond } : {}),
      progress: (done, total) => ctx.progress({ done, total, unit: 'employees' }),
      log: ctx.log,
    });
    if (result.outcome === 'superseded') await ctx.progress({ done: 0, total: 0, unit: 'employees', message: 'the run is no longer this calculation\'s: nothing written' });
    return result;
  }
  if (!ctx.clients.s3) throw new JobFailure('the payroll runner needs the tenant\'s S3 session', { retryable: false });
  const result = await finalizeRun({
    store: { ...store, pimTable: ctx.tableName('PIM'), s3: ctx.clients.s3, bucket: deps.bucket },
    tenantId: ctx.tenantId, runId: ctx.payload.runId, now, publish: deps.publish, companyName: ctx.tenantId,
    progress: (done, total) => ctx.progress({ done, total, unit: 'payslips' }),
    log: ctx.log,
  });
  if (result.outcome === 'not-finalizing') await ctx.progress({ done: 0, total: 0, unit: 'payslips', message: 'the run is not finalising: nothing to do' });
  return result;
}

export const payrollRun = defineRunner<PayrollRunnerPayload>({
  ...JOB_RUNNERS['AIML-SaaS-Payroll-Run'],
  async run(ctx) {
    await runPayrollStep(ctx, { bucket: requiredEnv('DOCUMENTS_BUCKET'), publish: environmentPublish() });
  },
});

/** Lambda entry point. */
export const handler = payrollRun.handler;
