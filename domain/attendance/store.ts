/**
 * Daily attendance records (Node): generated from the schedules module's plans and the punches,
 * written only where they changed. The AttGen-Tenant runner calls {@link generateDays} for a day or
 * a range; a late punch and an approved correction call it for the employee's day. Everything
 * runs with the tenant's own clients, so IAM confines it to `TENANT#<id>` keys.
 */
import { BatchGetItemCommand, BatchWriteItemCommand, type AttributeValue, type DynamoDBClient, type WriteRequest } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { DomainError } from '../domain-error.ts';
import { queryAll } from '../dynamo-query.ts';
import { addDays, daysBetween, isCalendarDate } from '../model/dates.ts';
import { tenantKey } from '../model/keys.ts';
import { employeeItemKey } from '../people/model/keys.ts';
import type { PlannedDay, PlanSource } from '../schedules/model/planned-day.ts';
import { assignPunches, classifyDay, effectivePunches, type LeaveDay } from './classify.ts';
import { departmentMonthKey, punchBound, recordItemKey } from './model/keys.ts';
import type { DailyRecord, DailyRecordRow, PunchRow } from './model/records.ts';
import { unpaced, type WriteLimiter } from './pacing.ts';
import { inPool } from '../pool.ts';

/** Longest range one call generates. */
export const MAX_GENERATION_DAYS = 62;
/** Reads in flight at once (one Query per employee's punches). */
const READ_CONCURRENCY = 16;
const BATCH_GET = 100;
const BATCH_WRITE = 25;
/** Punch keys are UTC instants: a day's punches in any zone lie within these days of it. */
const PUNCH_MARGIN_BEFORE = 2;
const PUNCH_MARGIN_AFTER = 3;

/** Who is on leave on which dates: `<employee>#<date>` → the leave. */
export interface LeaveSource {
  leaveDays(tenantId: string, employeeIds: readonly string[], from: string, to: string): Promise<Map<string, LeaveDay>>;
}

export const noLeave: LeaveSource = { leaveDays: async () => new Map() };

export interface GenerationDeps {
  /** The tenant's own DynamoDB client. */
  dynamodb: DynamoDBClient;
  /** TimeAttendance's physical name. */
  table: string;
  plans: PlanSource;
  /** Default: nobody is on leave. */
  leave?: LeaveSource;
  /** Paces the writes (the runner stays under one partition's write ceiling). Default: unpaced. */
  limiter?: WriteLimiter;
  /** Told after each employee's days are written: how many employees are done, of how many. */
  onProgress?: (done: number, total: number) => void | Promise<void>;
}

export interface GenerationSummary {
  employees: number;
  /** Employee-days looked at. */
  days: number;
  written: number;
  /** Records removed: their day has neither a plan nor punches any more. */
  deleted: number;
  unchanged: number;
  /** Days not judged yet (their punch window is still open). */
  pending: number;
}

/** One employee's punches between two dates' UTC bounds (inclusive), consistently read. */
export async function punchesBetween(dynamodb: DynamoDBClient, table: string, tenantId: string, employeeId: string, fromDate: string, toDate: string): Promise<PunchRow[]> {
  const items = await queryAll(dynamodb, {
    TableName: table,
    KeyConditionExpression: 'TenantId = :tenant AND EntityItem BETWEEN :from AND :to',
    ExpressionAttributeValues: {
      ':tenant': { S: tenantKey(tenantId) },
      ':from': { S: punchBound(employeeId, fromDate) },
      // `~` sorts after the rest of any instant of the last date.
      ':to': { S: punchBound(employeeId, `${toDate}~`) },
    },
    ConsistentRead: true,
  });
  return items.map((item) => unmarshall(item) as PunchRow);
}

/** Items by key (only `attributes`, when given), following UnprocessedKeys, consistently read. */
async function batchGet(dynamodb: DynamoDBClient, table: string, keys: Record<string, AttributeValue>[], attributes: string[] = []): Promise<Record<string, unknown>[]> {
  const projection = attributes.length > 0
    ? { ProjectionExpression: attributes.map((_, i) => `#a${i}`).join(', '), ExpressionAttributeNames: Object.fromEntries(attributes.map((name, i) => [`#a${i}`, name])) }
    : {};
  const found: Record<string, unknown>[] = [];
  for (let i = 0; i < keys.length; i += BATCH_GET) {
    let pending: Record<string, AttributeValue>[] = keys.slice(i, i + BATCH_GET);
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 25 * 2 ** attempt)));
      const answer = await dynamodb.send(new BatchGetItemCommand({ RequestItems: { [table]: { Keys: pending, ConsistentRead: true, ...projection } } }));
      found.push(...(answer.Responses?.[table] ?? []).map((item) => unmarshall(item)));
      pending = (answer.UnprocessedKeys?.[table]?.Keys ?? []) as Record<string, AttributeValue>[];
    }
  }
  return found;
}

/** Writes (puts and deletes), 25 at a time, each batch paced by `limiter`, following UnprocessedItems. */
async function batchWrite(dynamodb: DynamoDBClient, table: string, requests: WriteRequest[], limiter: WriteLimiter): Promise<void> {
  for (let i = 0; i < requests.length; i += BATCH_WRITE) {
    let pending = requests.slice(i, i + BATCH_WRITE);
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 25 * 2 ** attempt)));
      await limiter.acquire(pending.length);
      const answer = await dynamodb.send(new BatchWriteItemCommand({ RequestItems: { [table]: pending } }));
      pending = answer.UnprocessedItems?.[table] ?? [];
    }
  }
}

/** A record's content, field by field in one order: what "unchanged" compares. */
function content(record: DailyRecord): string {
  return JSON.stringify([
    record.employeeId, record.date, record.timeZone, record.status, record.shiftTypeId ?? null, record.plannedStart ?? null,
    record.plannedEnd ?? null, record.holiday ?? null, record.firstIn ?? null, record.lastOut ?? null, record.workedMinutes,
    record.lateMinutes, record.earlyExitMinutes, record.overtime.map((o) => [o.kind, o.minutes, o.multiplier]), record.flags,
    record.punchIds, record.departmentId ?? null,
  ]);
}

/** The stored row of a record, keyed for the table and (with a department) the department grid. */
export function recordRow(tenantId: string, record: DailyRecord, generatedAt: string): DailyRecordRow {
  return {
    TenantId: tenantKey(tenantId),
    EntityItem: recordItemKey(record.employeeId, record.date),
    ...record,
    generatedAt,
    ...(record.departmentId ? { DepartmentMonthKey: departmentMonthKey(record.departmentId, record.date, record.employeeId) } : {}),
  };
}

function dates(from: string, to: string): string[] {
  return Array.from({ length: daysBetween(from, to) + 1 }, (_, i) => addDays(from, i));
}

/**
 * Generates (or recomputes) the daily records of `employeeIds` for every date from `from` to `to`
 * as of `now`: plans from `deps.plans`, punches per employee, classification, and a write only
 * where the record differs from the stored one (a record whose day has neither plan nor punches
 * any more is removed; a day whose window is still open is left alone). Deterministic: the same
 * inputs give the same records, and running it again writes nothing.
 *
 * @example
 * await generateDays({ dynamodb, table, plans: createPlanSource(...), limiter: writeLimiter() }, 'acme', ids, '2027-03-28', '2027-03-28', new Date());
 */
export async function generateDays(deps: GenerationDeps, tenantId: string, employeeIds: readonly string[], from: string, to: string, now: Date): Promise<GenerationSummary> {
  if (!isCalendarDate(from) || !isCalendarDate(to) || to < from || daysBetween(from, to) >= MAX_GENERATION_DAYS) {
    throw new DomainError('VALIDATION_ERROR', `Attendance is generated for 1 to ${MAX_GENERATION_DAYS} days at a time.`, [{ field: 'to', message: `must be a date from ${from} up to ${MAX_GENERATION_DAYS - 1} days later` }]);
  }
  const ids = [...new Set(employeeIds)].sort();
  const summary: GenerationSummary = { employees: ids.length, days: 0, written: 0, deleted: 0, unchanged: 0, pending: 0 };
  if (ids.length === 0) return summary;
  const range = dates(from, to);
  const limiter = deps.limiter ?? unpaced;

  // Plans a day either side: punches near midnight may belong to a neighbouring date's shift.
  const [plans, leave] = await Promise.all([
    deps.plans.plannedDays(tenantId, ids, addDays(from, -1), addDays(to, 1)),
    (deps.leave ?? noLeave).leaveDays(tenantId, ids, from, to),
  ]);
  const plansOf = new Map<string, PlannedDay[]>();
  for (const plan of plans) {
    const list = plansOf.get(plan.employeeId);
    if (list) list.push(plan);
    else plansOf.set(plan.employeeId, [plan]);
  }

  let done = 0;
  // One chunk of employees at a time: their punches and stored records are read, then their records written.
  const chunkSize = BATCH_GET;
  for (let start = 0; start < ids.length; start += chunkSize) {
    const chunk = ids.slice(start, start + chunkSize);
    const [punchLists, stored] = await Promise.all([
      inPool(chunk, READ_CONCURRENCY, (id) => punchesBetween(deps.dynamodb, deps.table, tenantId, id, addDays(from, -PUNCH_MARGIN_BEFORE), addDays(to, PUNCH_MARGIN_AFTER))),
      batchGet(deps.dynamodb, deps.table, chunk.flatMap((id) => range.map((date) => marshall({ TenantId: tenantKey(tenantId), EntityItem: recordItemKey(id, date) })))),
    ]);
    const storedByKey = new Map(stored.map((row) => [String(row.EntityItem), row as unknown as DailyRecordRow]));
    const writes: WriteRequest[] = [];
    chunk.forEach((employeeId, index) => {
      const own = plansOf.get(employeeId) ?? [];
      const byDate = assignPunches(own, effectivePunches(punchLists[index]!));
      for (const date of range) {
        summary.days += 1;
        const plan = own.find((p) => p.date === date) ?? null;
        const dayPunches = byDate.get(date) ?? [];
        const key = recordItemKey(employeeId, date);
        const current = storedByKey.get(key);
        if (!plan && dayPunches.length === 0) {
          if (current) {
            writes.push({ DeleteRequest: { Key: marshall({ TenantId: tenantKey(tenantId), EntityItem: key }) } });
            summary.deleted += 1;
          }
          continue;
        }
        const record = classifyDay(plan, dayPunches, now, { employeeId, date, leave: leave.get(`${employeeId}#${date}`) ?? null });
        if (!record) {
          summary.pending += 1;
          continue;
        }
        if (current && content(current) === content(record)) {
          summary.unchanged += 1;
          continue;
        }
        writes.push({ PutRequest: { Item: marshall(recordRow(tenantId, record, now.toISOString()), { removeUndefinedValues: true }) } });
        summary.written += 1;
      }
    });
    await batchWrite(deps.dynamodb, deps.table, writes, limiter);
    done += chunk.length;
    await deps.onProgress?.(done, ids.length);
  }
  return summary;
}

/**
 * Leave as the employee records say it: someone whose status is ON_LEAVE is on leave on every date
 * asked about. Generation reads approved leave per date from the leave module instead
 * (domain/leave/attendance-source.ts); this stays for callers that only have the status.
 */
export function statusLeave(dynamodb: DynamoDBClient, pimTable: string): LeaveSource {
  return {
    async leaveDays(tenantId, employeeIds, from, to) {
      const keys = employeeIds.map((id) => marshall({ TenantId: tenantKey(tenantId), EntityItem: employeeItemKey(id) }));
      const rows = await batchGet(dynamodb, pimTable, keys, ['id', 'employment']);
      const leave = new Map<string, LeaveDay>();
      for (const row of rows as { id: string; employment?: { status?: string } }[]) {
        if (row.employment?.status !== 'ON_LEAVE') continue;
        for (const date of dates(from, to)) leave.set(`${row.id}#${date}`, { source: 'EMPLOYEE_STATUS' });
      }
      return leave;
    },
  };
}
