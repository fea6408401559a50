/** One page of the tenant's positions, newest first. */
import type { Context } from '@aws-appsync/utils';
import type { QueryPositionsArgs } from '../../../domain/generated/graphql.ts';
import type { PositionRow } from '../../../domain/organisation/model/position.ts';
import { ORGANISATION_PREFIXES } from '../../../domain/organisation/model/keys.ts';
import { newestUnderPrefix, pageOf } from '../../lib/pages.ts';
import type { OrganisationStash } from '../stash.ts';

export function request(ctx: Context<QueryPositionsArgs, OrganisationStash>) {
  return newestUnderPrefix(ctx.stash.scope.tenantKey, ORGANISATION_PREFIXES.position, ctx.args.limit, ctx.args.nextToken);
}

export function response(ctx: Context<QueryPositionsArgs, OrganisationStash>) {
  return pageOf<PositionRow>(ctx);
}
