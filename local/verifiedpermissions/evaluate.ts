/**
 * IsAuthorized and BatchIsAuthorized: AVP's request shapes converted to Cedar JSON and evaluated
 * by cedar-wasm against a policy set prepared once per store version (see the platform facts:
 * preparsed sets answer in well under a millisecond, where reparsing every call costs several).
 *
 * When the store has a schema, the request and entities are validated against it and a request
 * that does not conform is refused with `ValidationException`. Policies that fail while being
 * evaluated are skipped by Cedar and reported in `errors`: callers must fail closed on them.
 */
import { randomUUID } from 'node:crypto';
import * as cedar from '@cedar-policy/cedar-wasm/nodejs';
import type { CedarValueJson, Context, EntityJson, TypeAndId } from '@cedar-policy/cedar-wasm/nodejs';
import { internalError, invalidField, validationError } from './errors.ts';
import { entityIdentifier, isObject, list, object, string, unionMember } from './input.ts';
import type { Json } from './input.ts';
import { describe } from './policies.ts';
import { policySetOf } from './store.ts';
import type { PolicyStoreRecord } from './store.ts';

/** AVP's answer to one authorization request. */
export interface AuthorizationResult {
  decision: 'ALLOW' | 'DENY';
  determiningPolicies: { policyId: string }[];
  errors: { errorDescription: string }[];
}

/** The service evaluates at most 30 requests per batch. */
export const MAX_BATCH_REQUESTS = 30;

const ATTRIBUTE_KINDS = ['boolean', 'entityIdentifier', 'long', 'string', 'set', 'record', 'ipaddr', 'decimal', 'datetime', 'duration'] as const;
/** AVP attribute kinds carried by a Cedar extension function of the same meaning. */
const EXTENSION_FUNCTIONS: Record<string, string> = { ipaddr: 'ip', decimal: 'decimal', datetime: 'datetime', duration: 'duration' };

/** Evaluates requests against the stores of one endpoint, keeping their policy sets prepared. */
export class Evaluator {
  /** Prefix of the ids in cedar-wasm's process-wide cache, so that two endpoints never share one. */
  private readonly cachePrefix = randomUUID();
  private readonly preparedVersions = new Map<string, number>();

  /** Answers one IsAuthorized request body. */
  isAuthorized(store: PolicyStoreRecord, body: Json): AuthorizationResult {
    const entities = this.entities(body.entities, 'entities');
    return this.evaluate(store, body, entities, '');
  }

  /** Answers a BatchIsAuthorized request body: one result per request, in order, each echoing it. */
  batchIsAuthorized(store: PolicyStoreRecord, body: Json): { request: unknown; decision: string; determiningPolicies: unknown; errors: unknown }[] {
    const requests = list(body.requests, 'requests');
    if (requests.length < 1 || requests.length > MAX_BATCH_REQUESTS) {
      throw invalidField('requests', `Member must have between 1 and ${MAX_BATCH_REQUESTS} items`);
    }
    requests.forEach((request, index) => object(request, `requests[${index}]`));
    if (!sharedMember(requests as Json[], 'principal') && !sharedMember(requests as Json[], 'resource')) {
      throw invalidField('requests', 'All requests of a batch must have the same principal or the same resource');
    }
    const entities = this.entities(body.entities, 'entities');
    return (requests as Json[]).map((request, index) => ({ request, ...this.evaluate(store, request, entities, `requests[${index}].`) }));
  }

  /** Drops a deleted store's policy set from cedar-wasm's cache. */
  forget(policyStoreId: string): void {
    cedar.preparsePolicySet(this.cacheId(policyStoreId), {});
    this.preparedVersions.delete(policyStoreId);
  }

  private evaluate(store: PolicyStoreRecord, request: Json, entities: EntityJson[], path: string): AuthorizationResult {
    const id = this.prepare(store);
    const answer = cedar.statefulIsAuthorized({
      principal: uid(request.principal, `${path}principal`),
      action: actionUid(request.action, `${path}action`),
      resource: uid(request.resource, `${path}resource`),
      context: context(request.context, `${path}context`),
      entities,
      preparsedPolicySetId: id,
      ...(store.schema ? { preparsedSchemaName: id, validateRequest: true } : {}),
    });
    if (answer.type === 'failure') {
      const fields = answer.errors.map((error) => ({ path: path ? path.slice(0, -1) : 'request', message: describe(error) }));
      throw validationError(`The request is not valid for the policy store: ${fields.map((field) => field.message).join('; ')}`, fields);
    }
    const { decision, diagnostics } = answer.response;
    return {
      decision: decision === 'allow' ? 'ALLOW' : 'DENY',
      determiningPolicies: diagnostics.reason.map((policyId) => ({ policyId })),
      errors: diagnostics.errors.map(({ policyId, error }) => ({
        errorDescription: `error while evaluating policy ${policyId}: ${describe(error)}`,
      })),
    };
  }

  /** Prepares the store's policy set (and schema) in cedar-wasm unless this version already is. */
  private prepare(store: PolicyStoreRecord): string {
    const id = this.cacheId(store.policyStoreId);
    if (this.preparedVersions.get(store.policyStoreId) === store.version) return id;
    const policies = cedar.preparsePolicySet(id, policySetOf(store));
    if (policies.type === 'failure') throw internalError(`Cannot prepare the policies: ${policies.errors.map(describe).join('; ')}`);
    if (store.schema) {
      const schema = cedar.preparseSchema(id, JSON.parse(store.schema.cedarJson));
      if (schema.type === 'failure') throw internalError(`Cannot prepare the schema: ${schema.errors.map(describe).join('; ')}`);
    }
    this.preparedVersions.set(store.policyStoreId, store.version);
    return id;
  }

  private cacheId(policyStoreId: string): string {
    return `${this.cachePrefix}/${policyStoreId}`;
  }

  /** `EntitiesDefinition`: an `entityList` of AVP items, or Cedar's own entities JSON as text. */
  private entities(value: unknown, path: string): EntityJson[] {
    if (value === undefined || value === null) return [];
    const [kind, member] = unionMember(value, path, ['entityList', 'cedarJson']);
    if (kind === 'cedarJson') {
      const parsed = parseJsonText(member, `${path}.cedarJson`);
      if (!Array.isArray(parsed)) throw invalidField(`${path}.cedarJson`, 'Member must be a JSON array of Cedar entities');
      return parsed as EntityJson[];
    }
    return list(member, `${path}.entityList`).map((item, index) => entity(item, `${path}.entityList[${index}]`));
  }
}

function entity(value: unknown, path: string): EntityJson {
  const item = object(value, path);
  const identifier = uid(item.identifier, `${path}.identifier`);
  // Actions come from the schema only, as in the service.
  if (identifier.type === 'Action' || identifier.type.endsWith('::Action')) {
    throw invalidField(`${path}.identifier`, 'Actions cannot be passed as entities: they are defined by the schema');
  }
  const attrs = attributeMap(item.attributes, `${path}.attributes`);
  const parents = item.parents === undefined || item.parents === null
    ? []
    : list(item.parents, `${path}.parents`).map((parent, index) => uid(parent, `${path}.parents[${index}]`));
  const json: EntityJson = { uid: identifier, attrs, parents };
  if (item.tags !== undefined && item.tags !== null) json.tags = attributeMap(item.tags, `${path}.tags`);
  return json;
}

function uid(value: unknown, path: string): TypeAndId {
  const { entityType, entityId } = entityIdentifier(value, path);
  return { type: entityType, id: entityId };
}

function actionUid(value: unknown, path: string): TypeAndId {
  const action = object(value, path);
  return { type: string(action.actionType, `${path}.actionType`, { max: 200 }), id: string(action.actionId, `${path}.actionId`, { max: 200 }) };
}

/** `ContextDefinition`: a `contextMap` of AVP attribute values, or Cedar context JSON as text. */
function context(value: unknown, path: string): Context {
  if (value === undefined || value === null) return {};
  const [kind, member] = unionMember(value, path, ['contextMap', 'cedarJson']);
  if (kind === 'contextMap') return attributeMap(member, `${path}.contextMap`);
  const parsed = parseJsonText(member, `${path}.cedarJson`);
  if (!isObject(parsed)) throw invalidField(`${path}.cedarJson`, 'Member must be a JSON object');
  return parsed as Context;
}

function attributeMap(value: unknown, path: string): Record<string, CedarValueJson> {
  if (value === undefined || value === null) return {};
  return Object.fromEntries(Object.entries(object(value, path)).map(([key, member]) => [key, attributeValue(member, `${path}.${key}`)]));
}

/** One AVP `AttributeValue` as a Cedar JSON value (entities as `__entity`, extensions as `__extn`). */
function attributeValue(value: unknown, path: string): CedarValueJson {
  const [kind, member] = unionMember(value, path, ATTRIBUTE_KINDS);
  const memberPath = `${path}.${kind}`;
  switch (kind) {
    case 'boolean':
      if (typeof member !== 'boolean') throw invalidField(memberPath, 'Member must be a boolean');
      return member;
    case 'long':
      if (typeof member !== 'number' || !Number.isInteger(member)) throw invalidField(memberPath, 'Member must be an integer');
      return member;
    case 'string':
      return string(member, memberPath, { min: 0 });
    case 'entityIdentifier':
      return { __entity: uid(member, memberPath) };
    case 'set':
      return list(member, memberPath).map((element, index) => attributeValue(element, `${memberPath}[${index}]`));
    case 'record':
      return attributeMap(member, memberPath);
    default:
      return { __extn: { fn: EXTENSION_FUNCTIONS[kind] as string, arg: string(member, memberPath) } };
  }
}

function parseJsonText(value: unknown, path: string): unknown {
  try {
    return JSON.parse(string(value, path));
  } catch (error) {
    if (error instanceof SyntaxError) throw invalidField(path, 'Member must be valid JSON');
    throw error;
  }
}

/** Whether every request names the same entity as `member` (principal or resource). */
function sharedMember(requests: Json[], member: 'principal' | 'resource'): boolean {
  const keys = requests.map((request) => (isObject(request[member]) ? JSON.stringify([request[member].entityType, request[member].entityId]) : ''));
  return keys.every((key) => key === keys[0]);
}
