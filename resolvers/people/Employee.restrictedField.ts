/**
 * Restricted Employee fields (personal and sensitive details): shown only within the scope the
 * authorizer granted for the field's group — the zero-trust check where the data is.
 * Internal (IAM) callers carry no resolverContext and see every field.
 */
import type { Context } from '@aws-appsync/utils';
import { fieldGroupOf, mayReadDetails, scopeKey } from '../../domain/model/authorization.ts';
import { callerContext } from '../lib/caller.ts';
import type { EmployeeRow } from '../../domain/people/model/employee.ts';

export function request(): Record<string, never> {
  return {};
}

export function response(ctx: Context<unknown, Record<string, unknown>, undefined, EmployeeRow>): unknown {
  const record = (ctx.source ?? {}) as Record<string, unknown>;
  const value = record[ctx.info.fieldName] ?? null;
  const caller = callerContext(ctx);
  if (!caller) return value;
  const group = fieldGroupOf(`${ctx.info.parentTypeName}.${ctx.info.fieldName}`);
  if (!group) return value;
  return mayReadDetails(caller[scopeKey(group)], caller.employeeId, record) ? value : null;
}
