/**
 * `AIML-SaaS-Tenant-Notification-Dispatcher`: a tenant's scheduled notifications. Each occurrence
 * reminds the employees whose shift starts (`CLOCK_IN`) or ends (`CLOCK_OUT`) in the window
 * `[occurrence + leadMinutes, + windowMinutes)` to clock in or out, through the API's
 * `publishNotification` mutation over IAM, so subscribed phones get it live.
 *
 * Reads go through the tenant's scoped session (WorkSchedule shifts, PIM accounts). The window
 * comes from the occurrence, not the clock, so every attempt of one occurrence sends to the same
 * shifts; each notification's id is a ULID derived from the occurrence and the shift, and the API
 * refuses an id twice (CONFLICT), so a retry or a duplicate delivery sends nothing twice.
 * Environment: GRAPHQL_URL, TENANT_ROLE_ARN, and the tables' variables.
 */
import { BatchGetItemCommand, QueryCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { PublishNotificationInput } from '../../domain/generated/graphql.ts';
import { deterministicUlid, environmentPublish, publishOnce, type Publish } from '../../domain/notifications/publish.ts';
import { JOB_RUNNERS, type NotificationDispatcherPayload } from '../../domain/jobs/engine.ts';
import { tenantKey } from '../../domain/model/keys.ts';
import { employeeItemKey } from '../../domain/people/model/keys.ts';
import { MAX_SHIFT_HOURS, type Shift } from '../../domain/schedules/shifts.ts';
import { shiftItemKey, shiftStartBound } from '../../domain/schedules/model/keys.ts';
import { defineRunner, JobFailure, type RunContext } from '../runner.ts';

/** What one occurrence did. */
export interface DispatchResult {
  /** Shifts in the window. */
  shifts: number;
  sent: number;
  /** Sent by an earlier attempt or delivery of this occurrence. */
  alreadySent: number;
  /** Shifts of employees without an account to notify. */
  noAccount: number;
}

/** Shifts of the tenant starting in `[from, to)`: one Query on the tenant's partition. */
async function shiftsStarting(dynamodb: DynamoDBClient, table: string, tenantId: string, from: Date, to: Date): Promise<Shift[]> {
  const shifts: Shift[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await dynamodb.send(new QueryCommand({
      TableName: table,
      // `SHIFT#<to>` sorts before every key of a shift starting at `to`: the upper bound is exclusive.
      KeyConditionExpression: 'TenantId = :tenant AND EntityItem BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':tenant': { S: tenantKey(tenantId) }, ':from': { S: shiftStartBound(from.toISOString()) }, ':to': { S: shiftStartBound(to.toISOString()) } },
      ExclusiveStartKey: start,
    }));
    for (const item of page.Items ?? []) shifts.push(unmarshall(item) as Shift);
    start = page.LastEvaluatedKey;
  } while (start);
  return shifts;
}

/** The user accounts (Cognito sub) and first names of employees, 100 keys per BatchGetItem. */
async function accountsOf(dynamodb: DynamoDBClient, table: string, tenantId: string, employeeIds: string[]): Promise<Map<string, { userId: string; firstName?: string }>> {
  const accounts = new Map<string, { userId: string; firstName?: string }>();
  for (let i = 0; i < employeeIds.length; i += 100) {
    let keys: Record<string, AttributeValue>[] = employeeIds.slice(i, i + 100).map((id) => ({ TenantId: { S: tenantKey(tenantId) }, EntityItem: { S: employeeItemKey(id) } }));
    while (keys.length > 0) {
      const answer = await dynamodb.send(new BatchGetItemCommand({ RequestItems: { [table]: { Keys: keys, ProjectionExpression: 'id, UserId, firstName' } } }));
      for (const item of answer.Responses?.[table] ?? []) {
        const row = unmarshall(item) as { id: string; UserId?: string; firstName?: string };
        if (row.UserId) accounts.set(row.id, { userId: row.UserId, ...(row.firstName ? { firstName: row.firstName } : {}) });
      }
      keys = answer.UnprocessedKeys?.[table]?.Keys ?? [];
    }
  }
  return accounts;
}

function timeOf(iso: string): string {
  return new Date(iso).toISOString().slice(11, 16);
}

function reminderText(payload: NotificationDispatcherPayload, shift: Shift, firstName: string | undefined): Pick<PublishNotificationInput, 'title' | 'body'> {
  const who = firstName ? `${firstName}, your` : 'Your';
  const where = shift.location ? ` at ${shift.location}` : '';
  return payload.reminder === 'CLOCK_IN'
    ? { title: 'Time to clock in', body: `${who} shift${where} starts at ${timeOf(shift.startAt)} UTC. Remember to clock in.` }
    : { title: 'Time to clock out', body: `${who} shift${where} ends at ${timeOf(shift.endAt)} UTC. Remember to clock out.` };
}

/** One occurrence: find the shifts in the window and remind each employee once. */
export async function dispatchReminders(
  ctx: Pick<RunContext<NotificationDispatcherPayload>, 'tenantId' | 'payload' | 'occurrenceAt' | 'idempotencyKey' | 'clients' | 'tableName' | 'log'>,
  publish: Publish,
): Promise<DispatchResult> {
  const { payload } = ctx;
  const from = new Date(Date.parse(ctx.occurrenceAt) + payload.leadMinutes * 60_000);
  const to = new Date(from.getTime() + payload.windowMinutes * 60_000);
  const inWindow = (iso: string) => Date.parse(iso) >= from.getTime() && Date.parse(iso) < to.getTime();
  const table = ctx.tableName('WorkSchedule');
  const shifts = payload.reminder === 'CLOCK_IN'
    ? await shiftsStarting(ctx.clients.dynamodb, table, ctx.tenantId, from, to)
    // A shift ending in the window started at most MAX_SHIFT_HOURS before it.
    : (await shiftsStarting(ctx.clients.dynamodb, table, ctx.tenantId, new Date(from.getTime() - MAX_SHIFT_HOURS * 3_600_000), to)).filter((s) => inWindow(s.endAt));
  const accounts = await accountsOf(ctx.clients.dynamodb, ctx.tableName('PIM'), ctx.tenantId, [...new Set(shifts.map((s) => s.employeeId))]);
  const result: DispatchResult = { shifts: shifts.length, sent: 0, alreadySent: 0, noAccount: 0 };
  const failures: string[] = [];
  for (const shift of shifts) {
    const account = accounts.get(shift.employeeId);
    if (!account) {
      result.noAccount += 1;
      continue;
    }
    const input: PublishNotificationInput = {
      id: deterministicUlid(Date.parse(ctx.occurrenceAt), `${ctx.idempotencyKey}#${payload.reminder}#${shiftItemKey(shift)}`),
      recipientUserId: account.userId,
      kind: 'CLOCK_REMINDER',
      ...reminderText(payload, shift, account.firstName),
    };
    const outcome = await publishOnce(publish, ctx.tenantId, input);
    if (outcome.sent) result.sent += 1;
    else if (outcome.already) result.alreadySent += 1;
    else failures.push(outcome.error);
  }
  ctx.log.info('reminders dispatched', { reminder: payload.reminder, ...result, failed: failures.length });
  // The ones sent stay sent (their ids are taken); a retry sends only the rest.
  if (failures.length > 0) throw new JobFailure(`${failures.length} of ${shifts.length} reminders failed to publish (${[...new Set(failures)].join(', ')}); they are retried.`);
  return result;
}

export const notificationDispatcher = defineRunner({
  ...JOB_RUNNERS['AIML-SaaS-Tenant-Notification-Dispatcher'],
  async run(ctx) {
    await dispatchReminders(ctx, environmentPublish());
  },
});

export const handler = notificationDispatcher.handler;
