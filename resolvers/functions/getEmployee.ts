/** Reads one employee of the scoped tenant into `ctx.stash.employee` (null when absent). */
import type { Context } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import type { EmployeeRow } from '../../domain/employee.ts';
import { employeeItemKey, isValidEntityId } from '../../domain/keys.ts';
import { fail, failOnDataSourceError } from '../lib/errors.ts';
import type { PipelineStash } from '../lib/stash.ts';

/** The employee an operation is about: `id`, `employeeId`, or the same inside `input`. */
type Args = { id?: string; employeeId?: string; input?: { id?: string; employeeId?: string } };

export function request(ctx: Context<Args, PipelineStash>) {
  const id = ctx.args.id ?? ctx.args.employeeId ?? ctx.args.input?.id ?? ctx.args.input?.employeeId;
  if (!isValidEntityId(id)) {
    const message = 'must be 1-64 letters, digits, "-" or "_"';
    return fail('VALIDATION_ERROR', `id ${message}.`, { fields: [{ field: 'id', message }] });
  }
  return get<EmployeeRow>({
    key: { TenantId: ctx.stash.scope.tenantKey, EntityItem: employeeItemKey(id) },
    // A mutation decides on what it read: read the latest.
    consistentRead: ctx.info.parentTypeName === 'Mutation',
  });
}

export function response(ctx: Context<Args, PipelineStash>): EmployeeRow | null {
  failOnDataSourceError(ctx);
  const employee = (ctx.result as EmployeeRow | null | undefined) ?? null;
  ctx.stash.employee = employee;
  return employee;
}
