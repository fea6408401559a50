/** Has the employment Lambda add a version of a contract's terms from a date. */
import { util, type Context, type LambdaRequest } from '@aws-appsync/utils';
import type { MutationAmendContractArgs } from '../../../domain/generated/graphql.ts';
import { callerContext } from '../../lib/caller.ts';
import { requireEntityId } from '../../lib/ids.ts';
import { lambdaResult } from '../../lib/lambda.ts';
import type { PipelineStash } from '../../lib/stash.ts';

export function request(ctx: Context<MutationAmendContractArgs, PipelineStash>): LambdaRequest {
  requireEntityId(ctx.args.input.employeeId, 'input.employeeId');
  requireEntityId(ctx.args.input.contractId, 'input.contractId');
  return {
    operation: 'Invoke',
    payload: {
      operation: 'amendContract',
      tenantId: ctx.stash.scope.tenantId,
      requestedBy: callerContext(ctx)?.userId ?? 'internal',
      versionId: util.autoUlid(),
      input: ctx.args.input,
    },
  };
}

export function response(ctx: Context<MutationAmendContractArgs, PipelineStash>): unknown {
  return lambdaResult(ctx);
}
