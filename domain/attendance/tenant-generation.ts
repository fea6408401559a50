/**
 * One tenant's attendance generation, as the `AIML-SaaS-AttGen-Tenant` runner does it (Node): the
 * range its payload names (or, without one, the tenant's last settled days), the employees it names
 * (or everyone under contract then), one load of the tenant's schedules for all of them, and
 * {@link generateDays} with paced writes. Everything goes through the tenant's own clients.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { addDays } from '../model/dates.ts';
import type { TableId } from '../model/tables.ts';
import { bookPlanSource, employeesUnderContract, EVERYONE, loadScheduleBook } from '../schedules/plan-source.ts';
import { settledDay } from './nightly.ts';
import type { WriteLimiter } from './pacing.ts';
import { DEFAULT_COVER_DAYS, DEFAULT_SETTLE_TIME, type AttGenTenantPayload } from './runner-payloads.ts';
import { approvedLeave } from '../leave/attendance-source.ts';
import { generateDays, type GenerationSummary } from './store.ts';

export interface TenantGenerationDeps {
  /** The tenant's own DynamoDB client. */
  dynamodb: DynamoDBClient;
  tableName(table: TableId): string;
  /** The tenant's time zone (settings): settled days without a payload range, employees without a location. */
  timeZone: string;
  limiter?: WriteLimiter;
  onProgress?: (done: number, total: number) => void | Promise<void>;
}

export interface TenantGenerationResult extends GenerationSummary {
  from: string;
  to: string;
}

/** The dates a job covers: its payload's, or the {@link DEFAULT_COVER_DAYS} days ending with the tenant's settled day at `occurrenceAt`. */
export function generationRange(payload: AttGenTenantPayload, occurrenceAt: Date, timeZone: string): { from: string; to: string } {
  if (payload.from !== undefined) return { from: payload.from, to: payload.to ?? payload.from };
  const to = settledDay(occurrenceAt, timeZone, DEFAULT_SETTLE_TIME);
  return { from: addDays(to, 1 - DEFAULT_COVER_DAYS), to };
}

/**
 * Generates the tenant's daily records for the job's range as of `now`. The schedule book is read
 * once for everyone (or for the named employees), a day either side of the range as
 * {@link generateDays} plans it, so 10,000 employees cost a handful of Queries, not 10,000.
 */
export async function generateTenantAttendance(
  deps: TenantGenerationDeps,
  tenantId: string,
  payload: AttGenTenantPayload,
  at: { now: Date; occurrenceAt: Date },
): Promise<TenantGenerationResult> {
  const { from, to } = generationRange(payload, at.occurrenceAt, deps.timeZone);
  const book = await loadScheduleBook(
    { dynamodb: deps.dynamodb, tableName: (table) => deps.tableName(table), tenantZone: async () => deps.timeZone },
    tenantId,
    payload.employeeIds ?? EVERYONE,
    addDays(from, -1),
    addDays(to, 1),
  );
  // Named employees are recomputed even without a contract now: their records may have to go.
  const employeeIds = payload.employeeIds ?? employeesUnderContract(book, addDays(from, -1), addDays(to, 1));
  const summary = await generateDays(
    {
      dynamodb: deps.dynamodb,
      table: deps.tableName('TimeAttendance'),
      plans: bookPlanSource(book),
      leave: approvedLeave(deps.dynamodb, deps.tableName('Leave')),
      ...(deps.limiter ? { limiter: deps.limiter } : {}),
      ...(deps.onProgress ? { onProgress: deps.onProgress } : {}),
    },
    tenantId,
    employeeIds,
    from,
    to,
    at.now,
  );
  return { ...summary, from, to };
}
