/** Hires: the employment Lambda creates the employee with their first contract in one transaction. */
import { util, type Context, type LambdaRequest } from '@aws-appsync/utils';
import type { MutationCreateEmployeeArgs } from '../../../domain/generated/graphql.ts';
import { callerContext } from '../../lib/caller.ts';
import { lambdaResult } from '../../lib/lambda.ts';
import type { PipelineStash } from '../../lib/stash.ts';

export function request(ctx: Context<MutationCreateEmployeeArgs, PipelineStash>): LambdaRequest {
  return {
    operation: 'Invoke',
    payload: {
      operation: 'hire',
      tenantId: ctx.stash.scope.tenantId,
      requestedBy: callerContext(ctx)?.userId ?? 'internal',
      employeeId: util.autoUlid(),
      contractId: util.autoUlid(),
      versionId: util.autoUlid(),
      input: ctx.args.input,
    },
  };
}

export function response(ctx: Context<MutationCreateEmployeeArgs, PipelineStash>): unknown {
  return lambdaResult(ctx);
}
