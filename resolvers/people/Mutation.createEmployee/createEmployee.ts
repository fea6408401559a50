/** Creates the employee with its email and number guards in one transaction. */
import { util, type Context } from '@aws-appsync/utils';
import { transactWrite } from '@aws-appsync/utils/dynamodb';
import { newEmployeeRow, normaliseNewEmployee, validateEmployee, type EmployeeRow } from '../../../domain/people/model/employee.ts';
import type { MutationCreateEmployeeArgs } from '../../../domain/generated/graphql.ts';
import { failOnProblems } from '../../lib/errors.ts';
import { claimGuard, emailGuardKey, managerExists, numberGuardKey, putEmployee, type GuardedWrite } from '../writes.ts';
import { tableName } from '../../lib/env.ts';
import type { PipelineStash } from '../../lib/stash.ts';
import { failOnCancelledTransaction } from '../../lib/transactions.ts';

type Stash = PipelineStash & { writes: GuardedWrite[] };

export function request(ctx: Context<MutationCreateEmployeeArgs, Stash>) {
  const content = normaliseNewEmployee(ctx.args.input);
  const now = util.time.nowISO8601();
  failOnProblems(validateEmployee(content, now.slice(0, 10)));

  const table = tableName(ctx, 'PIM');
  const row = newEmployeeRow(ctx.stash.scope.tenantId, util.autoUlid(), content, now);
  const writes = [
    putEmployee(table, row, null),
    claimGuard(table, row, emailGuardKey(row), 'work email'),
    claimGuard(table, row, numberGuardKey(row), 'employee number'),
  ];
  const managerId = row.employment.managerId;
  if (managerId) writes.push(managerExists(table, row, managerId));
  ctx.stash.employee = row;
  ctx.stash.writes = writes;
  return transactWrite({ items: writes.map((w) => w.item) });
}

export function response(ctx: Context<MutationCreateEmployeeArgs, Stash>): EmployeeRow | null | undefined {
  failOnCancelledTransaction(ctx, ctx.stash.writes.map((w) => w.onConditionFailed));
  return ctx.stash.employee;
}
