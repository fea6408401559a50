/**
 * The caller's permissions over the whole schema, asked of the tenant's Verified Permissions
 * policy store once per token: each operation group (policies grant groups, never single
 * operations, and every operation belongs to exactly one group — both checked by tests, the second
 * by codegen), crossing tenants, each restricted field group for an unrelated employee, the
 * caller's own record and a report, and each capability (CAPABILITIES) over an employee of the
 * tenant. BatchIsAuthorized takes 30 requests; more probes go in several batches sent together.
 * The answer holds for any operation, so AppSync may cache it by token.
 */
import {
  BatchIsAuthorizedCommand,
  type BatchIsAuthorizedInputItem,
  type EntityIdentifier,
  type EntityItem,
  type VerifiedPermissionsClient,
} from '@aws-sdk/client-verifiedpermissions';
import { CAPABILITIES, encodeOperations, FIELD_GROUP_NAMES, FIELD_GROUPS, scopeKey, type Capability, type DetailScope, type FieldGroup } from '../domain/model/authorization.ts';
import { OPERATION_GROUPS, OPERATIONS } from '../domain/generated/operations.ts';
import type { Stage } from '../domain/model/stage.ts';
import { tenantSettings } from '../domain/tenancy/registry.ts';
import type { ResolverContext } from '../domain/model/tenant-context.ts';
import { AuthorizationDenied, type VerifiedCaller } from './verify.ts';

const NS = 'OptimalHR';
const entity = (type: string, id: string): EntityIdentifier => ({ entityType: `${NS}::${type}`, entityId: id });
/** Probe resources; `#` never occurs in real ids, so they cannot collide with records. */
const PROBE = { otherTenant: 'probe#other-tenant', anyEmployee: 'probe#any-employee', report: 'probe#report' } as const;
const BATCH_LIMIT = 30;

export interface Decision {
  resolverContext: ResolverContext;
  /** `Type.field` entries AppSync resolves to null for this caller. */
  deniedFields: string[];
}

type Probe =
  | { kind: 'operations'; group: string }
  | { kind: 'crossTenant' }
  | { kind: 'capability'; capability: Capability }
  | { kind: 'group'; group: FieldGroup; target: 'all' | 'team' | 'self' };

/** The operation groups (one decision each covers all the group's operations). */
const OPERATION_GROUP_NAMES = [...new Set(Object.values(OPERATION_GROUPS))].sort();

export async function decide(avp: VerifiedPermissionsClient, caller: VerifiedCaller, stage: Stage): Promise<Decision> {
  const { tenant, userId, role, employeeId } = caller;
  if (!tenant.policyStoreId) throw new AuthorizationDenied('no-policy-store');

  const tenantRef = entity('Tenant', tenant.tenantId);
  const principal = entity('User', userId);
  const own = employeeId ? entity('Employee', employeeId) : undefined;
  const entities: EntityItem[] = [
    {
      identifier: principal,
      attributes: { tenant: { entityIdentifier: tenantRef }, ...(own ? { employee: { entityIdentifier: own } } : {}) },
      parents: [entity('Role', role)],
    },
    { identifier: tenantRef },
    { identifier: entity('Employee', PROBE.anyEmployee), attributes: { tenant: { entityIdentifier: tenantRef } } },
    ...(own
      ? [
          { identifier: own, attributes: { tenant: { entityIdentifier: tenantRef } } },
          { identifier: entity('Employee', PROBE.report), attributes: { tenant: { entityIdentifier: tenantRef } }, parents: [own] },
        ]
      : []),
  ];

  const probes: { probe: Probe; request: BatchIsAuthorizedInputItem }[] = [];
  const ask = (probe: Probe, action: string, resource: EntityIdentifier) =>
    probes.push({ probe, request: { principal, action: { actionType: `${NS}::Action`, actionId: action }, resource, context: { contextMap: {} } } });
  for (const group of OPERATION_GROUP_NAMES) ask({ kind: 'operations', group }, group, tenantRef);
  ask({ kind: 'crossTenant' }, 'AccessOtherTenants', entity('Tenant', PROBE.otherTenant));
  // A capability over the tenant's employees: asked about an employee of the caller's tenant who is not the caller.
  for (const capability of CAPABILITIES) ask({ kind: 'capability', capability }, capability, entity('Employee', PROBE.anyEmployee));
  for (const group of FIELD_GROUP_NAMES) {
    ask({ kind: 'group', group, target: 'all' }, group, entity('Employee', PROBE.anyEmployee));
    if (own) {
      ask({ kind: 'group', group, target: 'team' }, group, entity('Employee', PROBE.report));
      ask({ kind: 'group', group, target: 'self' }, group, own);
    }
  }

  const allowed = new Set<Probe>();
  // BatchIsAuthorized takes at most 30 requests: the chunks go out together, so the wait is one call's.
  const chunks = Array.from({ length: Math.ceil(probes.length / BATCH_LIMIT) }, (_, n) => probes.slice(n * BATCH_LIMIT, (n + 1) * BATCH_LIMIT));
  const answers = await Promise.all(chunks.map((chunk) =>
    avp.send(new BatchIsAuthorizedCommand({ policyStoreId: tenant.policyStoreId, entities: { entityList: entities }, requests: chunk.map((p) => p.request) })),
  ));
  answers.forEach((answer, n) => {
    const chunk = chunks[n]!;
    const results = answer.results ?? [];
    if (results.length !== chunk.length) throw new AuthorizationDenied('policy-error', 'unexpected number of results');
    results.forEach((result, j) => {
      // A policy that errors is skipped by Cedar, which could turn a forbid into an allow: fail closed.
      if ((result.errors ?? []).length > 0) throw new AuthorizationDenied('policy-error', result.errors!.map((e) => e.errorDescription).join('; '));
      if (result.decision === 'ALLOW') allowed.add(chunk[j]!.probe);
      else if (result.decision !== 'DENY') throw new AuthorizationDenied('policy-error', `unexpected decision ${String(result.decision)}`);
    });
  });

  const isAllowed = (match: (p: Probe) => boolean) => [...allowed].some(match);
  const deniedOperations = OPERATIONS.filter((operation) => !isAllowed((p) => p.kind === 'operations' && p.group === OPERATION_GROUPS[operation]));
  const scopes = Object.fromEntries(
    FIELD_GROUP_NAMES.map((group) => {
      const may = (target: string) => isAllowed((p) => p.kind === 'group' && p.group === group && p.target === target);
      const scope: DetailScope = may('all') ? 'all' : may('team') ? 'team' : may('self') ? 'self' : 'none';
      return [scopeKey(group), scope];
    }),
  );
  const hiddenGroups = FIELD_GROUP_NAMES.filter((group) => scopes[scopeKey(group)] === 'none');

  return {
    resolverContext: {
      tenantId: tenant.tenantId,
      userId,
      role,
      stage,
      ...(employeeId ? { employeeId } : {}),
      timeZone: tenantSettings(tenant).timeZone,
      crossTenant: isAllowed((p) => p.kind === 'crossTenant') ? 'true' : 'false',
      deniedOperations: encodeOperations(deniedOperations),
      capabilities: CAPABILITIES.filter((c) => isAllowed((p) => p.kind === 'capability' && p.capability === c)).join(','),
      ...scopes,
    },
    deniedFields: [...deniedOperations, ...hiddenGroups.flatMap((group) => [...FIELD_GROUPS[group]])],
  };
}
