/**
 * onNotification: each subscriber receives only notifications for themselves in their own
 * tenant — the enhanced filter is built from the authorizer's context, never from arguments.
 */
import { extensions, util, type Context } from '@aws-appsync/utils';
import { callerContext } from '../../lib/caller.ts';
import { fail } from '../../lib/errors.ts';

export function request(): { payload: null } {
  return { payload: null };
}

export function response(ctx: Context): null {
  const caller = callerContext(ctx);
  if (!caller?.tenantId || !caller.userId) return fail('UNAUTHORIZED_ACCESS', 'Subscribe with a signed-in user.');
  extensions.setSubscriptionFilter(
    util.transform.toSubscriptionFilter({ tenantId: { eq: caller.tenantId }, recipientUserId: { eq: caller.userId } }),
  );
  return null;
}
