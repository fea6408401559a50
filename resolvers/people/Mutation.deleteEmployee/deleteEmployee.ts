/** Withdraws a hire made by mistake (the employment Lambda checks it never started and cleans up after it). */
import type { Context, LambdaRequest } from '@aws-appsync/utils';
import type { MutationDeleteEmployeeArgs } from '../../../domain/generated/graphql.ts';
import { callerContext } from '../../lib/caller.ts';
import { requireEntityId } from '../../lib/ids.ts';
import { lambdaResult } from '../../lib/lambda.ts';
import type { PipelineStash } from '../../lib/stash.ts';

export function request(ctx: Context<MutationDeleteEmployeeArgs, PipelineStash>): LambdaRequest {
  return {
    operation: 'Invoke',
    payload: {
      operation: 'withdraw',
      tenantId: ctx.stash.scope.tenantId,
      requestedBy: callerContext(ctx)?.userId ?? 'internal',
      employeeId: requireEntityId(ctx.args.id, 'id'),
      expectedVersion: ctx.args.expectedVersion ?? null,
    },
  };
}

export function response(ctx: Context<MutationDeleteEmployeeArgs, PipelineStash>): unknown {
  return lambdaResult(ctx);
}
