/** Paged reads: the page size rule every list operation shares, and the page it answers. */
import { util, type Context, type DynamoDBQueryRequest } from '@aws-appsync/utils';
import { ITEM_KEY, TENANT_KEY, type IndexDeclaration } from '../../domain/model/keys.ts';
import { EMPLOYEE_PAGE } from '../../domain/people/model/employee.ts';
import { fail, failOnDataSourceError } from './errors.ts';

/** The page size asked for (default 20), or VALIDATION_ERROR outside 1-100. */
export function pageSize(limit: number | null | undefined): number {
  const size = limit ?? EMPLOYEE_PAGE.defaultLimit;
  if (size < 1 || size > EMPLOYEE_PAGE.maxLimit) {
    const message = `must be between 1 and ${EMPLOYEE_PAGE.maxLimit}`;
    fail('VALIDATION_ERROR', `limit ${message}.`, { fields: [{ field: 'limit', message }] });
  }
  return size;
}

/**
 * One page of the tenant's items whose sort key starts with `prefix`, newest (highest key) first:
 * the table's sort key, or with `index` that index's (whose partition key is the tenant's too).
 */
export function newestUnderPrefix(
  tenantKey: string,
  prefix: string,
  limit: number | null | undefined,
  nextToken: string | null | undefined,
  index?: IndexDeclaration,
): DynamoDBQueryRequest {
  const query: DynamoDBQueryRequest = {
    operation: 'Query',
    query: {
      expression: '#tenant = :tenant AND begins_with(#sort, :prefix)',
      expressionNames: { '#tenant': TENANT_KEY.name, '#sort': index?.sortKey ? index.sortKey.name : ITEM_KEY.name },
      expressionValues: util.dynamodb.toMapValues({ ':tenant': tenantKey, ':prefix': prefix }),
    },
    limit: pageSize(limit),
    scanIndexForward: false,
  };
  if (index) query.index = index.name;
  if (nextToken) query.nextToken = nextToken;
  return query;
}

/**
 * How a nextToken the data source cannot use comes back: AppSync's DynamoDB data source answers
 * `DynamoDB:UserIllegalArgumentException` naming `InvalidPaginationTokenException` (the local
 * runtime answers the same); DynamoDB itself refuses a start key that does not fit the query.
 */
function isInvalidNextToken(error: { type?: string; message?: string } | null | undefined): boolean {
  const message = error?.message ?? '';
  if (error?.type === 'DynamoDB:UserIllegalArgumentException' && message.indexOf('InvalidPaginationTokenException') >= 0) return true;
  return message.indexOf('The provided starting key is invalid') >= 0;
}

/** The connection a list operation answers with; a malformed or foreign nextToken is INVALID_PAGINATION_TOKEN. */
export function pageOf<T>(ctx: Context): { items: T[]; nextToken: string | null } {
  if (isInvalidNextToken(ctx.error)) fail('INVALID_PAGINATION_TOKEN');
  failOnDataSourceError(ctx);
  const result = ctx.result as { items: T[]; nextToken?: string | null };
  return { items: result.items, nextToken: result.nextToken ?? null };
}
