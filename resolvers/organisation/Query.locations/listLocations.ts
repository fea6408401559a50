/** One page of the tenant's locations, newest first. */
import type { Context } from '@aws-appsync/utils';
import type { QueryLocationsArgs } from '../../../domain/generated/graphql.ts';
import type { LocationRow } from '../../../domain/organisation/model/location.ts';
import { ORGANISATION_PREFIXES } from '../../../domain/organisation/model/keys.ts';
import { newestUnderPrefix, pageOf } from '../../lib/pages.ts';
import type { OrganisationStash } from '../stash.ts';

export function request(ctx: Context<QueryLocationsArgs, OrganisationStash>) {
  return newestUnderPrefix(ctx.stash.scope.tenantKey, ORGANISATION_PREFIXES.location, ctx.args.limit, ctx.args.nextToken);
}

export function response(ctx: Context<QueryLocationsArgs, OrganisationStash>) {
  return pageOf<LocationRow>(ctx);
}
