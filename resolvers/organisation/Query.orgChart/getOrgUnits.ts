/** The page's departments as org-chart units, each with its depth below the chart's top. */
import type { Context } from '@aws-appsync/utils';
import type { QueryOrgChartArgs } from '../../../domain/generated/graphql.ts';
import { orgUnitView } from '../../../domain/organisation/model/department.ts';
import { departmentsOfPage, departmentsRequest } from '../department-pages.ts';
import type { OrganisationStash } from '../stash.ts';

export function request(ctx: Context<QueryOrgChartArgs, OrganisationStash>) {
  return departmentsRequest(ctx, { items: [], nextToken: ctx.stash.treePage?.nextToken ?? null });
}

export function response(ctx: Context<QueryOrgChartArgs, OrganisationStash>) {
  return { items: departmentsOfPage(ctx).map((d) => orgUnitView(d.row, d.levels)), nextToken: ctx.stash.treePage?.nextToken ?? null };
}
