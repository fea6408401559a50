/** Writing the tenant's custom-field declarations: the whole item, at the version read. */
import type { Context } from '@aws-appsync/utils';
import { put } from '@aws-appsync/utils/dynamodb';
import { customFieldSchemaView, type CustomFieldsRow } from '../../domain/people/model/custom-fields.ts';
import type { FieldProblem } from '../../domain/model/errors.ts';
import { fail, failOnDataSourceError, failOnProblems } from '../lib/errors.ts';
import type { PipelineStash } from '../lib/stash.ts';

export type DeclarationsStash = PipelineStash & { declarations: CustomFieldsRow };

/** After loadCustomFields: CONFLICT unless the declarations are at `expectedVersion`. */
export function currentDeclarations(ctx: Context<unknown, PipelineStash>, expectedVersion: number): CustomFieldsRow {
  const current = ctx.stash.customFields;
  if (!current) return fail('INTERNAL_ERROR', 'The custom fields are read before they change.');
  if (current.version !== expectedVersion) {
    return fail('CONFLICT', `The custom fields are at version ${current.version}, not ${expectedVersion}: read them again and retry.`);
  }
  return current;
}

/** Puts the changed declarations if they are still at the version read; refuses the problems first. */
export function putDeclarations(ctx: Context<unknown, DeclarationsStash>, before: CustomFieldsRow, after: CustomFieldsRow, problems: FieldProblem[]) {
  failOnProblems(problems);
  ctx.stash.declarations = after;
  const { TenantId, EntityItem, ...attributes } = after;
  return put<CustomFieldsRow>({
    key: { TenantId, EntityItem },
    item: attributes,
    condition: before.version === 0 ? { EntityItem: { attributeExists: false } } : { version: { eq: before.version } },
  });
}

export function declarationsResponse(ctx: Context<unknown, DeclarationsStash>) {
  if (ctx.error?.type === 'DynamoDB:ConditionalCheckFailedException') fail('CONFLICT', 'The custom fields changed meanwhile; read them again and retry.');
  failOnDataSourceError(ctx);
  return customFieldSchemaView(ctx.stash.declarations);
}
