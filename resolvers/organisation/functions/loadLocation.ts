/** Reads the location an operation is about (`id` or `input.id`) into `ctx.stash.location`, consistently (null when absent). */
import type { Context } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import type { LocationRow } from '../../../domain/organisation/model/location.ts';
import { locationItemKey } from '../../../domain/organisation/model/keys.ts';
import { failOnDataSourceError } from '../../lib/errors.ts';
import { requireEntityId } from '../../lib/ids.ts';
import type { OrganisationStash } from '../stash.ts';

type Args = { id?: string; input?: { id?: string } };

export function request(ctx: Context<Args, OrganisationStash>) {
  const id = requireEntityId(ctx.args.id ?? ctx.args.input?.id, 'id');
  return get<LocationRow>({ key: { TenantId: ctx.stash.scope.tenantKey, EntityItem: locationItemKey(id) }, consistentRead: true });
}

export function response(ctx: Context<Args, OrganisationStash>): LocationRow | null {
  failOnDataSourceError(ctx);
  const location = (ctx.result as LocationRow | null | undefined) ?? null;
  ctx.stash.location = location;
  return location;
}
