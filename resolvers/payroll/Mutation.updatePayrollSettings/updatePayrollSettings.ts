/** Has the payroll Lambda save the currency and rounding rule at the version read. */
import { type Context, type LambdaRequest } from '@aws-appsync/utils';
import type { MutationUpdatePayrollSettingsArgs } from '../../../domain/generated/graphql.ts';
import { callerContext } from '../../lib/caller.ts';
import { lambdaResult } from '../../lib/lambda.ts';
import type { PipelineStash } from '../../lib/stash.ts';

export function request(ctx: Context<MutationUpdatePayrollSettingsArgs, PipelineStash>): LambdaRequest {
  return {
    operation: 'Invoke',
    payload: {
      tenantId: ctx.stash.scope.tenantId,
      requestedBy: callerContext(ctx)?.userId ?? 'internal',
      operation: 'saveSettings',
      input: ctx.args.input,
    },
  };
}

export function response(ctx: Context<MutationUpdatePayrollSettingsArgs, PipelineStash>): unknown {
  return lambdaResult(ctx);
}
