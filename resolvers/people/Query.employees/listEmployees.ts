/** One page of the tenant's employees in last-name order, through the ByName index. */
import type { Context, DynamoDBQueryRequest } from '@aws-appsync/utils';
import { util } from '@aws-appsync/utils';
import type { EmployeeRow } from '../../../domain/people/model/employee.ts';
import type { QueryEmployeesArgs } from '../../../domain/generated/graphql.ts';
import { pageOf, pageSize } from '../../lib/pages.ts';
import type { PipelineStash } from '../../lib/stash.ts';
import { EMPLOYEES_BY_NAME } from '../../../domain/people/model/keys.ts';

export function request(ctx: Context<QueryEmployeesArgs, PipelineStash>) {
  const { limit, nextToken, filter } = ctx.args;
  const size = pageSize(limit);

  const keyNames: Record<string, string> = { '#tenant': 'TenantId' };
  const keyValues: Record<string, unknown> = { ':tenant': ctx.stash.scope.tenantKey };
  let keyExpression = '#tenant = :tenant';
  const prefix = filter?.lastNamePrefix?.trim().toLowerCase();
  if (prefix) {
    keyExpression = `${keyExpression} AND begins_with(#name, :prefix)`;
    keyNames['#name'] = 'NameKey';
    keyValues[':prefix'] = prefix;
  }

  const conditions: string[] = [];
  const filterNames: Record<string, string> = {};
  const filterValues: Record<string, unknown> = {};
  if (filter?.status) {
    conditions.push('#employment.#status = :status');
    filterNames['#employment'] = 'employment';
    filterNames['#status'] = 'status';
    filterValues[':status'] = filter.status;
  }
  const department = filter?.department?.trim();
  if (department) {
    conditions.push('#employment.#department = :department');
    filterNames['#employment'] = 'employment';
    filterNames['#department'] = 'department';
    filterValues[':department'] = department;
  }

  const query: DynamoDBQueryRequest = {
    operation: 'Query',
    index: EMPLOYEES_BY_NAME.name,
    query: {
      expression: keyExpression,
      expressionNames: keyNames,
      expressionValues: util.dynamodb.toMapValues(keyValues),
    },
    limit: size,
    scanIndexForward: true,
  };
  if (nextToken) query.nextToken = nextToken;
  if (conditions.length > 0) {
    query.filter = {
      expression: conditions.join(' AND '),
      expressionNames: filterNames,
      expressionValues: util.dynamodb.toMapValues(filterValues),
    };
  }
  return query;
}

export function response(ctx: Context<QueryEmployeesArgs, PipelineStash>) {
  return pageOf<EmployeeRow>(ctx);
}
