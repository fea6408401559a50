/**
 * A local tripwire for APPSYNC_JS resolvers. In AWS they reach DynamoDB with the data-source
 * role, which can read every tenant, so a resolver that builds a key from the wrong place leaks
 * silently. Locally, every DynamoDB request from a caller with a tenant is checked before it runs:
 * each partition key it names must be the caller's (unless the caller may cross tenants), and
 * requests that name no partition at all (Scan, a Query on a cross-tenant index) are refused.
 * Refusals fail the field and are logged as security events.
 */
import type { Logger } from '../../domain/logger.ts';
import type { Caller, DataSource } from './resolvers.ts';
import { ResolverFailure } from './resolvers.ts';

export interface TenantGuardOptions {
  /** Partition key attribute of the pooled tables, e.g. `TenantId`. */
  partitionAttribute: string;
  /** Partition key value of a tenant: `acme` → `TENANT#acme`. */
  partitionOf(tenantId: string): string;
  /** Recognises a partition key value of any tenant. */
  isPartitionValue(value: string): boolean;
  logger: Logger;
}

interface CallerContext {
  tenantId?: string;
  userId?: string;
  crossTenant?: string;
}

type AttributeMap = Record<string, Record<string, unknown>>;

/** Every string held in DynamoDB attribute values (`{ S: ... }`, nested maps and lists). */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) strings(v, out);
  return out;
}

/** The partition values a request addresses, or null when it addresses no partition (Scan). */
function partitionsOf(request: Record<string, unknown>, attribute: string, isPartition: (v: string) => boolean): string[] | null {
  const keyValue = (key: unknown) => {
    const attr = (key as AttributeMap | undefined)?.[attribute];
    return attr ? strings(attr) : ['<no partition key>'];
  };
  switch (request.operation) {
    case 'GetItem':
    case 'PutItem':
    case 'UpdateItem':
    case 'DeleteItem':
      return keyValue(request.key);
    case 'Query': {
      const query = request.query as { expressionValues?: unknown } | undefined;
      const found = strings(query?.expressionValues).filter(isPartition);
      return found.length > 0 ? found : null;
    }
    case 'BatchGetItem':
      return Object.values((request.tables ?? {}) as Record<string, { keys?: unknown[] }>).flatMap((t) => (t.keys ?? []).flatMap(keyValue));
    case 'BatchPutItem':
    case 'BatchDeleteItem':
      return Object.values((request.tables ?? {}) as Record<string, unknown[]>).flatMap((entries) => entries.flatMap(keyValue));
    case 'TransactGetItems':
    case 'TransactWriteItems':
      return ((request.transactItems ?? []) as { key?: unknown }[]).flatMap((item) => keyValue(item.key));
    default:
      return null;
  }
}

/** Wraps a DynamoDB data source with the tenant tripwire. */
export function tenantGuarded(dataSource: DataSource, name: string, options: TenantGuardOptions): DataSource {
  return {
    async invoke(request: unknown, caller: Caller) {
      const context = (caller.identity as { resolverContext?: CallerContext } | null)?.resolverContext;
      // Internal (IAM) callers carry no tenant: their own credentials are what limits them.
      if (!context || context.crossTenant === 'true') return dataSource.invoke(request, caller);
      const own = context.tenantId ? options.partitionOf(context.tenantId) : undefined;
      const r = (request ?? {}) as Record<string, unknown>;
      const partitions = partitionsOf(r, options.partitionAttribute, options.isPartitionValue);
      const foreign = partitions === null ? ['<none>'] : partitions.filter((p) => p !== own);
      if (!own || foreign.length > 0) {
        options.logger.error('security event: resolver request outside the caller tenant', {
          event: 'tenant-guard',
          tenantId: context.tenantId,
          userId: context.userId,
          dataSource: name,
          operation: String(r.operation),
          addressed: partitions === null ? 'no partition' : [...new Set(partitions)].map((p) => (p === own ? 'own' : p)),
        });
        throw new ResolverFailure(
          `Local tenant guard: ${String(r.operation)} on ${name} addresses ${partitions === null ? 'no partition' : 'another tenant'}; resolvers must take partition keys from tenantScope.`,
          'UNAUTHORIZED_ACCESS',
        );
      }
      return dataSource.invoke(request, caller);
    },
  };
}
