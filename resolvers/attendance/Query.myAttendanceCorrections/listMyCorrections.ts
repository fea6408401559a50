/** The signed-in employee's correction requests, newest first. */
import type { Context, DynamoDBQueryRequest } from '@aws-appsync/utils';
import { employeeCorrectionsPrefix } from '../../../domain/attendance/model/keys.ts';
import { correctionView, type CorrectionRow } from '../../../domain/attendance/model/records.ts';
import type { QueryMyAttendanceCorrectionsArgs } from '../../../domain/generated/graphql.ts';
import { isValidEntityId } from '../../../domain/model/keys.ts';
import { callerContext } from '../../lib/caller.ts';
import { fail } from '../../lib/errors.ts';
import { newestUnderPrefix, pageOf } from '../../lib/pages.ts';
import { NOT_LINKED } from '../caller.ts';
import type { AttendanceStash } from '../stash.ts';

export function request(ctx: Context<QueryMyAttendanceCorrectionsArgs, AttendanceStash>): DynamoDBQueryRequest {
  const own = callerContext(ctx)?.employeeId;
  if (!isValidEntityId(own)) return fail('UNAUTHORIZED_ACCESS', NOT_LINKED);
  return newestUnderPrefix(ctx.stash.scope.tenantKey, employeeCorrectionsPrefix(own), ctx.args.limit, ctx.args.nextToken);
}

export function response(ctx: Context<QueryMyAttendanceCorrectionsArgs, AttendanceStash>) {
  const page = pageOf<CorrectionRow>(ctx);
  return { items: page.items.map(correctionView), nextToken: page.nextToken };
}
