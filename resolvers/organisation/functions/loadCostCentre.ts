/** Reads the cost centre an operation is about (`id` or `input.id`) into `ctx.stash.costCentre`, consistently (null when absent). */
import type { Context } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import type { CostCentreRow } from '../../../domain/organisation/model/cost-centre.ts';
import { costCentreItemKey } from '../../../domain/organisation/model/keys.ts';
import { failOnDataSourceError } from '../../lib/errors.ts';
import { requireEntityId } from '../../lib/ids.ts';
import type { OrganisationStash } from '../stash.ts';

type Args = { id?: string; input?: { id?: string } };

export function request(ctx: Context<Args, OrganisationStash>) {
  const id = requireEntityId(ctx.args.id ?? ctx.args.input?.id, 'id');
  return get<CostCentreRow>({ key: { TenantId: ctx.stash.scope.tenantKey, EntityItem: costCentreItemKey(id) }, consistentRead: true });
}

export function response(ctx: Context<Args, OrganisationStash>): CostCentreRow | null {
  failOnDataSourceError(ctx);
  const costCentre = (ctx.result as CostCentreRow | null | undefined) ?? null;
  ctx.stash.costCentre = costCentre;
  return costCentre;
}
