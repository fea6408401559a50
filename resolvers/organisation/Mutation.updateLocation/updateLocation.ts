/** Plans the changes to the location if it is still at expectedVersion. */
import { util, type Context } from '@aws-appsync/utils';
import type { MutationUpdateLocationArgs } from '../../../domain/generated/graphql.ts';
import { mergeLocationChanges, updateLocationWrites, validateLocation, validateLocationChanges, type LocationRow } from '../../../domain/organisation/model/location.ts';
import { fail, failOnProblems } from '../../lib/errors.ts';
import type { OrganisationStash } from '../stash.ts';

export function request(ctx: Context<MutationUpdateLocationArgs, OrganisationStash>) {
  const { input } = ctx.args;
  const current = ctx.stash.location;
  if (!current) return fail('NOT_FOUND', `No location ${input.id} in this tenant.`);
  if (current.version !== input.expectedVersion) {
    return fail('CONFLICT', `The location ${input.id} is at version ${current.version}, not ${input.expectedVersion}: read it again and retry.`);
  }
  const content = mergeLocationChanges(current, input);
  failOnProblems(validateLocationChanges(input).concat(validateLocation(content)));
  const now = util.time.nowISO8601();
  const writes = updateLocationWrites(current, content, now);
  ctx.stash.writes = writes;
  ctx.stash.written = { ...current, ...content, version: current.version + 1, updatedAt: now };
  return {};
}

export function response(ctx: Context<MutationUpdateLocationArgs, OrganisationStash>): LocationRow {
  return ctx.stash.written as LocationRow;
}
