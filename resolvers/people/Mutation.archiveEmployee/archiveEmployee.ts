/**
 * Archives a leaver: only once their employment is TERMINATED. The record stays readable (with its
 * contracts, documents and history) but leaves the listings, and nothing changes it until
 * restoreEmployee.
 */
import type { Context } from '@aws-appsync/utils';
import type { MutationArchiveEmployeeArgs } from '../../../domain/generated/graphql.ts';
import { fail } from '../../lib/errors.ts';
import { archiveRequest, archiveResponse, type ArchiveStash } from '../archive.ts';

export function request(ctx: Context<MutationArchiveEmployeeArgs, ArchiveStash>) {
  const { id, expectedVersion } = ctx.args;
  const current = ctx.stash.employee;
  if (!current) return fail('NOT_FOUND', `No employee ${id} in this tenant.`);
  if (current.version !== expectedVersion) return fail('CONFLICT', `Employee ${id} is at version ${current.version}, not ${expectedVersion}: read it again and retry.`);
  if (current.archived === true) return fail('CONFLICT', `Employee ${id} is archived already.`);
  if (current.employment.status !== 'TERMINATED') {
    return fail('CONFLICT', `Employee ${id} is ${current.employment.status}: only leavers (TERMINATED) are archived; terminate their contract first.`);
  }
  return archiveRequest(ctx, current, true);
}

export function response(ctx: Context<MutationArchiveEmployeeArgs, ArchiveStash>): null {
  return archiveResponse(ctx);
}
