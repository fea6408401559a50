/** Who is calling: the authorizer's resolverContext, read one way everywhere. */
import { util, type Context } from '@aws-appsync/utils';
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

/**
 * Today (YYYY-MM-DD) in the caller's tenant's time zone. A system role naming another tenant gets
 * its own tenant's day: close enough for the checks resolvers make (a birth date is not in the
 * future); contract rules run in the employment Lambda with the target tenant's own zone.
 */
export function callerToday(ctx: Context): string {
  return util.time.nowFormatted('yyyy-MM-dd', callerContext(ctx)?.timeZone ?? 'UTC');
}
