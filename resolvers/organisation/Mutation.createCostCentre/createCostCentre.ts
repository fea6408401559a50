/** Plans the creation of the cost centre with its code guard and references (one transaction, sent by writeTransaction). */
import { util, type Context } from '@aws-appsync/utils';
import type { MutationCreateCostCentreArgs } from '../../../domain/generated/graphql.ts';
import { createCostCentreWrites, newCostCentreRow, normaliseNewCostCentre, validateCostCentre, type CostCentreRow } from '../../../domain/organisation/model/cost-centre.ts';
import { failOnProblems } from '../../lib/errors.ts';
import type { OrganisationStash } from '../stash.ts';

export function request(ctx: Context<MutationCreateCostCentreArgs, OrganisationStash>) {
  const content = normaliseNewCostCentre(ctx.args.input);
  failOnProblems(validateCostCentre(content));
  const row = newCostCentreRow(ctx.stash.scope.tenantId, util.autoUlid(), content, util.time.nowISO8601());
  const writes = createCostCentreWrites(row);
  ctx.stash.written = row;
  ctx.stash.writes = writes;
  return {};
}

export function response(ctx: Context<MutationCreateCostCentreArgs, OrganisationStash>): CostCentreRow {
  return ctx.stash.written as CostCentreRow;
}
