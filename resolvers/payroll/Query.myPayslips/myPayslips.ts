/** The signed-in employee's finalised payslips: the employee id comes from the caller's context, never the input; a user without an employee record has none. */
import { runtime, type Context, type LambdaRequest } from '@aws-appsync/utils';
import { callerContext } from '../../lib/caller.ts';
import { lambdaResult } from '../../lib/lambda.ts';
import type { PipelineStash } from '../../lib/stash.ts';

export function request(ctx: Context<Record<string, never>, PipelineStash>): LambdaRequest {
  const caller = callerContext(ctx);
  if (!caller?.employeeId) runtime.earlyReturn([], { skipTo: 'END' });
  return {
    operation: 'Invoke',
    payload: {
      tenantId: ctx.stash.scope.tenantId,
      requestedBy: caller?.userId ?? 'internal',
      operation: 'myPayslips',
      employeeId: caller?.employeeId,
    },
  };
}

export function response(ctx: Context<Record<string, never>, PipelineStash>): unknown {
  return lambdaResult(ctx);
}
