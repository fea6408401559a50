/** The caller as the attendance Lambda needs them, from the authorizer's context. */
import type { Context } from '@aws-appsync/utils';
import type { AttendanceCaller } from '../../domain/attendance/model/records.ts';
import { isValidEntityId } from '../../domain/model/keys.ts';
import type { Role } from '../../domain/model/tenant-context.ts';
import { callerContext, callerUserId } from '../lib/caller.ts';

export function attendanceCaller(ctx: Context): AttendanceCaller {
  const caller = callerContext(ctx);
  const employeeId = caller?.employeeId;
  return {
    userId: callerUserId(ctx),
    role: (caller?.role ?? 'TenantUser') as Role,
    employeeId: isValidEntityId(employeeId) ? employeeId : null,
    capabilities: caller?.capabilities ?? '',
  };
}

/** The signed-in employee's own id, or UNAUTHORIZED_ACCESS saying their sign-in has no record. */
export const NOT_LINKED = 'Your sign-in is not linked to an employee record of this tenant, so you have no attendance of your own.';
