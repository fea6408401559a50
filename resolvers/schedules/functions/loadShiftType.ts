/** Reads the shift type an operation is about (`id` or `input.id`) into `ctx.stash.shiftType`, consistently (null when absent). */
import type { Context } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import { shiftTypeItemKey } from '../../../domain/schedules/model/keys.ts';
import type { ShiftTypeRow } from '../../../domain/schedules/model/rows.ts';
import { failOnDataSourceError } from '../../lib/errors.ts';
import { requireEntityId } from '../../lib/ids.ts';
import type { ScheduleStash } from '../stash.ts';

type Args = { id?: string; input?: { id?: string } };

export function request(ctx: Context<Args, ScheduleStash>) {
  const id = requireEntityId(ctx.args.id ?? ctx.args.input?.id, 'id');
  return get<ShiftTypeRow>({ key: { TenantId: ctx.stash.scope.tenantKey, EntityItem: shiftTypeItemKey(id) }, consistentRead: true });
}

export function response(ctx: Context<Args, ScheduleStash>): ShiftTypeRow | null {
  failOnDataSourceError(ctx);
  const row = (ctx.result as ShiftTypeRow | null | undefined) ?? null;
  ctx.stash.shiftType = row;
  return row;
}
