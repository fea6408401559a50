/**
 * createJob, cancelJob and retryJob: the jobs Lambda applies the engine's rules (runner
 * contracts, schedules, states) with the scoped tenant's own credentials.
 */
import type { Context, LambdaRequest } from '@aws-appsync/utils';
import type { MutationCancelJobArgs, MutationCreateJobArgs } from '../../domain/generated/graphql.ts';
import { isValidEntityId } from '../../domain/keys.ts';
import { callerUserId } from '../lib/caller.ts';
import { fail } from '../lib/errors.ts';
import { lambdaResult } from '../lib/lambda.ts';
import type { PipelineStash } from '../lib/stash.ts';

type Args = Partial<MutationCreateJobArgs & MutationCancelJobArgs>;

export function request(ctx: Context<Args, PipelineStash>): LambdaRequest {
  const tenantId = ctx.stash.scope.tenantId;
  const requestedBy = callerUserId(ctx);
  if (ctx.info.fieldName === 'createJob') {
    const input = ctx.args.input;
    if (input && input.id && !isValidEntityId(input.id)) {
      const message = 'must be 1-64 letters, digits, "-" or "_"';
      fail('VALIDATION_ERROR', `input.id ${message}.`, { fields: [{ field: 'input.id', message }] });
    }
    return { operation: 'Invoke', payload: { operation: 'create', tenantId, input, requestedBy } };
  }
  if (!isValidEntityId(ctx.args.id)) {
    const message = 'must be 1-64 letters, digits, "-" or "_"';
    fail('VALIDATION_ERROR', `id ${message}.`, { fields: [{ field: 'id', message }] });
  }
  const operation = ctx.info.fieldName === 'cancelJob' ? 'cancel' : 'retry';
  return { operation: 'Invoke', payload: { operation, tenantId, jobId: ctx.args.id, requestedBy } };
}

export function response(ctx: Context<Args, PipelineStash>): unknown {
  return lambdaResult(ctx);
}
