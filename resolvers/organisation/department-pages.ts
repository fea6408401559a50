/** Pages of departments found through the tree's closure items: one Query of keys, then one BatchGetItem. */
import { util, runtime, type Context, type DynamoDBQueryRequest } from '@aws-appsync/utils';
import type { DepartmentRow } from '../../domain/organisation/model/department.ts';
import { departmentItemKey } from '../../domain/organisation/model/keys.ts';
import { fail, failOnDataSourceError } from '../lib/errors.ts';
import { tableName } from '../lib/env.ts';
import { pageOf, pageSize } from '../lib/pages.ts';
import type { OrganisationStash } from './stash.ts';

interface ClosureItem {
  departmentId: string;
  levels: number;
}

/** One page of closure items whose sort key lies in [from, to] (no filter: the page is filled). */
export function treeQuery(ctx: Context<unknown, OrganisationStash>, range: { from: string; to: string }, limit: number | null | undefined, nextToken: string | null | undefined): DynamoDBQueryRequest {
  const query: DynamoDBQueryRequest = {
    operation: 'Query',
    query: {
      expression: '#tenant = :tenant AND #item BETWEEN :from AND :to',
      expressionNames: { '#tenant': 'TenantId', '#item': 'EntityItem' },
      expressionValues: util.dynamodb.toMapValues({ ':tenant': ctx.stash.scope.tenantKey, ':from': range.from, ':to': range.to }),
    },
    limit: pageSize(limit),
    scanIndexForward: true,
  };
  if (nextToken) query.nextToken = nextToken;
  return query;
}

/** Keeps the page of closure items for the function that reads the departments. */
export function keepTreePage(ctx: Context<unknown, OrganisationStash>): { entries: { id: string; levels: number }[]; nextToken: string | null } {
  const page = pageOf<ClosureItem>(ctx);
  const treePage = { entries: page.items.map((c) => ({ id: c.departmentId, levels: c.levels })), nextToken: page.nextToken };
  ctx.stash.treePage = treePage;
  return treePage;
}

/** BatchGetItem of the page's departments; ends the function with `empty` when the page has none. */
export function departmentsRequest(ctx: Context<unknown, OrganisationStash>, empty: unknown) {
  const entries = ctx.stash.treePage?.entries ?? [];
  if (entries.length === 0) runtime.earlyReturn(empty);
  const table = tableName(ctx, 'PIM');
  const keys = entries.map((e) => util.dynamodb.toMapValues({ TenantId: ctx.stash.scope.tenantKey, EntityItem: departmentItemKey(e.id) }));
  return { operation: 'BatchGetItem', tables: { [table]: { keys, consistentRead: false } } };
}

/** The page's departments in page order, each with its levels; a department deleted meanwhile is left out. */
export function departmentsOfPage(ctx: Context<unknown, OrganisationStash>): { row: DepartmentRow; levels: number }[] {
  failOnDataSourceError(ctx);
  const table = tableName(ctx, 'PIM');
  const result = ctx.result as { data: Record<string, (DepartmentRow | null)[]>; unprocessedKeys?: Record<string, unknown[]> };
  if ((result.unprocessedKeys?.[table] ?? []).length > 0) fail('INTERNAL_ERROR', 'The departments could not all be read this time; retry.');
  const rows = result.data[table] ?? [];
  const entries = ctx.stash.treePage?.entries ?? [];
  return entries.flatMap((e, i) => {
    const row = rows[i];
    return row ? [{ row, levels: e.levels }] : [];
  });
}
