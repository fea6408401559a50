/**
 * Every restricted field (personal, sensitive and financial details; see FIELD_GROUPS): shown only
 * within the scope the authorizer granted for the field's group, checked against whose record it
 * is — the zero-trust check where the data is. Internal (IAM) callers carry no resolverContext and
 * see every field. The manifest attaches this resolver to each restricted field itself.
 */
import type { Context } from '@aws-appsync/utils';
import { fieldGroupOf, mayReadDetails, scopeKey, type DetailSubject } from '../../domain/model/authorization.ts';
import { PEOPLE_PREFIXES } from '../../domain/people/model/keys.ts';
import { employeeIdFromKey } from '../../domain/people/model/employee.ts';
import { callerContext } from '../lib/caller.ts';

export function request(): Record<string, never> {
  return {};
}

/** An employee row is identified by its key; other records name their employee (contract terms carry `employeeId`). */
function subjectOf(source: Record<string, unknown>): DetailSubject {
  const key = typeof source.EntityItem === 'string' ? source.EntityItem : '';
  if (key.startsWith(PEOPLE_PREFIXES.employee)) {
    return { id: employeeIdFromKey(key), reportsPath: typeof source.ReportsPath === 'string' ? source.ReportsPath : null };
  }
  return { id: typeof source.employeeId === 'string' ? source.employeeId : null, reportsPath: null };
}

export function response(ctx: Context<unknown, Record<string, unknown>, undefined, Record<string, unknown>>): unknown {
  const source = ctx.source ?? {};
  const value = source[ctx.info.fieldName] ?? null;
  const caller = callerContext(ctx);
  if (!caller) return value;
  const group = fieldGroupOf(`${ctx.info.parentTypeName}.${ctx.info.fieldName}`);
  // A field the manifest attached this resolver to always has a group; anything else stays hidden.
  if (!group) return null;
  return mayReadDetails(caller[scopeKey(group)], caller.employeeId, subjectOf(source)) ? value : null;
}
