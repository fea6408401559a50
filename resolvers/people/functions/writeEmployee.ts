/**
 * Update pipelines, last: refuses every problem the checks found at once, or writes the record at
 * the version read with its history entry in one transaction — moving uniqueness guards with a
 * changed work email or number, and holding the custom-field declarations to the version the
 * values were checked against. employeeResult shows the record.
 */
import { util, type Context } from '@aws-appsync/utils';
import { transactWrite } from '@aws-appsync/utils/dynamodb';
import { updatedEmployeeRow } from '../../../domain/people/model/employee.ts';
import { historyEntry } from '../../../domain/people/model/history.ts';
import { callerContext } from '../../lib/caller.ts';
import { fail, failOnProblems } from '../../lib/errors.ts';
import { tableName } from '../../lib/env.ts';
import { failOnCancelledTransaction } from '../../lib/transactions.ts';
import type { UpdateStash } from '../update.ts';
import {
  claimGuard,
  customFieldsUnchanged,
  emailGuardKey,
  numberGuardKey,
  putEmployee,
  putHistory,
  releaseGuard,
  type GuardedWrite,
} from '../writes.ts';

type Stash = UpdateStash & { writes: GuardedWrite[] };

export function request(ctx: Context<unknown, Stash>) {
  const { update, employee: current, customFields } = ctx.stash;
  failOnProblems(update.problems);
  if (!current) return fail('INTERNAL_ERROR', 'writeEmployee runs after the record is read.');
  const table = tableName(ctx, 'PIM');
  const row = updatedEmployeeRow(current, update.content, util.time.nowISO8601(), update.customValues ?? undefined);
  const writes = [putEmployee(table, row, current.version), putHistory(table, historyEntry(current, row, update.change, callerContext(ctx)?.userId ?? 'internal'))];
  if (emailGuardKey(row) !== emailGuardKey(current)) {
    writes.push(releaseGuard(table, current, emailGuardKey(current)), claimGuard(table, row, emailGuardKey(row), 'work email'));
  }
  if (numberGuardKey(row) !== numberGuardKey(current)) {
    writes.push(releaseGuard(table, current, numberGuardKey(current)), claimGuard(table, row, numberGuardKey(row), 'employee number'));
  }
  if (update.customValues !== null && customFields) writes.push(customFieldsUnchanged(table, customFields));
  ctx.stash.employee = row;
  ctx.stash.writes = writes;
  return transactWrite({ items: writes.map((w) => w.item) });
}

export function response(ctx: Context<unknown, Stash>): null {
  failOnCancelledTransaction(ctx, ctx.stash.writes.map((w) => w.onConditionFailed));
  return null;
}
