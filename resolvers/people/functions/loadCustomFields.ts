/**
 * Reads the tenant's custom-field declarations into `ctx.stash.customFields` (version 0 and no
 * fields when the tenant has declared none): what record views show and writes check against.
 */
import type { Context } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import { customFieldSchemaView, emptyCustomFields, type CustomFieldsRow } from '../../../domain/people/model/custom-fields.ts';
import { customFieldsItemKey } from '../../../domain/people/model/keys.ts';
import { failOnDataSourceError } from '../../lib/errors.ts';
import type { PipelineStash } from '../../lib/stash.ts';

export function request(ctx: Context<unknown, PipelineStash>) {
  return get<CustomFieldsRow>({ key: { TenantId: ctx.stash.scope.tenantKey, EntityItem: customFieldsItemKey() }, consistentRead: true });
}

export function response(ctx: Context<unknown, PipelineStash>) {
  failOnDataSourceError(ctx);
  const row = (ctx.result as CustomFieldsRow | null | undefined) ?? emptyCustomFields(ctx.stash.scope.tenantId);
  ctx.stash.customFields = row;
  return customFieldSchemaView(row);
}
