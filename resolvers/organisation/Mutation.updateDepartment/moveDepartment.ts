/**
 * A new parent: the organisation Lambda moves the department with everything below it (with the
 * update's other changes), re-pathing the subtree in as many transactions as it takes; it also
 * finishes an interrupted move before an update. Updates in place were done by the function
 * before; their result passes through.
 */
import { runtime, type Context, type LambdaRequest } from '@aws-appsync/utils';
import type { MutationUpdateDepartmentArgs } from '../../../domain/generated/graphql.ts';
import { needsMoveEngine } from '../../../domain/organisation/model/department.ts';
import { callerUserId } from '../../lib/caller.ts';
import { lambdaResult } from '../../lib/lambda.ts';
import type { OrganisationStash } from '../stash.ts';

export function request(ctx: Context<MutationUpdateDepartmentArgs, OrganisationStash>): LambdaRequest {
  const current = ctx.stash.department;
  if (!current || !needsMoveEngine(current, ctx.args.input)) runtime.earlyReturn(ctx.prev.result);
  return {
    operation: 'Invoke',
    payload: { operation: 'updateDepartment', tenantId: ctx.stash.scope.tenantId, input: ctx.args.input, requestedBy: callerUserId(ctx) },
  };
}

export function response(ctx: Context<MutationUpdateDepartmentArgs, OrganisationStash>): unknown {
  return lambdaResult(ctx);
}
