/** Plans the changes to the cost centre if it is still at expectedVersion, moving its code guard and references as needed. */
import { util, type Context } from '@aws-appsync/utils';
import type { MutationUpdateCostCentreArgs } from '../../../domain/generated/graphql.ts';
import { mergeCostCentreChanges, updateCostCentreWrites, validateCostCentre, validateCostCentreChanges, type CostCentreRow } from '../../../domain/organisation/model/cost-centre.ts';
import { fail, failOnProblems } from '../../lib/errors.ts';
import type { OrganisationStash } from '../stash.ts';

export function request(ctx: Context<MutationUpdateCostCentreArgs, OrganisationStash>) {
  const { input } = ctx.args;
  const current = ctx.stash.costCentre;
  if (!current) return fail('NOT_FOUND', `No cost centre ${input.id} in this tenant.`);
  if (current.version !== input.expectedVersion) {
    return fail('CONFLICT', `The cost centre ${input.id} is at version ${current.version}, not ${input.expectedVersion}: read it again and retry.`);
  }
  const content = mergeCostCentreChanges(current, input);
  failOnProblems(validateCostCentreChanges(input).concat(validateCostCentre(content)));
  const now = util.time.nowISO8601();
  const writes = updateCostCentreWrites(current, content, now);
  ctx.stash.writes = writes;
  ctx.stash.written = { ...current, ...content, version: current.version + 1, updatedAt: now };
  return {};
}

export function response(ctx: Context<MutationUpdateCostCentreArgs, OrganisationStash>): CostCentreRow {
  return ctx.stash.written as CostCentreRow;
}
