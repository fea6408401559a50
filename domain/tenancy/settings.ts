/**
 * A tenant's settings as Lambdas and runners read them: from the tenant's registry record, with
 * their own role (a tenant session may not read the registry), kept for a minute.
 */
import { GetItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { DomainError } from '../domain-error.ts';
import { tenantKey } from '../model/keys.ts';
import { REGISTRY_ITEM, tenantSettings, type TenantRecord, type TenantSettings } from './registry.ts';

const TTL_MS = 60_000;

/** Reads tenants' settings through `dynamodb` from the registry table `tableName`, cached for a minute per tenant. */
export function tenantSettingsReader(dynamodb: DynamoDBClient, tableName: string, now: () => number = Date.now) {
  const cache = new Map<string, { settings: TenantSettings; at: number }>();
  return async function settingsOf(tenantId: string): Promise<TenantSettings> {
    const cached = cache.get(tenantId);
    if (cached && now() - cached.at < TTL_MS) return cached.settings;
    const found = await dynamodb.send(new GetItemCommand({
      TableName: tableName,
      Key: { TenantId: { S: tenantKey(tenantId) }, EntityItem: { S: REGISTRY_ITEM } },
      ProjectionExpression: 'settings',
    }));
    if (!found.Item) throw new DomainError('INVALID_TENANT_ID', `No tenant ${tenantId} is registered.`);
    const settings = tenantSettings(unmarshall(found.Item) as Pick<TenantRecord, 'settings'>);
    cache.set(tenantId, { settings, at: now() });
    return settings;
  };
}
