/** An HR admin's update: the record must exist at expectedVersion and not be archived; every personal field and custom value may change. */
import type { Context } from '@aws-appsync/utils';
import { employeeContent, mergeEmployeeChanges, validateEmployeeChanges } from '../../../domain/people/model/employee.ts';
import type { MutationUpdateEmployeeArgs } from '../../../domain/generated/graphql.ts';
import { fail } from '../../lib/errors.ts';
import type { UpdateStash } from '../update.ts';

export function request(ctx: Context<MutationUpdateEmployeeArgs, UpdateStash>): Record<string, never> {
  const { input } = ctx.args;
  const current = ctx.stash.employee;
  if (!current) return fail('NOT_FOUND', `No employee ${input.id} in this tenant.`);
  if (current.version !== input.expectedVersion) {
    return fail('CONFLICT', `Employee ${input.id} is at version ${current.version}, not ${input.expectedVersion}: read it again and retry.`);
  }
  if (current.archived === true) return fail('CONFLICT', `Employee ${input.id} is archived: restore them (restoreEmployee) before changing the record.`);
  ctx.stash.update = {
    content: mergeEmployeeChanges(employeeContent(current), input),
    customInput: input.customFields ?? null,
    customValues: null,
    writer: 'HR',
    change: 'UPDATED',
    problems: validateEmployeeChanges(input),
  };
  return {};
}

export function response(): null {
  return null;
}
