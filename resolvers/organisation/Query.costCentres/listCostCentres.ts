/** One page of the tenant's cost centres, newest first. */
import type { Context } from '@aws-appsync/utils';
import type { QueryCostCentresArgs } from '../../../domain/generated/graphql.ts';
import type { CostCentreRow } from '../../../domain/organisation/model/cost-centre.ts';
import { ORGANISATION_PREFIXES } from '../../../domain/organisation/model/keys.ts';
import { newestUnderPrefix, pageOf } from '../../lib/pages.ts';
import type { OrganisationStash } from '../stash.ts';

export function request(ctx: Context<QueryCostCentresArgs, OrganisationStash>) {
  return newestUnderPrefix(ctx.stash.scope.tenantKey, ORGANISATION_PREFIXES.costCentre, ctx.args.limit, ctx.args.nextToken);
}

export function response(ctx: Context<QueryCostCentresArgs, OrganisationStash>) {
  return pageOf<CostCentreRow>(ctx);
}
