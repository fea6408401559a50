import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import {
  ConflictException,
  CreatePolicyCommand,
  CreatePolicyStoreCommand,
  CreatePolicyTemplateCommand,
  DeletePolicyCommand,
  DeletePolicyStoreCommand,
  DeletePolicyTemplateCommand,
  GetPolicyCommand,
  GetPolicyStoreCommand,
  GetPolicyTemplateCommand,
  GetSchemaCommand,
  InvalidStateException,
  IsAuthorizedCommand,
  ListPoliciesCommand,
  ListPolicyStoresCommand,
  ListPolicyTemplatesCommand,
  paginateListPolicies,
  PutSchemaCommand,
  ResourceNotFoundException,
  UpdatePolicyCommand,
  ValidationException,
} from '@aws-sdk/client-verifiedpermissions';
import type { PolicyItem } from '@aws-sdk/client-verifiedpermissions';
import { action, createHrStore, doc, ENTITIES, POLICIES, SCHEMA, startTestAvp, user, VIEW_TEMPLATE } from './helpers.ts';
import type { TestAvp } from './helpers.ts';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start(options: Parameters<typeof startTestAvp>[0] = {}): Promise<TestAvp> {
  const avp = await startTestAvp(options);
  cleanups.push(() => avp.stop());
  return avp;
}

/** The error a call rejects with. */
async function failure(call: Promise<unknown>): Promise<unknown> {
  return call.then(() => expect.fail('expected the call to fail'), (error: unknown) => error);
}

it('creates, reads and lists stores, schemas, templates and policies', async () => {
  const { client } = await start({ accountId: '123456789012' });
  const hr = await createHrStore(client);

  const store = await client.send(new GetPolicyStoreCommand({ policyStoreId: hr.policyStoreId }));
  expect(hr.policyStoreId).toMatch(/^[A-Za-z0-9]{22}$/);
  expect(store).toMatchObject({
    arn: `arn:aws:verifiedpermissions::123456789012:policy-store/${hr.policyStoreId}`,
    validationSettings: { mode: 'STRICT' },
    description: 'hr',
    deletionProtection: 'DISABLED',
  });
  expect(store.createdDate).toBeInstanceOf(Date);
  expect((await client.send(new ListPolicyStoresCommand({}))).policyStores?.map((item) => item.policyStoreId)).toEqual([hr.policyStoreId]);

  const schema = await client.send(new GetSchemaCommand({ policyStoreId: hr.policyStoreId }));
  expect(JSON.parse(schema.schema as string)).toEqual(SCHEMA);
  expect(schema.namespaces).toEqual(['HR']);

  const template = await client.send(new GetPolicyTemplateCommand({ policyStoreId: hr.policyStoreId, policyTemplateId: hr.templateId }));
  expect(template).toMatchObject({ statement: VIEW_TEMPLATE, description: 'view one document' });
  expect((await client.send(new ListPolicyTemplatesCommand({ policyStoreId: hr.policyStoreId }))).policyTemplates).toHaveLength(1);

  const owner = await client.send(new GetPolicyCommand({ policyStoreId: hr.policyStoreId, policyId: hr.policyIds.ownerReadsAndEdits }));
  expect(owner).toMatchObject({
    policyType: 'STATIC',
    effect: 'Permit',
    actions: [action('read'), action('edit')],
    definition: { static: { statement: POLICIES.ownerReadsAndEdits, description: 'ownerReadsAndEdits' } },
  });
  expect(owner.principal).toBeUndefined();
  const admins = await client.send(new GetPolicyCommand({ policyStoreId: hr.policyStoreId, policyId: hr.policyIds.adminsView }));
  expect(admins.principal).toEqual({ entityType: 'HR::Role', entityId: 'admin' });
  const link = await client.send(new GetPolicyCommand({ policyStoreId: hr.policyStoreId, policyId: hr.linkId }));
  expect(link).toMatchObject({
    policyType: 'TEMPLATE_LINKED',
    principal: user('bob'),
    resource: doc('doc-2'),
    definition: { templateLinked: { policyTemplateId: hr.templateId, principal: user('bob'), resource: doc('doc-2') } },
  });
});

it('refuses in a STRICT store a policy naming an unknown attribute, action or entity type', async () => {
  const { client } = await start();
  const { policyStoreId } = await createHrStore(client);
  const invalid = [
    'permit(principal, action, resource) when { principal.salary > 10 };',
    'permit(principal, action == HR::Action::"delete", resource);',
    'permit(principal == HR::Robot::"r2", action, resource);',
  ];
  for (const statement of invalid) {
    const error = await failure(client.send(new CreatePolicyCommand({ policyStoreId, definition: { static: { statement } } })));
    expect(error, statement).toBeInstanceOf(ValidationException);
    expect((error as ValidationException).fieldList?.[0]).toMatchObject({ path: 'definition.static.statement' });
  }
  const syntax = await failure(client.send(new CreatePolicyCommand({ policyStoreId, definition: { static: { statement: 'permit(principal, action, resource' } } })));
  expect(syntax).toBeInstanceOf(ValidationException);
  const two = await failure(client.send(new CreatePolicyCommand({ policyStoreId, definition: { static: { statement: `${POLICIES.adminsView} ${POLICIES.adminsView}` } } })));
  expect((two as ValidationException).fieldList?.[0]?.message).toMatch(/exactly one policy/);
});

it('refuses without a schema in STRICT mode, and only parses when validation is OFF', async () => {
  const { client } = await start();
  const strict = await client.send(new CreatePolicyStoreCommand({ validationSettings: { mode: 'STRICT' } }));
  const statement = 'permit(principal, action, resource) when { principal.anything == 1 };';
  await expect(client.send(new CreatePolicyCommand({ policyStoreId: strict.policyStoreId, definition: { static: { statement } } }))).rejects.toBeInstanceOf(ValidationException);
  const off = await client.send(new CreatePolicyStoreCommand({ validationSettings: { mode: 'OFF' } }));
  await client.send(new PutSchemaCommand({ policyStoreId: off.policyStoreId, definition: { cedarJson: JSON.stringify(SCHEMA) } }));
  const created = await client.send(new CreatePolicyCommand({ policyStoreId: off.policyStoreId, definition: { static: { statement } } }));
  expect(created.policyId).toBeDefined();
});

it('refuses templates and links with wrong slots', async () => {
  const { client } = await start();
  const { policyStoreId, templateId } = await createHrStore(client);
  const templates = [
    'permit(principal, action, resource);',
    'permit(principal == ?principal, action == HR::Action::"nope", resource);',
    'permit(principal, action, resource) when { principal == ?principal };',
  ];
  for (const statement of templates) {
    await expect(client.send(new CreatePolicyTemplateCommand({ policyStoreId, statement })), statement).rejects.toBeInstanceOf(ValidationException);
  }
  const links = [
    { policyTemplateId: templateId, principal: user('bob') },
    { policyTemplateId: templateId, resource: doc('doc-1') },
    { policyTemplateId: templateId, principal: { entityType: 'HR::Robot', entityId: 'r2' }, resource: doc('doc-1') },
  ];
  for (const templateLinked of links) {
    const error = await failure(client.send(new CreatePolicyCommand({ policyStoreId, definition: { templateLinked } })));
    expect(error, JSON.stringify(templateLinked)).toBeInstanceOf(ValidationException);
    expect((error as ValidationException).fieldList?.[0]?.path).toMatch(/^definition\.templateLinked/);
  }
  const resourceOnly = await client.send(new CreatePolicyTemplateCommand({ policyStoreId, statement: 'permit(principal, action in HR::Action::"view", resource == ?resource);' }));
  const extraPrincipal = await failure(client.send(new CreatePolicyCommand({
    policyStoreId,
    definition: { templateLinked: { policyTemplateId: resourceOnly.policyTemplateId, principal: user('bob'), resource: doc('doc-1') } },
  })));
  expect((extraPrincipal as ValidationException).fieldList?.[0]?.path).toBe('definition.templateLinked.principal');
});

it('refuses a schema change that would invalidate stored policies, and a malformed schema', async () => {
  const { client } = await start();
  const { policyStoreId } = await createHrStore(client);
  const withoutOwner = structuredClone(SCHEMA) as { HR: { entityTypes: { Document: { shape: { attributes: Record<string, unknown> } } } } };
  delete withoutOwner.HR.entityTypes.Document.shape.attributes.owner;
  const error = await failure(client.send(new PutSchemaCommand({ policyStoreId, definition: { cedarJson: JSON.stringify(withoutOwner) } })));
  expect(error).toBeInstanceOf(ValidationException);
  expect((error as ValidationException).fieldList?.some((field) => /owner/.test(field.message ?? ''))).toBe(true);
  expect(JSON.parse((await client.send(new GetSchemaCommand({ policyStoreId }))).schema as string)).toEqual(SCHEMA);

  for (const cedarJson of ['not json', 'entity User;', JSON.stringify({ HR: { entityTypes: { User: { memberOfTypes: ['Nope'] } }, actions: {} } })]) {
    await expect(client.send(new PutSchemaCommand({ policyStoreId, definition: { cedarJson } })), cedarJson).rejects.toBeInstanceOf(ValidationException);
  }
});

it('updates a static policy but not its effect or scope principal', async () => {
  const { client } = await start();
  const hr = await createHrStore(client);
  const policyId = hr.policyIds.adminsView;
  const narrower = 'permit(principal in HR::Role::"admin", action in HR::Action::"view", resource) when { resource.confidential == false };';
  const updated = await client.send(new UpdatePolicyCommand({ policyStoreId: hr.policyStoreId, policyId, definition: { static: { statement: narrower } } }));
  expect(updated.lastUpdatedDate?.getTime()).toBeGreaterThanOrEqual(updated.createdDate?.getTime() ?? 0);
  const decision = await client.send(new IsAuthorizedCommand({
    policyStoreId: hr.policyStoreId, principal: user('alice'), action: action('read'), resource: doc('doc-3'), entities: { entityList: ENTITIES },
    context: { contextMap: { mfa: { boolean: true } } },
  }));
  expect(decision.decision).toBe('DENY');
  for (const statement of [narrower.replace('permit', 'forbid'), narrower.replace('HR::Role::"admin"', 'HR::Role::"staff"')]) {
    await expect(client.send(new UpdatePolicyCommand({ policyStoreId: hr.policyStoreId, policyId, definition: { static: { statement } } }))).rejects.toBeInstanceOf(ValidationException);
  }
  await expect(client.send(new UpdatePolicyCommand({ policyStoreId: hr.policyStoreId, policyId: hr.linkId, definition: { static: { statement: narrower } } }))).rejects.toBeInstanceOf(ValidationException);
});

it('answers unknown ids with typed ResourceNotFoundException', async () => {
  const { client } = await start();
  const hr = await createHrStore(client);
  const bare = await client.send(new CreatePolicyStoreCommand({ validationSettings: { mode: 'OFF' } }));
  const cases: [Promise<unknown>, string, string][] = [
    [client.send(new GetPolicyStoreCommand({ policyStoreId: 'missing' })), 'missing', 'POLICY_STORE'],
    [client.send(new GetPolicyCommand({ policyStoreId: hr.policyStoreId, policyId: 'missing' })), 'missing', 'POLICY'],
    [client.send(new GetPolicyTemplateCommand({ policyStoreId: hr.policyStoreId, policyTemplateId: 'missing' })), 'missing', 'POLICY_TEMPLATE'],
    [client.send(new GetSchemaCommand({ policyStoreId: bare.policyStoreId as string })), bare.policyStoreId as string, 'SCHEMA'],
    [client.send(new CreatePolicyCommand({ policyStoreId: hr.policyStoreId, definition: { templateLinked: { policyTemplateId: 'missing', principal: user('bob') } } })), 'missing', 'POLICY_TEMPLATE'],
  ];
  for (const [call, resourceId, resourceType] of cases) {
    const error = await failure(call);
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect(error).toMatchObject({ resourceId, resourceType, $metadata: { httpStatusCode: 404 } });
  }
  // Deletes are idempotent, as in the service.
  await client.send(new DeletePolicyCommand({ policyStoreId: hr.policyStoreId, policyId: 'missing' }));
  await client.send(new DeletePolicyStoreCommand({ policyStoreId: 'missing' }));
});

it('answers conflicting writes with typed ConflictException and replays client tokens', async () => {
  const { client } = await start();
  const hr = await createHrStore(client);
  const duplicate = await failure(client.send(new CreatePolicyCommand({
    policyStoreId: hr.policyStoreId,
    definition: { templateLinked: { policyTemplateId: hr.templateId, principal: user('bob'), resource: doc('doc-2') } },
  })));
  expect(duplicate).toBeInstanceOf(ConflictException);
  expect((duplicate as ConflictException).resources).toEqual([{ resourceId: hr.linkId, resourceType: 'POLICY' }]);

  const clientToken = 'retry-me';
  const definition = { static: { statement: POLICIES.adminsView } };
  const first = await client.send(new CreatePolicyCommand({ policyStoreId: hr.policyStoreId, clientToken, definition }));
  const retry = await client.send(new CreatePolicyCommand({ policyStoreId: hr.policyStoreId, clientToken, definition }));
  expect(retry.policyId).toBe(first.policyId);
  const changed = await failure(client.send(new CreatePolicyCommand({ policyStoreId: hr.policyStoreId, clientToken, definition: { static: { statement: POLICIES.ownerReadsAndEdits } } })));
  expect(changed).toBeInstanceOf(ConflictException);
});

it('refuses bad input shapes with ValidationException naming the field', async () => {
  const { client } = await start();
  const badMode = await failure(client.send(new CreatePolicyStoreCommand({ validationSettings: { mode: 'LOOSE' as 'OFF' } })));
  expect((badMode as ValidationException).fieldList).toEqual([expect.objectContaining({ path: 'validationSettings.mode' })]);
  const badId = await failure(client.send(new GetPolicyStoreCommand({ policyStoreId: 'has spaces' })));
  expect((badId as ValidationException).fieldList?.[0]?.path).toBe('policyStoreId');
});

it('keeps deletion protection and deletes a template with its linked policies', async () => {
  const { client } = await start();
  const hr = await createHrStore(client);
  await client.send(new DeletePolicyTemplateCommand({ policyStoreId: hr.policyStoreId, policyTemplateId: hr.templateId }));
  await expect(client.send(new GetPolicyCommand({ policyStoreId: hr.policyStoreId, policyId: hr.linkId }))).rejects.toBeInstanceOf(ResourceNotFoundException);

  const guarded = await client.send(new CreatePolicyStoreCommand({ validationSettings: { mode: 'OFF' }, deletionProtection: 'ENABLED' }));
  await expect(client.send(new DeletePolicyStoreCommand({ policyStoreId: guarded.policyStoreId }))).rejects.toBeInstanceOf(InvalidStateException);
  await client.send(new DeletePolicyStoreCommand({ policyStoreId: hr.policyStoreId }));
  await expect(client.send(new GetPolicyStoreCommand({ policyStoreId: hr.policyStoreId }))).rejects.toBeInstanceOf(ResourceNotFoundException);
});

it('pages ListPolicies in creation order and filters by principal, resource, type and template', async () => {
  const { client } = await start();
  const hr = await createHrStore(client);
  const linked: string[] = [hr.linkId];
  for (const name of ['dave', 'erin', 'frank']) {
    const { policyId } = await client.send(new CreatePolicyCommand({
      policyStoreId: hr.policyStoreId,
      definition: { templateLinked: { policyTemplateId: hr.templateId, principal: user(name), resource: doc('doc-1') } },
    }));
    linked.push(policyId as string);
  }
  const all = [...Object.values(hr.policyIds), ...linked];

  const first = await client.send(new ListPoliciesCommand({ policyStoreId: hr.policyStoreId, maxResults: 3 }));
  expect(first.policies).toHaveLength(3);
  expect(first.nextToken).toBeDefined();
  const pages: PolicyItem[][] = [];
  for await (const page of paginateListPolicies({ client, pageSize: 3 }, { policyStoreId: hr.policyStoreId })) pages.push(page.policies ?? []);
  expect(pages.map((page) => page.length)).toEqual([3, 3, 2]);
  expect(pages.flat().map((policy) => policy.policyId)).toEqual(all);
  expect((await client.send(new ListPoliciesCommand({ policyStoreId: hr.policyStoreId }))).policies).toHaveLength(8);

  const list = async (filter: NonNullable<ConstructorParameters<typeof ListPoliciesCommand>[0]['filter']>) =>
    (await client.send(new ListPoliciesCommand({ policyStoreId: hr.policyStoreId, filter, maxResults: 50 }))).policies?.map((policy) => policy.policyId);
  expect(await list({ policyTemplateId: hr.templateId })).toEqual(linked);
  expect(await list({ policyType: 'STATIC' })).toEqual(Object.values(hr.policyIds));
  expect(await list({ principal: { identifier: user('erin') } })).toEqual([linked[2]]);
  expect(await list({ principal: { identifier: { entityType: 'HR::Role', entityId: 'admin' } } })).toEqual([hr.policyIds.adminsView]);
  expect(await list({ resource: { identifier: doc('doc-1') }, policyType: 'TEMPLATE_LINKED' })).toEqual(linked.slice(1));
  expect(await list({ principal: { unspecified: true } })).toEqual([hr.policyIds.ownerReadsAndEdits, hr.policyIds.confidentialNeedsMfa, hr.policyIds.editOnlyFromOffice]);

  const items = (await client.send(new ListPoliciesCommand({ policyStoreId: hr.policyStoreId, filter: { policyType: 'STATIC' }, maxResults: 1 }))).policies;
  expect(items?.[0]?.definition).toEqual({ static: { description: 'ownerReadsAndEdits' } });
  await expect(client.send(new ListPoliciesCommand({ policyStoreId: hr.policyStoreId, nextToken: 'garbage' }))).rejects.toBeInstanceOf(ValidationException);
  await expect(client.send(new ListPoliciesCommand({ policyStoreId: hr.policyStoreId, maxResults: 51 }))).rejects.toBeInstanceOf(ValidationException);
});

it('keeps stores across stop and start when given a file', async () => {
  const directory = await mkdtemp(join(tmpdir(), 'local-avp-'));
  cleanups.push(() => rm(directory, { recursive: true, force: true }));
  const file = join(directory, 'avp.json');

  const before = await startTestAvp({ file });
  const hr = await createHrStore(before.client);
  await before.stop();

  const after = await start({ file });
  const policies = await after.client.send(new ListPoliciesCommand({ policyStoreId: hr.policyStoreId, maxResults: 50 }));
  expect(policies.policies).toHaveLength(5);
  const link = await after.client.send(new GetPolicyCommand({ policyStoreId: hr.policyStoreId, policyId: hr.linkId }));
  expect(link.principal).toEqual(user('bob'));
  const answer = await after.client.send(new IsAuthorizedCommand({
    policyStoreId: hr.policyStoreId, principal: user('bob'), action: action('list'), resource: doc('doc-2'), entities: { entityList: ENTITIES },
  }));
  expect(answer).toMatchObject({ decision: 'ALLOW', determiningPolicies: [{ policyId: hr.linkId }] });
  // Strict validation still applies to the reloaded store.
  await expect(after.client.send(new CreatePolicyCommand({ policyStoreId: hr.policyStoreId, definition: { static: { statement: 'permit(principal, action == HR::Action::"fly", resource);' } } })))
    .rejects.toBeInstanceOf(ValidationException);
});
