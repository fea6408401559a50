/**
 * A tenant's registry record as Lambdas and runners read it: with their own role (a tenant session
 * may not read the registry), kept for a minute per tenant.
 */
import { GetItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { DomainError } from '../domain-error.ts';
import { tenantKey } from '../model/keys.ts';
import { REGISTRY_ITEM, tenantSettings, type TenantRecord, type TenantSettings } from './registry.ts';

const TTL_MS = 60_000;

/** What a Lambda or runner needs of a tenant: its settings and where its users sign in. */
export interface TenantProfile {
  settings: TenantSettings;
  /** The tenant's Cognito user pool. */
  userPoolId: string;
  status: TenantRecord['status'];
  /** The tenant's plan (domain/tenancy/plans.ts): its limits apply to what it creates. Absent: standard. */
  plan?: string;
}

/** Reads tenants' profiles through `dynamodb` from the registry table `tableName`, cached for a minute per tenant. */
export function tenantProfileReader(dynamodb: DynamoDBClient, tableName: string, now: () => number = Date.now) {
  const cache = new Map<string, { profile: TenantProfile; at: number }>();
  return async function profileOf(tenantId: string): Promise<TenantProfile> {
    const cached = cache.get(tenantId);
    if (cached && now() - cached.at < TTL_MS) return cached.profile;
    const found = await dynamodb.send(new GetItemCommand({
      TableName: tableName,
      Key: { TenantId: { S: tenantKey(tenantId) }, EntityItem: { S: REGISTRY_ITEM } },
      ConsistentRead: true,
    }));
    if (!found.Item) throw new DomainError('INVALID_TENANT_ID', `No tenant ${tenantId} is registered.`);
    const record = unmarshall(found.Item) as TenantRecord;
    const profile: TenantProfile = { settings: tenantSettings(record), userPoolId: record.identity.userPoolId, status: record.status, plan: record.plan };
    cache.set(tenantId, { profile, at: now() });
    return profile;
  };
}
