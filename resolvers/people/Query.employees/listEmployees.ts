/**
 * One page of the tenant's employees in last-name order. Every filter combination is a key
 * condition on an index, so a page is always as full as the data allows: no filter after the limit.
 */
import { util, type Context, type DynamoDBQueryRequest } from '@aws-appsync/utils';
import { employeeView, type EmployeeRow } from '../../../domain/people/model/employee.ts';
import type { QueryEmployeesArgs } from '../../../domain/generated/graphql.ts';
import { EMPLOYEES_BY_DEPARTMENT, EMPLOYEES_BY_NAME, EMPLOYEES_BY_STATUS } from '../../../domain/people/model/keys.ts';
import { fail } from '../../lib/errors.ts';
import { requireEntityId } from '../../lib/ids.ts';
import { pageOf, pageSize } from '../../lib/pages.ts';
import type { PipelineStash } from '../../lib/stash.ts';

/** The index and sort-key prefix that answer a filter. */
function indexFor(filter: QueryEmployeesArgs['filter']): { index: string; attribute: string; prefix: string } {
  const name = filter?.lastNamePrefix ? filter.lastNamePrefix.trim().toLowerCase() : '';
  const status = filter?.status ?? null;
  if (filter?.departmentId) {
    const department = requireEntityId(filter.departmentId, 'filter.departmentId');
    if (!status && name) {
      const message = 'with a department, give a status too (e.g. ACTIVE) to search by last name';
      fail('VALIDATION_ERROR', `filter.lastNamePrefix ${message}.`, { fields: [{ field: 'filter.lastNamePrefix', message }] });
    }
    return { index: EMPLOYEES_BY_DEPARTMENT.name, attribute: 'DepartmentKey', prefix: status ? `${department}#${status}#${name}` : `${department}#` };
  }
  if (status) return { index: EMPLOYEES_BY_STATUS.name, attribute: 'StatusKey', prefix: `${status}#${name}` };
  return { index: EMPLOYEES_BY_NAME.name, attribute: 'NameKey', prefix: name };
}

export function request(ctx: Context<QueryEmployeesArgs, PipelineStash>): DynamoDBQueryRequest {
  const { index, attribute, prefix } = indexFor(ctx.args.filter);
  const byPrefix = prefix !== '';
  const query: DynamoDBQueryRequest = {
    operation: 'Query',
    index,
    query: {
      expression: byPrefix ? '#tenant = :tenant AND begins_with(#key, :prefix)' : '#tenant = :tenant',
      expressionNames: byPrefix ? { '#tenant': 'TenantId', '#key': attribute } : { '#tenant': 'TenantId' },
      expressionValues: util.dynamodb.toMapValues(byPrefix ? { ':tenant': ctx.stash.scope.tenantKey, ':prefix': prefix } : { ':tenant': ctx.stash.scope.tenantKey }),
    },
    limit: pageSize(ctx.args.limit),
    scanIndexForward: true,
  };
  if (ctx.args.nextToken) query.nextToken = ctx.args.nextToken;
  return query;
}

export function response(ctx: Context<QueryEmployeesArgs, PipelineStash>) {
  const page = pageOf<EmployeeRow>(ctx);
  return { items: page.items.map((row) => employeeView(row, ctx.stash.scope.tenantId)), nextToken: page.nextToken };
}
