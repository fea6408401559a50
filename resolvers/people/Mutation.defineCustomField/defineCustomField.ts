/** Declares a custom field (or replaces the declaration of its key), after loadCustomFields. */
import { util, type Context } from '@aws-appsync/utils';
import { defineCustomField } from '../../../domain/people/model/custom-fields.ts';
import type { MutationDefineCustomFieldArgs } from '../../../domain/generated/graphql.ts';
import { currentDeclarations, declarationsResponse, putDeclarations, type DeclarationsStash } from '../customFieldWrites.ts';

export function request(ctx: Context<MutationDefineCustomFieldArgs, DeclarationsStash>) {
  const current = currentDeclarations(ctx, ctx.args.input.expectedVersion);
  const defined = defineCustomField(current, ctx.args.input, util.autoUlid(), util.time.nowISO8601());
  return putDeclarations(ctx, current, defined.row, defined.problems);
}

export function response(ctx: Context<MutationDefineCustomFieldArgs, DeclarationsStash>) {
  return declarationsResponse(ctx);
}
