/**
 * After loadEmployee: has the documents Lambda presign a short-lived GET of the employee's profile
 * photo (shown inline); null when they have none. Whoever may read the employee may see their
 * photo: it is what the directory shows.
 */
import { runtime, type Context, type LambdaRequest } from '@aws-appsync/utils';
import type { QueryEmployeePhotoUrlArgs } from '../../../domain/generated/graphql.ts';
import { employeeIdFromKey } from '../../../domain/people/model/employee.ts';
import { fail } from '../../lib/errors.ts';
import { lambdaResult } from '../../lib/lambda.ts';
import type { PipelineStash } from '../../lib/stash.ts';

export function request(ctx: Context<QueryEmployeePhotoUrlArgs, PipelineStash>): LambdaRequest {
  const employee = ctx.stash.employee;
  if (!employee) return fail('NOT_FOUND', `No employee ${ctx.args.employeeId} in this tenant.`);
  if (!employee.photoDocumentId) return runtime.earlyReturn(null);
  return {
    operation: 'Invoke',
    payload: {
      operation: 'downloadUrl',
      tenantId: ctx.stash.scope.tenantId,
      employeeId: employeeIdFromKey(employee.EntityItem),
      documentId: employee.photoDocumentId,
      inline: true,
    },
  };
}

export function response(ctx: Context<QueryEmployeePhotoUrlArgs, PipelineStash>): unknown {
  return lambdaResult(ctx);
}
