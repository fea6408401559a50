/** Update pipelines: the person's own fields as the update leaves them (names, numbers, contact details, dates, nationality). */
import type { Context } from '@aws-appsync/utils';
import { validatePerson } from '../../../domain/people/model/employee.ts';
import { callerToday } from '../../lib/caller.ts';
import type { UpdateStash } from '../update.ts';

export function request(ctx: Context<unknown, UpdateStash>): Record<string, never> {
  const { update } = ctx.stash;
  update.problems = update.problems.concat(validatePerson(update.content, callerToday(ctx)));
  return {};
}

export function response(): null {
  return null;
}
