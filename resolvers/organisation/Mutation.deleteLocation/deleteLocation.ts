/** Plans the deletion of a location nothing is assigned to. */
import type { Context } from '@aws-appsync/utils';
import type { MutationDeleteLocationArgs } from '../../../domain/generated/graphql.ts';
import { locationDeletionBlocker, deleteLocationWrites, type LocationRow } from '../../../domain/organisation/model/location.ts';
import { fail } from '../../lib/errors.ts';
import type { OrganisationStash } from '../stash.ts';

export function request(ctx: Context<MutationDeleteLocationArgs, OrganisationStash>) {
  const { id, expectedVersion } = ctx.args;
  const current = ctx.stash.location;
  if (!current) return fail('NOT_FOUND', `No location ${id} in this tenant.`);
  if (expectedVersion !== null && expectedVersion !== undefined && expectedVersion !== current.version) {
    return fail('CONFLICT', `The location ${id} is at version ${current.version}, not ${expectedVersion}: read it again and retry.`);
  }
  const blocker = locationDeletionBlocker(current);
  if (blocker) return fail('CONFLICT', blocker);
  const writes = deleteLocationWrites(current);
  ctx.stash.writes = writes;
  ctx.stash.written = current;
  return {};
}

export function response(ctx: Context<MutationDeleteLocationArgs, OrganisationStash>): LocationRow | null | undefined {
  return ctx.stash.location;
}
