/** Plans the creation of a work pattern, with the shift types it names checked in the same transaction. */
import { util, type Context } from '@aws-appsync/utils';
import type { MutationCreateWorkPatternArgs } from '../../../domain/generated/graphql.ts';
import { createPatternWrites, newPatternRow, normaliseNewPattern, validatePattern } from '../../../domain/schedules/model/patterns.ts';
import { failOnProblems } from '../../lib/errors.ts';
import type { ScheduleStash } from '../stash.ts';

export function request(ctx: Context<MutationCreateWorkPatternArgs, ScheduleStash>) {
  const content = normaliseNewPattern(ctx.args.input);
  failOnProblems(validatePattern(content));
  const row = newPatternRow(ctx.stash.scope.tenantId, util.autoUlid(), content, util.time.nowISO8601());
  ctx.stash.writes = createPatternWrites(row);
  ctx.stash.written = row;
  return {};
}

export function response(ctx: Context<MutationCreateWorkPatternArgs, ScheduleStash>) {
  return ctx.stash.written;
}
