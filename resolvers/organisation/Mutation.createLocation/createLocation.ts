/** Plans the creation of the location (one transaction, sent by writeTransaction). */
import { util, type Context } from '@aws-appsync/utils';
import type { MutationCreateLocationArgs } from '../../../domain/generated/graphql.ts';
import { createLocationWrites, newLocationRow, normaliseNewLocation, validateLocation, type LocationRow } from '../../../domain/organisation/model/location.ts';
import { failOnProblems } from '../../lib/errors.ts';
import type { OrganisationStash } from '../stash.ts';

export function request(ctx: Context<MutationCreateLocationArgs, OrganisationStash>) {
  const content = normaliseNewLocation(ctx.args.input);
  failOnProblems(validateLocation(content));
  const row = newLocationRow(ctx.stash.scope.tenantId, util.autoUlid(), content, util.time.nowISO8601());
  const writes = createLocationWrites(row);
  ctx.stash.written = row;
  ctx.stash.writes = writes;
  return {};
}

export function response(ctx: Context<MutationCreateLocationArgs, OrganisationStash>): LocationRow {
  return ctx.stash.written as LocationRow;
}
