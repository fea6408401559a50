/**
 * Update pipelines, after loadCustomFields: the custom values given, against the tenant's
 * declarations and what the writer may change (HR admins every field, the employee only
 * SELF_SERVICE ones). Nothing to do when the update gives none.
 */
import type { Context } from '@aws-appsync/utils';
import { mergeCustomValues } from '../../../domain/people/model/custom-fields.ts';
import { fail } from '../../lib/errors.ts';
import type { UpdateStash } from '../update.ts';

export function request(ctx: Context<unknown, UpdateStash>): Record<string, never> {
  const { update, employee, customFields } = ctx.stash;
  if (update.customInput === null) return {};
  if (!employee || !customFields) return fail('INTERNAL_ERROR', 'checkCustomFields runs after the record and the declarations are read.');
  const merged = mergeCustomValues(employee.customFields, update.customInput, customFields, update.writer);
  update.customValues = merged.values;
  update.problems = update.problems.concat(merged.problems);
  return {};
}

export function response(): null {
  return null;
}
