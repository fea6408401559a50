/**
 * Which pending requests the caller may decide: everyone's for those who read every employee's
 * personal details (HR admins, support), else those of everyone below the caller in the management
 * line (their own record's line, read consistently: it moves with them).
 */
import { runtime, type Context } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import type { QueryAttendanceCorrectionsToDecideArgs } from '../../../domain/generated/graphql.ts';
import { scopeKey } from '../../../domain/model/authorization.ts';
import { isValidEntityId } from '../../../domain/model/keys.ts';
import type { EmployeeRow } from '../../../domain/people/model/employee.ts';
import { employeeItemKey, reportsPathUnder, TOP_OF_ORGANISATION } from '../../../domain/people/model/keys.ts';
import { callerContext } from '../../lib/caller.ts';
import { fail, failOnDataSourceError } from '../../lib/errors.ts';
import { NOT_LINKED } from '../caller.ts';
import type { AttendanceStash } from '../stash.ts';

export function request(ctx: Context<QueryAttendanceCorrectionsToDecideArgs, AttendanceStash>) {
  const caller = callerContext(ctx);
  if (caller?.[scopeKey('ReadPersonalDetails')] === 'all') {
    ctx.stash.decidable = TOP_OF_ORGANISATION;
    runtime.earlyReturn(null);
  }
  const own = caller?.employeeId;
  if (!isValidEntityId(own)) return fail('UNAUTHORIZED_ACCESS', NOT_LINKED);
  return get<EmployeeRow>({ key: { TenantId: ctx.stash.scope.tenantKey, EntityItem: employeeItemKey(own) }, consistentRead: true });
}

export function response(ctx: Context<QueryAttendanceCorrectionsToDecideArgs, AttendanceStash>): null {
  failOnDataSourceError(ctx);
  const own = (ctx.result as EmployeeRow | null | undefined) ?? null;
  if (!own) return fail('UNAUTHORIZED_ACCESS', NOT_LINKED);
  ctx.stash.decidable = reportsPathUnder(own.ReportsPath, own.id);
  return null;
}
