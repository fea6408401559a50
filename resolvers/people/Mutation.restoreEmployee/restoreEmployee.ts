/** Brings an archived employee back into the listings, so the record may change again (a rehire starts here). */
import type { Context } from '@aws-appsync/utils';
import type { MutationRestoreEmployeeArgs } from '../../../domain/generated/graphql.ts';
import { fail } from '../../lib/errors.ts';
import { archiveRequest, archiveResponse, type ArchiveStash } from '../archive.ts';

export function request(ctx: Context<MutationRestoreEmployeeArgs, ArchiveStash>) {
  const { id, expectedVersion } = ctx.args;
  const current = ctx.stash.employee;
  if (!current) return fail('NOT_FOUND', `No employee ${id} in this tenant.`);
  if (current.version !== expectedVersion) return fail('CONFLICT', `Employee ${id} is at version ${current.version}, not ${expectedVersion}: read it again and retry.`);
  if (current.archived !== true) return fail('CONFLICT', `Employee ${id} is not archived.`);
  return archiveRequest(ctx, current, false);
}

export function response(ctx: Context<MutationRestoreEmployeeArgs, ArchiveStash>): null {
  return archiveResponse(ctx);
}
