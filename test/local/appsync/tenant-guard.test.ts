/** The local tripwire: a JS resolver's DynamoDB request may only address the caller's tenant. */
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../domain/logger.ts';
import { ResolverFailure, type Caller, type DataSource } from '../../../local/appsync/resolvers.ts';
import { tenantGuarded } from '../../../local/appsync/tenant-guard.ts';

const lines: Record<string, unknown>[] = [];
const logger = createLogger({ service: 'guard-test', write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>) });
const key = (tenant: string, item = 'EMP#1') => ({ TenantId: { S: `TENANT#${tenant}` }, EntityItem: { S: item } });

function guarded() {
  const seen: unknown[] = [];
  const inner: DataSource = { invoke: async (request) => (seen.push(request), { result: 'ran' }) };
  const ds = tenantGuarded(inner, 'PimTable', { partitionAttribute: 'TenantId', partitionOf: (t) => `TENANT#${t}`, isPartitionValue: (v) => v.startsWith('TENANT#'), logger });
  return { ds, seen };
}

const as = (resolverContext?: Record<string, string>): Caller => ({ authType: 'Lambda Authorization', identity: resolverContext ? { resolverContext } : {}, headers: {} });
const acmeUser = as({ tenantId: 'acme', userId: 'u-1', crossTenant: 'false' });

describe('tenantGuarded', () => {
  it.each([
    ['GetItem', { operation: 'GetItem', key: key('acme') }],
    ['Query', { operation: 'Query', query: { expression: '#t = :t', expressionNames: { '#t': 'TenantId' }, expressionValues: { ':t': { S: 'TENANT#acme' } } } }],
    ['BatchGetItem', { operation: 'BatchGetItem', tables: { PIMDev: { keys: [key('acme'), key('acme', 'EMP#2')] } } }],
    ['TransactWriteItems', { operation: 'TransactWriteItems', transactItems: [{ table: 'PIMDev', operation: 'PutItem', key: key('acme') }] }],
  ])('lets %s on the caller tenant through', async (_name, request) => {
    const { ds, seen } = guarded();
    await expect(ds.invoke(request, acmeUser)).resolves.toEqual({ result: 'ran' });
    expect(seen).toHaveLength(1);
  });

  it.each([
    ['another tenant\'s key', { operation: 'GetItem', key: key('globex') }],
    ['a key without a partition', { operation: 'DeleteItem', key: { EntityItem: { S: 'EMP#1' } } }],
    ['a batch mixing tenants', { operation: 'BatchDeleteItem', tables: { PIMDev: [key('acme'), key('globex')] } }],
    ['a transaction touching another tenant', { operation: 'TransactWriteItems', transactItems: [{ key: key('acme') }, { key: key('globex') }] }],
    ['a query on another partition', { operation: 'Query', query: { expression: '#t = :t', expressionValues: { ':t': { S: 'TENANT#globex' } } } }],
    ['a query naming no partition', { operation: 'Query', index: 'DueJobs', query: { expression: '#s = :s', expressionValues: { ':s': { S: 'shard-1' } } } }],
    ['a scan', { operation: 'Scan' }],
  ])('refuses %s before it runs, and logs a security event', async (_name, request) => {
    const { ds, seen } = guarded();
    lines.length = 0;
    const error = await ds.invoke(request, acmeUser).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(ResolverFailure);
    expect((error as ResolverFailure).errorType).toBe('UNAUTHORIZED_ACCESS');
    expect(seen).toHaveLength(0);
    expect(lines.find((l) => l.event === 'tenant-guard')).toMatchObject({ level: 'error', tenantId: 'acme', userId: 'u-1', dataSource: 'PimTable' });
  });

  it('refuses a caller whose context names no tenant', async () => {
    const { ds } = guarded();
    await expect(ds.invoke({ operation: 'GetItem', key: key('acme') }, as({ userId: 'x' }))).rejects.toBeInstanceOf(ResolverFailure);
  });

  it('lets cross-tenant roles and internal callers through', async () => {
    const { ds, seen } = guarded();
    await ds.invoke({ operation: 'GetItem', key: key('globex') }, as({ tenantId: 'system', crossTenant: 'true' }));
    await ds.invoke({ operation: 'Scan' }, { authType: 'IAM Authorization', identity: { userArn: 'arn:aws:iam::0:role/runner' }, headers: {} });
    expect(seen).toHaveLength(2);
  });
});
