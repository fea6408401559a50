import { readFileSync } from 'node:fs';
import { Kind, parse, type ObjectTypeDefinitionNode, type ObjectTypeExtensionNode } from 'graphql';
import { templateToJson } from '@cedar-policy/cedar-wasm/nodejs';
import { describe, expect, it } from 'vitest';
import { CAPABILITIES } from '../../domain/model/authorization.ts';
import {
  CEDAR_NAMESPACE,
  FIELD_GROUPS,
  PolicyStoreValidationError,
  STORE_KINDS,
  compilePolicyStoreSource,
  loadPolicyStoreSource,
  operationActions,
  readPolicyStoreFiles,
  schemaActions,
  validatePolicyStoreFiles,
  type PolicyStoreFiles,
} from '../../lambda-authorizer/policy-store.ts';

interface ActionJson {
  appliesTo?: { principalTypes: string[]; resourceTypes: string[] };
  memberOf?: { id: string }[];
}
interface SchemaJson {
  [namespace: string]: { entityTypes: Record<string, unknown>; actions: Record<string, ActionJson> };
}
const schemaOf = (kind: 'tenant' | 'system') => JSON.parse(loadPolicyStoreSource(kind).schemaJson) as SchemaJson;
const actionsJson = () => schemaOf('tenant')[CEDAR_NAMESPACE]!.actions;

/** `Type.field` for every field of the GraphQL root operation types (definitions and extensions). */
function graphqlOperations(): string[] {
  const document = parse(readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8'));
  const roots = new Map([
    ['Query', 'Query'],
    ['Mutation', 'Mutation'],
    ['Subscription', 'Subscription'],
  ]);
  for (const definition of document.definitions) {
    if (definition.kind === Kind.SCHEMA_DEFINITION) {
      roots.clear();
      for (const op of definition.operationTypes) roots.set(op.type.name.value, op.operation.replace(/^./, (c) => c.toUpperCase()));
    }
  }
  const operations: string[] = [];
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    const node = definition as ObjectTypeDefinitionNode | ObjectTypeExtensionNode;
    const root = roots.get(node.name.value);
    if (root) operations.push(...(node.fields ?? []).map((f) => `${root}.${f.name.value}`));
  }
  return operations.sort();
}

function graphqlFields(typeName: string): string[] {
  const document = parse(readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8'));
  return document.definitions.flatMap((d) =>
    (d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.OBJECT_TYPE_EXTENSION) && d.name.value === typeName
      ? (d.fields ?? []).map((f) => `${typeName}.${f.name.value}`)
      : [],
  );
}

describe('loadPolicyStoreSource', () => {
  it.each(STORE_KINDS)('the %s store validates strictly and keys its policies by @id', (kind) => {
    const source = loadPolicyStoreSource(kind);
    expect(Object.keys(source.policies).length).toBeGreaterThan(0);
    for (const [id, text] of Object.entries({ ...source.policies, ...source.templates })) {
      expect(text).toContain(`@id("${id}")`);
    }
    expect(Object.keys(schemaOf(kind))).toEqual([CEDAR_NAMESPACE]);
    expect(Object.keys(schemaOf(kind)[CEDAR_NAMESPACE]!.entityTypes).sort()).toEqual(['Employee', 'Role', 'Tenant', 'User']);
  });

  it('has the designed policies and templates', () => {
    const tenant = loadPolicyStoreSource('tenant');
    expect(Object.keys(tenant.policies).sort()).toEqual([
      'ForbidAccessOtherTenants',
      'ForbidKioskBeyondPunching',
      'ForbidOtherTenant',
      'ForbidOtherTenantEmployee',
      'KioskPunch',
      'KioskPunchForEmployees',
      'ManagementLine',
      'TenantAdminAttendance',
      'TenantAdminEmployeeDetails',
      'TenantAdminEmployeeOperations',
      'TenantAdminJobs',
      'TenantAdminLeave',
      'TenantAdminLeaveRequests',
      'TenantAdminOrganisation',
      'TenantAdminPayroll',
      'TenantAdminSchedules',
      'TenantAdminUsers',
      'TenantUserAttendance',
      'TenantUserDocuments',
      'TenantUserLeaveRequests',
      'TenantUserPersonnelFile',
      'TenantUserReadEmployees',
      'TenantUsersOwnNotifications',
      'TenantUsersOwnPayslips',
      'TenantUsersOwnProfile',
      'TenantUsersReadLeave',
      'TenantUsersReadOrganisation',
      'TenantUsersReadRosters',
      'TenantUsersReadSchedules',
    ]);
    expect(Object.keys(tenant.templates).sort()).toEqual(['PayrollOfficer', 'SelfService']);
    const system = loadPolicyStoreSource('system');
    expect(Object.keys(system.policies).sort()).toEqual([
      'ForbidSuperuserTenantLifecycle',
      'ForbidSupportManageAndSensitive',
      'SystemAdminAll',
      'SystemSuperuserAll',
      'SystemSupportPersonalDetails',
      'SystemSupportReadAttendance',
      'SystemSupportReadEmployees',
      'SystemSupportReadJobs',
      'SystemSupportReadOrganisation',
      'SystemSupportReadSchedules',
      'SystemUsersOwnNotifications',
    ]);
    expect(system.templates).toEqual({});
  });

  it.each(STORE_KINDS)('every %s policy file opens with a comment saying why', (kind) => {
    const files = readPolicyStoreFiles(kind);
    for (const [file, text] of Object.entries({ ...files.policies, ...files.templates })) {
      expect(text.split('\n')[0], file).toMatch(/^\/\/ \S.{10,}/);
    }
  });

  it('templates constrain both principal and resource (Verified Permissions rejects them otherwise)', () => {
    for (const [id, text] of Object.entries(loadPolicyStoreSource('tenant').templates)) {
      const json = templateToJson(text);
      if (json.type !== 'success') throw new Error(`${id}: ${JSON.stringify(json.errors)}`);
      expect(json.json.principal.op, id).not.toBe('All');
      expect(json.json.resource.op, id).not.toBe('All');
    }
  });
});

describe('validatePolicyStoreFiles on broken copies', () => {
  const copy = (): PolicyStoreFiles => {
    const files = readPolicyStoreFiles('tenant');
    return { schema: files.schema, policies: { ...files.policies }, templates: { ...files.templates } };
  };

  it('accepts the real files', () => {
    expect(validatePolicyStoreFiles(readPolicyStoreFiles('tenant')).problems).toEqual([]);
    expect(validatePolicyStoreFiles(readPolicyStoreFiles('system')).problems).toEqual([]);
  });

  it('reports an unknown attribute with the file it is in', () => {
    const files = copy();
    files.policies['tenant-admin-employee-details.cedar'] = files.policies['tenant-admin-employee-details.cedar']!.replace(
      'resource.tenant == principal.tenant',
      'resource.department == principal.tenant',
    );
    const { problems, source } = validatePolicyStoreFiles(files);
    expect(source).toBeUndefined();
    expect(problems).toEqual([expect.stringMatching(/^tenant-admin-employee-details\.cedar \(@id TenantAdminEmployeeDetails\): .*attribute `department`.*not found/)]);
  });

  it('reports a policy whose action does not apply to its resource type', () => {
    const files = copy();
    files.policies['wrong.cedar'] = `// wrong on purpose
@id("SensitiveOnTenant")
permit (principal, action == OptimalHR::Action::"ReadSensitiveDetails", resource is OptimalHR::Tenant);`;
    const { problems } = validatePolicyStoreFiles(files);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.startsWith('wrong.cedar (@id SensitiveOnTenant): '))).toBe(true);
    expect(problems.join('\n')).toMatch(/unable to find an applicable action/);
  });

  it('reports policies left impossible by a schema whose appliesTo is wrong', () => {
    const files = copy();
    files.schema = files.schema
      .replace(/(action "ReadEmployees" appliesTo \{ principal: \[User\], resource: )\[Tenant\]/, '$1[Employee]')
      // Every operation of the group TenantUserReadEmployees grants, so the policy can apply to nothing.
      .replace(/(in \["ReadEmployees"\]\s+appliesTo \{ principal: \[User\], resource: )\[Tenant\]/g, '$1[Employee]');
    expect(files.schema).not.toEqual(readPolicyStoreFiles('tenant').schema);
    const { problems } = validatePolicyStoreFiles(files);
    expect(problems.join('\n')).toMatch(/tenant-user-read-employees\.cedar \(@id TenantUserReadEmployees\): .*impossible/);
  });

  it('reports every problem at once, and loading throws with all of them', () => {
    const files = copy();
    files.policies['no-id.cedar'] = '// no id\npermit (principal, action, resource);';
    files.policies['dup.cedar'] = '// dup\n@id("TenantUserReadEmployees")\npermit (principal, action, resource);';
    files.policies['two.cedar'] = '// two\n@id("A") permit (principal, action, resource);\n@id("B") forbid (principal, action, resource);';
    files.policies['syntax.cedar'] = '// syntax\n@id("Broken")\npermit (principal, action, resource)\nwhen { 1 + };';
    files.policies['template-here.cedar'] = '// template\n@id("T")\npermit (principal == ?principal, action, resource);';
    files.templates['bad-slot.cedar'] = '// bad\n@id("BadTemplate")\npermit (principal == ?principal, action, resource in ?resource) when { resource.nope };';
    files.schema += '\nnamespace Other { entity Thing; }\n';
    const { problems } = validatePolicyStoreFiles(files);
    const text = problems.join('\n');
    expect(text).toMatch(/^no-id\.cedar: missing @id/m);
    expect(text).toMatch(/^dup\.cedar: duplicate @id\("TenantUserReadEmployees"\), already used by tenant-user-read-employees\.cedar/m);
    expect(text).toMatch(/^two\.cedar: expected exactly one policy/m);
    expect(text).toMatch(/^syntax\.cedar: .*\[line 4\]/m);
    expect(text).toMatch(/^template-here\.cedar: expected exactly one policy .* 0 static policies and 1 templates/m);
    expect(text).toMatch(/^templates\/bad-slot\.cedar \(@id BadTemplate\): /m);
    expect(text).toMatch(/^schema\.cedarschema: expected exactly the namespace OptimalHR/m);

    let thrown: unknown;
    try {
      compilePolicyStoreSource(files, 'broken');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(PolicyStoreValidationError);
    expect((thrown as PolicyStoreValidationError).problems).toEqual(problems);
    expect((thrown as Error).message).toContain('Policy store "broken" is invalid');
  });

  it('reports a schema that does not parse', () => {
    const files = copy();
    files.schema = files.schema.replace('entity Tenant;', 'entity Tenant');
    const { problems, source } = validatePolicyStoreFiles(files);
    expect(source).toBeUndefined();
    expect(problems[0]).toMatch(/^schema\.cedarschema: /);
  });
});

describe('Cedar actions and the GraphQL schema', () => {
  it('every GraphQL operation has an action and every operation action has an operation (no drift)', () => {
    expect(graphqlOperations().length).toBeGreaterThan(0);
    expect(operationActions()).toEqual(graphqlOperations());
  });

  it('operation actions apply to users on a tenant and belong to exactly one operation group, which applies the same', () => {
    // The authorizer asks about groups: a group's decision stands for its operations only because of this.
    const actions = actionsJson();
    for (const id of operationActions()) {
      const action = actions[id]!;
      expect(action.appliesTo, id).toEqual({ principalTypes: ['User'], resourceTypes: ['Tenant'] });
      expect(action.memberOf?.length, `${id} must be in exactly one group (ReadEmployees, ManageEmployees...)`).toBe(1);
      const group = actions[action.memberOf![0]!.id]!;
      expect(group.appliesTo, action.memberOf![0]!.id).toEqual(action.appliesTo);
      expect(group.memberOf ?? [], action.memberOf![0]!.id).toEqual([]);
    }
  });

  it('no policy or template names a single operation: they grant and forbid groups', () => {
    for (const kind of STORE_KINDS) {
      const { policies, templates } = readPolicyStoreFiles(kind);
      for (const [file, text] of Object.entries({ ...policies, ...templates })) {
        expect(text, `${kind}/${file}`).not.toMatch(/Action::"(Query|Mutation|Subscription)\./);
      }
    }
  });

  it('field-group actions exist, apply to employees, and cover existing, disjoint GraphQL fields; the other employee actions are capabilities', () => {
    const actions = actionsJson();
    // Fields of an employee, and of records about one (contract terms name their employee).
    const employeeFields = [...graphqlFields('Employee'), ...graphqlFields('ContractTerms')];
    const seen = new Set<string>();
    for (const [group, fields] of Object.entries(FIELD_GROUPS)) {
      expect(actions[group]?.appliesTo, group).toEqual({ principalTypes: ['User'], resourceTypes: ['Employee'] });
      expect(fields.length).toBeGreaterThan(0);
      for (const field of fields) {
        expect(employeeFields, `${group} covers ${field}`).toContain(field);
        expect(seen.has(field), `${field} is in two groups`).toBe(false);
        seen.add(field);
      }
    }
    // Every Employee-resource action is a field group listed in FIELD_GROUPS or a capability the authorizer asks about.
    const employeeActions = Object.entries(actions)
      .filter(([, a]) => a.appliesTo?.resourceTypes.includes('Employee'))
      .map(([id]) => id)
      .sort();
    expect(employeeActions).toEqual([...Object.keys(FIELD_GROUPS), ...CAPABILITIES].sort());
  });

  it('declares exactly the operations, groups, AccessOtherTenants, capabilities and field groups', () => {
    expect(schemaActions()).toEqual(
      [
        ...operationActions(), 'ReadEmployees', 'ManageEmployees', 'OwnProfile', 'PersonnelFile', 'EmployeeDocuments', 'OwnNotifications', 'ReadJobs', 'ManageJobs', 'ReadOrganisation', 'ManageOrganisation', 'ReadSchedules', 'ManageSchedules', 'ReadRosters',
        'Punch', 'OwnAttendance', 'ReadAttendance', 'DecideAttendance', 'ManageTenants', 'ManageUsers', 'ReadLeave', 'ManageLeave', 'RequestLeave', 'DecideLeave', 'ReadPayroll', 'RunPayroll', 'ReadOwnPayslips', 'InternalOperations', 'AccessOtherTenants', ...CAPABILITIES, ...Object.keys(FIELD_GROUPS),
      ].sort(),
    );
  });
});
