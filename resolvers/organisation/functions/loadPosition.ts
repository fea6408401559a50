/** Reads the position an operation is about (`id` or `input.id`) into `ctx.stash.position`, consistently (null when absent). */
import type { Context } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import type { PositionRow } from '../../../domain/organisation/model/position.ts';
import { positionItemKey } from '../../../domain/organisation/model/keys.ts';
import { failOnDataSourceError } from '../../lib/errors.ts';
import { requireEntityId } from '../../lib/ids.ts';
import type { OrganisationStash } from '../stash.ts';

type Args = { id?: string; input?: { id?: string } };

export function request(ctx: Context<Args, OrganisationStash>) {
  const id = requireEntityId(ctx.args.id ?? ctx.args.input?.id, 'id');
  return get<PositionRow>({ key: { TenantId: ctx.stash.scope.tenantKey, EntityItem: positionItemKey(id) }, consistentRead: true });
}

export function response(ctx: Context<Args, OrganisationStash>): PositionRow | null {
  failOnDataSourceError(ctx);
  const position = (ctx.result as PositionRow | null | undefined) ?? null;
  ctx.stash.position = position;
  return position;
}
