/** Removes a custom field, after loadCustomFields; its values disappear from every record at once (see custom-fields.ts). */
import { util, type Context } from '@aws-appsync/utils';
import { removeCustomField } from '../../../domain/people/model/custom-fields.ts';
import type { MutationRemoveCustomFieldArgs } from '../../../domain/generated/graphql.ts';
import { currentDeclarations, declarationsResponse, putDeclarations, type DeclarationsStash } from '../customFieldWrites.ts';

export function request(ctx: Context<MutationRemoveCustomFieldArgs, DeclarationsStash>) {
  const current = currentDeclarations(ctx, ctx.args.expectedVersion);
  const removed = removeCustomField(current, ctx.args.key, util.time.nowISO8601());
  return putDeclarations(ctx, current, removed.row, removed.problems);
}

export function response(ctx: Context<MutationRemoveCustomFieldArgs, DeclarationsStash>) {
  return declarationsResponse(ctx);
}
