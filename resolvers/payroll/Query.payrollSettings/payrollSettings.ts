/** The tenant's payroll settings, through the payroll Lambda. */
import { type Context, type LambdaRequest } from '@aws-appsync/utils';
import type { QueryPayrollSettingsArgs } from '../../../domain/generated/graphql.ts';
import { callerContext } from '../../lib/caller.ts';
import { lambdaResult } from '../../lib/lambda.ts';
import type { PipelineStash } from '../../lib/stash.ts';

export function request(ctx: Context<QueryPayrollSettingsArgs, PipelineStash>): LambdaRequest {
  return {
    operation: 'Invoke',
    payload: {
      tenantId: ctx.stash.scope.tenantId,
      requestedBy: callerContext(ctx)?.userId ?? 'internal',
      operation: 'settings',
    },
  };
}

export function response(ctx: Context<QueryPayrollSettingsArgs, PipelineStash>): unknown {
  return lambdaResult(ctx);
}
