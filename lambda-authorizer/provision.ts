/**
 * Tenant onboarding's Verified Permissions part: a policy store per tenant built from the
 * reviewed Cedar files, and the per-user template links (self-service, manager).
 */
import {
  CreatePolicyCommand,
  CreatePolicyStoreCommand,
  CreatePolicyTemplateCommand,
  ListPolicyTemplatesCommand,
  PutSchemaCommand,
  type VerifiedPermissionsClient,
} from '@aws-sdk/client-verifiedpermissions';
import { CEDAR_NAMESPACE } from '../domain/model/authorization.ts';
// Types only: the control-plane Lambda bundles this file without cedar-wasm (it gets the sources built).
import type { PolicyStoreSource, StoreKind } from './policy-store.ts';

export type TemplateName = 'SelfService';

/** Options of {@link createPolicyStore}. */
export interface CreatePolicyStoreOptions {
  /**
   * Base of the idempotency tokens (letters, digits, dashes; at most 50 characters): a retry with
   * the same base within Verified Permissions' idempotency window creates nothing twice.
   */
  clientToken?: string;
  /** Told the store's id as soon as it exists, before it is filled (so a rollback can find it). */
  onCreated?: (policyStoreId: string) => Promise<void>;
}

/** Creates a STRICT policy store holding `source` (the schema, templates and policies of `kind`: `loadPolicyStoreSource(kind)`). */
export async function createPolicyStore(
  avp: VerifiedPermissionsClient,
  source: PolicyStoreSource,
  kind: StoreKind,
  tenantId: string,
  options: CreatePolicyStoreOptions = {},
): Promise<string> {
  const token = (part: string) => (options.clientToken ? { clientToken: `${options.clientToken}-${part}` } : {});
  const store = await avp.send(
    new CreatePolicyStoreCommand({ validationSettings: { mode: 'STRICT' }, description: `OptimalHR ${kind} store for ${tenantId}`, ...token('store') }),
  );
  const policyStoreId = store.policyStoreId!;
  await options.onCreated?.(policyStoreId);
  await avp.send(new PutSchemaCommand({ policyStoreId, definition: { cedarJson: source.schemaJson } }));
  for (const [n, [id, statement]] of Object.entries(source.templates).entries()) {
    await avp.send(new CreatePolicyTemplateCommand({ policyStoreId, statement, description: id, ...token(`t${n}`) }));
  }
  for (const [n, [id, statement]] of Object.entries(source.policies).entries()) {
    await avp.send(new CreatePolicyCommand({ policyStoreId, definition: { static: { statement, description: id } }, ...token(`p${n}`) }));
  }
  return policyStoreId;
}

/** The store's template ids by template name (the name is kept as the template's description). */
export async function templateIds(avp: VerifiedPermissionsClient, policyStoreId: string): Promise<Partial<Record<TemplateName, string>>> {
  const ids: Partial<Record<TemplateName, string>> = {};
  let nextToken: string | undefined;
  do {
    const page = await avp.send(new ListPolicyTemplatesCommand({ policyStoreId, nextToken }));
    for (const t of page.policyTemplates ?? []) ids[t.description as TemplateName] = t.policyTemplateId!;
    nextToken = page.nextToken;
  } while (nextToken);
  return ids;
}

/**
 * Links a template for a user: SelfService to their own employee record. (Managers need no link:
 * the ManagementLine policy follows the Employee parents, which come from the stored line.)
 */
export async function linkTemplate(
  avp: VerifiedPermissionsClient,
  policyStoreId: string,
  template: TemplateName,
  user: { userId: string; employeeId: string },
): Promise<string> {
  const ids = await templateIds(avp, policyStoreId);
  const policyTemplateId = ids[template];
  if (!policyTemplateId) throw new Error(`Policy store ${policyStoreId} has no ${template} template.`);
  const policy = await avp.send(
    new CreatePolicyCommand({
      policyStoreId,
      definition: {
        templateLinked: {
          policyTemplateId,
          principal: { entityType: `${CEDAR_NAMESPACE}::User`, entityId: user.userId },
          resource: { entityType: `${CEDAR_NAMESPACE}::Employee`, entityId: user.employeeId },
        },
      },
    }),
  );
  return policy.policyId!;
}
