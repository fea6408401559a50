/** Reads the change of the employee's day an operation is about into `ctx.stash.override`, consistently (null when there is none). */
import type { Context } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import type { MutationSetScheduleOverrideArgs } from '../../../domain/generated/graphql.ts';
import { calendarDateOf } from '../../../domain/model/dates.ts';
import { overrideItemKey } from '../../../domain/schedules/model/keys.ts';
import type { OverrideRow } from '../../../domain/schedules/model/rows.ts';
import { failOnDataSourceError, failOnProblems } from '../../lib/errors.ts';
import { requireEntityId } from '../../lib/ids.ts';
import type { ScheduleStash } from '../stash.ts';

export function request(ctx: Context<MutationSetScheduleOverrideArgs, ScheduleStash>) {
  const employeeId = requireEntityId(ctx.args.input.employeeId, 'input.employeeId');
  const date = calendarDateOf(ctx.args.input.date);
  if (!date) failOnProblems([{ field: 'date', message: 'must be a real date from 1900 to 2999 (YYYY-MM-DD)' }]);
  return get<OverrideRow>({ key: { TenantId: ctx.stash.scope.tenantKey, EntityItem: overrideItemKey(date as string, employeeId) }, consistentRead: true });
}

export function response(ctx: Context<MutationSetScheduleOverrideArgs, ScheduleStash>): OverrideRow | null {
  failOnDataSourceError(ctx);
  const row = (ctx.result as OverrideRow | null | undefined) ?? null;
  ctx.stash.override = row;
  return row;
}
