/**
 * publishNotification does not take its tenantId on trust (the IAM caller names it): before the
 * notification is stored, one BatchGetItem in that tenant's partition reads the recipient's
 * directory entry (`USER#<role>#<user>`, one key per role) and the tenant's status marker. A
 * recipient who is no user of the tenant, or a tenant that is not active (suspended: its open
 * subscriptions receive nothing more), is refused; the input is checked first.
 */
import { util, type Context } from '@aws-appsync/utils';
import type { MutationPublishNotificationArgs } from '../../../domain/generated/graphql.ts';
import { SYSTEM_ROLES, TENANT_ROLES } from '../../../domain/model/tenant-context.ts';
import { validateNotification } from '../../../domain/notifications/model/notifications.ts';
import { TENANCY_PREFIXES, userEntryKey } from '../../../domain/tenancy/model/keys.ts';
import { tableName } from '../../lib/env.ts';
import { fail, failOnDataSourceError, failOnProblems } from '../../lib/errors.ts';
import type { PipelineStash } from '../../lib/stash.ts';

const ROLES: string[] = [...SYSTEM_ROLES, ...TENANT_ROLES];

export function request(ctx: Context<MutationPublishNotificationArgs, PipelineStash>) {
  failOnProblems(validateNotification(ctx.args.input));
  const partition = ctx.stash.scope.tenantKey;
  const keys = [TENANCY_PREFIXES.statusMarker, ...ROLES.map((role) => userEntryKey(role, ctx.args.input.recipientUserId))].map((entityItem) =>
    util.dynamodb.toMapValues({ TenantId: partition, EntityItem: entityItem }),
  );
  return { operation: 'BatchGetItem', tables: { [tableName(ctx, 'PIM')]: { keys, consistentRead: true } } };
}

export function response(ctx: Context<MutationPublishNotificationArgs, PipelineStash>): null {
  failOnDataSourceError(ctx);
  const table = tableName(ctx, 'PIM');
  const result = ctx.result as { data: Record<string, ({ EntityItem: string; status?: string } | null)[]>; unprocessedKeys?: Record<string, unknown[]> };
  if ((result.unprocessedKeys?.[table] ?? []).length > 0) fail('INTERNAL_ERROR', 'The recipient could not be checked this time; retry.');
  const found = (result.data[table] ?? []).filter((item) => !!item) as { EntityItem: string; status?: string }[];
  const marker = found.find((item) => item.EntityItem === TENANCY_PREFIXES.statusMarker);
  if (marker && marker.status !== 'active') {
    fail('INVALID_TENANT_ID', `Tenant "${ctx.stash.scope.tenantId}" names no active tenant: nothing is published into it.`);
  }
  if (!found.some((item) => item.EntityItem !== TENANCY_PREFIXES.statusMarker)) {
    fail('VALIDATION_ERROR', 'The recipient is no user of this tenant.', { fields: [{ field: 'recipientUserId', message: 'must be a user of the tenant named by tenantId' }] });
  }
  return null;
}
