/** Has the attendance Lambda tell where each of the manager's direct reports stands now (plans need Intl). */
import type { Context, LambdaRequest } from '@aws-appsync/utils';
import type { QueryTeamAttendanceTodayArgs } from '../../../domain/generated/graphql.ts';
import { lambdaResult } from '../../lib/lambda.ts';
import { attendanceCaller } from '../caller.ts';
import type { AttendanceStash } from '../stash.ts';

export function request(ctx: Context<QueryTeamAttendanceTodayArgs, AttendanceStash>): LambdaRequest {
  const manager = ctx.stash.manager!;
  return {
    operation: 'Invoke',
    payload: { operation: 'teamToday', tenantId: ctx.stash.scope.tenantId, caller: attendanceCaller(ctx), managerId: manager.id, managerPath: manager.ReportsPath },
  };
}

export function response(ctx: Context<QueryTeamAttendanceTodayArgs, AttendanceStash>): unknown {
  return lambdaResult(ctx);
}
