/**
 * The authorizer's view of the tenant registry: every tenant's record, read with one Query on
 * the ByItem index and kept for a short while, so tenants added or suspended take effect
 * without a redeploy.
 */
import { QueryCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { REGISTRY_ITEM, type TenantRecord } from '../domain/tenancy/registry.ts';
import { TENANTS_BY_ITEM } from '../domain/tenancy/model/keys.ts';

export interface RegistrySnapshot {
  readonly tenants: readonly TenantRecord[];
  readonly byId: ReadonlyMap<string, TenantRecord>;
  readonly byIssuer: ReadonlyMap<string, TenantRecord>;
  /** When it was read (ms since the epoch): a decision made from it is as old as it is. */
  readonly loadedAt: number;
}

export interface TenantRegistryOptions {
  client: DynamoDBClient;
  tableName: string;
  /** How long a snapshot serves before the next request reloads it. */
  maxAgeMs: number;
  /** Forced reloads (an unknown issuer may be a new tenant) allowed per minute; bounds what forged issuers can cost. */
  forcedReloadsPerMinute?: number;
  now?: () => number;
}

export function tenantRegistry(options: TenantRegistryOptions) {
  const now = options.now ?? Date.now;
  const budget = options.forcedReloadsPerMinute ?? 30;
  let forced: number[] = [];
  let current: { snapshot: RegistrySnapshot; loadedAt: number } | undefined;
  let loading: Promise<RegistrySnapshot> | undefined;

  async function load(): Promise<RegistrySnapshot> {
    const tenants: TenantRecord[] = [];
    let start: Record<string, never> | undefined;
    do {
      const page = await options.client.send(
        new QueryCommand({
          TableName: options.tableName,
          IndexName: TENANTS_BY_ITEM.name,
          KeyConditionExpression: 'EntityItem = :profile',
          ExpressionAttributeValues: { ':profile': { S: REGISTRY_ITEM } },
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) tenants.push(unmarshall(item) as TenantRecord);
      start = page.LastEvaluatedKey as Record<string, never> | undefined;
    } while (start);
    const loadedAt = now();
    const snapshot: RegistrySnapshot = {
      loadedAt,
      tenants,
      byId: new Map(tenants.map((t) => [t.tenantId, t])),
      byIssuer: new Map(tenants.filter((t) => t.identity?.issuer).map((t) => [t.identity.issuer, t])),
    };
    current = { snapshot, loadedAt };
    return snapshot;
  }

  function reload(): Promise<RegistrySnapshot> {
    loading ??= load().finally(() => {
      loading = undefined;
    });
    return loading;
  }

  return {
    /** The current snapshot, reloaded when older than maxAgeMs. */
    async get(): Promise<RegistrySnapshot> {
      if (current && now() - current.loadedAt < options.maxAgeMs) return current.snapshot;
      return reload();
    },
    /** Reloads now, unless this minute's budget of forced reloads is spent. */
    async refresh(): Promise<RegistrySnapshot> {
      const t = now();
      forced = forced.filter((at) => t - at < 60_000);
      if (current && forced.length >= budget) return current.snapshot;
      forced.push(t);
      return reload();
    },
  };
}

export type TenantRegistry = ReturnType<typeof tenantRegistry>;
