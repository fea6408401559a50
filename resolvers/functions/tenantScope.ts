/**
 * First function of every pipeline that touches tenant data: the partition key comes from the
 * authorizer's resolverContext only; a tenantId argument counts only for cross-tenant roles and
 * for internal (IAM) callers, which must name one.
 */
import { util, type Context } from '@aws-appsync/utils';
import { decideInternalScope, decideTenantScope } from '../../domain/model/tenant-scope.ts';
import { callerContext } from '../lib/caller.ts';
import { fail } from '../lib/errors.ts';
import type { PipelineStash } from '../lib/stash.ts';

export function request(ctx: Context<{ tenantId?: string | null }, PipelineStash>): Record<string, never> {
  const operation = `${ctx.info.parentTypeName}.${ctx.info.fieldName}`;
  const decision =
    util.authType() === 'IAM Authorization'
      ? decideInternalScope(ctx.args.tenantId)
      : decideTenantScope(callerContext(ctx), operation, ctx.args.tenantId);
  if (!decision.ok) return fail(decision.error, decision.message);
  ctx.stash.scope = decision.scope;
  return {};
}

export function response(ctx: Context<unknown, PipelineStash>): PipelineStash['scope'] {
  return ctx.stash.scope;
}
