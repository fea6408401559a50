/**
 * The single source of the Verified Permissions policy stores: the CDK app and the local Verified
 * Permissions endpoint both load stores through this module.
 *
 * Layout (lambda-authorizer/cedar/):
 *   schema.cedarschema        one schema, shared by every store (converted to JSON: PutSchema takes JSON only)
 *   tenant/*.cedar            static policies of every customer tenant's store, one policy per file
 *   tenant/templates/*.cedar  policy templates of every customer tenant's store, one template per file
 *   system/*.cedar            static policies of the system tenant's store
 *   system/templates/*.cedar  (optional) templates of the system store
 *
 * Every policy and template carries `@id("...")`; that id is its key here and in the policy set
 * handed to cedar-wasm (a map id → text, never one blob, which would renumber them policy0..N).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  policySetTextToParts,
  policyToJson,
  schemaToJson,
  templateToJson,
  validate,
  type DetailedError,
} from '@cedar-policy/cedar-wasm/nodejs';

export type StoreKind = 'tenant' | 'system';

export interface PolicyStoreSource {
  /** The Cedar JSON schema, as AVP's PutSchema `definition.cedarJson` expects it. */
  schemaJson: string;
  /** Static policies, keyed by their `@id`. */
  policies: Record<string, string>;
  /** Policy templates, keyed by their `@id`. */
  templates: Record<string, string>;
}

/** The raw texts of one store, keyed by file name (used in problem messages). */
export interface PolicyStoreFiles {
  schema: string;
  policies: Record<string, string>;
  templates: Record<string, string>;
}

export { CEDAR_NAMESPACE };
export const STORE_KINDS: readonly StoreKind[] = ['tenant', 'system'];
export const CEDAR_DIR = fileURLToPath(new URL('./cedar/', import.meta.url));
const SCHEMA_FILE = 'schema.cedarschema';

/** The restricted field groups live in domain/: the resolvers check them too. */
export { FIELD_GROUPS } from '../domain/model/authorization.ts';
import { CEDAR_NAMESPACE } from '../domain/model/authorization.ts';

/** Action ids of GraphQL operations are `<root type>.<field>`. */
const OPERATION_ACTION = /^(Query|Mutation|Subscription)\.[_A-Za-z][_0-9A-Za-z]*$/;
/** `@id` values become AVP policy descriptions and CDK construct ids: keep them plain. */
const POLICY_ID = /^[A-Za-z][A-Za-z0-9_-]*$/;

export class PolicyStoreValidationError extends Error {
  override readonly name = 'PolicyStoreValidationError';
  constructor(
    readonly store: string,
    readonly problems: readonly string[],
  ) {
    super(`Policy store "${store}" is invalid (${problems.length} problem(s)):\n  - ${problems.join('\n  - ')}`);
  }
}

/** Reads the files for a store kind. */
export function readPolicyStoreFiles(kind: StoreKind, dir: string = CEDAR_DIR): PolicyStoreFiles {
  return {
    schema: readFileSync(path.join(dir, SCHEMA_FILE), 'utf8'),
    policies: readCedarFiles(path.join(dir, kind)),
    templates: readCedarFiles(path.join(dir, kind, 'templates')),
  };
}

function readCedarFiles(dir: string): Record<string, string> {
  if (!existsSync(dir)) return {};
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.isFile() && entry.name.endsWith('.cedar')) files[entry.name] = readFileSync(path.join(dir, entry.name), 'utf8');
  }
  return files;
}

/**
 * Checks the texts of one store: the schema parses and has the single `OptimalHR` namespace (AVP
 * allows one), every file holds exactly one policy (or template) with a unique, well-formed `@id`,
 * and the whole set validates in strict mode with no errors and no warnings. Returns every
 * problem found (empty when valid) and, when valid, the store source.
 */
export function validatePolicyStoreFiles(files: PolicyStoreFiles): { problems: string[]; source: PolicyStoreSource | undefined } {
  const problems: string[] = [];

  // ---- Schema
  let schemaJson: string | undefined;
  const converted = schemaToJson(files.schema);
  if (converted.type === 'failure') {
    problems.push(...converted.errors.map((e) => `${SCHEMA_FILE}: ${describe(e, files.schema)}`));
  } else {
    problems.push(...converted.warnings.map((e) => `${SCHEMA_FILE}: warning: ${describe(e, files.schema)}`));
    const namespaces = Object.keys(converted.json);
    if (namespaces.length !== 1 || namespaces[0] !== CEDAR_NAMESPACE) {
      problems.push(`${SCHEMA_FILE}: expected exactly the namespace ${CEDAR_NAMESPACE}, found ${JSON.stringify(namespaces)}`);
    }
    schemaJson = JSON.stringify(converted.json);
  }

  // ---- One policy or template per file, keyed by @id
  const policies: Record<string, string> = {};
  const templates: Record<string, string> = {};
  const fileOf = new Map<string, { file: string; text: string }>();
  const collect = (kind: 'policy' | 'template', file: string, text: string, into: Record<string, string>) => {
    const parts = policySetTextToParts(text);
    if (parts.type === 'failure') {
      problems.push(...parts.errors.map((e) => `${file}: ${describe(e, text)}`));
      return;
    }
    const [wanted, unwanted] = kind === 'policy' ? [parts.policies, parts.policy_templates] : [parts.policy_templates, parts.policies];
    if (wanted.length !== 1 || unwanted.length !== 0) {
      const where = kind === 'policy' ? 'a policy directory' : 'a templates directory';
      problems.push(
        `${file}: expected exactly one ${kind} (${where}), found ${parts.policies.length} static policies and ${parts.policy_templates.length} templates`,
      );
      return;
    }
    const json = kind === 'policy' ? policyToJson(text) : templateToJson(text);
    if (json.type === 'failure') {
      problems.push(...json.errors.map((e) => `${file}: ${describe(e, text)}`));
      return;
    }
    const id = json.json.annotations?.id;
    if (id === undefined) {
      problems.push(`${file}: missing @id("...") annotation`);
      return;
    }
    if (!POLICY_ID.test(id)) {
      problems.push(`${file}: @id ${JSON.stringify(id)} must match ${POLICY_ID.source}`);
      return;
    }
    const previous = fileOf.get(id);
    if (previous) {
      problems.push(`${file}: duplicate @id("${id}"), already used by ${previous.file}`);
      return;
    }
    fileOf.set(id, { file, text });
    into[id] = text; // as written, so validation offsets map to the file's lines
  };
  for (const [file, text] of Object.entries(files.policies)) collect('policy', file, text, policies);
  for (const [file, text] of Object.entries(files.templates)) collect('template', `templates/${file}`, text, templates);

  // ---- Strict validation of the whole set against the schema
  if (schemaJson !== undefined) {
    const answer = validate({
      schema: JSON.parse(schemaJson),
      policies: { staticPolicies: policies, templates },
      validationSettings: { mode: 'strict' },
    });
    const at = (policyId: string, error: DetailedError, prefix = '') => {
      const origin = fileOf.get(policyId);
      return `${origin?.file ?? policyId} (@id ${policyId}): ${prefix}${describe(error, origin?.text)}`;
    };
    // Warnings count as problems: an impossible policy (say, an action that does not apply to the
    // resource type it names) is a mistake. Sorted, since the validator's order is not stable.
    const found: string[] = [];
    if (answer.type === 'failure') {
      found.push(...answer.errors.map((e) => `validation failed: ${describe(e)}`));
    } else {
      found.push(...answer.validationErrors.map((e) => at(e.policyId, e.error)));
      found.push(...answer.validationWarnings.map((e) => at(e.policyId, e.error, 'warning: ')));
      found.push(...answer.otherWarnings.map((e) => `warning: ${describe(e)}`));
    }
    problems.push(...found.sort());
  }

  if (problems.length > 0 || schemaJson === undefined) return { problems, source: undefined };
  return { problems, source: { schemaJson, policies, templates } };
}

/** Validates the texts of a store and returns its source; throws with every problem if invalid. */
export function compilePolicyStoreSource(files: PolicyStoreFiles, store = 'custom'): PolicyStoreSource {
  const { problems, source } = validatePolicyStoreFiles(files);
  if (!source) throw new PolicyStoreValidationError(store, problems);
  return source;
}

/** Reads the files for a store kind (policies keyed by their @id), validates them strictly with cedar-wasm, and throws with every problem if invalid. */
export function loadPolicyStoreSource(kind: StoreKind): PolicyStoreSource {
  return compilePolicyStoreSource(readPolicyStoreFiles(kind), kind);
}

interface SchemaActions {
  [namespace: string]: { actions: Record<string, unknown> };
}
let schemaActionIds: string[] | undefined;

/** Every action id declared in the schema (operations, groups, field groups). */
export function schemaActions(): string[] {
  if (!schemaActionIds) {
    const converted = schemaToJson(readFileSync(path.join(CEDAR_DIR, SCHEMA_FILE), 'utf8'));
    if (converted.type === 'failure') {
      throw new PolicyStoreValidationError('schema', converted.errors.map((e) => describe(e)));
    }
    const namespace = (converted.json as SchemaActions)[CEDAR_NAMESPACE];
    schemaActionIds = Object.keys(namespace?.actions ?? {}).sort();
  }
  return [...schemaActionIds];
}

/** The actions of GraphQL operations (`Query.employee`...) declared in the schema. */
export function operationActions(): string[] {
  return schemaActions().filter((id) => OPERATION_ACTION.test(id));
}

/** One problem as a line: message, position in the text when known, and Cedar's help. */
function describe(error: DetailedError, text?: string): string {
  const location = text !== undefined ? error.sourceLocations?.[0] : undefined;
  const position = location ? ` [line ${lineOf(text ?? '', location.start)}]` : '';
  const help = error.help ? ` (${error.help})` : '';
  return `${error.message}${position}${help}`;
}

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}
