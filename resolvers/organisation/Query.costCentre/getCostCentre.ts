/** One cost centre of the scoped tenant, or null. */
import type { Context } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import type { QueryCostCentreArgs } from '../../../domain/generated/graphql.ts';
import type { CostCentreRow } from '../../../domain/organisation/model/cost-centre.ts';
import { costCentreItemKey } from '../../../domain/organisation/model/keys.ts';
import { failOnDataSourceError } from '../../lib/errors.ts';
import { requireEntityId } from '../../lib/ids.ts';
import type { OrganisationStash } from '../stash.ts';

export function request(ctx: Context<QueryCostCentreArgs, OrganisationStash>) {
  const id = requireEntityId(ctx.args.id, 'id');
  return get<CostCentreRow>({ key: { TenantId: ctx.stash.scope.tenantKey, EntityItem: costCentreItemKey(id) } });
}

export function response(ctx: Context<QueryCostCentreArgs, OrganisationStash>): CostCentreRow | null {
  failOnDataSourceError(ctx);
  return (ctx.result as CostCentreRow | null | undefined) ?? null;
}
