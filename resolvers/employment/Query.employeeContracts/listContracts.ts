/**
 * An employee's contracts (after loadEmployee), oldest first, with their status as of the tenant's
 * today. Whoever may read the employee's personal details may read their contracts (pay is a
 * financial detail, hidden by its own field resolver).
 */
import { util, type Context, type DynamoDBQueryRequest } from '@aws-appsync/utils';
import { byStart, contractView, type ContractRow } from '../../../domain/employment/model/contracts.ts';
import { employeeContractsPrefix } from '../../../domain/employment/model/keys.ts';
import type { QueryEmployeeContractsArgs } from '../../../domain/generated/graphql.ts';
import { mayReadDetails, scopeKey } from '../../../domain/model/authorization.ts';
import { employeeIdFromKey } from '../../../domain/people/model/employee.ts';
import { callerContext, callerToday } from '../../lib/caller.ts';
import { fail, failOnDataSourceError } from '../../lib/errors.ts';
import type { PipelineStash } from '../../lib/stash.ts';

export function request(ctx: Context<QueryEmployeeContractsArgs, PipelineStash>): DynamoDBQueryRequest {
  const employee = ctx.stash.employee;
  if (!employee) return fail('NOT_FOUND', `No employee ${ctx.args.employeeId} in this tenant.`);
  const employeeId = employeeIdFromKey(employee.EntityItem);
  const caller = callerContext(ctx);
  if (caller && !mayReadDetails(caller[scopeKey('ReadPersonalDetails')], caller.employeeId, { id: employeeId, reportsPath: employee.ReportsPath })) {
    return fail('UNAUTHORIZED_ACCESS', 'You may read the contracts of yourself and the people below you only.');
  }
  return {
    operation: 'Query',
    query: {
      expression: '#tenant = :tenant AND begins_with(#item, :prefix)',
      expressionNames: { '#tenant': 'TenantId', '#item': 'EntityItem' },
      expressionValues: util.dynamodb.toMapValues({ ':tenant': ctx.stash.scope.tenantKey, ':prefix': employeeContractsPrefix(employeeId) }),
    },
    // An employee has a handful of contracts; a page this size holds them all.
    limit: 100,
  };
}

export function response(ctx: Context<QueryEmployeeContractsArgs, PipelineStash>) {
  failOnDataSourceError(ctx);
  const today = callerToday(ctx);
  return byStart((ctx.result as { items: ContractRow[] }).items ?? []).map((row) => contractView(row, today));
}
