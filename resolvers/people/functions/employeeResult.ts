/**
 * Last in pipelines that change a record: the record the write left in `ctx.stash.employee`, as
 * GraphQL shows it (custom values through the declarations loadCustomFields read). Apart from the
 * writes, so that their bundles stay within AppSync's code size limit.
 */
import type { Context } from '@aws-appsync/utils';
import { employeeView, type EmployeeView } from '../../../domain/people/model/employee.ts';
import { fail } from '../../lib/errors.ts';
import type { PipelineStash } from '../../lib/stash.ts';

export function request(): Record<string, never> {
  return {};
}

export function response(ctx: Context<unknown, PipelineStash>): EmployeeView {
  const row = ctx.stash.employee;
  if (!row) return fail('INTERNAL_ERROR', 'employeeResult runs after a write that leaves the record.');
  return employeeView(row, ctx.stash.scope.tenantId, ctx.stash.customFields ?? null);
}
