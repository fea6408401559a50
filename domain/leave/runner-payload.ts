/** The contract of `AIML-SaaS-Employee-Earn-AL` jobs: what their payload may say (the runner is jobs/runners/earn-al.ts). */
import type { PayloadCheck } from '../jobs/engine.ts';
import { addDays } from '../model/dates.ts';
import type { FieldProblem } from '../model/errors.ts';

/** Payload of `AIML-SaaS-Employee-Earn-AL`. */
export interface EarnRunnerPayload {
  /**
   * The month to accrue, `YYYY-MM`. Default: the month before the occurrence's day in the tenant's
   * zone (a job on the 1st at 00:30 accrues the month that just ended). Name a past month to
   * re-run it after a policy or contract correction: only the difference is posted.
   */
  period?: string;
  /** Items the run may write per second in the tenant's partition (1-1000, default 1000; domain/leave/earn.ts). */
  writesPerSecond?: number;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export function isPeriod(value: unknown): value is string {
  if (typeof value !== 'string' || value.length !== 7 || value.charAt(4) !== '-') return false;
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  return /^\d{4}-\d{2}$/.test(value) && year >= 1900 && year <= 2999 && month >= 1 && month <= 12;
}

/** The month a run on local day `date` accrues by default: the one that ended before it. */
export function defaultPeriod(date: string): string {
  return addDays(date, -1).slice(0, 7);
}

/** The payload contract of `AIML-SaaS-Employee-Earn-AL`. */
export function validateEarnRunnerPayload(payload: unknown): PayloadCheck<EarnRunnerPayload> {
  if (!isRecord(payload)) return { ok: false, problems: [{ field: '', message: 'must be an object (it may be empty: {})' }] };
  const problems: FieldProblem[] = [];
  if (payload.period !== undefined && !isPeriod(payload.period)) problems.push({ field: 'period', message: 'must be a month, YYYY-MM' });
  const rate = payload.writesPerSecond;
  if (rate !== undefined && (!Number.isInteger(rate) || (rate as number) < 1 || (rate as number) > 1000)) {
    problems.push({ field: 'writesPerSecond', message: 'must be a whole number from 1 to 1000' });
  }
  const known = new Set(['period', 'writesPerSecond']);
  for (const field of Object.keys(payload)) if (!known.has(field)) problems.push({ field, message: 'is not a field of this runner' });
  return problems.length === 0 ? { ok: true, value: payload as EarnRunnerPayload } : { ok: false, problems };
}
