/** One page of an employee's documents, newest first (document ids are time-ordered ULIDs). */
import { util, type Context, type DynamoDBQueryRequest } from '@aws-appsync/utils';
import { employeeDocumentsPrefix, type DocumentRow } from '../../domain/documents.ts';
import type { QueryEmployeeDocumentsArgs } from '../../domain/generated/graphql.ts';
import { EMPLOYEE_PAGE } from '../../domain/employee.ts';
import { fail, failOnDataSourceError } from '../lib/errors.ts';
import type { PipelineStash } from '../lib/stash.ts';

export function request(ctx: Context<QueryEmployeeDocumentsArgs, PipelineStash>): DynamoDBQueryRequest {
  const limit = ctx.args.limit ?? EMPLOYEE_PAGE.defaultLimit;
  if (limit < 1 || limit > EMPLOYEE_PAGE.maxLimit) {
    const message = `must be between 1 and ${EMPLOYEE_PAGE.maxLimit}`;
    fail('VALIDATION_ERROR', `limit ${message}.`, { fields: [{ field: 'limit', message }] });
  }
  const query: DynamoDBQueryRequest = {
    operation: 'Query',
    query: {
      expression: '#tenant = :tenant AND begins_with(#item, :prefix)',
      expressionNames: { '#tenant': 'TenantId', '#item': 'EntityItem' },
      expressionValues: util.dynamodb.toMapValues({ ':tenant': ctx.stash.scope.tenantKey, ':prefix': employeeDocumentsPrefix(ctx.args.employeeId) }),
    },
    limit,
    scanIndexForward: false,
  };
  if (ctx.args.nextToken) query.nextToken = ctx.args.nextToken;
  return query;
}

export function response(ctx: Context<QueryEmployeeDocumentsArgs, PipelineStash>) {
  failOnDataSourceError(ctx);
  const result = ctx.result as { items: DocumentRow[]; nextToken?: string | null };
  return { items: result.items, nextToken: result.nextToken ?? null };
}
