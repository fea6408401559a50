/** One position of the scoped tenant, or null. */
import type { Context } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import type { QueryPositionArgs } from '../../../domain/generated/graphql.ts';
import type { PositionRow } from '../../../domain/organisation/model/position.ts';
import { positionItemKey } from '../../../domain/organisation/model/keys.ts';
import { failOnDataSourceError } from '../../lib/errors.ts';
import { requireEntityId } from '../../lib/ids.ts';
import type { OrganisationStash } from '../stash.ts';

export function request(ctx: Context<QueryPositionArgs, OrganisationStash>) {
  const id = requireEntityId(ctx.args.id, 'id');
  return get<PositionRow>({ key: { TenantId: ctx.stash.scope.tenantKey, EntityItem: positionItemKey(id) } });
}

export function response(ctx: Context<QueryPositionArgs, OrganisationStash>): PositionRow | null {
  failOnDataSourceError(ctx);
  return (ctx.result as PositionRow | null | undefined) ?? null;
}
