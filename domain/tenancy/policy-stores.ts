/**
 * Keeps every tenant's policy store at the current Cedar: each registry record says which version
 * its store holds (`policyStoreVersion`); a store at another version is migrated
 * (lambda-authorizer/migrate.ts: additive first, so it answers throughout) and its record updated.
 * Run on `npm start` for the stores a local data folder already holds; idempotent.
 */
import { QueryCommand, UpdateItemCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { VerifiedPermissionsClient } from '@aws-sdk/client-verifiedpermissions';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { migratePolicyStore, policyStoreVersion } from '../../lambda-authorizer/migrate.ts';
import type { PolicyStoreSource, StoreKind } from '../../lambda-authorizer/policy-store.ts';
import type { Logger } from '../logger.ts';
import { tenantKey } from '../model/keys.ts';
import type { Stage } from '../model/stage.ts';
import { tableName } from '../model/tables.ts';
import { TENANTS_BY_ITEM } from './model/keys.ts';
import { REGISTRY_ITEM, type TenantRecord } from './registry.ts';

export interface StoreMigrationOptions {
  dynamodb: DynamoDBClient;
  avp: VerifiedPermissionsClient;
  stage: Stage;
  policyStoreSource: (kind: StoreKind) => PolicyStoreSource;
  logger?: Logger;
}

/** Migrates each tenant's store that is not at the current version; resolves to the tenants migrated. */
export async function migrateTenantStores(options: StoreMigrationOptions): Promise<string[]> {
  const { dynamodb, avp, stage } = options;
  const table = tableName('TenantRegistry', stage);
  const records: TenantRecord[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await dynamodb.send(new QueryCommand({
      TableName: table,
      IndexName: TENANTS_BY_ITEM.name,
      KeyConditionExpression: 'EntityItem = :profile',
      ExpressionAttributeValues: { ':profile': { S: REGISTRY_ITEM } },
      ExclusiveStartKey: start,
    }));
    for (const item of page.Items ?? []) records.push(unmarshall(item) as TenantRecord);
    start = page.LastEvaluatedKey;
  } while (start);

  const migrated: string[] = [];
  for (const record of records) {
    if (!record.policyStoreId) continue;
    const kind: StoreKind = record.kind === 'system' ? 'system' : 'tenant';
    const source = options.policyStoreSource(kind);
    const version = policyStoreVersion(source);
    if (record.policyStoreVersion === version) continue;
    const report = await migratePolicyStore(avp, record.policyStoreId, source);
    await dynamodb.send(new UpdateItemCommand({
      TableName: table,
      Key: { TenantId: { S: tenantKey(record.tenantId) }, EntityItem: { S: REGISTRY_ITEM } },
      UpdateExpression: 'SET policyStoreVersion = :version',
      // The store migrated is still the tenant's.
      ConditionExpression: 'policyStoreId = :store',
      ExpressionAttributeValues: { ':version': { S: version }, ':store': { S: record.policyStoreId } },
    }));
    options.logger?.info('policy store migrated', { tenantId: record.tenantId, from: record.policyStoreVersion ?? 'unversioned', to: version, created: report.created.length, updated: report.updated.length, removed: report.removed.length });
    migrated.push(record.tenantId);
  }
  return migrated;
}
