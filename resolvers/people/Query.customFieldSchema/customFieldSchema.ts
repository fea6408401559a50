/** The tenant's custom fields, as loadCustomFields read them. */
import type { Context } from '@aws-appsync/utils';
import { customFieldSchemaView, emptyCustomFields } from '../../../domain/people/model/custom-fields.ts';
import type { PipelineStash } from '../../lib/stash.ts';

export function request(): Record<string, never> {
  return {};
}

export function response(ctx: Context<unknown, PipelineStash>) {
  return customFieldSchemaView(ctx.stash.customFields ?? emptyCustomFields(ctx.stash.scope.tenantId));
}
