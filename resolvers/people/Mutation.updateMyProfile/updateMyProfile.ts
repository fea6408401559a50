/**
 * Self-service: reads the caller's own record — the employee id comes from the authorizer's
 * context, never from the input — and takes from the input only what an employee may change on
 * it (contact details and emergency contacts; custom values are checked against their editor).
 */
import type { Context } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import type { MutationUpdateMyProfileArgs } from '../../../domain/generated/graphql.ts';
import { employeeContent, mergeEmployeeChanges, profileChanges, type EmployeeRow } from '../../../domain/people/model/employee.ts';
import { employeeItemKey } from '../../../domain/people/model/keys.ts';
import { isValidEntityId } from '../../../domain/model/keys.ts';
import { callerContext } from '../../lib/caller.ts';
import { fail, failOnDataSourceError } from '../../lib/errors.ts';
import type { UpdateStash } from '../update.ts';

const NOT_LINKED = 'Your sign-in is not linked to an employee record of this tenant, so there is no profile of yours to change.';

export function request(ctx: Context<MutationUpdateMyProfileArgs, UpdateStash>) {
  const own = callerContext(ctx)?.employeeId;
  if (!isValidEntityId(own)) return fail('UNAUTHORIZED_ACCESS', NOT_LINKED);
  return get<EmployeeRow>({ key: { TenantId: ctx.stash.scope.tenantKey, EntityItem: employeeItemKey(own) }, consistentRead: true });
}

export function response(ctx: Context<MutationUpdateMyProfileArgs, UpdateStash>): null {
  failOnDataSourceError(ctx);
  const { input } = ctx.args;
  const current = (ctx.result as EmployeeRow | null | undefined) ?? null;
  if (!current) return fail('UNAUTHORIZED_ACCESS', NOT_LINKED);
  if (current.version !== input.expectedVersion) {
    return fail('CONFLICT', `Your record is at version ${current.version}, not ${input.expectedVersion}: read it again and retry.`);
  }
  if (current.archived === true) return fail('CONFLICT', 'Your record is archived; HR can restore it.');
  ctx.stash.employee = current;
  ctx.stash.update = {
    content: mergeEmployeeChanges(employeeContent(current), profileChanges(input)),
    customInput: input.customFields ?? null,
    customValues: null,
    writer: 'SELF',
    change: 'PROFILE_UPDATED',
    problems: [],
  };
  return null;
}
