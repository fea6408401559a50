/** Plans the changes to the position if it is still at expectedVersion, moving its code guard and references as needed. */
import { util, type Context } from '@aws-appsync/utils';
import type { MutationUpdatePositionArgs } from '../../../domain/generated/graphql.ts';
import { mergePositionChanges, updatePositionWrites, validatePosition, validatePositionChanges, type PositionRow } from '../../../domain/organisation/model/position.ts';
import { fail, failOnProblems } from '../../lib/errors.ts';
import type { OrganisationStash } from '../stash.ts';

export function request(ctx: Context<MutationUpdatePositionArgs, OrganisationStash>) {
  const { input } = ctx.args;
  const current = ctx.stash.position;
  if (!current) return fail('NOT_FOUND', `No position ${input.id} in this tenant.`);
  if (current.version !== input.expectedVersion) {
    return fail('CONFLICT', `The position ${input.id} is at version ${current.version}, not ${input.expectedVersion}: read it again and retry.`);
  }
  const content = mergePositionChanges(current, input);
  failOnProblems(validatePositionChanges(input).concat(validatePosition(content)));
  const now = util.time.nowISO8601();
  const writes = updatePositionWrites(current, content, now);
  ctx.stash.writes = writes;
  ctx.stash.written = { ...current, ...content, version: current.version + 1, updatedAt: now };
  return {};
}

export function response(ctx: Context<MutationUpdatePositionArgs, OrganisationStash>): PositionRow {
  return ctx.stash.written as PositionRow;
}
