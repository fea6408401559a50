/** An employee's ledger of one type, newest first (after loadEmployee and leaveRecordAccess). */
import { type Context, type LambdaRequest } from '@aws-appsync/utils';
import type { QueryEmployeeLeaveLedgerArgs } from '../../../domain/generated/graphql.ts';
import { callerContext } from '../../lib/caller.ts';
import { requireEntityId } from '../../lib/ids.ts';
import { lambdaResult } from '../../lib/lambda.ts';
import type { PipelineStash } from '../../lib/stash.ts';

export function request(ctx: Context<QueryEmployeeLeaveLedgerArgs, PipelineStash>): LambdaRequest {
  return {
    operation: 'Invoke',
    payload: {
      tenantId: ctx.stash.scope.tenantId,
      requestedBy: callerContext(ctx)?.userId ?? 'internal',
      operation: 'ledger',
      employeeId: requireEntityId(ctx.args.employeeId, 'employeeId'),
      leaveTypeId: requireEntityId(ctx.args.leaveTypeId, 'leaveTypeId'),
      limit: ctx.args.limit ?? 20,
      nextToken: ctx.args.nextToken ?? null,
    },
  };
}

export function response(ctx: Context<QueryEmployeeLeaveLedgerArgs, PipelineStash>): unknown {
  return lambdaResult(ctx);
}
