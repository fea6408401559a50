/** One location of the scoped tenant, or null. */
import type { Context } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import type { QueryLocationArgs } from '../../../domain/generated/graphql.ts';
import type { LocationRow } from '../../../domain/organisation/model/location.ts';
import { locationItemKey } from '../../../domain/organisation/model/keys.ts';
import { failOnDataSourceError } from '../../lib/errors.ts';
import { requireEntityId } from '../../lib/ids.ts';
import type { OrganisationStash } from '../stash.ts';

export function request(ctx: Context<QueryLocationArgs, OrganisationStash>) {
  const id = requireEntityId(ctx.args.id, 'id');
  return get<LocationRow>({ key: { TenantId: ctx.stash.scope.tenantKey, EntityItem: locationItemKey(id) } });
}

export function response(ctx: Context<QueryLocationArgs, OrganisationStash>): LocationRow | null {
  failOnDataSourceError(ctx);
  return (ctx.result as LocationRow | null | undefined) ?? null;
}
