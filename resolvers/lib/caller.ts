import type { Context } from '@aws-appsync/utils';
import { fail } from './errors.ts';

/** The signed-in user's id (Cognito sub) from the authorizer's context; per-user data is keyed by it. */
export function callerUserId(ctx: Context): string {
  const caller = (ctx.identity as { resolverContext?: Record<string, string> } | null)?.resolverContext;
  return caller?.userId ? caller.userId : fail('UNAUTHORIZED_ACCESS', 'This operation is for signed-in users.');
}
