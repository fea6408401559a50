/**
 * The policy stores: their state, the write rules of the service (strict validation against the
 * schema, refusing a schema that would invalidate stored policies, slot checks of template
 * links, deletion protection, idempotent `clientToken`s) and optional persistence to a JSON file.
 *
 * Every change to a store's policies, templates or schema bumps its `version`, which tells the
 * evaluator (evaluate.ts) to prepare that store's Cedar policy set again.
 */
import { randomInt } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import * as cedar from '@cedar-policy/cedar-wasm/nodejs';
import type { PolicySet, TemplateLink } from '@cedar-policy/cedar-wasm/nodejs';
import { conflict, invalidField, invalidState, notFound, validationError } from './errors.ts';
import type { EntityIdentifier } from './input.ts';
import { describe, parseStaticPolicy, parseTemplate, scopeOf, strictValidationFields } from './policies.ts';
import type { PolicyScope, SlotValues } from './policies.ts';

export type ValidationMode = 'STRICT' | 'OFF';

/** A store's schema as written with PutSchema. */
export interface SchemaRecord {
  cedarJson: string;
  namespaces: string[];
  createdDate: string;
  lastUpdatedDate: string;
}

export interface TemplateRecord {
  policyTemplateId: string;
  statement: string;
  description?: string;
  createdDate: string;
  lastUpdatedDate: string;
  /** Creation order, for stable pagination. */
  seq: number;
}

export type PolicyDefinition =
  | { static: { statement: string; description?: string } }
  | { templateLinked: { policyTemplateId: string; principal?: EntityIdentifier; resource?: EntityIdentifier } };

export interface PolicyRecord {
  policyId: string;
  definition: PolicyDefinition;
  createdDate: string;
  lastUpdatedDate: string;
  seq: number;
}

export interface PolicyStoreRecord {
  policyStoreId: string;
  arn: string;
  description?: string;
  validationMode: ValidationMode;
  deletionProtection: 'ENABLED' | 'DISABLED';
  createdDate: string;
  lastUpdatedDate: string;
  seq: number;
  schema?: SchemaRecord;
  templates: Map<string, TemplateRecord>;
  policies: Map<string, PolicyRecord>;
  /** Scope of each policy, derived from its text (not persisted). */
  scopes: Map<string, PolicyScope>;
  /** Bumped on every change that alters authorization (not persisted). */
  version: number;
}

/** What {@link PolicyStores.createPolicyStore} takes. */
export interface NewPolicyStore {
  validationMode: ValidationMode;
  description?: string;
  deletionProtection?: 'ENABLED' | 'DISABLED';
}

/** What {@link PolicyStores.createPolicy} takes. */
export type NewPolicy = PolicyDefinition;

/** The service recognizes a client token for eight hours. */
const CLIENT_TOKEN_TTL_MS = 8 * 60 * 60 * 1000;
const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const ID_LENGTH = 22;

interface IdempotentResult {
  fingerprint: string;
  result: unknown;
  expires: number;
}

interface PersistedState {
  nextSeq: number;
  policyStores: (Omit<PolicyStoreRecord, 'templates' | 'policies' | 'scopes' | 'version'> & {
    templates: TemplateRecord[];
    policies: PolicyRecord[];
  })[];
}

/** All policy stores of one local endpoint (one account). */
export class PolicyStores {
  private readonly stores = new Map<string, PolicyStoreRecord>();
  private readonly clientTokens = new Map<string, IdempotentResult>();
  private nextSeq = 1;
  private saving: Promise<void> = Promise.resolve();

  private constructor(
    private readonly accountId: string,
    private readonly file: string | undefined,
  ) {}

  /** Opens the stores, loading `file` when given and present. */
  static async open(accountId: string, file?: string): Promise<PolicyStores> {
    const stores = new PolicyStores(accountId, file);
    if (file) await stores.load(file);
    return stores;
  }

  /** Resolves once every change so far is on disk. */
  flush(): Promise<void> {
    return this.saving;
  }

  /**
   * Runs a create operation once per client token: a retry with the same token and input gets
   * the first answer back, the same token with another input a `ConflictException`.
   */
  idempotent<T>(operation: string, clientToken: string | undefined, input: unknown, create: () => T): T {
    if (clientToken === undefined) return create();
    const now = Date.now();
    for (const [key, entry] of this.clientTokens) if (entry.expires <= now) this.clientTokens.delete(key);
    const key = `${operation}:${clientToken}`;
    const fingerprint = stableJson(input);
    const previous = this.clientTokens.get(key);
    if (previous) {
      if (previous.fingerprint !== fingerprint) {
        throw conflict(`The clientToken ${clientToken} was already used with different parameters`, []);
      }
      return previous.result as T;
    }
    const result = create();
    this.clientTokens.set(key, { fingerprint, result, expires: now + CLIENT_TOKEN_TTL_MS });
    return result;
  }

  createPolicyStore(input: NewPolicyStore): PolicyStoreRecord {
    const now = timestamp();
    const policyStoreId = this.newId(this.stores);
    const store: PolicyStoreRecord = {
      policyStoreId,
      arn: `arn:aws:verifiedpermissions::${this.accountId}:policy-store/${policyStoreId}`,
      validationMode: input.validationMode,
      deletionProtection: input.deletionProtection ?? 'DISABLED',
      createdDate: now,
      lastUpdatedDate: now,
      seq: this.nextSeq++,
      templates: new Map(),
      policies: new Map(),
      scopes: new Map(),
      version: 0,
      ...(input.description === undefined ? {} : { description: input.description }),
    };
    this.stores.set(policyStoreId, store);
    this.changed();
    return store;
  }

  getPolicyStore(policyStoreId: string): PolicyStoreRecord {
    const store = this.stores.get(policyStoreId);
    if (!store) throw notFound('POLICY_STORE', policyStoreId);
    return store;
  }

  /** All stores in creation order. */
  listPolicyStores(): PolicyStoreRecord[] {
    return [...this.stores.values()];
  }

  /** Idempotent, as in the service: deleting an unknown store succeeds. */
  deletePolicyStore(policyStoreId: string): void {
    const store = this.stores.get(policyStoreId);
    if (!store) return;
    if (store.deletionProtection === 'ENABLED') {
      throw invalidState(`Policy store ${policyStoreId} has deletion protection enabled; disable it before deleting the store`);
    }
    this.stores.delete(policyStoreId);
    this.changed();
  }

  /**
   * Sets the schema. It must be a Cedar JSON schema; in a STRICT store every stored policy and
   * template must still validate against it, else the schema is refused.
   */
  putSchema(policyStoreId: string, cedarJson: string): SchemaRecord {
    const store = this.getPolicyStore(policyStoreId);
    const path = 'definition.cedarJson';
    const schema = parseSchemaJson(cedarJson, path);
    if (store.validationMode === 'STRICT') {
      const fields = strictValidationFields(schema, policySetOf(store));
      if (fields.length > 0) {
        throw validationError(`The schema would invalidate ${new Set(fields.map((field) => field.path)).size} existing policies or templates`, fields);
      }
    }
    const now = timestamp();
    store.schema = {
      cedarJson,
      namespaces: Object.keys(schema).filter((namespace) => namespace !== ''),
      createdDate: store.schema?.createdDate ?? now,
      lastUpdatedDate: now,
    };
    this.touched(store, now);
    return store.schema;
  }

  getSchema(policyStoreId: string): SchemaRecord {
    const schema = this.getPolicyStore(policyStoreId).schema;
    if (!schema) throw notFound('SCHEMA', policyStoreId);
    return schema;
  }

  createPolicyTemplate(policyStoreId: string, statement: string, description: string | undefined): TemplateRecord {
    const store = this.getPolicyStore(policyStoreId);
    parseTemplate(statement, 'statement');
    const policyTemplateId = this.newId(store.templates);
    this.strictCheck(store, { templates: { [policyTemplateId]: statement } }, 'statement');
    const now = timestamp();
    const template: TemplateRecord = {
      policyTemplateId,
      statement,
      createdDate: now,
      lastUpdatedDate: now,
      seq: this.nextSeq++,
      ...(description === undefined ? {} : { description }),
    };
    store.templates.set(policyTemplateId, template);
    this.touched(store, now);
    return template;
  }

  getPolicyTemplate(policyStoreId: string, policyTemplateId: string): TemplateRecord {
    const template = this.getPolicyStore(policyStoreId).templates.get(policyTemplateId);
    if (!template) throw notFound('POLICY_TEMPLATE', policyTemplateId);
    return template;
  }

  /** Deletes the template and, as the service does, every policy linked to it. */
  deletePolicyTemplate(policyStoreId: string, policyTemplateId: string): void {
    const store = this.getPolicyStore(policyStoreId);
    if (!store.templates.delete(policyTemplateId)) throw notFound('POLICY_TEMPLATE', policyTemplateId);
    for (const [policyId, policy] of store.policies) {
      if ('templateLinked' in policy.definition && policy.definition.templateLinked.policyTemplateId === policyTemplateId) {
        store.policies.delete(policyId);
        store.scopes.delete(policyId);
      }
    }
    this.touched(store, timestamp());
  }

  createPolicy(policyStoreId: string, definition: NewPolicy): PolicyRecord {
    const store = this.getPolicyStore(policyStoreId);
    const policyId = this.newId(store.policies);
    const scope = 'static' in definition
      ? this.checkStatic(store, policyId, definition.static.statement, 'definition.static.statement')
      : this.checkLink(store, policyId, definition.templateLinked);
    const now = timestamp();
    const policy: PolicyRecord = { policyId, definition, createdDate: now, lastUpdatedDate: now, seq: this.nextSeq++ };
    store.policies.set(policyId, policy);
    store.scopes.set(policyId, scope);
    this.touched(store, now);
    return policy;
  }

  getPolicy(policyStoreId: string, policyId: string): { policy: PolicyRecord; scope: PolicyScope } {
    const store = this.getPolicyStore(policyStoreId);
    const policy = store.policies.get(policyId);
    if (!policy) throw notFound('POLICY', policyId);
    return { policy, scope: store.scopes.get(policyId) as PolicyScope };
  }

  /**
   * Replaces a static policy's statement. As in the service, the effect and the principal and
   * resource of the scope cannot change; only conditions, actions and the description can.
   */
  updatePolicy(policyStoreId: string, policyId: string, statement: string, description: string | undefined): PolicyRecord {
    const store = this.getPolicyStore(policyStoreId);
    const { policy, scope: before } = this.getPolicy(policyStoreId, policyId);
    if (!('static' in policy.definition)) {
      throw invalidField('definition', 'A template-linked policy cannot be changed into a static policy');
    }
    const path = 'definition.static.statement';
    const after = this.checkStatic(store, policyId, statement, path);
    if (after.effect !== before.effect) throw invalidField(path, `The effect of a policy cannot change (${before.effect} to ${after.effect})`);
    if (!sameEntity(after.principal, before.principal) || !sameEntity(after.resource, before.resource)) {
      throw invalidField(path, 'The principal and resource in the scope of a static policy cannot change');
    }
    policy.definition = { static: { statement, ...(description === undefined ? {} : { description }) } };
    policy.lastUpdatedDate = timestamp();
    store.scopes.set(policyId, after);
    this.touched(store, policy.lastUpdatedDate);
    return policy;
  }

  /** Idempotent, as in the service: deleting an unknown policy of an existing store succeeds. */
  deletePolicy(policyStoreId: string, policyId: string): void {
    const store = this.getPolicyStore(policyStoreId);
    if (!store.policies.delete(policyId)) return;
    store.scopes.delete(policyId);
    this.touched(store, timestamp());
  }

  private checkStatic(store: PolicyStoreRecord, policyId: string, statement: string, path: string): PolicyScope {
    const json = parseStaticPolicy(statement, path);
    this.strictCheck(store, { staticPolicies: { [policyId]: statement } }, path);
    return scopeOf(json);
  }

  /** A link must fill exactly the template's slots, and is unique per template, principal and resource. */
  private checkLink(
    store: PolicyStoreRecord,
    policyId: string,
    link: Extract<PolicyDefinition, { templateLinked: unknown }>['templateLinked'],
  ): PolicyScope {
    const template = store.templates.get(link.policyTemplateId);
    if (!template) throw notFound('POLICY_TEMPLATE', link.policyTemplateId);
    const { json, slots } = parseTemplate(template.statement, 'definition.templateLinked.policyTemplateId');
    for (const slot of ['principal', 'resource'] as const) {
      const path = `definition.templateLinked.${slot}`;
      if (slots[slot] && !link[slot]) throw invalidField(path, `The template has a ?${slot} slot: a ${slot} is required`);
      if (!slots[slot] && link[slot]) throw invalidField(path, `The template has no ?${slot} slot: no ${slot} may be given`);
    }
    const duplicate = [...store.policies.values()].find(({ definition }) =>
      'templateLinked' in definition
      && definition.templateLinked.policyTemplateId === link.policyTemplateId
      && sameEntity(definition.templateLinked.principal, link.principal)
      && sameEntity(definition.templateLinked.resource, link.resource));
    if (duplicate) {
      throw conflict(
        `Policy ${duplicate.policyId} already links template ${link.policyTemplateId} to this principal and resource`,
        [{ resourceId: duplicate.policyId, resourceType: 'POLICY' }],
      );
    }
    const values = slotValues(link);
    this.strictCheck(store, {
      templates: { [template.policyTemplateId]: template.statement },
      templateLinks: [{ templateId: template.policyTemplateId, newId: policyId, values }],
    }, 'definition.templateLinked');
    return scopeOf(json, values);
  }

  /** In a STRICT store, refuses what does not validate against the schema (or when there is none). */
  private strictCheck(store: PolicyStoreRecord, policies: PolicySet, path: string): void {
    if (store.validationMode !== 'STRICT') return;
    if (!store.schema) {
      throw invalidField(path, 'The policy store is in STRICT validation mode and has no schema: put a schema first or turn validation off');
    }
    const fields = strictValidationFields(JSON.parse(store.schema.cedarJson), policies, path);
    if (fields.length > 0) throw validationError(`The policy failed validation: ${fields.map((field) => field.message).join('; ')}`, fields);
  }

  private touched(store: PolicyStoreRecord, now: string): void {
    store.lastUpdatedDate = now;
    store.version += 1;
    this.changed();
  }

  private newId(taken: Map<string, unknown>): string {
    for (;;) {
      const candidate = Array.from({ length: ID_LENGTH }, () => ID_ALPHABET[randomInt(ID_ALPHABET.length)]).join('');
      if (!taken.has(candidate)) return candidate;
    }
  }

  /** Queues a save of the whole state; saves run one at a time, each writing a full snapshot. */
  private changed(): void {
    const file = this.file;
    if (!file) return;
    const snapshot = JSON.stringify(this.snapshot(), null, 2);
    this.saving = this.saving.then(async () => {
      // Written aside then renamed, so a crash never leaves a half-written file behind.
      const temporary = `${file}.tmp`;
      await writeFile(temporary, snapshot);
      await rename(temporary, file);
    });
  }

  private snapshot(): PersistedState {
    return {
      nextSeq: this.nextSeq,
      policyStores: [...this.stores.values()].map(({ templates, policies, scopes: _scopes, version: _version, ...store }) => ({
        ...store,
        templates: [...templates.values()],
        policies: [...policies.values()],
      })),
    };
  }

  private async load(file: string): Promise<void> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    const state = JSON.parse(text) as PersistedState;
    this.nextSeq = state.nextSeq;
    for (const { templates, policies, ...saved } of state.policyStores) {
      const store: PolicyStoreRecord = {
        ...saved,
        templates: new Map(templates.map((template) => [template.policyTemplateId, template])),
        policies: new Map(policies.map((policy) => [policy.policyId, policy])),
        scopes: new Map(),
        version: 0,
      };
      for (const policy of policies) store.scopes.set(policy.policyId, storedScope(store, policy));
      this.stores.set(store.policyStoreId, store);
    }
  }
}

/** The Cedar policy set of a store: static policies, templates and their links, by AVP id. */
export function policySetOf(store: PolicyStoreRecord): PolicySet {
  const staticPolicies: Record<string, string> = {};
  const templateLinks: TemplateLink[] = [];
  for (const { policyId, definition } of store.policies.values()) {
    if ('static' in definition) staticPolicies[policyId] = definition.static.statement;
    else templateLinks.push({ templateId: definition.templateLinked.policyTemplateId, newId: policyId, values: slotValues(definition.templateLinked) });
  }
  const templates = Object.fromEntries([...store.templates.values()].map((template) => [template.policyTemplateId, template.statement]));
  return { staticPolicies, templates, templateLinks };
}

function slotValues(link: { principal?: EntityIdentifier; resource?: EntityIdentifier }): SlotValues {
  const values: SlotValues = {};
  if (link.principal) values['?principal'] = { type: link.principal.entityType, id: link.principal.entityId };
  if (link.resource) values['?resource'] = { type: link.resource.entityType, id: link.resource.entityId };
  return values;
}

function storedScope(store: PolicyStoreRecord, { definition }: PolicyRecord): PolicyScope {
  if ('static' in definition) return scopeOf(parseStaticPolicy(definition.static.statement, 'statement'));
  const template = store.templates.get(definition.templateLinked.policyTemplateId) as TemplateRecord;
  return scopeOf(parseTemplate(template.statement, 'statement').json, slotValues(definition.templateLinked));
}

function parseSchemaJson(cedarJson: string, path: string): Record<string, unknown> {
  let schema: unknown;
  try {
    schema = JSON.parse(cedarJson);
  } catch {
    throw invalidField(path, 'The schema must be a Cedar schema in JSON format');
  }
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
    throw invalidField(path, 'The schema must be a JSON object of namespaces');
  }
  const answer = cedar.checkParseSchema(schema as cedar.Schema);
  if (answer.type === 'failure') {
    throw validationError(`Invalid schema: ${answer.errors.map(describe).join('; ')}`, answer.errors.map((error) => ({ path, message: describe(error) })));
  }
  return schema as Record<string, unknown>;
}

function sameEntity(a: EntityIdentifier | undefined, b: EntityIdentifier | undefined): boolean {
  return a?.entityType === b?.entityType && a?.entityId === b?.entityId;
}

function timestamp(): string {
  return new Date().toISOString();
}

/** JSON with object keys sorted, so equal inputs compare equal whatever their key order. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, member: unknown) => (
    member && typeof member === 'object' && !Array.isArray(member)
      ? Object.fromEntries(Object.entries(member).sort(([a], [b]) => a.localeCompare(b)))
      : member
  ));
}
