/** Update pipelines: the lists as the update leaves them (emergency contacts, dependants, bank accounts, tax ids). */
import type { Context } from '@aws-appsync/utils';
import { validateDetails } from '../../../domain/people/model/employee.ts';
import { callerToday } from '../../lib/caller.ts';
import type { UpdateStash } from '../update.ts';

export function request(ctx: Context<unknown, UpdateStash>): Record<string, never> {
  const { update } = ctx.stash;
  update.problems = update.problems.concat(validateDetails(update.content, callerToday(ctx)));
  return {};
}

export function response(): null {
  return null;
}
