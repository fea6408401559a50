/**
 * After getEmployee: the employee must exist in the scoped tenant, and the caller must be allowed
 * this employee's documents — the same reach as their sensitive details (own record, or all for
 * HR admins). Internal (IAM) callers carry no resolverContext and pass.
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
  if (caller && !mayReadDetails(caller[scopeKey('ReadSensitiveDetails')], caller.employeeId, subject)) {
    return fail('UNAUTHORIZED_ACCESS', "You may handle only your own documents.");
  }
  return {};
}

export function response(ctx: Context<unknown, PipelineStash>): unknown {
  return ctx.stash.employee;
}
