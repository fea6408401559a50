/**
 * After loadEmployee: the employee exists, and the caller may read their roster — the same reach as
 * their personal details (`scope:ReadPersonalDetails`: themselves, everyone below them in the
 * management line, or every employee for HR admins and support). Internal callers carry no context.
 */
import type { Context } from '@aws-appsync/utils';
import { mayReadDetails, scopeKey } from '../../../domain/model/authorization.ts';
import { callerContext } from '../../lib/caller.ts';
import { fail } from '../../lib/errors.ts';
import type { ScheduleStash } from '../stash.ts';

export function request(ctx: Context<{ employeeId: string }, ScheduleStash>) {
  const employee = ctx.stash.employee;
  if (!employee) return fail('NOT_FOUND', `No employee ${ctx.args.employeeId} in this tenant.`);
  const caller = callerContext(ctx);
  if (caller && !mayReadDetails(caller[scopeKey('ReadPersonalDetails')], caller.employeeId, { id: employee.id, reportsPath: employee.ReportsPath })) {
    return fail('UNAUTHORIZED_ACCESS', 'You may read the schedules of yourself and the people below you only.');
  }
  return {};
}

export function response(ctx: Context<{ employeeId: string }, ScheduleStash>) {
  return ctx.prev.result;
}
