import { performance } from 'node:perf_hooks';
import { afterEach, beforeEach, expect, it } from 'vitest';
import {
  BatchIsAuthorizedCommand,
  CreatePolicyCommand,
  CreatePolicyStoreCommand,
  DeletePolicyCommand,
  IsAuthorizedCommand,
  ResourceNotFoundException,
  ValidationException,
} from '@aws-sdk/client-verifiedpermissions';
import type { BatchIsAuthorizedInputItem, IsAuthorizedCommandInput } from '@aws-sdk/client-verifiedpermissions';
import { operations } from '../../../local/verifiedpermissions/operations.ts';
import { PolicyStores } from '../../../local/verifiedpermissions/store.ts';
import { action, createHrStore, doc, ENTITIES, POLICIES, SCHEMA, startTestAvp, user, VIEW_TEMPLATE } from './helpers.ts';
import type { HrStore, TestAvp } from './helpers.ts';

let avp: TestAvp;
let hr: HrStore;

beforeEach(async () => {
  avp = await startTestAvp();
  hr = await createHrStore(avp.client);
});
afterEach(() => avp.stop());

function isAuthorized(input: Omit<IsAuthorizedCommandInput, 'policyStoreId'>) {
  return avp.client.send(new IsAuthorizedCommand({ policyStoreId: hr.policyStoreId, entities: { entityList: ENTITIES }, ...input }));
}

it('allows an owner through a static policy and names it', async () => {
  const answer = await isAuthorized({ principal: user('alice'), action: action('edit'), resource: doc('doc-1') });
  expect(answer.decision).toBe('ALLOW');
  expect(answer.determiningPolicies).toEqual([{ policyId: hr.policyIds.ownerReadsAndEdits }]);
  expect(answer.errors).toEqual([]);
});

it('denies with no determining policy when nothing permits', async () => {
  const answer = await isAuthorized({ principal: user('carol'), action: action('edit'), resource: doc('doc-1') });
  expect(answer).toMatchObject({ decision: 'DENY', determiningPolicies: [], errors: [] });
});

it('follows parents (role membership) and action groups from the schema', async () => {
  const answer = await isAuthorized({ principal: user('alice'), action: action('list'), resource: doc('doc-2') });
  expect(answer.decision).toBe('ALLOW');
  expect(answer.determiningPolicies).toEqual([{ policyId: hr.policyIds.adminsView }]);
  // Without the parent, alice is no admin.
  const withoutRole = await isAuthorized({
    principal: user('alice'),
    action: action('list'),
    resource: doc('doc-2'),
    entities: { entityList: ENTITIES.map((entity) => ({ ...entity, parents: [] })) },
  });
  expect(withoutRole.decision).toBe('DENY');
});

it('evaluates template-linked policies', async () => {
  const linked = await isAuthorized({ principal: user('bob'), action: action('read'), resource: doc('doc-2') });
  expect(linked.determiningPolicies).toContainEqual({ policyId: hr.linkId });
  const otherDocument = await isAuthorized({ principal: user('bob'), action: action('list'), resource: doc('doc-1') });
  expect(otherDocument.decision).toBe('DENY');
});

it('uses context: a forbid wins unless the context satisfies it', async () => {
  const request = { principal: user('carol'), action: action('read'), resource: doc('doc-3') };
  const withoutMfa = await isAuthorized(request);
  expect(withoutMfa).toMatchObject({ decision: 'DENY', determiningPolicies: [{ policyId: hr.policyIds.confidentialNeedsMfa }] });
  const withMfa = await isAuthorized({ ...request, context: { contextMap: { mfa: { boolean: true } } } });
  expect(withMfa).toMatchObject({ decision: 'ALLOW', determiningPolicies: [{ policyId: hr.policyIds.ownerReadsAndEdits }] });
});

it('converts extension values (ipaddr) in the context', async () => {
  const request = { principal: user('alice'), action: action('edit'), resource: doc('doc-1') };
  const office = await isAuthorized({ ...request, context: { contextMap: { sourceIp: { ipaddr: '10.1.2.3' } } } });
  expect(office.decision).toBe('ALLOW');
  const outside = await isAuthorized({ ...request, context: { contextMap: { sourceIp: { ipaddr: '203.0.113.7' } } } });
  expect(outside).toMatchObject({ decision: 'DENY', determiningPolicies: [{ policyId: hr.policyIds.editOnlyFromOffice }] });
});

it('accepts Cedar JSON for context and entities', async () => {
  const answer = await isAuthorized({
    principal: user('carol'),
    action: action('read'),
    resource: doc('doc-3'),
    context: { cedarJson: JSON.stringify({ mfa: true }) },
    entities: {
      cedarJson: JSON.stringify([
        { uid: { type: 'HR::User', id: 'carol' }, attrs: { department: 'it', level: 2 }, parents: [] },
        { uid: { type: 'HR::Document', id: 'doc-3' }, attrs: { owner: { __entity: { type: 'HR::User', id: 'carol' } }, confidential: true }, parents: [] },
      ]),
    },
  });
  expect(answer.decision).toBe('ALLOW');
});

it('reports a policy that errors during evaluation in errors (the forbid is skipped)', async () => {
  // Validates (Long * Long) but overflows at run time for any level above 1.
  const overflow = 'forbid(principal, action, resource) when { principal.level * 4611686018427387904 > 0 };';
  const { policyId } = await avp.client.send(new CreatePolicyCommand({ policyStoreId: hr.policyStoreId, definition: { static: { statement: overflow } } }));
  const answer = await isAuthorized({ principal: user('alice'), action: action('edit'), resource: doc('doc-1') });
  // The trap of the platform facts: the erroring forbid cannot deny, so callers must fail closed on errors.
  expect(answer.decision).toBe('ALLOW');
  expect(answer.errors).toHaveLength(1);
  expect(answer.errors?.[0]?.errorDescription).toContain(policyId);
  expect(answer.errors?.[0]?.errorDescription).toMatch(/overflow/);
  // Deleting the policy re-prepares the store's policy set.
  await avp.client.send(new DeletePolicyCommand({ policyStoreId: hr.policyStoreId, policyId }));
  expect((await isAuthorized({ principal: user('alice'), action: action('edit'), resource: doc('doc-1') })).errors).toEqual([]);
});

it('refuses requests that do not conform to the schema', async () => {
  const refusals: Omit<IsAuthorizedCommandInput, 'policyStoreId'>[] = [
    { principal: user('alice'), action: action('delete'), resource: doc('doc-1') },
    { principal: doc('doc-2'), action: action('read'), resource: doc('doc-1') },
    { principal: user('alice'), action: action('read'), resource: doc('doc-1'), context: { contextMap: { mfa: { string: 'yes' } } } },
    { principal: user('alice'), action: action('read'), resource: doc('doc-1'), entities: { entityList: [{ identifier: user('alice'), attributes: { level: { string: 'high' } } }] } },
    { principal: user('alice'), action: action('read'), resource: doc('doc-1'), entities: { entityList: [{ identifier: { entityType: 'HR::Action', entityId: 'read' } }] } },
  ];
  for (const request of refusals) {
    const error = await isAuthorized(request).catch((caught: unknown) => caught);
    expect(error, JSON.stringify(request)).toBeInstanceOf(ValidationException);
  }
});

it('answers unknown stores with ResourceNotFoundException', async () => {
  const error = await avp.client.send(new IsAuthorizedCommand({
    policyStoreId: 'NoSuchStore0000000000a',
    principal: user('alice'),
    action: action('read'),
    resource: doc('doc-1'),
  })).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(ResourceNotFoundException);
  expect(error).toMatchObject({ resourceId: 'NoSuchStore0000000000a', resourceType: 'POLICY_STORE' });
});

it('evaluates without a schema in a store whose validation is OFF', async () => {
  const { policyStoreId } = await avp.client.send(new CreatePolicyStoreCommand({ validationSettings: { mode: 'OFF' } }));
  const { policyId } = await avp.client.send(new CreatePolicyCommand({
    policyStoreId,
    definition: { static: { statement: 'permit(principal, action, resource) when { context.tags.contains("hr") && context.when > datetime("2024-01-01") };' } },
  }));
  const answer = await avp.client.send(new IsAuthorizedCommand({
    policyStoreId,
    principal: { entityType: 'User', entityId: 'x' },
    action: { actionType: 'Action', actionId: 'anything' },
    resource: { entityType: 'Thing', entityId: 'y' },
    context: { contextMap: { tags: { set: [{ string: 'hr' }] }, when: { datetime: '2025-06-01' }, extra: { record: { n: { long: 1 }, d: { decimal: '1.5' }, t: { duration: '1h' } } } } },
  }));
  expect(answer).toMatchObject({ decision: 'ALLOW', determiningPolicies: [{ policyId }] });
});

it('answers a batch in order, echoing each request', async () => {
  const requests: BatchIsAuthorizedInputItem[] = [
    { principal: user('bob'), action: action('edit'), resource: doc('doc-2') },
    { principal: user('bob'), action: action('edit'), resource: doc('doc-1') },
    { principal: user('bob'), action: action('list'), resource: doc('doc-2') },
    { principal: user('bob'), action: action('read'), resource: doc('doc-3'), context: { contextMap: { mfa: { boolean: true } } } },
  ];
  const { results } = await avp.client.send(new BatchIsAuthorizedCommand({ policyStoreId: hr.policyStoreId, requests, entities: { entityList: ENTITIES } }));
  expect(results?.map((result) => result.decision)).toEqual(['ALLOW', 'DENY', 'ALLOW', 'DENY']);
  expect(results?.map((result) => result.request)).toEqual(requests);
  expect(results?.[2]?.determiningPolicies).toEqual([{ policyId: hr.linkId }]);
});

it('refuses batches of 0 or 31 requests and batches without a shared principal or resource', async () => {
  const one = { principal: user('bob'), action: action('read'), resource: doc('doc-2') };
  for (const requests of [[], Array.from({ length: 31 }, () => one)]) {
    const error = await avp.client.send(new BatchIsAuthorizedCommand({ policyStoreId: hr.policyStoreId, requests })).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationException);
    expect((error as ValidationException).fieldList?.[0]?.path).toBe('requests');
  }
  const thirty = await avp.client.send(new BatchIsAuthorizedCommand({ policyStoreId: hr.policyStoreId, requests: Array.from({ length: 30 }, () => one), entities: { entityList: ENTITIES } }));
  expect(thirty.results).toHaveLength(30);
  const mixed = [one, { principal: user('alice'), action: action('read'), resource: doc('doc-1') }];
  await expect(avp.client.send(new BatchIsAuthorizedCommand({ policyStoreId: hr.policyStoreId, requests: mixed }))).rejects.toBeInstanceOf(ValidationException);
});

/** Average milliseconds of `call` over `times` calls, after a warm-up. */
async function timePerCall(times: number, call: () => unknown): Promise<number> {
  for (let index = 0; index < 50; index += 1) await call();
  const start = performance.now();
  for (let index = 0; index < times; index += 1) await call();
  return (performance.now() - start) / times;
}

const extraPolicy = (index: number) =>
  `permit(principal, action == HR::Action::"read", resource) when { principal.level == ${100 + index} && principal.department == "d${index}" };`;

it('measures IsAuthorized with 20 policies (reported, not asserted)', async () => {
  for (let index = 0; index < 15; index += 1) {
    await avp.client.send(new CreatePolicyCommand({ policyStoreId: hr.policyStoreId, definition: { static: { statement: extraPolicy(index) } } }));
  }
  const request = { principal: user('alice'), action: action('read'), resource: doc('doc-1'), entities: { entityList: ENTITIES } };
  const overHttp = await timePerCall(500, () => avp.client.send(new IsAuthorizedCommand({ policyStoreId: hr.policyStoreId, ...request })));

  // The same store evaluated in process: conversion + schema validation + Cedar, without SDK and HTTP.
  const table = operations(await PolicyStores.open('000000000000'));
  const { policyStoreId } = table.CreatePolicyStore?.({ validationSettings: { mode: 'STRICT' } }) as { policyStoreId: string };
  table.PutSchema?.({ policyStoreId, definition: { cedarJson: JSON.stringify(SCHEMA) } });
  for (const statement of [...Object.values(POLICIES), ...Array.from({ length: 15 }, (_, index) => extraPolicy(index))]) {
    table.CreatePolicy?.({ policyStoreId, definition: { static: { statement } } });
  }
  const { policyTemplateId } = table.CreatePolicyTemplate?.({ policyStoreId, statement: VIEW_TEMPLATE }) as { policyTemplateId: string };
  table.CreatePolicy?.({ policyStoreId, definition: { templateLinked: { policyTemplateId, principal: user('bob'), resource: doc('doc-2') } } });
  const inProcess = await timePerCall(2000, () => table.IsAuthorized?.({ policyStoreId, ...request }));

  console.info(`IsAuthorized, 20 policies (19 static + 1 template-linked), 6 entities: ${inProcess.toFixed(3)} ms evaluated in process, ${overHttp.toFixed(3)} ms per SDK call over HTTP`);
});
