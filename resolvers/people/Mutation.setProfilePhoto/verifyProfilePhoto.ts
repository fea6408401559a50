/**
 * After personnelFileAccess: the record must be at expectedVersion and not archived; a new photo
 * must be an uploaded PROFILE_PHOTO document of this employee, which the documents Lambda checks
 * in S3 (the type and size rules held when its upload URL was issued). Removing the photo skips the check.
 */
import { runtime, type Context, type LambdaRequest } from '@aws-appsync/utils';
import type { MutationSetProfilePhotoArgs } from '../../../domain/generated/graphql.ts';
import { fail } from '../../lib/errors.ts';
import { requireEntityId } from '../../lib/ids.ts';
import { lambdaResult } from '../../lib/lambda.ts';
import type { PipelineStash } from '../../lib/stash.ts';

export function request(ctx: Context<MutationSetProfilePhotoArgs, PipelineStash>): LambdaRequest {
  const { employeeId, expectedVersion, documentId } = ctx.args.input;
  const current = ctx.stash.employee;
  if (!current) return fail('NOT_FOUND', `No employee ${employeeId} in this tenant.`);
  if (current.version !== expectedVersion) return fail('CONFLICT', `Employee ${employeeId} is at version ${current.version}, not ${expectedVersion}: read it again and retry.`);
  if (current.archived === true) return fail('CONFLICT', `Employee ${employeeId} is archived: restore them (restoreEmployee) before changing the record.`);
  if (documentId === null || documentId === undefined) return runtime.earlyReturn(null);
  return {
    operation: 'Invoke',
    payload: {
      operation: 'verifyUpload',
      tenantId: ctx.stash.scope.tenantId,
      employeeId,
      documentId: requireEntityId(documentId, 'input.documentId'),
      kind: 'PROFILE_PHOTO',
    },
  };
}

export function response(ctx: Context<MutationSetProfilePhotoArgs, PipelineStash>): unknown {
  return lambdaResult(ctx);
}
