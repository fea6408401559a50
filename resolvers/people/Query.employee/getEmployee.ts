/** One employee of the scoped tenant, or null. */
import type { Context } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import type { QueryEmployeeArgs } from '../../../domain/generated/graphql.ts';
import { employeeView, type EmployeeRow } from '../../../domain/people/model/employee.ts';
import { employeeItemKey } from '../../../domain/people/model/keys.ts';
import { failOnDataSourceError } from '../../lib/errors.ts';
import { requireEntityId } from '../../lib/ids.ts';
import type { PipelineStash } from '../../lib/stash.ts';

export function request(ctx: Context<QueryEmployeeArgs, PipelineStash>) {
  const id = requireEntityId(ctx.args.id, 'id');
  return get<EmployeeRow>({ key: { TenantId: ctx.stash.scope.tenantKey, EntityItem: employeeItemKey(id) } });
}

export function response(ctx: Context<QueryEmployeeArgs, PipelineStash>): EmployeeRow | null {
  failOnDataSourceError(ctx);
  const row = (ctx.result as EmployeeRow | null | undefined) ?? null;
  return row ? employeeView(row, ctx.stash.scope.tenantId) : null;
}
