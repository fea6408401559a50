/**
 * After loadEmployee: the employee must exist in the scoped tenant, and the caller must reach their
 * leave (balances and ledger): the employee, everyone above them in the management line, HR admins
 * — the reach of their personal details. Internal (IAM) callers carry no resolverContext and pass.
 */
import type { Context } from '@aws-appsync/utils';
import { mayReadDetails, scopeKey } from '../../../domain/model/authorization.ts';
import { employeeIdFromKey } from '../../../domain/people/model/employee.ts';
import { callerContext } from '../../lib/caller.ts';
import { fail } from '../../lib/errors.ts';
import type { PipelineStash } from '../../lib/stash.ts';

export function request(ctx: Context<unknown, PipelineStash>): Record<string, never> {
  const employee = ctx.stash.employee;
  if (!employee) return fail('NOT_FOUND', 'No such employee in this tenant.');
  const caller = callerContext(ctx);
  const subject = { id: employeeIdFromKey(employee.EntityItem), reportsPath: employee.ReportsPath };
  if (caller && !mayReadDetails(caller[scopeKey('ReadPersonalDetails')], caller.employeeId, subject)) {
    return fail('UNAUTHORIZED_ACCESS', 'You may read the leave of yourself and the people below you only.');
  }
  return {};
}

export function response(ctx: Context<unknown, PipelineStash>): unknown {
  return ctx.stash.employee;
}
