/** Has the employment Lambda end a contract on its last working day. */
import type { Context, LambdaRequest } from '@aws-appsync/utils';
import type { MutationTerminateContractArgs } from '../../../domain/generated/graphql.ts';
import { callerContext } from '../../lib/caller.ts';
import { requireEntityId } from '../../lib/ids.ts';
import { lambdaResult } from '../../lib/lambda.ts';
import type { PipelineStash } from '../../lib/stash.ts';

export function request(ctx: Context<MutationTerminateContractArgs, PipelineStash>): LambdaRequest {
  requireEntityId(ctx.args.input.employeeId, 'input.employeeId');
  requireEntityId(ctx.args.input.contractId, 'input.contractId');
  return {
    operation: 'Invoke',
    payload: { operation: 'terminateContract', tenantId: ctx.stash.scope.tenantId, requestedBy: callerContext(ctx)?.userId ?? 'internal', input: ctx.args.input },
  };
}

export function response(ctx: Context<MutationTerminateContractArgs, PipelineStash>): unknown {
  return lambdaResult(ctx);
}
