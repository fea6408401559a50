/** The page's departments, as a DepartmentConnection. */
import type { Context } from '@aws-appsync/utils';
import type { QueryDepartmentsArgs } from '../../../domain/generated/graphql.ts';
import type { DepartmentRow } from '../../../domain/organisation/model/department.ts';
import { departmentsOfPage, departmentsRequest } from '../department-pages.ts';
import type { OrganisationStash } from '../stash.ts';

export function request(ctx: Context<QueryDepartmentsArgs, OrganisationStash>) {
  return departmentsRequest(ctx, { items: [], nextToken: ctx.stash.treePage?.nextToken ?? null });
}

export function response(ctx: Context<QueryDepartmentsArgs, OrganisationStash>): { items: DepartmentRow[]; nextToken: string | null } {
  return { items: departmentsOfPage(ctx).map((d) => d.row), nextToken: ctx.stash.treePage?.nextToken ?? null };
}
