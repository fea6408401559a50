/** Applies personal changes if the record is still at expectedVersion, moving uniqueness guards as needed. */
import { util, type Context } from '@aws-appsync/utils';
import { transactWrite } from '@aws-appsync/utils/dynamodb';
import {
  employeeContent,
  employeeView,
  mergeEmployeeChanges,
  updatedEmployeeRow,
  validateEmployee,
  validateEmployeeChanges,
  type EmployeeRow,
} from '../../../domain/people/model/employee.ts';
import type { MutationUpdateEmployeeArgs } from '../../../domain/generated/graphql.ts';
import { callerToday } from '../../lib/caller.ts';
import { fail, failOnProblems } from '../../lib/errors.ts';
import { tableName } from '../../lib/env.ts';
import type { PipelineStash } from '../../lib/stash.ts';
import { failOnCancelledTransaction } from '../../lib/transactions.ts';
import { claimGuard, emailGuardKey, numberGuardKey, putEmployee, releaseGuard, type GuardedWrite } from '../writes.ts';

type Stash = PipelineStash & { writes: GuardedWrite[] };

export function request(ctx: Context<MutationUpdateEmployeeArgs, Stash>) {
  const { input } = ctx.args;
  const current = ctx.stash.employee;
  if (!current) return fail('NOT_FOUND', `No employee ${input.id} in this tenant.`);
  if (current.version !== input.expectedVersion) {
    return fail('CONFLICT', `Employee ${input.id} is at version ${current.version}, not ${input.expectedVersion}: read it again and retry.`);
  }
  const content = mergeEmployeeChanges(employeeContent(current), input);
  failOnProblems(validateEmployeeChanges(input).concat(validateEmployee(content, callerToday(ctx))));

  const table = tableName(ctx, 'PIM');
  const row = updatedEmployeeRow(current, content, util.time.nowISO8601());
  const writes = [putEmployee(table, row, current.version)];
  if (emailGuardKey(row) !== emailGuardKey(current)) {
    writes.push(releaseGuard(table, current, emailGuardKey(current)), claimGuard(table, row, emailGuardKey(row), 'work email'));
  }
  if (numberGuardKey(row) !== numberGuardKey(current)) {
    writes.push(releaseGuard(table, current, numberGuardKey(current)), claimGuard(table, row, numberGuardKey(row), 'employee number'));
  }
  ctx.stash.employee = row;
  ctx.stash.writes = writes;
  return transactWrite({ items: writes.map((w) => w.item) });
}

export function response(ctx: Context<MutationUpdateEmployeeArgs, Stash>): EmployeeRow {
  failOnCancelledTransaction(ctx, ctx.stash.writes.map((w) => w.onConditionFailed));
  return employeeView(ctx.stash.employee as EmployeeRow, ctx.stash.scope.tenantId);
}
