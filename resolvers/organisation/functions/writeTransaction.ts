/**
 * The last step of every organisation write: sends the writes the operation's own function planned
 * (`ctx.stash.writes`) as one transaction and answers with the record it wrote (`ctx.stash.written`).
 * A failed condition becomes the typed error its write names. Nothing planned: nothing to send.
 */
import { runtime, type Context } from '@aws-appsync/utils';
import { tableName } from '../../lib/env.ts';
import { failOnCancelledTransaction } from '../../lib/transactions.ts';
import { transactRequest } from '../../lib/transact.ts';
import type { OrganisationStash } from '../stash.ts';

export function request(ctx: Context<unknown, OrganisationStash>) {
  const writes = ctx.stash.writes ?? [];
  if (writes.length === 0) runtime.earlyReturn(ctx.prev.result);
  return transactRequest(tableName(ctx, 'PIM'), writes);
}

export function response(ctx: Context<unknown, OrganisationStash>): unknown {
  failOnCancelledTransaction(ctx, (ctx.stash.writes ?? []).map((w) => w.onConditionFailed));
  return ctx.stash.written;
}
