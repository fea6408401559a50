/**
 * A live tenant's lifecycle (control plane, system admins): suspend and reactivate, change plan.
 *
 * The registry record is the one switch every path reads:
 * - sign-in: the pre-token trigger refuses a tenant that is not `active` (its registry cache ≤ 30 s);
 * - the API and new subscriptions: the authorizer denies (decisions and its registry snapshot
 *   together ≤ AUTHORIZER_CACHE_SECONDS, 60 s by default — lambda-authorizer/authorizer.ts);
 * - existing subscriptions: nothing more is published into the tenant (publishNotification reads
 *   the status marker written here in the same transaction, TENANCY_PREFIXES.statusMarker);
 * - jobs: the picker skips the tenant's due jobs, and a runner that starts while it is suspended
 *   puts its job back untouched (jobs/runner.ts; the runner's registry cache ≤ 60 s).
 *
 * Every change is one conditional write on the record (the status it was read in, its updatedAt):
 * two admins acting at once cannot both win, and the record keeps a status history.
 */
import {
  ConditionalCheckFailedException,
  GetItemCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
  type DynamoDBClient,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { DomainError } from '../domain-error.ts';
import type { Logger } from '../logger.ts';
import { isValidTenantId, tenantKey } from '../model/keys.ts';
import type { Stage } from '../model/stage.ts';
import { tableName } from '../model/tables.ts';
import { SYSTEM_TENANT_ID } from '../model/tenant-context.ts';
import { TENANCY_PREFIXES } from './model/keys.ts';
import { isPlanName, PLAN_NAMES } from './plans.ts';
import { REGISTRY_ITEM, type TenantRecord, type TenantStatus } from './registry.ts';

/** One change of a tenant's status, as the record keeps it. */
export interface StatusChange {
  status: TenantStatus;
  /** The status before the change. */
  from: TenantStatus;
  at: string;
  /** The user who made the change (a system admin's id). */
  by: string;
  /** Why (free text from the admin; no personal data expected). */
  reason: string | null;
}

/** A registry record with its lifecycle history. */
export type LifecycleRecord = TenantRecord & { statusHistory?: StatusChange[] };

/** The newest changes kept on the record (older ones fall off; the record stays far below DynamoDB's 400 KB). */
export const STATUS_HISTORY_KEPT = 50;
export const MAX_REASON = 500;

export interface LifecycleServices {
  stage: Stage;
  /** A client with the control plane's role: the registry, and the tenant's PIM status marker. */
  dynamodb: DynamoDBClient;
  /** Whether the stage has a PIM table for the status marker (locally, unserved stages have none). */
  pim?: boolean;
  now?: () => Date;
  logger?: Logger;
}

function registryTable(stage: Stage): string {
  return tableName('TenantRegistry', stage);
}

function checkTenantId(tenantId: unknown): string {
  if (!isValidTenantId(tenantId)) throw new DomainError('VALIDATION_ERROR', 'The tenant id is malformed.', [{ field: 'tenantId', message: 'A tenant id: 2-63 lowercase letters, digits or dashes.' }]);
  return tenantId;
}

/** The tenant's registry record with its history; NOT_FOUND when none is registered. */
export async function readTenant(services: LifecycleServices, tenantId: string): Promise<LifecycleRecord> {
  checkTenantId(tenantId);
  const out = await services.dynamodb.send(new GetItemCommand({
    TableName: registryTable(services.stage),
    Key: { TenantId: { S: tenantKey(tenantId) }, EntityItem: { S: REGISTRY_ITEM } },
    ConsistentRead: true,
  }));
  if (!out.Item) throw new DomainError('NOT_FOUND', `No tenant ${tenantId} is registered.`);
  const { TenantId: _t, EntityItem: _e, ...record } = unmarshall(out.Item) as LifecycleRecord & { TenantId: string; EntityItem: string };
  return record;
}

/**
 * Writes `update` over the record read as `seen`, conditional on it being unchanged since, with the
 * PIM status marker when the status changes (one transaction: never one without the other).
 */
async function writeRecord(services: LifecycleServices, seen: LifecycleRecord, next: LifecycleRecord): Promise<void> {
  // Only the fields the lifecycle owns: a policy-store migration may update the same record meanwhile.
  const writes: TransactWriteItem[] = [{
    Update: {
      TableName: registryTable(services.stage),
      Key: { TenantId: { S: tenantKey(next.tenantId) }, EntityItem: { S: REGISTRY_ITEM } },
      UpdateExpression: 'SET #status = :next, #plan = :plan, updatedAt = :at, statusHistory = :history',
      ConditionExpression: '#status = :status AND updatedAt = :seen',
      ExpressionAttributeNames: { '#status': 'status', '#plan': 'plan' },
      ExpressionAttributeValues: {
        ':status': { S: seen.status },
        ':seen': { S: seen.updatedAt },
        ':next': { S: next.status },
        ':plan': { S: next.plan },
        ':at': { S: next.updatedAt },
        ':history': { L: (next.statusHistory ?? []).map((change) => ({ M: marshall(change) })) },
      },
    },
  }];
  if (next.status !== seen.status && services.pim !== false) {
    writes.push({
      Put: {
        TableName: tableName('PIM', services.stage),
        Item: marshall({ TenantId: tenantKey(next.tenantId), EntityItem: TENANCY_PREFIXES.statusMarker, tenantId: next.tenantId, status: next.status, updatedAt: next.updatedAt }),
      },
    });
  }
  try {
    await services.dynamodb.send(new TransactWriteItemsCommand({ TransactItems: writes }));
  } catch (error) {
    if (error instanceof TransactionCanceledException || error instanceof ConditionalCheckFailedException) {
      throw new DomainError('CONFLICT', `Tenant ${next.tenantId} changed while this request ran; read it again and retry.`);
    }
    throw error;
  }
}

/** A later timestamp than `previous`, so the record's updatedAt always moves (the condition's version). */
function stamp(services: LifecycleServices, previous: string): string {
  const now = (services.now ?? (() => new Date()))();
  const at = now.toISOString();
  return at > previous ? at : new Date(Date.parse(previous) + 1).toISOString();
}

function checkReason(reason: unknown): string | null {
  if (reason === null || reason === undefined) return null;
  if (typeof reason !== 'string' || reason.trim().length > MAX_REASON) {
    throw new DomainError('VALIDATION_ERROR', 'The reason is too long.', [{ field: 'reason', message: `At most ${MAX_REASON} characters.` }]);
  }
  return reason.trim() || null;
}

async function changeStatus(services: LifecycleServices, tenantId: string, from: TenantStatus, to: TenantStatus, by: string, reason: unknown): Promise<LifecycleRecord> {
  checkTenantId(tenantId);
  const why = checkReason(reason);
  if (tenantId === SYSTEM_TENANT_ID) throw new DomainError('CONFLICT', 'The system tenant cannot be suspended: its admins run the platform.');
  const seen = await readTenant(services, tenantId);
  if (seen.status !== from) {
    throw new DomainError('CONFLICT', `Tenant ${tenantId} is ${seen.status}; only a tenant that is ${from} can become ${to}.`, [], { status: seen.status.toUpperCase() });
  }
  const at = stamp(services, seen.updatedAt);
  const change: StatusChange = { status: to, from, at, by, reason: why };
  const next: LifecycleRecord = { ...seen, status: to, updatedAt: at, statusHistory: [...(seen.statusHistory ?? []), change].slice(-STATUS_HISTORY_KEPT) };
  await writeRecord(services, seen, next);
  services.logger?.info('tenant status changed', { tenantId, from, to, userId: by });
  return next;
}

/**
 * Suspends an active tenant: its users cannot sign in or call the API, its subscriptions receive
 * nothing more, its jobs wait. Nothing of its data changes. NOT_FOUND for an unknown tenant,
 * CONFLICT for one that is not active (or the system tenant).
 */
export function suspendTenant(services: LifecycleServices, tenantId: string, reason: unknown, by: string): Promise<LifecycleRecord> {
  return changeStatus(services, tenantId, 'active', 'suspended', by, reason);
}

/** Reactivates a suspended tenant: everything resumes (within the same cache bounds). CONFLICT unless suspended. */
export function reactivateTenant(services: LifecycleServices, tenantId: string, reason: unknown, by: string): Promise<LifecycleRecord> {
  return changeStatus(services, tenantId, 'suspended', 'active', by, reason);
}

/**
 * Moves a tenant to another plan. Its limits (domain/tenancy/plans.ts) apply to what is created
 * next; nothing it holds is removed when the new limits are lower. NOT_FOUND, VALIDATION_ERROR
 * for an unknown plan, CONFLICT for the system tenant or a tenant that is neither active nor suspended.
 */
export async function changeTenantPlan(services: LifecycleServices, tenantId: string, plan: unknown, by: string): Promise<LifecycleRecord> {
  checkTenantId(tenantId);
  if (!isPlanName(plan)) throw new DomainError('VALIDATION_ERROR', 'Unknown plan.', [{ field: 'plan', message: `One of ${PLAN_NAMES.join(', ')}.` }]);
  if (tenantId === SYSTEM_TENANT_ID) throw new DomainError('CONFLICT', 'The system tenant\'s plan is "system".');
  const seen = await readTenant(services, tenantId);
  if (seen.status !== 'active' && seen.status !== 'suspended') throw new DomainError('CONFLICT', `Tenant ${tenantId} is ${seen.status}: its plan cannot change.`);
  if (seen.plan === plan) return seen;
  const next: LifecycleRecord = { ...seen, plan, updatedAt: stamp(services, seen.updatedAt) };
  await writeRecord(services, seen, next);
  services.logger?.info('tenant plan changed', { tenantId, from: seen.plan, to: plan, userId: by });
  return next;
}
