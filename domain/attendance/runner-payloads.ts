/**
 * The contracts of the attendance runners' jobs: `AIML-SaaS-AttGen-Tenant` (one tenant's records
 * for a day or a range) and `AIML-SaaS-AttGen-System` (each night, an AttGen-Tenant job per active
 * tenant).
 */
import type { PayloadCheck } from '../jobs/engine.ts';
import { daysBetween, isCalendarDate } from '../model/dates.ts';
import type { FieldProblem } from '../model/errors.ts';
import { isValidEntityId } from '../model/keys.ts';
import { isWallTime } from '../time.ts';

/** Payload of `AIML-SaaS-AttGen-Tenant`. Without dates: the tenant's last two settled days (see {@link DEFAULT_COVER_DAYS}). */
export interface AttGenTenantPayload {
  /** One day, or the first of a range (YYYY-MM-DD, the employees' local calendar). */
  from?: string;
  /** The last day of the range (inclusive); without it, `from` alone. */
  to?: string;
  /** Only these employees (a recompute); without it, every employee with a plan. */
  employeeIds?: string[];
}

/** Payload of `AIML-SaaS-AttGen-System`. */
export interface AttGenSystemPayload {
  /** Local time after which a tenant's previous day counts as settled (default 02:00). */
  settleTime?: string;
  /** How many days back each tenant job covers, ending with the settled day (default 2: a night shift's day is judged the night after). */
  coverDays?: number;
}

/** Longest range one AttGen-Tenant job generates. */
export const MAX_GENERATION_DAYS = 31;
/** Most employees a recompute job names. */
export const MAX_RECOMPUTE_EMPLOYEES = 1000;
export const DEFAULT_SETTLE_TIME = '02:00';
export const DEFAULT_COVER_DAYS = 2;
const MAX_COVER_DAYS = 7;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function unknownFields(payload: Record<string, unknown>, known: readonly string[]): FieldProblem[] {
  return Object.keys(payload).filter((field) => !known.includes(field)).map((field) => ({ field, message: 'is not a field of this runner' }));
}

/** The payload contract of `AIML-SaaS-AttGen-Tenant`. */
export function validateAttGenTenantPayload(payload: unknown): PayloadCheck<AttGenTenantPayload> {
  if (!isRecord(payload)) return { ok: false, problems: [{ field: '', message: 'must be an object: {} for the last settled days, or { from, to?, employeeIds? }' }] };
  const problems: FieldProblem[] = [];
  const { from, to, employeeIds } = payload;
  if (from !== undefined && !isCalendarDate(from)) problems.push({ field: 'from', message: 'must be a real date (YYYY-MM-DD)' });
  if (to !== undefined) {
    if (from === undefined) problems.push({ field: 'to', message: 'needs from' });
    else if (!isCalendarDate(to)) problems.push({ field: 'to', message: 'must be a real date (YYYY-MM-DD)' });
    else if (isCalendarDate(from) && (to < from || daysBetween(from, to) >= MAX_GENERATION_DAYS)) {
      problems.push({ field: 'to', message: `must be from ${from} to at most ${MAX_GENERATION_DAYS - 1} days later` });
    }
  }
  if (employeeIds !== undefined) {
    if (!Array.isArray(employeeIds) || employeeIds.length === 0 || employeeIds.length > MAX_RECOMPUTE_EMPLOYEES) {
      problems.push({ field: 'employeeIds', message: `must be a list of 1 to ${MAX_RECOMPUTE_EMPLOYEES} employee ids` });
    } else {
      employeeIds.forEach((id, i) => {
        if (!isValidEntityId(id)) problems.push({ field: `employeeIds.${i}`, message: 'must be an employee id' });
      });
    }
  }
  problems.push(...unknownFields(payload, ['from', 'to', 'employeeIds']));
  return problems.length === 0 ? { ok: true, value: payload as AttGenTenantPayload } : { ok: false, problems };
}

/** The payload contract of `AIML-SaaS-AttGen-System`. */
export function validateAttGenSystemPayload(payload: unknown): PayloadCheck<AttGenSystemPayload> {
  if (!isRecord(payload)) return { ok: false, problems: [{ field: '', message: 'must be an object (it may be empty: {})' }] };
  const problems: FieldProblem[] = [];
  if (payload.settleTime !== undefined && !isWallTime(payload.settleTime)) problems.push({ field: 'settleTime', message: 'must be a local time HH:MM such as 02:00' });
  const cover = payload.coverDays;
  if (cover !== undefined && (!Number.isInteger(cover) || (cover as number) < 1 || (cover as number) > MAX_COVER_DAYS)) {
    problems.push({ field: 'coverDays', message: `must be a whole number of days from 1 to ${MAX_COVER_DAYS}` });
  }
  problems.push(...unknownFields(payload, ['settleTime', 'coverDays']));
  return problems.length === 0 ? { ok: true, value: payload as AttGenSystemPayload } : { ok: false, problems };
}
