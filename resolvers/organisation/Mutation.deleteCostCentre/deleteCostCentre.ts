/** Plans the deletion of a cost centre nothing is assigned to, releasing its code and references. */
import type { Context } from '@aws-appsync/utils';
import type { MutationDeleteCostCentreArgs } from '../../../domain/generated/graphql.ts';
import { costCentreDeletionBlocker, deleteCostCentreWrites, type CostCentreRow } from '../../../domain/organisation/model/cost-centre.ts';
import { fail } from '../../lib/errors.ts';
import type { OrganisationStash } from '../stash.ts';

export function request(ctx: Context<MutationDeleteCostCentreArgs, OrganisationStash>) {
  const { id, expectedVersion } = ctx.args;
  const current = ctx.stash.costCentre;
  if (!current) return fail('NOT_FOUND', `No cost centre ${id} in this tenant.`);
  if (expectedVersion !== null && expectedVersion !== undefined && expectedVersion !== current.version) {
    return fail('CONFLICT', `The cost centre ${id} is at version ${current.version}, not ${expectedVersion}: read it again and retry.`);
  }
  const blocker = costCentreDeletionBlocker(current);
  if (blocker) return fail('CONFLICT', blocker);
  const writes = deleteCostCentreWrites(current);
  ctx.stash.writes = writes;
  ctx.stash.written = current;
  return {};
}

export function response(ctx: Context<MutationDeleteCostCentreArgs, OrganisationStash>): CostCentreRow | null | undefined {
  return ctx.stash.costCentre;
}
