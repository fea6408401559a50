/**
 * Reads the employee an operation is about (`id`, `employeeId`, or the same inside `input`) into
 * `ctx.stash.employee` (null when absent), consistently: the operations after it decide on it.
 */
import type { Context } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import type { EmployeeRow } from '../../../domain/people/model/employee.ts';
import { employeeItemKey } from '../../../domain/people/model/keys.ts';
import { failOnDataSourceError } from '../../lib/errors.ts';
import { requireEntityId } from '../../lib/ids.ts';
import type { PipelineStash } from '../../lib/stash.ts';

type Args = { id?: string; employeeId?: string; input?: { id?: string; employeeId?: string } };

export function request(ctx: Context<Args, PipelineStash>) {
  const id = requireEntityId(ctx.args.id ?? ctx.args.employeeId ?? ctx.args.input?.id ?? ctx.args.input?.employeeId, 'id');
  return get<EmployeeRow>({ key: { TenantId: ctx.stash.scope.tenantKey, EntityItem: employeeItemKey(id) }, consistentRead: true });
}

export function response(ctx: Context<Args, PipelineStash>): EmployeeRow | null {
  failOnDataSourceError(ctx);
  const employee = (ctx.result as EmployeeRow | null | undefined) ?? null;
  ctx.stash.employee = employee;
  return employee;
}
