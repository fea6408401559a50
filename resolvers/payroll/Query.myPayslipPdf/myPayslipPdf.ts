/** A presigned URL of one of the signed-in employee's payslip PDFs: the employee comes from the caller's context. */
import { type Context, type LambdaRequest } from '@aws-appsync/utils';
import type { QueryMyPayslipPdfArgs } from '../../../domain/generated/graphql.ts';
import { callerContext } from '../../lib/caller.ts';
import { fail } from '../../lib/errors.ts';
import { requireEntityId } from '../../lib/ids.ts';
import { lambdaResult } from '../../lib/lambda.ts';
import type { PipelineStash } from '../../lib/stash.ts';

export function request(ctx: Context<QueryMyPayslipPdfArgs, PipelineStash>): LambdaRequest {
  const caller = callerContext(ctx);
  if (!caller?.employeeId) return fail('NOT_FOUND', 'You have no employee record, so no payslips.');
  return {
    operation: 'Invoke',
    payload: {
      tenantId: ctx.stash.scope.tenantId,
      requestedBy: caller?.userId ?? 'internal',
      operation: 'myPayslipPdf',
      employeeId: caller?.employeeId,
      runId: requireEntityId(ctx.args.runId, 'runId'),
    },
  };
}

export function response(ctx: Context<QueryMyPayslipPdfArgs, PipelineStash>): unknown {
  return lambdaResult(ctx);
}
