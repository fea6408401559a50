import {
  CreatePolicyCommand,
  CreatePolicyStoreCommand,
  CreatePolicyTemplateCommand,
  PutSchemaCommand,
  VerifiedPermissionsClient,
} from '@aws-sdk/client-verifiedpermissions';
import type { EntityItem } from '@aws-sdk/client-verifiedpermissions';
import { startLocalVerifiedPermissions } from '../../../local/verifiedpermissions/index.ts';
import type { LocalVerifiedPermissions, LocalVerifiedPermissionsOptions } from '../../../local/verifiedpermissions/index.ts';

/** A running endpoint and an SDK client pointed at it. */
export interface TestAvp {
  avp: LocalVerifiedPermissions;
  client: VerifiedPermissionsClient;
  stop(): Promise<void>;
}

export async function startTestAvp(options: LocalVerifiedPermissionsOptions = {}): Promise<TestAvp> {
  const avp = await startLocalVerifiedPermissions(options);
  const client = new VerifiedPermissionsClient({
    endpoint: avp.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  return {
    avp,
    client,
    stop: async () => {
      client.destroy();
      await avp.stop();
    },
  };
}

const CONTEXT = {
  type: 'Record',
  attributes: {
    mfa: { type: 'Boolean', required: false },
    sourceIp: { type: 'Extension', name: 'ipaddr', required: false },
  },
};
const APPLIES_TO = { principalTypes: ['User'], resourceTypes: ['Document'], context: CONTEXT };

/** Users in roles, documents with an owner; `read` and `list` form the `view` group. */
export const SCHEMA = {
  HR: {
    entityTypes: {
      Role: {},
      User: {
        memberOfTypes: ['Role'],
        shape: { type: 'Record', attributes: { department: { type: 'String' }, level: { type: 'Long' } } },
      },
      Document: {
        shape: {
          type: 'Record',
          attributes: { owner: { type: 'Entity', name: 'User' }, confidential: { type: 'Boolean' } },
        },
      },
    },
    actions: {
      view: {},
      read: { memberOf: [{ id: 'view' }], appliesTo: APPLIES_TO },
      list: { memberOf: [{ id: 'view' }], appliesTo: APPLIES_TO },
      edit: { appliesTo: APPLIES_TO },
    },
  },
};

export const POLICIES = {
  ownerReadsAndEdits: 'permit(principal, action in [HR::Action::"read", HR::Action::"edit"], resource) when { resource.owner == principal };',
  adminsView: 'permit(principal in HR::Role::"admin", action in HR::Action::"view", resource);',
  confidentialNeedsMfa: 'forbid(principal, action, resource) when { resource.confidential && !(context has mfa && context.mfa) };',
  editOnlyFromOffice: 'forbid(principal, action == HR::Action::"edit", resource) when { context has sourceIp && !context.sourceIp.isInRange(ip("10.0.0.0/8")) };',
};

export const VIEW_TEMPLATE = 'permit(principal == ?principal, action in HR::Action::"view", resource == ?resource);';

/** The ids of what {@link createHrStore} created. */
export interface HrStore {
  policyStoreId: string;
  policyIds: Record<keyof typeof POLICIES, string>;
  templateId: string;
  /** The template linked to bob and doc-2. */
  linkId: string;
}

/** A STRICT store with the schema, the static policies, the view template and one link. */
export async function createHrStore(client: VerifiedPermissionsClient): Promise<HrStore> {
  const { policyStoreId } = await client.send(new CreatePolicyStoreCommand({ validationSettings: { mode: 'STRICT' }, description: 'hr' }));
  await client.send(new PutSchemaCommand({ policyStoreId, definition: { cedarJson: JSON.stringify(SCHEMA) } }));
  const policyIds = {} as Record<keyof typeof POLICIES, string>;
  for (const [name, statement] of Object.entries(POLICIES) as [keyof typeof POLICIES, string][]) {
    const created = await client.send(new CreatePolicyCommand({ policyStoreId, definition: { static: { statement, description: name } } }));
    policyIds[name] = created.policyId as string;
  }
  const { policyTemplateId } = await client.send(new CreatePolicyTemplateCommand({ policyStoreId, statement: VIEW_TEMPLATE, description: 'view one document' }));
  const link = await client.send(new CreatePolicyCommand({
    policyStoreId,
    definition: { templateLinked: { policyTemplateId, principal: user('bob'), resource: doc('doc-2') } },
  }));
  return { policyStoreId: policyStoreId as string, policyIds, templateId: policyTemplateId as string, linkId: link.policyId as string };
}

export const user = (entityId: string) => ({ entityType: 'HR::User', entityId });
export const doc = (entityId: string) => ({ entityType: 'HR::Document', entityId });
export const action = (actionId: string) => ({ actionType: 'HR::Action', actionId });

/** alice (owner of doc-1, in role admin), bob (owner of doc-2), carol; doc-3 is confidential. */
export const ENTITIES: EntityItem[] = [
  {
    identifier: user('alice'),
    attributes: { department: { string: 'hr' }, level: { long: 3 } },
    parents: [{ entityType: 'HR::Role', entityId: 'admin' }],
  },
  { identifier: user('bob'), attributes: { department: { string: 'it' }, level: { long: 1 } } },
  { identifier: user('carol'), attributes: { department: { string: 'it' }, level: { long: 2 } } },
  { identifier: doc('doc-1'), attributes: { owner: { entityIdentifier: user('alice') }, confidential: { boolean: false } } },
  { identifier: doc('doc-2'), attributes: { owner: { entityIdentifier: user('bob') }, confidential: { boolean: false } } },
  { identifier: doc('doc-3'), attributes: { owner: { entityIdentifier: user('carol') }, confidential: { boolean: true } } },
];
