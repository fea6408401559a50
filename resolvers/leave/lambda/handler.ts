/**
 * Lambda resolver for leave: types, policies, balances (as of a day, projected), the ledger and
 * manual adjustments, with the rules of domain/leave/. It works with the tenant's STS session, so
 * IAM confines it to `TENANT#<id>` keys even if the event named the wrong tenant; "today" is the
 * tenant's, from its registry record. Who may read whose balances the pipeline checked before.
 * Environment: TENANT_ROLE_ARN, LEAVE_TABLE, EMPLOYMENT_TABLE, TENANT_REGISTRY_TABLE.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DomainError } from '../../../domain/domain-error.ts';
import { requiredEnv } from '../../../domain/env.ts';
import type { AdjustLeaveBalanceInput, LeavePolicyInput, LeaveTypeInput } from '../../../domain/generated/graphql.ts';
import { leavePolicyView, leaveTypeView } from '../../../domain/leave/definitions.ts';
import { ledgerEntryView } from '../../../domain/leave/ledger.ts';
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
import { tableEnvName } from '../../../domain/model/tables.ts';
import { tenantProfileReader } from '../../../domain/tenancy/settings.ts';
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
);

const log = createLogger({ service: 'leave' });
const tenants = tenantClients({ roleArn: requiredEnv('TENANT_ROLE_ARN') });
const profileOf = tenantProfileReader(new DynamoDBClient({}), requiredEnv(tableEnvName('TenantRegistry')));
const tables = { leaveTable: requiredEnv(tableEnvName('Leave')), employmentTable: requiredEnv(tableEnvName('Employment')) };

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
    default:
      return `unknown operation ${String(event.operation)}`;
  }
}

async function perform(event: LeaveEvent, store: LeaveStore, occasion: Occasion): Promise<unknown> {
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
    const result = await perform(event, { dynamodb, ...tables }, occasion);
    log.info(`leave ${event.operation}`, { tenantId: event.tenantId, userId: event.requestedBy });
    return { result };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return failure(error.errorType, error.message, error.errorInfo());
  }
}
