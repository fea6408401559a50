/** Reads the department an operation is about (`id` or `input.id`) into `ctx.stash.department`, consistently (null when absent). */
import type { Context } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import type { DepartmentRow } from '../../../domain/organisation/model/department.ts';
import { departmentItemKey } from '../../../domain/organisation/model/keys.ts';
import { failOnDataSourceError } from '../../lib/errors.ts';
import { requireEntityId } from '../../lib/ids.ts';
import type { OrganisationStash } from '../stash.ts';

type Args = { id?: string; input?: { id?: string } };

export function request(ctx: Context<Args, OrganisationStash>) {
  const id = requireEntityId(ctx.args.id ?? ctx.args.input?.id, 'id');
  return get<DepartmentRow>({ key: { TenantId: ctx.stash.scope.tenantKey, EntityItem: departmentItemKey(id) }, consistentRead: true });
}

export function response(ctx: Context<Args, OrganisationStash>): DepartmentRow | null {
  failOnDataSourceError(ctx);
  const department = (ctx.result as DepartmentRow | null | undefined) ?? null;
  ctx.stash.department = department;
  return department;
}
