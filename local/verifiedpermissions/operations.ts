/**
 * The supported operations: each reads its request body (checking shapes), calls the stores or
 * the evaluator, and builds the response body with the member names the SDK deserializes.
 */
import { invalidField } from './errors.ts';
import { Evaluator } from './evaluate.ts';
import {
  entityIdentifier,
  id,
  isObject,
  object,
  oneOf,
  optionalEntityIdentifier,
  optionalInteger,
  optionalObject,
  optionalString,
  string,
  unionMember,
} from './input.ts';
import type { EntityIdentifier, Json } from './input.ts';
import type { PolicyScope } from './policies.ts';
import type { PolicyRecord, PolicyStoreRecord, PolicyStores } from './store.ts';

/** One operation: request body in, response body out (errors are thrown as `AvpError`). */
export type Operation = (body: Json) => unknown;

const MAX_STATEMENT = 10_000;
const MAX_DESCRIPTION = 150;
const PAGE = { default: 10, max: 50 };

/** The operation table of one endpoint, keyed by the name after `VerifiedPermissions.`. */
export function operations(stores: PolicyStores): Record<string, Operation> {
  const evaluator = new Evaluator();
  const storeOf = (body: Json) => stores.getPolicyStore(id(body.policyStoreId, 'policyStoreId'));

  return {
    IsAuthorized: (body) => evaluator.isAuthorized(storeOf(body), body),

    BatchIsAuthorized: (body) => ({ results: evaluator.batchIsAuthorized(storeOf(body), body) }),

    CreatePolicyStore: (body) => {
      const validationSettings = object(body.validationSettings, 'validationSettings');
      const input = {
        validationMode: oneOf(validationSettings.mode, 'validationSettings.mode', ['STRICT', 'OFF'] as const),
        description: optionalString(body.description, 'description', { min: 0, max: MAX_DESCRIPTION }),
        deletionProtection: body.deletionProtection === undefined
          ? undefined
          : oneOf(body.deletionProtection, 'deletionProtection', ['ENABLED', 'DISABLED'] as const),
      };
      return stores.idempotent('CreatePolicyStore', clientToken(body), input, () => {
        const store = stores.createPolicyStore(input);
        return { policyStoreId: store.policyStoreId, arn: store.arn, createdDate: store.createdDate, lastUpdatedDate: store.lastUpdatedDate };
      });
    },

    GetPolicyStore: (body) => {
      const store = storeOf(body);
      return {
        policyStoreId: store.policyStoreId,
        arn: store.arn,
        validationSettings: { mode: store.validationMode },
        createdDate: store.createdDate,
        lastUpdatedDate: store.lastUpdatedDate,
        description: store.description,
        deletionProtection: store.deletionProtection,
        cedarVersion: 'CEDAR_4',
      };
    },

    ListPolicyStores: (body) => {
      const { items, nextToken } = page(stores.listPolicyStores(), body);
      return {
        policyStores: items.map((store) => ({
          policyStoreId: store.policyStoreId,
          arn: store.arn,
          createdDate: store.createdDate,
          lastUpdatedDate: store.lastUpdatedDate,
          description: store.description,
        })),
        nextToken,
      };
    },

    DeletePolicyStore: (body) => {
      const policyStoreId = id(body.policyStoreId, 'policyStoreId');
      stores.deletePolicyStore(policyStoreId);
      evaluator.forget(policyStoreId);
      return {};
    },

    PutSchema: (body) => {
      const policyStoreId = id(body.policyStoreId, 'policyStoreId');
      const [, cedarJson] = unionMember(body.definition, 'definition', ['cedarJson']);
      const schema = stores.putSchema(policyStoreId, string(cedarJson, 'definition.cedarJson', { max: 100_000 }));
      return { policyStoreId, namespaces: schema.namespaces, createdDate: schema.createdDate, lastUpdatedDate: schema.lastUpdatedDate };
    },

    GetSchema: (body) => {
      const policyStoreId = id(body.policyStoreId, 'policyStoreId');
      const schema = stores.getSchema(policyStoreId);
      return { policyStoreId, schema: schema.cedarJson, namespaces: schema.namespaces, createdDate: schema.createdDate, lastUpdatedDate: schema.lastUpdatedDate };
    },

    CreatePolicyTemplate: (body) => {
      const policyStoreId = id(body.policyStoreId, 'policyStoreId');
      const statement = string(body.statement, 'statement', { max: MAX_STATEMENT });
      const description = optionalString(body.description, 'description', { min: 0, max: MAX_DESCRIPTION });
      return stores.idempotent('CreatePolicyTemplate', clientToken(body), { policyStoreId, statement, description }, () => {
        const template = stores.createPolicyTemplate(policyStoreId, statement, description);
        return { policyStoreId, policyTemplateId: template.policyTemplateId, createdDate: template.createdDate, lastUpdatedDate: template.lastUpdatedDate };
      });
    },

    GetPolicyTemplate: (body) => {
      const policyStoreId = id(body.policyStoreId, 'policyStoreId');
      const template = stores.getPolicyTemplate(policyStoreId, id(body.policyTemplateId, 'policyTemplateId'));
      const { seq: _seq, ...fields } = template;
      return { policyStoreId, ...fields };
    },

    ListPolicyTemplates: (body) => {
      const store = storeOf(body);
      const { items, nextToken } = page([...store.templates.values()], body);
      return {
        policyTemplates: items.map(({ policyTemplateId, description, createdDate, lastUpdatedDate }) => (
          { policyStoreId: store.policyStoreId, policyTemplateId, description, createdDate, lastUpdatedDate })),
        nextToken,
      };
    },

    DeletePolicyTemplate: (body) => {
      stores.deletePolicyTemplate(id(body.policyStoreId, 'policyStoreId'), id(body.policyTemplateId, 'policyTemplateId'));
      return {};
    },

    CreatePolicy: (body) => {
      const policyStoreId = id(body.policyStoreId, 'policyStoreId');
      const definition = policyDefinition(body.definition);
      return stores.idempotent('CreatePolicy', clientToken(body), { policyStoreId, definition }, () => {
        const policy = stores.createPolicy(policyStoreId, definition);
        return policySummary(policyStoreId, policy, stores.getPolicy(policyStoreId, policy.policyId).scope);
      });
    },

    GetPolicy: (body) => {
      const policyStoreId = id(body.policyStoreId, 'policyStoreId');
      const { policy, scope } = stores.getPolicy(policyStoreId, id(body.policyId, 'policyId'));
      return { ...policySummary(policyStoreId, policy, scope), definition: policy.definition };
    },

    ListPolicies: (body) => {
      const store = storeOf(body);
      const matches = policyFilter(store, body.filter);
      const { items, nextToken } = page([...store.policies.values()].filter(matches), body);
      return {
        policies: items.map((policy) => ({
          ...policySummary(store.policyStoreId, policy, store.scopes.get(policy.policyId) as PolicyScope),
          // List items carry a static policy's description but not its statement.
          definition: 'static' in policy.definition ? { static: { description: policy.definition.static.description } } : policy.definition,
        })),
        nextToken,
      };
    },

    UpdatePolicy: (body) => {
      const policyStoreId = id(body.policyStoreId, 'policyStoreId');
      const policyId = id(body.policyId, 'policyId');
      const [, member] = unionMember(body.definition, 'definition', ['static']);
      const definition = object(member, 'definition.static');
      const policy = stores.updatePolicy(
        policyStoreId,
        policyId,
        string(definition.statement, 'definition.static.statement', { max: MAX_STATEMENT }),
        optionalString(definition.description, 'definition.static.description', { min: 0, max: MAX_DESCRIPTION }),
      );
      return policySummary(policyStoreId, policy, stores.getPolicy(policyStoreId, policyId).scope);
    },

    DeletePolicy: (body) => {
      stores.deletePolicy(id(body.policyStoreId, 'policyStoreId'), id(body.policyId, 'policyId'));
      return {};
    },
  };
}

function clientToken(body: Json): string | undefined {
  return optionalString(body.clientToken, 'clientToken', { max: 64 });
}

function policyDefinition(value: unknown): PolicyRecord['definition'] {
  const [kind, member] = unionMember(value, 'definition', ['static', 'templateLinked']);
  const path = `definition.${kind}`;
  const definition = object(member, path);
  if (kind === 'static') {
    const description = optionalString(definition.description, `${path}.description`, { min: 0, max: MAX_DESCRIPTION });
    return { static: { statement: string(definition.statement, `${path}.statement`, { max: MAX_STATEMENT }), ...(description === undefined ? {} : { description }) } };
  }
  const principal = optionalEntityIdentifier(definition.principal, `${path}.principal`);
  const resource = optionalEntityIdentifier(definition.resource, `${path}.resource`);
  return {
    templateLinked: {
      policyTemplateId: id(definition.policyTemplateId, `${path}.policyTemplateId`),
      ...(principal ? { principal } : {}),
      ...(resource ? { resource } : {}),
    },
  };
}

function policySummary(policyStoreId: string, policy: PolicyRecord, scope: PolicyScope) {
  return {
    policyStoreId,
    policyId: policy.policyId,
    policyType: 'static' in policy.definition ? 'STATIC' : 'TEMPLATE_LINKED',
    principal: scope.principal,
    resource: scope.resource,
    actions: scope.actions,
    effect: scope.effect,
    createdDate: policy.createdDate,
    lastUpdatedDate: policy.lastUpdatedDate,
  };
}

/** ListPolicies' `filter`: by principal/resource (`identifier` or `unspecified`), type and template. */
function policyFilter(store: PolicyStoreRecord, value: unknown): (policy: PolicyRecord) => boolean {
  const filter = optionalObject(value, 'filter');
  if (!filter) return () => true;
  const principal = entityReference(filter.principal, 'filter.principal');
  const resource = entityReference(filter.resource, 'filter.resource');
  const policyType = filter.policyType === undefined ? undefined : oneOf(filter.policyType, 'filter.policyType', ['STATIC', 'TEMPLATE_LINKED'] as const);
  const templateId = filter.policyTemplateId === undefined ? undefined : id(filter.policyTemplateId, 'filter.policyTemplateId');
  return (policy) => {
    const scope = store.scopes.get(policy.policyId) as PolicyScope;
    const linked = 'templateLinked' in policy.definition ? policy.definition.templateLinked : undefined;
    return principal(scope.principal)
      && resource(scope.resource)
      && (policyType === undefined || policyType === (linked ? 'TEMPLATE_LINKED' : 'STATIC'))
      && (templateId === undefined || linked?.policyTemplateId === templateId);
  };
}

/** An `EntityReference` filter as a predicate on a policy's scope entity. */
function entityReference(value: unknown, path: string): (entity: EntityIdentifier | undefined) => boolean {
  if (value === undefined || value === null) return () => true;
  const [kind, member] = unionMember(value, path, ['unspecified', 'identifier']);
  if (kind === 'unspecified') {
    if (typeof member !== 'boolean') throw invalidField(`${path}.unspecified`, 'Member must be a boolean');
    return (entity) => (entity === undefined) === member;
  }
  const wanted = entityIdentifier(member, `${path}.identifier`);
  return (entity) => entity?.entityType === wanted.entityType && entity.entityId === wanted.entityId;
}

/**
 * One page in creation order. The token is the creation sequence number of the last item
 * returned, so deletions between pages neither skip nor repeat items.
 */
function page<T extends { seq: number }>(items: T[], body: Json): { items: T[]; nextToken?: string } {
  const maxResults = optionalInteger(body.maxResults, 'maxResults', 1, PAGE.max) ?? PAGE.default;
  const after = body.nextToken === undefined || body.nextToken === null ? 0 : decodeToken(body.nextToken);
  const rest = items.filter((item) => item.seq > after).sort((a, b) => a.seq - b.seq);
  const selected = rest.slice(0, maxResults);
  const last = selected.at(-1);
  return rest.length > maxResults && last ? { items: selected, nextToken: Buffer.from(JSON.stringify({ after: last.seq })).toString('base64url') } : { items: selected };
}

function decodeToken(value: unknown): number {
  const token = string(value, 'nextToken', { max: 8000 });
  try {
    const decoded: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (isObject(decoded) && typeof decoded.after === 'number') return decoded.after;
  } catch {
    // Falls through to the refusal below.
  }
  throw invalidField('nextToken', 'Invalid pagination token');
}
