/** Plans the deletion of a position nothing is assigned to, releasing its code and references. */
import type { Context } from '@aws-appsync/utils';
import type { MutationDeletePositionArgs } from '../../../domain/generated/graphql.ts';
import { positionDeletionBlocker, deletePositionWrites, type PositionRow } from '../../../domain/organisation/model/position.ts';
import { fail } from '../../lib/errors.ts';
import type { OrganisationStash } from '../stash.ts';

export function request(ctx: Context<MutationDeletePositionArgs, OrganisationStash>) {
  const { id, expectedVersion } = ctx.args;
  const current = ctx.stash.position;
  if (!current) return fail('NOT_FOUND', `No position ${id} in this tenant.`);
  if (expectedVersion !== null && expectedVersion !== undefined && expectedVersion !== current.version) {
    return fail('CONFLICT', `The position ${id} is at version ${current.version}, not ${expectedVersion}: read it again and retry.`);
  }
  const blocker = positionDeletionBlocker(current);
  if (blocker) return fail('CONFLICT', blocker);
  const writes = deletePositionWrites(current);
  ctx.stash.writes = writes;
  ctx.stash.written = current;
  return {};
}

export function response(ctx: Context<MutationDeletePositionArgs, OrganisationStash>): PositionRow | null | undefined {
  return ctx.stash.position;
}
