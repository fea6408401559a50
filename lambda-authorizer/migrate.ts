/**
 * Policy-store migrations: brings a tenant's Verified Permissions store from whatever Cedar it
 * holds to a given source (the current files), without a moment where it cannot answer.
 *
 * A STRICT store refuses a schema that its policies do not validate against, and the authorizer
 * asks about every operation group: a store whose schema lacks a new group answers with errors and
 * the authorizer fails closed, locking the tenant out. So the order is additive first:
 * 1. `widenSchema`   the union of the stored schema and the new one (new actions and entity types
 *                    in, nothing out): old and new policies both validate;
 * 2. `addPolicies`   new templates and static policies created, changed ones updated;
 * 3. `removePolicies` static policies (and unlinked templates) the source no longer has, deleted;
 * 4. `narrowSchema`  the new schema exactly.
 * Each step compares what the store holds with what it should, so re-running a migration (or
 * resuming one that stopped) does only what is left. The version of a source is a hash of it.
 */
import {
  CreatePolicyCommand,
  CreatePolicyTemplateCommand,
  DeletePolicyCommand,
  DeletePolicyTemplateCommand,
  GetPolicyCommand,
  GetSchemaCommand,
  ListPoliciesCommand,
  ListPolicyTemplatesCommand,
  GetPolicyTemplateCommand,
  PutSchemaCommand,
  UpdatePolicyCommand,
  type VerifiedPermissionsClient,
} from '@aws-sdk/client-verifiedpermissions';
import { createHash } from 'node:crypto';
import type { PolicyStoreSource } from './policy-store.ts';

export const MIGRATION_STEPS = ['widenSchema', 'addPolicies', 'removePolicies', 'narrowSchema'] as const;
export type MigrationStep = (typeof MIGRATION_STEPS)[number];

/** The version of a store source: the first 16 hex digits of the SHA-256 of its canonical JSON. */
export function policyStoreVersion(source: PolicyStoreSource): string {
  const sorted = (record: Record<string, string>) => Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
  const canonical = JSON.stringify({ schema: JSON.parse(source.schemaJson) as unknown, policies: sorted(source.policies), templates: sorted(source.templates) });
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}

/** What a migration changed. */
export interface MigrationReport {
  schemaChanged: boolean;
  created: string[];
  updated: string[];
  removed: string[];
}

type CedarSchema = Record<string, { entityTypes?: Record<string, unknown>; actions?: Record<string, unknown>; commonTypes?: Record<string, unknown> }>;

/** Old and new together: every namespace, entity type, action and common type of either (the new one wins a clash). */
export function unionSchema(stored: CedarSchema, next: CedarSchema): CedarSchema {
  const union: CedarSchema = {};
  for (const ns of new Set([...Object.keys(stored), ...Object.keys(next)])) {
    const a = stored[ns] ?? {};
    const b = next[ns] ?? {};
    union[ns] = {
      ...(a.commonTypes || b.commonTypes ? { commonTypes: { ...a.commonTypes, ...b.commonTypes } } : {}),
      entityTypes: { ...a.entityTypes, ...b.entityTypes },
      actions: { ...a.actions, ...b.actions },
    };
  }
  return union;
}

interface StoredPolicy {
  policyId: string;
  description: string;
  statement: string;
}

async function storedStatics(avp: VerifiedPermissionsClient, policyStoreId: string): Promise<StoredPolicy[]> {
  const found: StoredPolicy[] = [];
  let nextToken: string | undefined;
  do {
    const page = await avp.send(new ListPoliciesCommand({ policyStoreId, nextToken, maxResults: 50, filter: { policyType: 'STATIC' } }));
    for (const item of page.policies ?? []) {
      const policy = await avp.send(new GetPolicyCommand({ policyStoreId, policyId: item.policyId! }));
      const definition = policy.definition as { static?: { statement?: string; description?: string } } | undefined;
      found.push({ policyId: item.policyId!, description: definition?.static?.description ?? '', statement: definition?.static?.statement ?? '' });
    }
    nextToken = page.nextToken;
  } while (nextToken);
  return found;
}

async function storedTemplates(avp: VerifiedPermissionsClient, policyStoreId: string): Promise<StoredPolicy[]> {
  const found: StoredPolicy[] = [];
  let nextToken: string | undefined;
  do {
    const page = await avp.send(new ListPolicyTemplatesCommand({ policyStoreId, nextToken }));
    for (const item of page.policyTemplates ?? []) {
      const template = await avp.send(new GetPolicyTemplateCommand({ policyStoreId, policyTemplateId: item.policyTemplateId! }));
      found.push({ policyId: item.policyTemplateId!, description: template.description ?? '', statement: template.statement ?? '' });
    }
    nextToken = page.nextToken;
  } while (nextToken);
  return found;
}

async function linkedTemplates(avp: VerifiedPermissionsClient, policyStoreId: string): Promise<Set<string>> {
  const linked = new Set<string>();
  let nextToken: string | undefined;
  do {
    const page = await avp.send(new ListPoliciesCommand({ policyStoreId, nextToken, maxResults: 50, filter: { policyType: 'TEMPLATE_LINKED' } }));
    for (const item of page.policies ?? []) {
      const templateId = (item.definition as { templateLinked?: { policyTemplateId?: string } } | undefined)?.templateLinked?.policyTemplateId;
      if (templateId) linked.add(templateId);
    }
    nextToken = page.nextToken;
  } while (nextToken);
  return linked;
}

async function putSchemaIfChanged(avp: VerifiedPermissionsClient, policyStoreId: string, schema: CedarSchema, stored: CedarSchema): Promise<boolean> {
  if (JSON.stringify(schema) === JSON.stringify(stored)) return false;
  await avp.send(new PutSchemaCommand({ policyStoreId, definition: { cedarJson: JSON.stringify(schema) } }));
  return true;
}

async function readSchema(avp: VerifiedPermissionsClient, policyStoreId: string): Promise<CedarSchema> {
  const out = await avp.send(new GetSchemaCommand({ policyStoreId }));
  return JSON.parse(out.schema ?? '{}') as CedarSchema;
}

/**
 * Migrates the store to `source`, additive first (see the file's comment). `afterStep` is told of
 * each step as it ends (the job reports progress with it; tests check the store answers between).
 * Templates are matched by description (their `@id`), static policies likewise.
 */
export async function migratePolicyStore(
  avp: VerifiedPermissionsClient,
  policyStoreId: string,
  source: PolicyStoreSource,
  afterStep?: (step: MigrationStep) => void | Promise<void>,
): Promise<MigrationReport> {
  const report: MigrationReport = { schemaChanged: false, created: [], updated: [], removed: [] };
  const target = JSON.parse(source.schemaJson) as CedarSchema;

  const widened = unionSchema(await readSchema(avp, policyStoreId), target);
  report.schemaChanged = await putSchemaIfChanged(avp, policyStoreId, widened, await readSchema(avp, policyStoreId));
  await afterStep?.('widenSchema');

  const templates = await storedTemplates(avp, policyStoreId);
  for (const [id, statement] of Object.entries(source.templates)) {
    if (templates.some((t) => t.description === id)) continue;
    await avp.send(new CreatePolicyTemplateCommand({ policyStoreId, statement, description: id }));
    report.created.push(id);
  }
  const statics = await storedStatics(avp, policyStoreId);
  for (const [id, statement] of Object.entries(source.policies)) {
    const stored = statics.find((p) => p.description === id);
    if (!stored) {
      await avp.send(new CreatePolicyCommand({ policyStoreId, definition: { static: { statement, description: id } } }));
      report.created.push(id);
    } else if (stored.statement.trim() !== statement.trim()) {
      await avp.send(new UpdatePolicyCommand({ policyStoreId, policyId: stored.policyId, definition: { static: { statement, description: id } } }));
      report.updated.push(id);
    }
  }
  await afterStep?.('addPolicies');

  for (const stored of statics) {
    if (Object.hasOwn(source.policies, stored.description)) continue;
    await avp.send(new DeletePolicyCommand({ policyStoreId, policyId: stored.policyId }));
    report.removed.push(stored.description);
  }
  // A template users are still linked to stays until their links go.
  const linked = await linkedTemplates(avp, policyStoreId);
  for (const stored of templates) {
    if (Object.hasOwn(source.templates, stored.description) || linked.has(stored.policyId)) continue;
    await avp.send(new DeletePolicyTemplateCommand({ policyStoreId, policyTemplateId: stored.policyId }));
    report.removed.push(stored.description);
  }
  await afterStep?.('removePolicies');

  report.schemaChanged = (await putSchemaIfChanged(avp, policyStoreId, target, await readSchema(avp, policyStoreId))) || report.schemaChanged;
  await afterStep?.('narrowSchema');
  return report;
}
