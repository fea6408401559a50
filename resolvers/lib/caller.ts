/** Who is calling: the authorizer's resolverContext, read one way everywhere. */
import type { Context } from '@aws-appsync/utils';
import type { ResolverContext } from '../../domain/model/tenant-context.ts';
import { fail } from './errors.ts';

/**
 * The signed-in caller's context from the Lambda authorizer, or null for internal (AWS_IAM)
 * callers, which carry none. Values are strings, as AppSync passes them.
 */
export function callerContext(ctx: Context): Partial<ResolverContext> | null {
  const identity = ctx.identity as { resolverContext?: Partial<ResolverContext> } | null | undefined;
  return identity?.resolverContext ?? null;
}

/** The signed-in user's id (Cognito sub) from the authorizer's context; per-user data is keyed by it. */
export function callerUserId(ctx: Context): string {
  const caller = callerContext(ctx);
  return caller?.userId ? caller.userId : fail('UNAUTHORIZED_ACCESS', 'This operation is for signed-in users.');
}
