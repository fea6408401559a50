/** The caller as the leave Lambda's request operations need them, from the authorizer's context. */
import type { Context } from '@aws-appsync/utils';
import { isValidEntityId } from '../../domain/model/keys.ts';
import type { Role } from '../../domain/model/tenant-context.ts';
import { callerContext, callerUserId } from '../lib/caller.ts';

export interface LeaveCaller {
  userId: string;
  role: Role;
  employeeId: string | null;
}

export function leaveCaller(ctx: Context): LeaveCaller {
  const caller = callerContext(ctx);
  const employeeId = caller?.employeeId;
  return { userId: callerUserId(ctx), role: (caller?.role ?? 'TenantUser') as Role, employeeId: isValidEntityId(employeeId) ? employeeId : null };
}
