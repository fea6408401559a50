/** The contract of `AIML-SaaS-Job-Runner` jobs: what their payload may say (the runner is jobs/runners/contract-runner.ts). */
import type { PayloadCheck } from '../jobs/engine.ts';
import { isCalendarDate } from '../model/dates.ts';
import type { FieldProblem } from '../model/errors.ts';

/** Payload of `AIML-SaaS-Job-Runner`. */
export interface ContractRunnerPayload {
  /** Process this day (YYYY-MM-DD, the tenant's calendar) instead of the occurrence's: re-running a missed day. */
  date?: string;
  /** How many days ahead managers and HR hear of a probation end (default 14). */
  probationReminderDays?: number;
  /** How many days ahead they hear of a fixed-term contract's end (default 30). */
  contractEndReminderDays?: number;
}

export const DEFAULT_REMINDER_DAYS = { probation: 14, contractEnd: 30 } as const;
const MAX_REMINDER_DAYS = 365;
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The payload contract of `AIML-SaaS-Job-Runner`. */
export function validateContractRunnerPayload(payload: unknown): PayloadCheck<ContractRunnerPayload> {
  if (!isRecord(payload)) return { ok: false, problems: [{ field: '', message: 'must be an object (it may be empty: {})' }] };
  const problems: FieldProblem[] = [];
  if (payload.date !== undefined && !isCalendarDate(payload.date)) problems.push({ field: 'date', message: 'must be a real date (YYYY-MM-DD)' });
  for (const field of ['probationReminderDays', 'contractEndReminderDays'] as const) {
    const days = payload[field];
    if (days !== undefined && (!Number.isInteger(days) || (days as number) < 0 || (days as number) > MAX_REMINDER_DAYS)) {
      problems.push({ field, message: `must be a whole number of days from 0 to ${MAX_REMINDER_DAYS}` });
    }
  }
  const known = new Set(['date', 'probationReminderDays', 'contractEndReminderDays']);
  for (const field of Object.keys(payload)) if (!known.has(field)) problems.push({ field, message: 'is not a field of this runner' });
  return problems.length === 0 ? { ok: true, value: payload as ContractRunnerPayload } : { ok: false, problems };
}
