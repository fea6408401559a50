/** Plans the creation of the position with its code guard and references (one transaction, sent by writeTransaction). */
import { util, type Context } from '@aws-appsync/utils';
import type { MutationCreatePositionArgs } from '../../../domain/generated/graphql.ts';
import { createPositionWrites, newPositionRow, normaliseNewPosition, validatePosition, type PositionRow } from '../../../domain/organisation/model/position.ts';
import { failOnProblems } from '../../lib/errors.ts';
import type { OrganisationStash } from '../stash.ts';

export function request(ctx: Context<MutationCreatePositionArgs, OrganisationStash>) {
  const content = normaliseNewPosition(ctx.args.input);
  failOnProblems(validatePosition(content));
  const row = newPositionRow(ctx.stash.scope.tenantId, util.autoUlid(), content, util.time.nowISO8601());
  const writes = createPositionWrites(row);
  ctx.stash.written = row;
  ctx.stash.writes = writes;
  return {};
}

export function response(ctx: Context<MutationCreatePositionArgs, OrganisationStash>): PositionRow {
  return ctx.stash.written as PositionRow;
}
