/** One department of the scoped tenant, or null. */
import type { Context } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import type { QueryDepartmentArgs } from '../../../domain/generated/graphql.ts';
import type { DepartmentRow } from '../../../domain/organisation/model/department.ts';
import { departmentItemKey } from '../../../domain/organisation/model/keys.ts';
import { failOnDataSourceError } from '../../lib/errors.ts';
import { requireEntityId } from '../../lib/ids.ts';
import type { OrganisationStash } from '../stash.ts';

export function request(ctx: Context<QueryDepartmentArgs, OrganisationStash>) {
  const id = requireEntityId(ctx.args.id, 'id');
  return get<DepartmentRow>({ key: { TenantId: ctx.stash.scope.tenantKey, EntityItem: departmentItemKey(id) } });
}

export function response(ctx: Context<QueryDepartmentArgs, OrganisationStash>): DepartmentRow | null {
  failOnDataSourceError(ctx);
  return (ctx.result as DepartmentRow | null | undefined) ?? null;
}
