/** The contract of `AIML-SaaS-Payroll-Run` jobs (the runner is jobs/runners/payroll-run.ts); the payroll API creates them. */
import type { PayloadCheck } from '../jobs/engine.ts';
import { isValidEntityId } from '../model/keys.ts';
import type { FieldProblem } from '../model/errors.ts';

export const PAYROLL_RUNNER = 'AIML-SaaS-Payroll-Run';

/** Payload of `AIML-SaaS-Payroll-Run`: one step of one run. */
export interface PayrollRunnerPayload {
  runId: string;
  /** CALCULATE: the run's payslips for `calculation`; FINALIZE: PDFs, PAYSLIP documents, notifications. */
  step: 'CALCULATE' | 'FINALIZE';
  /** The calculation the step belongs to: a job of an older calculation changes nothing. */
  calculation: number;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export function validatePayrollRunnerPayload(payload: unknown): PayloadCheck<PayrollRunnerPayload> {
  if (!isRecord(payload)) return { ok: false, problems: [{ field: '', message: 'must be an object { runId, step, calculation }' }] };
  const problems: FieldProblem[] = [];
  if (!isValidEntityId(payload.runId)) problems.push({ field: 'runId', message: 'must be a pay run id of the job\'s tenant' });
  if (payload.step !== 'CALCULATE' && payload.step !== 'FINALIZE') problems.push({ field: 'step', message: 'must be CALCULATE or FINALIZE' });
  if (!Number.isInteger(payload.calculation) || (payload.calculation as number) < 1) problems.push({ field: 'calculation', message: 'must be a whole number ≥ 1' });
  for (const field of Object.keys(payload)) if (!['runId', 'step', 'calculation'].includes(field)) problems.push({ field, message: 'is not a field of this runner' });
  return problems.length === 0 ? { ok: true, value: payload as unknown as PayrollRunnerPayload } : { ok: false, problems };
}
