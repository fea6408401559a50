/**
 * One page of the chart's closure items: the subtree under `departmentId` (or every root department's)
 * down to `depth` levels, as one key range, top levels first. Nothing outside the range is read.
 */
import type { Context } from '@aws-appsync/utils';
import type { QueryOrgChartArgs } from '../../../domain/generated/graphql.ts';
import { departmentTreeRange } from '../../../domain/organisation/model/keys.ts';
import { ORG_CHART_DEPTH } from '../../../domain/organisation/model/tree.ts';
import { fail } from '../../lib/errors.ts';
import { requireEntityId } from '../../lib/ids.ts';
import { keepTreePage, treeQuery } from '../department-pages.ts';
import type { OrganisationStash } from '../stash.ts';

export function request(ctx: Context<QueryOrgChartArgs, OrganisationStash>) {
  const { departmentId, limit, nextToken } = ctx.args;
  const depth = ctx.args.depth ?? ORG_CHART_DEPTH.default;
  if (depth < 0 || depth > ORG_CHART_DEPTH.max) {
    const message = `must be between 0 and ${ORG_CHART_DEPTH.max}`;
    fail('VALIDATION_ERROR', `depth ${message}.`, { fields: [{ field: 'depth', message }] });
  }
  const top = departmentId ? requireEntityId(departmentId, 'departmentId') : null;
  return treeQuery(ctx, departmentTreeRange(top, depth), limit, nextToken);
}

export function response(ctx: Context<QueryOrgChartArgs, OrganisationStash>) {
  const page = keepTreePage(ctx);
  // The chart's first item is the department itself: a first page without it means there is no such department.
  if (ctx.args.departmentId && !ctx.args.nextToken && page.entries.length === 0) {
    fail('NOT_FOUND', `No department ${ctx.args.departmentId} in this tenant.`);
  }
  return page;
}
