/**
 * What the service learns from Cedar text: parsing a statement into exactly one policy or
 * template, the scope it reports back (effect, principal, resource, actions), and strict
 * validation against a schema.
 */
import * as cedar from '@cedar-policy/cedar-wasm/nodejs';
import type { DetailedError, EntityUidJson, PolicyJson, PolicySet, TypeAndId } from '@cedar-policy/cedar-wasm/nodejs';
import { invalidField, validationError } from './errors.ts';
import type { ValidationField } from './errors.ts';
import type { EntityIdentifier } from './input.ts';

/** AVP's `ActionIdentifier`. */
export interface ActionIdentifier {
  actionType: string;
  actionId: string;
}

/** The scope fields that AVP answers for every policy. */
export interface PolicyScope {
  effect: 'Permit' | 'Forbid';
  principal?: EntityIdentifier;
  resource?: EntityIdentifier;
  actions?: ActionIdentifier[];
}

/** A parsed template: its Cedar JSON form and the slots a link must fill. */
export interface ParsedTemplate {
  json: PolicyJson;
  slots: { principal: boolean; resource: boolean };
}

/** Slot values of a template link, keyed as Cedar expects (`?principal`, `?resource`). */
export type SlotValues = Record<string, TypeAndId>;

/** Parses a statement that must hold exactly one static policy. */
export function parseStaticPolicy(statement: string, path: string): PolicyJson {
  const parts = cedar.policySetTextToParts(statement);
  if (parts.type === 'failure') throw refused(path, parts.errors);
  if (parts.policy_templates.length > 0) throw invalidField(path, 'A static policy must not contain template slots (?principal, ?resource)');
  if (parts.policies.length !== 1) throw invalidField(path, `A policy statement must contain exactly one policy, found ${parts.policies.length}`);
  const answer = cedar.policyToJson(parts.policies[0] as string);
  if (answer.type === 'failure') throw refused(path, answer.errors);
  return answer.json;
}

/** Parses a statement that must hold exactly one template (a policy with at least one slot). */
export function parseTemplate(statement: string, path: string): ParsedTemplate {
  const parts = cedar.policySetTextToParts(statement);
  if (parts.type === 'failure') throw refused(path, parts.errors);
  if (parts.policies.length > 0) throw invalidField(path, 'A policy template must use a ?principal or ?resource slot in its scope');
  if (parts.policy_templates.length !== 1) {
    throw invalidField(path, `A policy template statement must contain exactly one template, found ${parts.policy_templates.length}`);
  }
  const answer = cedar.templateToJson(parts.policy_templates[0] as string);
  if (answer.type === 'failure') throw refused(path, answer.errors);
  const json = answer.json;
  return { json, slots: { principal: hasSlot(json.principal), resource: hasSlot(json.resource) } };
}

/** The scope of a static policy, or of a template once its slots are filled with `values`. */
export function scopeOf(json: PolicyJson, values: SlotValues = {}): PolicyScope {
  const scope: PolicyScope = { effect: json.effect === 'permit' ? 'Permit' : 'Forbid' };
  const principal = scopeEntity(json.principal, values);
  const resource = scopeEntity(json.resource, values);
  const actions = scopeActions(json.action);
  if (principal) scope.principal = principal;
  if (resource) scope.resource = resource;
  if (actions) scope.actions = actions;
  return scope;
}

/**
 * Strict validation of a policy set against a schema: the refusals as AVP `fieldList` entries
 * (`path` = `fieldPath` for a single write, or the id of each policy/template that fails).
 * Warnings (e.g. an impossible policy) are not refusals, as in the service.
 */
export function strictValidationFields(schema: unknown, policies: PolicySet, fieldPath?: string): ValidationField[] {
  const answer = cedar.validate({ schema: schema as cedar.Schema, policies, validationSettings: { mode: 'strict' } });
  if (answer.type === 'failure') return answer.errors.map((error) => ({ path: fieldPath ?? 'policies', message: describe(error) }));
  return answer.validationErrors.map(({ policyId, error }) => ({ path: fieldPath ?? policyId, message: describe(error) }));
}

/** Cedar's message with its hint, as one line. */
export function describe(error: DetailedError): string {
  return error.help ? `${error.message} (${error.help})` : error.message;
}

function refused(path: string, errors: DetailedError[]) {
  const fields = errors.map((error) => ({ path, message: describe(error) }));
  return validationError(`${path}: ${fields.map((field) => field.message).join('; ')}`, fields);
}

type ScopeConstraint = PolicyJson['principal'];

function hasSlot(constraint: ScopeConstraint): boolean {
  return (constraint.op === '==' || constraint.op === 'in') && 'slot' in constraint;
}

/** The entity a principal/resource scope names (`==`, `in`, or `is ... in`), if any. */
function scopeEntity(constraint: ScopeConstraint, values: SlotValues): EntityIdentifier | undefined {
  const target = constraint.op === 'is' ? constraint.in : constraint.op === 'All' ? undefined : constraint;
  if (!target) return undefined;
  const uid = 'slot' in target ? values[target.slot] : plainUid(target.entity);
  return uid && { entityType: uid.type, entityId: uid.id };
}

function scopeActions(constraint: PolicyJson['action']): ActionIdentifier[] | undefined {
  if (constraint.op === 'All') return undefined;
  const uids = 'entities' in constraint ? constraint.entities : 'entity' in constraint ? [constraint.entity] : [];
  return uids.map(plainUid).map((uid) => ({ actionType: uid.type, actionId: uid.id }));
}

function plainUid(uid: EntityUidJson): TypeAndId {
  return '__entity' in uid ? uid.__entity : uid;
}
