/**
 * Lambda resolver for leave: types, policies, balances (as of a day, projected), the ledger and
 * manual adjustments; requests (length from the employee's plans), their approval chains, the
 * waiting lists and the team calendar, with the rules of domain/leave/. It works with the tenant's
 * STS session, so IAM confines it to `TENANT#<id>` keys even if the event named the wrong tenant;
 * "today" is the tenant's, from its registry record. Who may read whose balances the pipeline
 * checked before; who may act on a request the request operations check.
 * Environment: TENANT_ROLE_ARN, GRAPHQL_URL (notifications), the tables Leave, Employment, PIM,
 * WorkSchedule and TenantRegistry.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DomainError } from '../../../domain/domain-error.ts';
import { requiredEnv } from '../../../domain/env.ts';
import type { AdjustLeaveBalanceInput, LeavePolicyInput, LeaveRequestFilter, LeaveTypeInput, NotificationKind, RequestLeaveInput } from '../../../domain/generated/graphql.ts';
import { leavePolicyView, leaveTypeView } from '../../../domain/leave/definitions.ts';
import { ledgerEntryView } from '../../../domain/leave/ledger.ts';
import {
  approveLeave,
  cancelLeave,
  listRequests,
  readableRequest,
  rejectLeave,
  requestLeave,
  teamCalendar,
  waitingFor,
  type Actor,
  type RequestDeps,
} from '../../../domain/leave/request-store.ts';
import { requestView } from '../../../domain/leave/requests.ts';
import {
  adjustBalance,
  balancesOf,
  createLeavePolicy,
  createLeaveType,
  deleteLeavePolicy,
  deleteLeaveType,
  ledgerPage,
  listLeavePolicies,
  listLeaveTypes,
  updateLeavePolicy,
  updateLeaveType,
  type LeaveStore,
  type Occasion,
} from '../../../domain/leave/store.ts';
import { createLogger } from '../../../domain/logger.ts';
import { calendarDateOf } from '../../../domain/model/dates.ts';
import type { ErrorType } from '../../../domain/model/errors.ts';
import { isValidEntityId, isValidTenantId } from '../../../domain/model/keys.ts';
import { tableEnvName, type TableId } from '../../../domain/model/tables.ts';
import { SYSTEM_ROLES, TENANT_ROLES } from '../../../domain/model/tenant-context.ts';
import { deterministicUlid, environmentPublish, publishOnce } from '../../../domain/notifications/publish.ts';
import type { PlanSource } from '../../../domain/schedules/model/planned-day.ts';
import { tenantProfileReader } from '../../../domain/tenancy/settings.ts';
import { usersWithRole } from '../../../domain/tenancy/users.ts';
import { tenantClients } from '../../../domain/tenant-credentials.ts';
import { localDate } from '../../../domain/time.ts';
import type { LambdaAnswer } from '../../lib/lambda.ts';

/** What the leave pipeline functions send; ids are minted by the resolver (util.autoUlid). */
export type LeaveEvent = { tenantId: string; requestedBy: string } & (
  | { operation: 'listTypes' }
  | { operation: 'listPolicies' }
  | { operation: 'createType'; id: string; input: LeaveTypeInput }
  | { operation: 'updateType'; id: string; expectedVersion: number; input: LeaveTypeInput }
  | { operation: 'deleteType'; id: string; expectedVersion: number }
  | { operation: 'createPolicy'; id: string; input: LeavePolicyInput }
  | { operation: 'updatePolicy'; id: string; expectedVersion: number; input: LeavePolicyInput }
  | { operation: 'deletePolicy'; id: string; expectedVersion: number }
  | { operation: 'balances'; employeeId: string; asOf: string | null }
  | { operation: 'ledger'; employeeId: string; leaveTypeId: string; limit: number; nextToken: string | null }
  | { operation: 'adjust'; adjustmentId: string; employeeExists: boolean; input: AdjustLeaveBalanceInput }
  | { operation: 'requestLeave'; caller: Actor; input: RequestLeaveInput }
  | { operation: 'approveLeave'; caller: Actor; id: string; expectedVersion: number; note: string | null }
  | { operation: 'rejectLeave'; caller: Actor; id: string; reason: string }
  | { operation: 'cancelLeave' | 'leaveRequest'; caller: Actor; id: string }
  | { operation: 'listRequests'; employeeId: string; filter: LeaveRequestFilter | null; limit: number; nextToken: string | null }
  | { operation: 'waitingForMe'; caller: Actor; limit: number }
  | { operation: 'teamCalendar'; caller: Actor; departmentId: string; from: string; to: string; limit: number; nextToken: string | null }
);

/** The request operations: they act for a caller. */
const REQUEST_OPERATIONS = ['requestLeave', 'approveLeave', 'rejectLeave', 'cancelLeave', 'leaveRequest', 'waitingForMe', 'teamCalendar'];
const ROLES: readonly string[] = [...TENANT_ROLES, ...SYSTEM_ROLES];

const log = createLogger({ service: 'leave' });
const tenants = tenantClients({ roleArn: requiredEnv('TENANT_ROLE_ARN') });
const profileOf = tenantProfileReader(new DynamoDBClient({}), requiredEnv(tableEnvName('TenantRegistry')));
const tables = { leaveTable: requiredEnv(tableEnvName('Leave')), employmentTable: requiredEnv(tableEnvName('Employment')) };
const TABLES: Partial<Record<TableId, string>> = {
  Leave: tables.leaveTable,
  Employment: tables.employmentTable,
  PIM: requiredEnv(tableEnvName('PIM')),
  WorkSchedule: requiredEnv(tableEnvName('WorkSchedule')),
};
const tableName = (table: TableId): string => {
  const name = TABLES[table];
  if (!name) throw new Error(`The leave Lambda does not read the ${table} table.`);
  return name;
};

const failure = (type: ErrorType, message: string, info?: unknown): LambdaAnswer<never> => ({ error: { type, message, ...(info ? { info } : {}) } });
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The event comes from our own resolvers, but it is input all the same: check its shape first. */
function problemWith(event: Partial<LeaveEvent> | null | undefined): string | null {
  if (!isObject(event)) return 'the event is not an object';
  if (!isValidTenantId(event.tenantId)) return 'tenantId is missing or malformed';
  if (typeof event.requestedBy !== 'string' || event.requestedBy === '') return 'requestedBy is missing';
  const e = event as Record<string, unknown>;
  const id = (name: string) => (isValidEntityId(e[name]) ? null : `${name} is missing or malformed`);
  const version = () => (Number.isInteger(e.expectedVersion) ? null : 'expectedVersion is missing');
  const input = () => (isObject(e.input) ? null : 'input is malformed');
  if (REQUEST_OPERATIONS.includes(String(event.operation))) {
    const caller = e.caller;
    if (!isObject(caller) || typeof caller.userId !== 'string' || caller.userId === '' || !ROLES.includes(caller.role as string)) return 'caller is malformed';
    if (caller.employeeId !== null && !isValidEntityId(caller.employeeId)) return 'caller.employeeId is malformed';
  }
  switch (event.operation) {
    case 'listTypes':
    case 'listPolicies':
      return null;
    case 'createType':
    case 'createPolicy':
      return id('id') ?? input();
    case 'updateType':
    case 'updatePolicy':
      return id('id') ?? version() ?? input();
    case 'deleteType':
    case 'deletePolicy':
      return id('id') ?? version();
    case 'balances':
      return id('employeeId');
    case 'ledger':
      return id('employeeId') ?? id('leaveTypeId');
    case 'adjust':
      return id('adjustmentId') ?? input() ?? (isValidEntityId((e.input as Record<string, unknown>).employeeId) && isValidEntityId((e.input as Record<string, unknown>).leaveTypeId) ? null : 'input ids are malformed');
    case 'requestLeave':
      return input();
    case 'approveLeave':
      return id('id') ?? version();
    case 'rejectLeave':
      return id('id') ?? (typeof e.reason === 'string' ? null : 'reason is missing');
    case 'cancelLeave':
    case 'leaveRequest':
      return id('id');
    case 'listRequests':
      return id('employeeId') ?? (Number.isInteger(e.limit) ? null : 'limit is missing');
    case 'waitingForMe':
      return Number.isInteger(e.limit) ? null : 'limit is missing';
    case 'teamCalendar':
      return id('departmentId') ?? (typeof e.from === 'string' && typeof e.to === 'string' && Number.isInteger(e.limit) ? null : 'from, to or limit is malformed');
    default:
      return `unknown operation ${String(event.operation)}`;
  }
}

/** Notifications are a courtesy: one that cannot be sent is logged (no personal data), and what caused it stands. */
function notifier(tenantId: string, now: Date): RequestDeps['notify'] {
  return async (recipientUserId: string, kind: NotificationKind, title: string, body: string, key: string) => {
    const outcome = await publishOnce(environmentPublish(), tenantId, { id: deterministicUlid(now.getTime(), key), recipientUserId, kind, title, body })
      .catch((error: Error) => ({ sent: false as const, already: false as const, error: error.message }));
    if (!outcome.sent && !outcome.already) log.warn('leave notification not sent', { tenantId, kind, error: outcome.error });
  };
}

async function perform(event: LeaveEvent, store: LeaveStore, occasion: Occasion, requests: () => RequestDeps): Promise<unknown> {
  const { tenantId } = event;
  switch (event.operation) {
    case 'listTypes':
      return (await listLeaveTypes(store, tenantId)).map(leaveTypeView);
    case 'listPolicies':
      return (await listLeavePolicies(store, tenantId)).map(leavePolicyView);
    case 'createType':
      return leaveTypeView(await createLeaveType(store, occasion, event.id, event.input));
    case 'updateType':
      return leaveTypeView(await updateLeaveType(store, occasion, event.id, event.expectedVersion, event.input));
    case 'deleteType':
      return leaveTypeView(await deleteLeaveType(store, occasion, event.id, event.expectedVersion));
    case 'createPolicy':
      return leavePolicyView(await createLeavePolicy(store, occasion, event.id, event.input));
    case 'updatePolicy':
      return leavePolicyView(await updateLeavePolicy(store, occasion, event.id, event.expectedVersion, event.input));
    case 'deletePolicy':
      return leavePolicyView(await deleteLeavePolicy(store, occasion, event.id, event.expectedVersion));
    case 'balances': {
      const asOf = event.asOf === null ? occasion.today : calendarDateOf(event.asOf);
      if (!asOf) throw new DomainError('VALIDATION_ERROR', 'asOf must be a date.', [{ field: 'asOf', message: 'must be a real date (YYYY-MM-DD)' }]);
      return (await balancesOf(store, tenantId, event.employeeId, asOf, occasion.today)).rows;
    }
    case 'ledger': {
      if (!Number.isInteger(event.limit) || event.limit < 1 || event.limit > 100) throw new DomainError('VALIDATION_ERROR', 'limit must be 1 to 100.', [{ field: 'limit', message: 'must be 1 to 100' }]);
      const page = await ledgerPage(store, tenantId, event.employeeId, event.leaveTypeId, event.limit, event.nextToken);
      return { items: page.items.map(ledgerEntryView), nextToken: page.nextToken };
    }
    case 'adjust':
      return ledgerEntryView(await adjustBalance(store, occasion, event.adjustmentId, event.input, event.employeeExists));
    case 'requestLeave':
      return requestView(await requestLeave(requests(), event.input, event.caller));
    case 'approveLeave':
      return requestView(await approveLeave(requests(), event.id, event.expectedVersion, event.note, event.caller));
    case 'rejectLeave':
      return requestView(await rejectLeave(requests(), event.id, event.reason, event.caller));
    case 'cancelLeave':
      return requestView(await cancelLeave(requests(), event.id, event.caller));
    case 'leaveRequest':
      return requestView(await readableRequest(requests(), event.id, event.caller));
    case 'listRequests': {
      const page = await listRequests(requests(), event.employeeId, event.filter, event.limit, event.nextToken);
      return { items: page.items.map(requestView), nextToken: page.nextToken };
    }
    case 'waitingForMe':
      return (await waitingFor(requests(), event.caller, event.limit)).map(requestView);
    case 'teamCalendar':
      return teamCalendar(requests(), event.caller, event.departmentId, event.from, event.to, event.limit, event.nextToken);
  }
}

export async function handler(event: LeaveEvent): Promise<LambdaAnswer<unknown>> {
  const problem = problemWith(event);
  if (problem) {
    log.warn('refused event', { problem });
    return failure('VALIDATION_ERROR', `Invalid leave request: ${problem}.`);
  }
  try {
    const profile = await profileOf(event.tenantId);
    const { dynamodb } = await tenants.forTenant(event.tenantId);
    const now = new Date();
    const occasion: Occasion = { tenantId: event.tenantId, today: localDate(now, profile.settings.timeZone), now: now.toISOString(), requestedBy: event.requestedBy };
    // The plans (and their holiday calendars' data) load when a request is filed, not at cold start.
    const plans: PlanSource = {
      plannedDays: async (...args) => {
        const { createPlanSource } = await import('../../../domain/schedules/plan-source.ts');
        return createPlanSource({ dynamodb, tableName, tenantZone: async () => profile.settings.timeZone }).plannedDays(...args);
      },
    };
    const requests = (): RequestDeps => ({
      dynamodb,
      tables: { leave: tables.leaveTable, pim: tableName('PIM'), employment: tables.employmentTable },
      tenantId: event.tenantId,
      today: occasion.today,
      now: occasion.now,
      plans,
      ...(profile.settings.leaveBackdateDays !== undefined ? { backdateDays: profile.settings.leaveBackdateDays } : {}),
      hrUsers: async () => (await usersWithRole(dynamodb, tableName('PIM'), event.tenantId, 'TenantAdmin')).map((u) => u.userId),
      notify: notifier(event.tenantId, now),
    });
    const result = await perform(event, { dynamodb, ...tables, pimTable: tableName('PIM') }, occasion, requests);
    log.info(`leave ${event.operation}`, { tenantId: event.tenantId, userId: event.requestedBy });
    return { result };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return failure(error.errorType, error.message, error.errorInfo());
  }
}
