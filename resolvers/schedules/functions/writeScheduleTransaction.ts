/**
 * The last step of the schedules' APPSYNC_JS writes: sends the writes the operation's own function
 * planned (`ctx.stash.writes`) as one WorkSchedule transaction and answers with what it wrote
 * (`ctx.stash.written`). A failed condition becomes the typed error its write names.
 */
import { runtime, type Context } from '@aws-appsync/utils';
import { tableName } from '../../lib/env.ts';
import { transactRequest } from '../../lib/transact.ts';
import { failOnCancelledTransaction } from '../../lib/transactions.ts';
import type { ScheduleStash } from '../stash.ts';

export function request(ctx: Context<unknown, ScheduleStash>) {
  const writes = ctx.stash.writes ?? [];
  if (writes.length === 0) runtime.earlyReturn(ctx.stash.written);
  return transactRequest(tableName(ctx, 'WorkSchedule'), writes);
}

export function response(ctx: Context<unknown, ScheduleStash>): unknown {
  failOnCancelledTransaction(ctx, (ctx.stash.writes ?? []).map((w) => w.onConditionFailed));
  return ctx.stash.written;
}
