/**
 * A plan's limits on what a tenant holds (domain/tenancy/plans.ts): employees, users and waiting
 * or running jobs. Checked before a create, with the caller's own (tenant) session, by counting up
 * to the limit — a count never reads more than `limit` small items (the employee-number guard
 * items; the jobs index's pending and running entries; the directory's user entries), whatever the
 * tenant holds. Two creates racing at the last free place may both pass: the limit is a plan's
 * promise, not a security boundary, and is exceeded by at most the concurrent requests.
 */
import { QueryCommand, type AttributeValue, type DynamoDBClient, type QueryCommandInput } from '@aws-sdk/client-dynamodb';
import { DomainError } from '../domain-error.ts';
import { JOBS_BY_STATUS_INDEX } from '../jobs/model/keys.ts';
import { statusAt } from '../jobs/model/records.ts';
import { tenantKey } from '../model/keys.ts';
import { PEOPLE_PREFIXES } from '../people/model/keys.ts';
import { TENANCY_PREFIXES } from './model/keys.ts';
import { planLimits, type PlanLimits } from './plans.ts';

export type LimitedResource = 'employees' | 'users' | 'jobs';

/** Counts the items a query finds, stopping once `cap` are found. */
export async function countUpTo(dynamodb: DynamoDBClient, query: Omit<QueryCommandInput, 'Select' | 'ExclusiveStartKey' | 'Limit'>, cap: number): Promise<number> {
  let count = 0;
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await dynamodb.send(new QueryCommand({ ...query, Select: 'COUNT', Limit: Math.max(1, cap - count), ExclusiveStartKey: start }));
    count += page.Count ?? 0;
    start = page.LastEvaluatedKey;
  } while (start && count < cap);
  return count;
}

function byPrefix(table: string, tenantId: string, prefix: string): Omit<QueryCommandInput, 'Select' | 'ExclusiveStartKey' | 'Limit'> {
  return {
    TableName: table,
    KeyConditionExpression: 'TenantId = :tenant AND begins_with(EntityItem, :prefix)',
    ExpressionAttributeValues: { ':tenant': { S: tenantKey(tenantId) }, ':prefix': { S: prefix } },
  };
}

/** The tenant's employee records (one number guard each, archived ones included), up to `cap`. */
export function countEmployees(dynamodb: DynamoDBClient, pimTable: string, tenantId: string, cap: number): Promise<number> {
  return countUpTo(dynamodb, byPrefix(pimTable, tenantId, PEOPLE_PREFIXES.employeeNumber), cap);
}

/** The tenant's users (its directory entries), up to `cap`. */
export function countUsers(dynamodb: DynamoDBClient, pimTable: string, tenantId: string, cap: number): Promise<number> {
  return countUpTo(dynamodb, byPrefix(pimTable, tenantId, TENANCY_PREFIXES.user), cap);
}

/** The tenant's jobs waiting or running, up to `cap`. */
export async function countActiveJobs(dynamodb: DynamoDBClient, jobTable: string, tenantId: string, cap: number): Promise<number> {
  let count = 0;
  for (const status of ['pending', 'running'] as const) {
    if (count >= cap) break;
    count += await countUpTo(dynamodb, {
      TableName: jobTable,
      IndexName: JOBS_BY_STATUS_INDEX.name,
      KeyConditionExpression: 'TenantId = :tenant AND begins_with(StatusAt, :status)',
      ExpressionAttributeValues: { ':tenant': { S: tenantKey(tenantId) }, ':status': { S: statusAt(status, '') } },
    }, cap - count);
  }
  return count;
}

/**
 * Refuses one more of `resource` when the tenant's plan allows no more: LIMIT_EXCEEDED with the
 * limit, the plan and what it allows in errorInfo. `count(cap)` counts what the tenant holds up to `cap`.
 */
export async function enforceLimit(plan: string | undefined, resource: LimitedResource, count: (cap: number) => Promise<number>): Promise<void> {
  const limits: PlanLimits = planLimits(plan);
  const allowed = limits[resource];
  const held = await count(allowed);
  if (held >= allowed) {
    throw new DomainError('LIMIT_EXCEEDED', `The ${plan ?? 'standard'} plan allows ${allowed} ${resource}; the tenant has reached it. Remove some, or change the plan.`, [], { limit: resource, allowed, plan: plan ?? 'standard' });
  }
}
