/** One page of the closure items of the departments directly under `parentId` (or of the root departments). */
import type { Context } from '@aws-appsync/utils';
import type { QueryDepartmentsArgs } from '../../../domain/generated/graphql.ts';
import { departmentTreeLevelPrefix } from '../../../domain/organisation/model/keys.ts';
import { requireEntityId } from '../../lib/ids.ts';
import { keepTreePage, treeQuery } from '../department-pages.ts';
import type { OrganisationStash } from '../stash.ts';

export function request(ctx: Context<QueryDepartmentsArgs, OrganisationStash>) {
  const { parentId, limit, nextToken } = ctx.args;
  const prefix = parentId ? departmentTreeLevelPrefix(requireEntityId(parentId, 'parentId'), 1) : departmentTreeLevelPrefix(null, 0);
  return treeQuery(ctx, { from: prefix, to: `${prefix}~` }, limit, nextToken);
}

export function response(ctx: Context<QueryDepartmentsArgs, OrganisationStash>) {
  return keepTreePage(ctx);
}
