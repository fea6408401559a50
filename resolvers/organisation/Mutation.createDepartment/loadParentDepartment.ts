/** Reads the parent named by `input.parentId` into `ctx.stash.parent`, consistently; nothing to read for a root department. */
import { runtime, type Context } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import type { MutationCreateDepartmentArgs } from '../../../domain/generated/graphql.ts';
import type { DepartmentRow } from '../../../domain/organisation/model/department.ts';
import { trimmed } from '../../../domain/organisation/model/fields.ts';
import { departmentItemKey } from '../../../domain/organisation/model/keys.ts';
import { failOnDataSourceError } from '../../lib/errors.ts';
import { requireEntityId } from '../../lib/ids.ts';
import type { OrganisationStash } from '../stash.ts';

export function request(ctx: Context<MutationCreateDepartmentArgs, OrganisationStash>) {
  const parentId = trimmed(ctx.args.input.parentId);
  if (!parentId) {
    ctx.stash.parent = null;
    runtime.earlyReturn(null);
  }
  const id = requireEntityId(parentId, 'parentId');
  return get<DepartmentRow>({ key: { TenantId: ctx.stash.scope.tenantKey, EntityItem: departmentItemKey(id) }, consistentRead: true });
}

export function response(ctx: Context<MutationCreateDepartmentArgs, OrganisationStash>): DepartmentRow | null {
  failOnDataSourceError(ctx);
  const parent = (ctx.result as DepartmentRow | null | undefined) ?? null;
  ctx.stash.parent = parent;
  return parent;
}
