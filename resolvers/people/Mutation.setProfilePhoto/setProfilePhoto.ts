/** Points the record at its new photo (or at none) at the version read, with the history entry and the document held in place, in one transaction. */
import { util, type Context } from '@aws-appsync/utils';
import { transactWrite } from '@aws-appsync/utils/dynamodb';
import { documentItemKey } from '../../../domain/documents/model/keys.ts';
import type { MutationSetProfilePhotoArgs } from '../../../domain/generated/graphql.ts';
import { withProfilePhoto, type EmployeeRow } from '../../../domain/people/model/employee.ts';
import { historyEntry } from '../../../domain/people/model/history.ts';
import { callerContext } from '../../lib/caller.ts';
import { tableName } from '../../lib/env.ts';
import type { PipelineStash } from '../../lib/stash.ts';
import { failOnCancelledTransaction } from '../../lib/transactions.ts';
import { putEmployee, putHistory, type GuardedWrite } from '../writes.ts';

type Stash = PipelineStash & { writes: GuardedWrite[] };

export function request(ctx: Context<MutationSetProfilePhotoArgs, Stash>) {
  const current = ctx.stash.employee as EmployeeRow;
  const { employeeId, documentId } = ctx.args.input;
  const table = tableName(ctx, 'PIM');
  const row = withProfilePhoto(current, documentId ?? null, util.time.nowISO8601());
  const writes = [putEmployee(table, row, current.version), putHistory(table, historyEntry(current, row, 'PHOTO_CHANGED', callerContext(ctx)?.userId ?? 'internal'))];
  if (documentId) {
    writes.push({
      item: {
        conditionCheck: {
          table,
          key: { TenantId: current.TenantId, EntityItem: documentItemKey(employeeId, documentId) },
          condition: { kind: { eq: 'PROFILE_PHOTO' }, status: { eq: 'AVAILABLE' } },
        },
      },
      onConditionFailed: { type: 'VALIDATION_ERROR', message: 'The photo document is gone or not uploaded.', field: 'input.documentId' },
    });
  }
  ctx.stash.employee = row;
  ctx.stash.writes = writes;
  return transactWrite({ items: writes.map((w) => w.item) });
}

/** Raises a failed condition; employeeResult shows the record. */
export function response(ctx: Context<MutationSetProfilePhotoArgs, Stash>): null {
  failOnCancelledTransaction(ctx, ctx.stash.writes.map((w) => w.onConditionFailed));
  return null;
}
