/**
 * The daily contract processing of one tenant (the `AIML-SaaS-Job-Runner` runner): for a day it
 * brings in step every employee whose contract starts, changes or ended, disables the sign-in of
 * those who left, reminds managers and HR ahead of probation ends and fixed-term ends, and checks
 * the whole management line (repairing any move a crash left half done).
 *
 * At least once, so idempotent by construction: employee records are derived from contracts and
 * written only when they differ; reminders carry ids derived from the day and what they are about,
 * which the API accepts once. Running a day again, or an earlier day, sends and changes nothing twice.
 */
import { GetItemCommand, QueryCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { PublishNotificationInput } from '../generated/graphql.ts';
import type { Logger } from '../logger.ts';
import { addDays, laterDate } from '../model/dates.ts';
import { tenantKey } from '../model/keys.ts';
import { deterministicUlid, publishOnce, type Publish } from '../notifications/publish.ts';
import { employeeIdFromKey, type EmployeeRow } from '../people/model/employee.ts';
import { EMPLOYEES_BY_NAME, managementLine, reportsPathUnder, TOP_OF_ORGANISATION } from '../people/model/keys.ts';
import { usersWithRole } from '../tenancy/users.ts';
import { contractItemKey, calendarDayPrefix, type CalendarKind } from './model/keys.ts';
import type { ContractRow } from './model/contracts.ts';
import { MAX_MANAGEMENT_DEPTH, readEmployee, syncEmployee, syncEmployees, type EmploymentStore, type Occasion, type SyncResult } from './store.ts';
import { inPool } from '../pool.ts';

/** Employees brought in step per batch (reads by key in hundreds, writes in transactions of 25). */
const SYNC_CHUNK = 200;
/**
 * Batches in flight at once: one, since every batch moves the same departments' headcounts (the
 * line up to the top), and transactions on the same item conflict.
 */
const CONCURRENCY = 1;

/** What a day's processing did. */
export interface DayResult {
  date: string;
  /** The day the records were brought to (the later of `date` and the tenant's today). */
  asOf: string;
  /** Employees with a contract event that day (checked). */
  checked: number;
  /** Records that changed. */
  changed: number;
  activated: number;
  terminated: number;
  /** Sign-ins disabled (leavers with a user account). */
  signInsDisabled: number;
  reminders: { sent: number; alreadySent: number; noRecipient: number };
  /** Employees read by the management-line check, and paths it had to repair. */
  lineChecked: number;
  lineRepaired: number;
}

export interface DayDependencies {
  /** The tenant's own clients and tables. */
  store: EmploymentStore;
  tenantId: string;
  /** The day to process. */
  date: string;
  /** The tenant's today: records are brought to the later of this and `date`. */
  today: string;
  now: Date;
  reminderDays: { probation: number; contractEnd: number };
  publish: Publish;
  log: Logger;
}

interface CalendarItem {
  employeeId: string;
  contractId: string;
  date: string;
  kind: CalendarKind;
}

async function calendarOn(store: EmploymentStore, tenantId: string, date: string, kind: CalendarKind): Promise<CalendarItem[]> {
  const items: CalendarItem[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await store.dynamodb.send(new QueryCommand({
      TableName: store.employmentTable,
      KeyConditionExpression: 'TenantId = :tenant AND begins_with(EntityItem, :prefix)',
      ExpressionAttributeValues: { ':tenant': { S: tenantKey(tenantId) }, ':prefix': { S: calendarDayPrefix(date, kind) } },
      ExclusiveStartKey: start,
    }));
    for (const item of page.Items ?? []) items.push(unmarshall(item) as CalendarItem);
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/** Processes one day of one tenant. */
export async function processDay(deps: DayDependencies): Promise<DayResult> {
  const { store, tenantId, date } = deps;
  const asOf = laterDate(date, deps.today);
  const result: DayResult = {
    date, asOf, checked: 0, changed: 0, activated: 0, terminated: 0, signInsDisabled: 0,
    reminders: { sent: 0, alreadySent: 0, noRecipient: 0 }, lineChecked: 0, lineRepaired: 0,
  };
  const occasion: Occasion = { tenantId, today: asOf, now: deps.now.toISOString(), requestedBy: 'system' };

  // 1. Starts and amendments of the day, and contracts whose last day was the day before.
  const events = [
    ...(await calendarOn(store, tenantId, date, 'START')),
    ...(await calendarOn(store, tenantId, date, 'EFFECTIVE')),
    ...(await calendarOn(store, tenantId, addDays(date, -1), 'END')),
  ];
  const employeeIds = [...new Set(events.map((e) => e.employeeId))];
  result.checked = employeeIds.length;
  const chunks = Array.from({ length: Math.ceil(employeeIds.length / SYNC_CHUNK) }, (_, n) => employeeIds.slice(n * SYNC_CHUNK, (n + 1) * SYNC_CHUNK));
  await inPool(chunks, CONCURRENCY, async (chunk) => {
    for (const synced of await syncEmployees(store, occasion, chunk)) afterSync(synced, result);
  });

  // 2. Reminders ahead of probation ends and fixed-term ends.
  await remind(deps, 'PROBATION_END', addDays(date, deps.reminderDays.probation), result);
  await remind(deps, 'END', addDays(date, deps.reminderDays.contractEnd), result);

  // 3. The whole management line, repaired where a move was left half done.
  await checkManagementLine(deps, occasion, result);
  deps.log.info('contract day processed', { ...result });
  return result;
}

/** Counts what a sync changed (the sync itself disables the sign-in of someone who has just left). */
function afterSync(synced: SyncResult, result: DayResult): void {
  if (!synced.changed || !synced.employee) return;
  result.changed += 1;
  const before = synced.before?.status;
  const after = synced.employee.employment.status;
  if (after === 'ACTIVE' && before === 'PENDING') result.activated += 1;
  if (after === 'TERMINATED' && before !== 'TERMINATED') result.terminated += 1;
  if (synced.signInDisabled) result.signInsDisabled += 1;
}

async function remind(deps: DayDependencies, kind: 'PROBATION_END' | 'END', on: string, result: DayResult): Promise<void> {
  const { store, tenantId } = deps;
  const entries = await calendarOn(store, tenantId, on, kind);
  if (entries.length === 0) return;
  const hr = (await usersWithRole(store.dynamodb, store.pimTable, tenantId, 'TenantAdmin')).map((u) => u.userId);
  const failures: string[] = [];
  for (const entry of entries) {
    const [contract, employee] = await Promise.all([readContract(store, tenantId, entry), readEmployee(store, tenantId, entry.employeeId)]);
    if (!contract || !employee) continue;
    // A terminated contract has no probation or fixed term left to remind anyone of.
    if (contract.termination && contract.termination.lastWorkingDay <= on) continue;
    const manager = employee.employment.managerId ? await readEmployee(store, tenantId, employee.employment.managerId) : null;
    const recipients = [...new Set([...(manager?.UserId ? [manager.UserId] : []), ...hr])];
    if (recipients.length === 0) {
      result.reminders.noRecipient += 1;
      continue;
    }
    for (const recipientUserId of recipients) {
      const input: PublishNotificationInput = {
        id: deterministicUlid(Date.parse(`${deps.date}T00:00:00Z`), `${tenantId}#${kind}#${on}#${contract.EntityItem}#${recipientUserId}`),
        recipientUserId,
        kind: 'CONTRACT_REMINDER',
        ...reminderText(kind, employee, on, kind === 'END' ? deps.reminderDays.contractEnd : deps.reminderDays.probation),
      };
      const outcome = await publishOnce(deps.publish, tenantId, input);
      if (outcome.sent) result.reminders.sent += 1;
      else if (outcome.already) result.reminders.alreadySent += 1;
      else failures.push(outcome.error);
    }
  }
  // The ones sent stay sent (their ids are taken); a retry sends only the rest.
  if (failures.length > 0) throw new Error(`${failures.length} contract reminders failed to publish (${[...new Set(failures)].join(', ')}); they are retried.`);
}

function reminderText(kind: 'PROBATION_END' | 'END', employee: EmployeeRow, on: string, days: number): Pick<PublishNotificationInput, 'title' | 'body'> {
  const who = `${employee.firstName} ${employee.lastName} (${employee.employeeNumber})`;
  const when = days === 0 ? 'today' : `in ${days} day${days === 1 ? '' : 's'}, on ${on}`;
  return kind === 'PROBATION_END'
    ? { title: `Probation ends ${days === 0 ? 'today' : on}`, body: `${who}: probation ends ${when}. Confirm the employment or extend the probation.` }
    : { title: `Fixed-term contract ends ${days === 0 ? 'today' : on}`, body: `${who}: the fixed-term contract ends ${when}. Renew it or plan the handover.` };
}

async function readContract(store: EmploymentStore, tenantId: string, entry: CalendarItem): Promise<ContractRow | null> {
  const found = await store.dynamodb.send(new GetItemCommand({
    TableName: store.employmentTable,
    Key: { TenantId: { S: tenantKey(tenantId) }, EntityItem: { S: contractItemKey(entry.employeeId, entry.contractId) } },
    ConsistentRead: true,
  }));
  return found.Item ? (unmarshall(found.Item) as ContractRow) : null;
}

/**
 * Reads every employee's place (keys only, through EmployeesByName) and re-syncs anyone whose path
 * is not their manager's path plus the manager: after a crash halfway through moving a subtree,
 * the next day's run finishes the move.
 */
async function checkManagementLine(deps: DayDependencies, occasion: Occasion, result: DayResult): Promise<void> {
  const { store, tenantId } = deps;
  const places = new Map<string, { path: string; managerId: string | null }>();
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await store.dynamodb.send(new QueryCommand({
      TableName: store.pimTable,
      IndexName: EMPLOYEES_BY_NAME.name,
      KeyConditionExpression: 'TenantId = :tenant',
      ExpressionAttributeValues: { ':tenant': { S: tenantKey(tenantId) } },
      ProjectionExpression: '#key, #path, #employment.#manager',
      ExpressionAttributeNames: { '#key': 'EntityItem', '#path': 'ReportsPath', '#employment': 'employment', '#manager': 'managerId' },
      ExclusiveStartKey: start,
    }));
    for (const item of page.Items ?? []) {
      const row = unmarshall(item) as { EntityItem: string; ReportsPath?: string; employment?: { managerId?: string | null } };
      places.set(employeeIdFromKey(row.EntityItem), { path: row.ReportsPath ?? TOP_OF_ORGANISATION, managerId: row.employment?.managerId ?? null });
    }
    start = page.LastEvaluatedKey;
  } while (start);
  result.lineChecked = places.size;

  const expected = (id: string): string => {
    const place = places.get(id);
    const manager = place?.managerId ? places.get(place.managerId) : undefined;
    if (!place?.managerId || !manager) return place?.path ?? TOP_OF_ORGANISATION;
    const line = managementLine(manager.path);
    if (line.includes(id) || line.length + 1 > MAX_MANAGEMENT_DEPTH) return TOP_OF_ORGANISATION;
    return reportsPathUnder(manager.path, place.managerId);
  };
  // Top down: an employee is checked after everyone above them, against their manager's stored path.
  const byDepth = [...places.keys()].sort((a, b) => managementLine(places.get(a)!.path).length - managementLine(places.get(b)!.path).length);
  for (const id of byDepth) {
    if (expected(id) === places.get(id)!.path) continue;
    const synced = await syncEmployee(store, occasion, id);
    if (synced.employee) places.set(id, { path: synced.employee.ReportsPath, managerId: synced.employee.employment.managerId ?? null });
    result.lineRepaired += 1;
  }
}
