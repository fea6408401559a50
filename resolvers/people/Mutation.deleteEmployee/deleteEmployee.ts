/** Deletes the employee and releases its uniqueness guards in one transaction. */
import type { Context } from '@aws-appsync/utils';
import { transactWrite } from '@aws-appsync/utils/dynamodb';
import type { EmployeeRow } from '../../../domain/people/model/employee.ts';
import type { MutationDeleteEmployeeArgs } from '../../../domain/generated/graphql.ts';
import { fail } from '../../lib/errors.ts';
import { deleteEmployee, emailGuardKey, numberGuardKey, releaseGuard, type GuardedWrite } from '../writes.ts';
import { tableName } from '../../lib/env.ts';
import type { PipelineStash } from '../../lib/stash.ts';
import { failOnCancelledTransaction } from '../../lib/transactions.ts';

type Stash = PipelineStash & { writes: GuardedWrite[] };

export function request(ctx: Context<MutationDeleteEmployeeArgs, Stash>) {
  const { id, expectedVersion } = ctx.args;
  const current = ctx.stash.employee;
  if (!current) return fail('NOT_FOUND', `No employee ${id} in this tenant.`);
  if (expectedVersion !== null && expectedVersion !== undefined && expectedVersion !== current.version) {
    return fail('CONFLICT', `Employee ${id} is at version ${current.version}, not ${expectedVersion}: read it again and retry.`);
  }
  const table = tableName(ctx, 'PIM');
  const writes = [
    deleteEmployee(table, current),
    releaseGuard(table, current, emailGuardKey(current)),
    releaseGuard(table, current, numberGuardKey(current)),
  ];
  ctx.stash.writes = writes;
  return transactWrite({ items: writes.map((w) => w.item) });
}

export function response(ctx: Context<MutationDeleteEmployeeArgs, Stash>): EmployeeRow | null | undefined {
  failOnCancelledTransaction(ctx, ctx.stash.writes.map((w) => w.onConditionFailed));
  return ctx.stash.employee;
}
