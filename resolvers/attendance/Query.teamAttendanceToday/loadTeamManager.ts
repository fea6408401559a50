/**
 * Reads the manager whose team it is (managerId, default the caller) and checks the caller's reach:
 * their own team, a manager below them in the line, or any for those who read every employee's
 * personal details (HR admins, support).
 */
import type { Context } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import type { QueryTeamAttendanceTodayArgs } from '../../../domain/generated/graphql.ts';
import { mayReadDetails, scopeKey } from '../../../domain/model/authorization.ts';
import type { EmployeeRow } from '../../../domain/people/model/employee.ts';
import { employeeItemKey } from '../../../domain/people/model/keys.ts';
import { callerContext } from '../../lib/caller.ts';
import { fail, failOnDataSourceError } from '../../lib/errors.ts';
import { requireEntityId } from '../../lib/ids.ts';
import type { AttendanceStash } from '../stash.ts';

function managerId(ctx: Context<QueryTeamAttendanceTodayArgs, AttendanceStash>): string {
  const given = ctx.args.managerId ?? callerContext(ctx)?.employeeId;
  if (given === undefined || given === null) {
    return fail('VALIDATION_ERROR', 'managerId is required: your sign-in has no employee record, so there is no team of your own.', { fields: [{ field: 'managerId', message: 'is required' }] });
  }
  return requireEntityId(given, 'managerId');
}

export function request(ctx: Context<QueryTeamAttendanceTodayArgs, AttendanceStash>) {
  return get<EmployeeRow>({ key: { TenantId: ctx.stash.scope.tenantKey, EntityItem: employeeItemKey(managerId(ctx)) }, consistentRead: true });
}

export function response(ctx: Context<QueryTeamAttendanceTodayArgs, AttendanceStash>): null {
  failOnDataSourceError(ctx);
  const manager = (ctx.result as EmployeeRow | null | undefined) ?? null;
  const id = managerId(ctx);
  if (!manager) return fail('NOT_FOUND', `No employee ${id} in this tenant.`);
  const caller = callerContext(ctx);
  if (!mayReadDetails(caller?.[scopeKey('ReadPersonalDetails')], caller?.employeeId, { id, reportsPath: manager.ReportsPath })) {
    return fail('UNAUTHORIZED_ACCESS', 'You may see your own team and the teams of managers below you only.');
  }
  ctx.stash.manager = manager;
  return null;
}
