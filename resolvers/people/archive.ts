/** Archiving and restoring: the record at the version read, its listing keys and its history entry, in one transaction. */
import { util, type Context } from '@aws-appsync/utils';
import { transactWrite } from '@aws-appsync/utils/dynamodb';
import { archivedEmployeeRow, type EmployeeRow } from '../../domain/people/model/employee.ts';
import { historyEntry } from '../../domain/people/model/history.ts';
import { callerContext } from '../lib/caller.ts';
import { tableName } from '../lib/env.ts';
import type { PipelineStash } from '../lib/stash.ts';
import { failOnCancelledTransaction } from '../lib/transactions.ts';
import { putEmployee, putHistory, type GuardedWrite } from './writes.ts';

export type ArchiveStash = PipelineStash & { writes: GuardedWrite[] };

/** The transaction that archives (`archived` true) or restores `current`. */
export function archiveRequest(ctx: Context<unknown, ArchiveStash>, current: EmployeeRow, archived: boolean) {
  const table = tableName(ctx, 'PIM');
  const row = archivedEmployeeRow(current, archived, util.time.nowISO8601());
  const writes = [
    putEmployee(table, row, current.version),
    putHistory(table, historyEntry(current, row, archived ? 'ARCHIVED' : 'RESTORED', callerContext(ctx)?.userId ?? 'internal')),
  ];
  ctx.stash.employee = row;
  ctx.stash.writes = writes;
  return transactWrite({ items: writes.map((w) => w.item) });
}

/** Raises a failed condition; employeeResult shows the record. */
export function archiveResponse(ctx: Context<unknown, ArchiveStash>): null {
  failOnCancelledTransaction(ctx, ctx.stash.writes.map((w) => w.onConditionFailed));
  return null;
}
