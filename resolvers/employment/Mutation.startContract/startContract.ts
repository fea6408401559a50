/** Has the employment Lambda add a new contract (a rehire) and bring the employee's record in step. */
import { util, type Context, type LambdaRequest } from '@aws-appsync/utils';
import type { MutationStartContractArgs } from '../../../domain/generated/graphql.ts';
import { callerContext } from '../../lib/caller.ts';
import { requireEntityId } from '../../lib/ids.ts';
import { lambdaResult } from '../../lib/lambda.ts';
import type { PipelineStash } from '../../lib/stash.ts';

export function request(ctx: Context<MutationStartContractArgs, PipelineStash>): LambdaRequest {
  requireEntityId(ctx.args.input.employeeId, 'input.employeeId');
  return {
    operation: 'Invoke',
    payload: {
      operation: 'startContract',
      tenantId: ctx.stash.scope.tenantId,
      requestedBy: callerContext(ctx)?.userId ?? 'internal',
      contractId: util.autoUlid(),
      versionId: util.autoUlid(),
      input: ctx.args.input,
    },
  };
}

export function response(ctx: Context<MutationStartContractArgs, PipelineStash>): unknown {
  return lambdaResult(ctx);
}
