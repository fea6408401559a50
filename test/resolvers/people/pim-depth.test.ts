/**
 * The employee record in depth, end to end on one shared stack: personal, family and financial
 * details by relation, custom fields, self-service, the profile photo, the change history and
 * archiving — each new operation also tried against another tenant, by id and by naming it.
 */
import { DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateEmployeeInput } from '../../../domain/generated/graphql.ts';
import { tenantKey } from '../../../domain/model/keys.ts';
import { tableName } from '../../../domain/model/tables.ts';
import { employeeHistoryPrefix } from '../../../domain/people/model/keys.ts';
import type { StackHandle } from '../../../local/stack.ts';
import { signedIn, startTestStack, type Gql, type GraphQLResponse } from '../../support/stack.ts';

const DETAILS = `id version phone personalEmail gender nationality maritalStatus nationalId
  emergencyContacts { name relationship phone email } dependants { name relationship dateOfBirth }
  bankAccounts { accountHolder iban bic } taxIds { country number } customFields { key value }
  photoDocumentId archived archivedAt updatedAt employment { status }`;
const CREATE = `mutation ($input: CreateEmployeeInput!, $tenantId: ID) { createEmployee(input: $input, tenantId: $tenantId) { ${DETAILS} } }`;
const GET = `query ($id: ID!, $tenantId: ID) { employee(id: $id, tenantId: $tenantId) { ${DETAILS} } }`;
const UPDATE = `mutation ($input: UpdateEmployeeInput!, $tenantId: ID) { updateEmployee(input: $input, tenantId: $tenantId) { ${DETAILS} } }`;
const MY_PROFILE = `mutation ($input: UpdateMyProfileInput!) { updateMyProfile(input: $input) { ${DETAILS} } }`;
const SCHEMA = `query ($tenantId: ID) { customFieldSchema(tenantId: $tenantId) { version fields { key label type required editableBy options } } }`;
const DEFINE = `mutation ($input: DefineCustomFieldInput!, $tenantId: ID) { defineCustomField(input: $input, tenantId: $tenantId) { version fields { key type } } }`;
const REMOVE = `mutation ($key: String!, $expectedVersion: Int!, $tenantId: ID) { removeCustomField(key: $key, expectedVersion: $expectedVersion, tenantId: $tenantId) { version fields { key } } }`;
const HISTORY = `query ($employeeId: ID!, $limit: Int, $nextToken: String, $tenantId: ID) {
  employeeHistory(employeeId: $employeeId, limit: $limit, nextToken: $nextToken, tenantId: $tenantId) { items { version employeeId change fields changedAt changedBy } nextToken } }`;
const ARCHIVE = `mutation ($id: ID!, $expectedVersion: Int!, $tenantId: ID) { archiveEmployee(id: $id, expectedVersion: $expectedVersion, tenantId: $tenantId) { ${DETAILS} } }`;
const RESTORE = `mutation ($id: ID!, $expectedVersion: Int!, $tenantId: ID) { restoreEmployee(id: $id, expectedVersion: $expectedVersion, tenantId: $tenantId) { ${DETAILS} } }`;
const LIST = `query ($filter: EmployeeFilter, $limit: Int, $nextToken: String) { employees(filter: $filter, limit: $limit, nextToken: $nextToken) { items { id archived } nextToken } }`;
const CONTRACTS = `query ($employeeId: ID!) { employeeContracts(employeeId: $employeeId) { id version status } }`;
const TERMINATE = `mutation ($input: TerminateContractInput!) { terminateContract(input: $input) { id status } }`;
const AMEND = `mutation ($input: AmendContractInput!) { amendContract(input: $input) { id } }`;
const START = `mutation ($input: StartContractInput!) { startContract(input: $input) { id } }`;
const UPLOAD = `mutation ($input: RequestDocumentUploadInput!) { requestDocumentUpload(input: $input) { document { id } uploadUrl requiredHeaders } }`;
const SET_PHOTO = `mutation ($input: SetProfilePhotoInput!, $tenantId: ID) { setProfilePhoto(input: $input, tenantId: $tenantId) { id version photoDocumentId } }`;
const DELETE = `mutation ($id: ID!) { deleteEmployee(id: $id) { id } }`;
const PHOTO_URL = `query ($employeeId: ID!, $tenantId: ID) { employeePhotoUrl(employeeId: $employeeId, tenantId: $tenantId) { downloadUrl document { id kind } } }`;

const IBAN = 'DE89370400440532013000';
const PNG = 'fake-png-bytes';

interface Record_ {
  id: string;
  version: number;
  phone: string | null;
  personalEmail: string | null;
  gender: string | null;
  nationality: string | null;
  maritalStatus: string | null;
  nationalId: string | null;
  emergencyContacts: { name: string; relationship: string; phone: string; email: string | null }[] | null;
  dependants: { name: string }[] | null;
  bankAccounts: { accountHolder: string; iban: string; bic: string | null }[] | null;
  taxIds: { country: string; number: string }[] | null;
  customFields: { key: string; value: string }[] | null;
  photoDocumentId: string | null;
  archived: boolean;
  archivedAt: string | null;
  updatedAt: string;
  employment: { status: string };
}
interface HistoryEntry { version: number; employeeId: string; change: string; fields: string[]; changedAt: string; changedBy: string }

let stack: StackHandle;
let admin: Gql;
let globex: Gql;
let support: Gql;
let systemAdmin: Gql;
let internal: DynamoDBClient;
let serial = 0;

function person(extra: Partial<CreateEmployeeInput> = {}): CreateEmployeeInput {
  serial += 1;
  return {
    employeeNumber: `P-${serial}`,
    firstName: `Pat${serial}`,
    lastName: `Depth${String(serial).padStart(3, '0')}`,
    email: `pat${serial}@acme.test`,
    contract: { startDate: '2024-01-02', terms: { jobTitle: 'Analyst', employmentType: 'FULL_TIME' } },
    ...extra,
  };
}

const FULL: Partial<CreateEmployeeInput> = {
  phone: '+49 30 1234567',
  personalEmail: 'Pat@Home.example',
  gender: 'NON_BINARY',
  nationality: 'de',
  maritalStatus: 'MARRIED',
  nationalId: 'NID-1',
  emergencyContacts: [{ name: 'Sam', relationship: 'SPOUSE', phone: '+49 30 7654321', email: 'sam@home.example' }],
  dependants: [{ name: 'Kit', relationship: 'CHILD', dateOfBirth: '2016-04-01' }],
  bankAccounts: [{ accountHolder: 'Pat', iban: 'de89 3704 0044 0532 0130 00', bic: 'cobadeffxxx' }],
  taxIds: [{ country: 'DE', number: '86095742719' }],
};

async function ok<T>(result: Promise<GraphQLResponse<T>>): Promise<T> {
  const answer = await result;
  expect(answer.errors).toBeUndefined();
  return answer.data!;
}

async function hire(extra: Partial<CreateEmployeeInput> = {}, gql = admin): Promise<Record_> {
  return (await ok(gql<{ createEmployee: Record_ }>(CREATE, { input: person(extra) }))).createEmployee;
}

async function read(id: string, gql = admin, tenantId?: string): Promise<Record_ | null> {
  return (await ok(gql<{ employee: Record_ | null }>(GET, { id, tenantId }))).employee;
}

async function history(employeeId: string, gql = admin): Promise<HistoryEntry[]> {
  const entries: HistoryEntry[] = [];
  let nextToken: string | null = null;
  do {
    const page: { employeeHistory: { items: HistoryEntry[]; nextToken: string | null } } = await ok(gql(HISTORY, { employeeId, limit: 2, nextToken }));
    entries.push(...page.employeeHistory.items);
    nextToken = page.employeeHistory.nextToken;
  } while (nextToken);
  return entries;
}

function problemFields(result: GraphQLResponse): string[] {
  expect(result.errors?.[0]?.errorType).toBe('VALIDATION_ERROR');
  return (result.errors![0]!.errorInfo as { fields: { field: string }[] }).fields.map((f) => f.field);
}

async function customFields(gql = admin): Promise<{ version: number; fields: { key: string }[] }> {
  return (await ok(gql<{ customFieldSchema: { version: number; fields: { key: string }[] } }>(SCHEMA))).customFieldSchema;
}

async function define(input: Record<string, unknown>, gql = admin) {
  return ok(gql(DEFINE, { input: { expectedVersion: (await customFields(gql)).version, ...input } }));
}

/** Terminates the employee's contract on a past day, so they are TERMINATED today. */
async function terminate(employeeId: string): Promise<void> {
  const [contract] = (await ok(admin<{ employeeContracts: { id: string; version: number }[] }>(CONTRACTS, { employeeId }))).employeeContracts;
  await ok(admin(TERMINATE, { input: { employeeId, contractId: contract!.id, expectedVersion: contract!.version, reason: 'RESIGNATION', lastWorkingDay: '2024-06-30' } }));
}

async function listed(filter: Record<string, unknown>, gql = admin): Promise<{ pages: number[]; ids: string[] }> {
  const pages: number[] = [];
  const ids: string[] = [];
  let nextToken: string | null = null;
  do {
    const page: { employees: { items: { id: string }[]; nextToken: string | null } } = await ok(gql(LIST, { filter, limit: 1, nextToken }));
    pages.push(page.employees.items.length);
    ids.push(...page.employees.items.map((e) => e.id));
    nextToken = page.employees.nextToken;
  } while (nextToken);
  return { pages, ids };
}

beforeAll(async () => {
  stack = await startTestStack();
  [admin, globex, support, systemAdmin] = await Promise.all([
    signedIn(stack, { tenantId: 'acme', role: 'TenantAdmin' }),
    signedIn(stack, { tenantId: 'globex', role: 'TenantAdmin' }),
    signedIn(stack, { tenantId: 'system', role: 'SystemSupport' }),
    signedIn(stack, { tenantId: 'system', role: 'SystemAdmin' }),
  ]);
  internal = new DynamoDBClient({ endpoint: stack.dynamodb.endpoint, region: stack.region, credentials: stack.credentials });
});

afterAll(async () => {
  internal?.destroy();
  await stack?.stop();
});

describe('details by relation', () => {
  let boss: Record_;
  let report: Record_;

  beforeAll(async () => {
    boss = await hire();
    report = await hire({ ...FULL, contract: { startDate: '2024-01-02', terms: { jobTitle: 'Analyst', employmentType: 'FULL_TIME', managerId: boss.id } } });
  });

  it('are stored normalised and shown whole to HR admins', async () => {
    expect(await read(report.id)).toMatchObject({
      phone: '+49 30 1234567',
      personalEmail: 'pat@home.example',
      gender: 'NON_BINARY',
      nationality: 'DE',
      maritalStatus: 'MARRIED',
      emergencyContacts: [{ name: 'Sam', relationship: 'SPOUSE', phone: '+49 30 7654321', email: 'sam@home.example' }],
      dependants: [{ name: 'Kit' }],
      bankAccounts: [{ accountHolder: 'Pat', iban: IBAN, bic: 'COBADEFFXXX' }],
      taxIds: [{ country: 'DE', number: '86095742719' }],
      customFields: [],
      archived: false,
    });
  });

  it('the employee sees all of their own; their manager the personal ones; support the personal ones; a colleague none', async () => {
    const [self, manager, colleague] = await Promise.all([
      signedIn(stack, { tenantId: 'acme', role: 'TenantUser', employeeId: report.id }),
      signedIn(stack, { tenantId: 'acme', role: 'TenantUser', employeeId: boss.id }),
      signedIn(stack, { tenantId: 'acme', role: 'TenantUser', employeeId: (await hire()).id }),
    ]);
    const personal = { phone: '+49 30 1234567', personalEmail: 'pat@home.example', emergencyContacts: [expect.objectContaining({ name: 'Sam' })] };
    const noPersonal = { phone: null, personalEmail: null, emergencyContacts: null };
    const sensitive = { gender: 'NON_BINARY', nationality: 'DE', maritalStatus: 'MARRIED', dependants: [{ name: 'Kit' }], customFields: [] };
    const noSensitive = { gender: null, nationality: null, maritalStatus: null, dependants: null, customFields: null, nationalId: null };
    const financial = { bankAccounts: [expect.objectContaining({ iban: IBAN })], taxIds: [{ country: 'DE', number: '86095742719' }] };
    const noFinancial = { bankAccounts: null, taxIds: null };
    expect(await read(report.id, self)).toMatchObject({ ...personal, ...sensitive, ...financial });
    expect(await read(report.id, manager)).toMatchObject({ ...personal, ...noSensitive, ...noFinancial });
    expect(await read(report.id, support, 'acme')).toMatchObject({ ...personal, ...noSensitive, ...noFinancial });
    expect(await read(report.id, colleague)).toMatchObject({ ...noPersonal, ...noSensitive, ...noFinancial });
    // Another tenant does not see the record at all.
    expect(await read(report.id, globex)).toBeNull();
  });

  it('refuse bad values with every offending field named, and write nothing', async () => {
    const before = await read(report.id);
    const result = await admin(UPDATE, {
      input: {
        id: report.id,
        expectedVersion: before!.version,
        nationality: 'XX',
        bankAccounts: [{ accountHolder: 'Pat', iban: 'DE89370400440532013001' }],
        taxIds: [{ country: 'NL', number: '111222334' }],
        emergencyContacts: [{ name: ' ', relationship: 'SPOUSE', phone: '+49 30 7654321' }],
        dependants: [{ name: 'Kit', relationship: 'CHILD', dateOfBirth: '2099-01-01' }],
      },
    });
    expect(problemFields(result).sort()).toEqual(['bankAccounts.0.iban', 'dependants.0.dateOfBirth', 'emergencyContacts.0.name', 'nationality', 'taxIds.0.number']);
    expect(await read(report.id)).toEqual(before);
    expect((await history(report.id)).map((e) => e.version)).toEqual([1]);
  });
});

describe('custom fields', () => {
  let employee: Record_;

  beforeAll(async () => {
    employee = await hire();
  });

  it('are declared by HR admins at a version, and read by every signed-in user of the tenant', async () => {
    expect(await customFields()).toEqual({ version: 0, fields: [] });
    await define({ key: 'shirtSize', label: 'Shirt size', type: 'CHOICE', options: ['S', 'M', 'L'], editableBy: 'SELF_SERVICE' });
    await define({ key: 'badge', label: 'Badge', type: 'NUMBER', required: true });
    const stale = await admin(DEFINE, { input: { expectedVersion: 1, key: 'x', label: 'X', type: 'TEXT' } });
    expect(stale.errors?.[0]).toMatchObject({ errorType: 'CONFLICT' });
    const bad = await admin(DEFINE, { input: { expectedVersion: 2, key: 'Bad Key', label: '', type: 'TEXT', options: ['a'] } });
    expect(problemFields(bad)).toEqual(['key', 'label', 'options']);
    const user = await signedIn(stack, { tenantId: 'acme', role: 'TenantUser' });
    expect(await customFields(user)).toMatchObject({ version: 2, fields: [{ key: 'shirtSize', editableBy: 'SELF_SERVICE' }, { key: 'badge', required: true, editableBy: 'HR_ONLY' }] });
    // Other tenants have their own (none).
    expect(await customFields(globex)).toEqual({ version: 0, fields: [] });
  });

  it('take values checked against their declarations on write', async () => {
    const current = (await read(employee.id))!;
    const refused = await admin(UPDATE, { input: { id: employee.id, expectedVersion: current.version, customFields: [{ key: 'shirtSize', value: 'XXL' }, { key: 'nope', value: '1' }] } });
    expect(problemFields(refused).sort()).toEqual(['customFields.badge', 'customFields.nope', 'customFields.shirtSize']);
    const wrongType = await admin(UPDATE, { input: { id: employee.id, expectedVersion: current.version, customFields: [{ key: 'badge', value: '12.5.1' }] } });
    expect(problemFields(wrongType)).toEqual(['customFields.badge']);
    const saved = (await ok(admin<{ updateEmployee: Record_ }>(UPDATE, {
      input: { id: employee.id, expectedVersion: current.version, customFields: [{ key: 'shirtSize', value: 'm' }, { key: 'badge', value: '0042' }] },
    }))).updateEmployee;
    expect(saved.customFields).toEqual([{ key: 'shirtSize', value: 'M' }, { key: 'badge', value: '42' }]);
    // Other updates keep them.
    const renamed = (await ok(admin<{ updateEmployee: Record_ }>(UPDATE, { input: { id: employee.id, expectedVersion: saved.version, phone: '+49 40 1234567' } }))).updateEmployee;
    expect(renamed.customFields).toEqual(saved.customFields);
  });

  it('retyped or removed, retire their values at once; re-declared, start empty', async () => {
    await define({ key: 'badge', label: 'Badge', type: 'TEXT' });
    expect((await read(employee.id))!.customFields).toEqual([{ key: 'shirtSize', value: 'M' }]);
    const { version } = await customFields();
    await ok(admin(REMOVE, { key: 'shirtSize', expectedVersion: version }));
    expect((await read(employee.id))!.customFields).toEqual([]);
    await define({ key: 'shirtSize', label: 'Shirt size', type: 'CHOICE', options: ['S', 'M', 'L'], editableBy: 'SELF_SERVICE' });
    expect((await read(employee.id))!.customFields).toEqual([]);
    const missing = await admin(REMOVE, { key: 'nope', expectedVersion: (await customFields()).version });
    expect(problemFields(missing)).toEqual(['key']);
  });

  it('are declared only by admins of the tenant itself', async () => {
    const user = await signedIn(stack, { tenantId: 'acme', role: 'TenantUser' });
    expect((await user(DEFINE, { input: { expectedVersion: 0, key: 'x', label: 'X', type: 'TEXT' } })).errors?.[0]).toMatchObject({ errorType: 'UNAUTHORIZED_ACCESS' });
    expect((await globex(DEFINE, { input: { expectedVersion: 0, key: 'x', label: 'X', type: 'TEXT' }, tenantId: 'acme' })).errors?.[0]).toMatchObject({ errorType: 'UNAUTHORIZED_ACCESS' });
    expect((await globex(REMOVE, { key: 'badge', expectedVersion: 0, tenantId: 'acme' })).errors?.[0]).toMatchObject({ errorType: 'UNAUTHORIZED_ACCESS' });
    expect((await globex(SCHEMA, { tenantId: 'acme' })).errors?.[0]).toMatchObject({ errorType: 'UNAUTHORIZED_ACCESS' });
    // A system admin naming the tenant reaches it.
    expect((await ok(systemAdmin<{ customFieldSchema: { fields: { key: string }[] } }>(SCHEMA, { tenantId: 'acme' }))).customFieldSchema.fields.map((f) => f.key)).toContain('badge');
  });
});

describe('self-service', () => {
  let me: Record_;
  let self: Gql;

  beforeAll(async () => {
    me = await hire({ phone: '+49 30 1111111', nationalId: 'NID-ME' });
    self = await signedIn(stack, { tenantId: 'acme', role: 'TenantUser', employeeId: me.id });
  });

  it('changes the caller\'s own contact details, emergency contacts and self-service fields', async () => {
    const updated = (await ok(self<{ updateMyProfile: Record_ }>(MY_PROFILE, {
      input: {
        expectedVersion: 1,
        phone: '+49 30 2222222',
        personalEmail: 'me@home.example',
        address: { line1: '1 Home Street', city: 'Berlin', country: 'de' },
        emergencyContacts: [{ name: 'Mum', relationship: 'PARENT', phone: '+49 30 3333333' }],
        customFields: [{ key: 'shirtSize', value: 'S' }],
      },
    }))).updateMyProfile;
    expect(updated).toMatchObject({ version: 2, phone: '+49 30 2222222', personalEmail: 'me@home.example', emergencyContacts: [{ name: 'Mum' }], customFields: [{ key: 'shirtSize', value: 'S' }], nationalId: 'NID-ME' });
    const [entry] = await history(me.id, self);
    expect(entry).toMatchObject({ version: 2, change: 'PROFILE_UPDATED', fields: ['phone', 'personalEmail', 'address', 'emergencyContacts', 'customFields.shirtSize'] });
  });

  it('refuses HR-only fields and anything beyond the profile', async () => {
    const hrOnly = await self(MY_PROFILE, { input: { expectedVersion: 2, customFields: [{ key: 'badge', value: '7' }] } });
    expect(problemFields(hrOnly)).toEqual(['customFields.badge']);
    const beyond = await self(MY_PROFILE, { input: { expectedVersion: 2, firstName: 'Mallory', bankAccounts: [] } });
    expect(beyond.errors?.[0]?.errorType).toBe('ValidationError');
    const stale = await self(MY_PROFILE, { input: { expectedVersion: 1, phone: '+49 30 4444444' } });
    expect(stale.errors?.[0]).toMatchObject({ errorType: 'CONFLICT' });
    expect((await read(me.id))!.version).toBe(2);
  });

  it('is for people with a record of their own in the tenant: never someone else\'s, never another tenant\'s', async () => {
    const unlinked = await signedIn(stack, { tenantId: 'acme', role: 'TenantUser' });
    expect((await unlinked(MY_PROFILE, { input: { expectedVersion: 1, phone: '+49 30 5555555' } })).errors?.[0]).toMatchObject({ errorType: 'UNAUTHORIZED_ACCESS' });
    // A globex user whose claim names an acme employee writes in globex's partition only, where there is no such record.
    const stray = await signedIn(stack, { tenantId: 'globex', role: 'TenantUser', employeeId: me.id });
    expect((await stray(MY_PROFILE, { input: { expectedVersion: 2, phone: '+49 30 6666666' } })).errors?.[0]).toMatchObject({ errorType: 'UNAUTHORIZED_ACCESS' });
    expect((await read(me.id))!).toMatchObject({ version: 2, phone: '+49 30 2222222' });
    // Support never edits a profile.
    expect((await support(MY_PROFILE, { input: { expectedVersion: 1, phone: '+49 30 7777777' } })).errors?.[0]).toMatchObject({ errorType: 'UNAUTHORIZED_ACCESS' });
  });
});

describe('change history', () => {
  it('keeps one entry per version, newest first: who, when and which fields — never a value', async () => {
    const e = await hire({ bankAccounts: [{ accountHolder: 'Pat', iban: IBAN }], phone: '+49 30 1234567' });
    const v2 = (await ok(admin<{ updateEmployee: Record_ }>(UPDATE, { input: { id: e.id, expectedVersion: 1, bankAccounts: [{ accountHolder: 'Pat', iban: 'GB82 WEST 1234 5698 7654 32' }], gender: 'FEMALE' } }))).updateEmployee;
    const [contract] = (await ok(admin<{ employeeContracts: { id: string; version: number }[] }>(CONTRACTS, { employeeId: e.id }))).employeeContracts;
    await ok(admin(AMEND, { input: { employeeId: e.id, contractId: contract!.id, expectedVersion: contract!.version, effectiveFrom: '2024-03-01', reason: 'promotion', changes: { jobTitle: 'Lead' } } }));
    const entries = await history(e.id);
    expect(entries.map((x) => [x.version, x.change])).toEqual([[3, 'EMPLOYMENT_CHANGED'], [2, 'UPDATED'], [1, 'HIRED']]);
    expect(entries[0]!.fields).toEqual(['employment.jobTitle']);
    expect(entries[1]!.fields).toEqual(['gender', 'bankAccounts']);
    expect(entries[2]!.fields).toEqual(expect.arrayContaining(['firstName', 'phone', 'bankAccounts', 'employment.jobTitle']));
    expect(entries.every((x) => x.employeeId === e.id && x.changedBy.length > 0)).toBe(true);
    expect(entries.map((x) => x.changedAt)).toEqual(entries.map((x) => x.changedAt).sort().reverse());
    expect(entries[1]!.changedAt).toBe(v2.updatedAt);
    const text = JSON.stringify(entries);
    for (const value of ['DE89', 'GB82', 'FEMALE', '1234567', 'Lead']) expect(text).not.toContain(value);
  });

  it('records exactly the write that won a race, and none for the ones that lost', async () => {
    const e = await hire();
    const results = await Promise.all(['A', 'B', 'C', 'D'].map((name) => admin(UPDATE, { input: { id: e.id, expectedVersion: 1, preferredName: name } })));
    expect(results.filter((r) => !r.errors).length).toBe(1);
    expect((await history(e.id)).map((x) => x.version)).toEqual([2, 1]);
  });

  it('is the employee\'s own and HR\'s to read: not a colleague\'s, a manager\'s, support\'s or another tenant\'s', async () => {
    const boss = await hire();
    const e = await hire({ contract: { startDate: '2024-01-02', terms: { jobTitle: 'Analyst', employmentType: 'FULL_TIME', managerId: boss.id } } });
    const self = await signedIn(stack, { tenantId: 'acme', role: 'TenantUser', employeeId: e.id });
    const manager = await signedIn(stack, { tenantId: 'acme', role: 'TenantUser', employeeId: boss.id });
    expect((await history(e.id, self)).map((x) => x.change)).toEqual(['HIRED']);
    expect((await manager(HISTORY, { employeeId: e.id })).errors?.[0]).toMatchObject({ errorType: 'UNAUTHORIZED_ACCESS' });
    expect((await self(HISTORY, { employeeId: boss.id })).errors?.[0]).toMatchObject({ errorType: 'UNAUTHORIZED_ACCESS' });
    expect((await support(HISTORY, { employeeId: e.id, tenantId: 'acme' })).errors?.[0]).toMatchObject({ errorType: 'UNAUTHORIZED_ACCESS' });
    expect((await globex(HISTORY, { employeeId: e.id })).errors?.[0]).toMatchObject({ errorType: 'NOT_FOUND' });
    expect((await globex(HISTORY, { employeeId: e.id, tenantId: 'acme' })).errors?.[0]).toMatchObject({ errorType: 'UNAUTHORIZED_ACCESS' });
  });

  it('goes with a hire withdrawn before it started: nothing of theirs is left', async () => {
    const e = await hire({ contract: { startDate: '2099-01-01', terms: { jobTitle: 'Analyst', employmentType: 'FULL_TIME' } } });
    await ok(admin(UPDATE, { input: { id: e.id, expectedVersion: 1, preferredName: 'Soon' } }));
    const stored = async () => (await internal.send(new QueryCommand({
      TableName: tableName('PIM', stack.stage),
      KeyConditionExpression: 'TenantId = :tenant AND begins_with(EntityItem, :prefix)',
      ExpressionAttributeValues: { ':tenant': { S: tenantKey('acme') }, ':prefix': { S: employeeHistoryPrefix(e.id) } },
      ConsistentRead: true,
    }))).Items ?? [];
    expect(await stored()).toHaveLength(2);
    await ok(admin(DELETE, { id: e.id }));
    expect(await stored()).toHaveLength(0);
  });

  it('follows the management line: a new manager moves the reports below, each with an entry', async () => {
    const [top, boss] = [await hire(), await hire()];
    const report = await hire({ contract: { startDate: '2024-01-02', terms: { jobTitle: 'Analyst', employmentType: 'FULL_TIME', managerId: boss.id } } });
    const [contract] = (await ok(admin<{ employeeContracts: { id: string; version: number }[] }>(CONTRACTS, { employeeId: boss.id }))).employeeContracts;
    await ok(admin(AMEND, { input: { employeeId: boss.id, contractId: contract!.id, expectedVersion: contract!.version, effectiveFrom: '2024-03-01', reason: 'reorg', changes: { managerId: top.id } } }));
    expect((await history(boss.id))[0]).toMatchObject({ change: 'EMPLOYMENT_CHANGED', fields: ['employment.managerId', 'managementLine'] });
    expect((await history(report.id))[0]).toMatchObject({ version: 2, change: 'EMPLOYMENT_CHANGED', fields: ['managementLine'] });
  });
});

describe('archiving', () => {
  let leaver: Record_;
  let departmentId: string;

  beforeAll(async () => {
    departmentId = (await ok(admin<{ createDepartment: { id: string } }>(`mutation ($input: CreateDepartmentInput!) { createDepartment(input: $input) { id } }`, { input: { name: 'Archive test' } }))).createDepartment.id;
    leaver = await hire({ lastName: 'Zarchived', contract: { startDate: '2024-01-02', terms: { jobTitle: 'Analyst', employmentType: 'FULL_TIME', departmentId } } });
  });

  it('is only for leavers', async () => {
    const active = await admin(ARCHIVE, { id: leaver.id, expectedVersion: leaver.version });
    expect(active.errors?.[0]).toMatchObject({ errorType: 'CONFLICT', message: expect.stringContaining('TERMINATED') });
    await terminate(leaver.id);
    leaver = (await read(leaver.id))!;
    expect(leaver.employment.status).toBe('TERMINATED');
    // Before archiving, a leaver is listed like anyone else.
    for (const filter of [{ lastNamePrefix: 'zarch' }, { status: 'TERMINATED' }, { departmentId }]) expect((await listed(filter)).ids, JSON.stringify(filter)).toContain(leaver.id);
    const stale = await admin(ARCHIVE, { id: leaver.id, expectedVersion: leaver.version - 1 });
    expect(stale.errors?.[0]).toMatchObject({ errorType: 'CONFLICT' });
  });

  it('keeps the record readable but out of every listing except archived ones, whose pages stay full', async () => {
    const archived = (await ok(admin<{ archiveEmployee: Record_ }>(ARCHIVE, { id: leaver.id, expectedVersion: leaver.version }))).archiveEmployee;
    expect(archived).toMatchObject({ archived: true, version: leaver.version + 1, employment: { status: 'TERMINATED' } });
    expect(archived.archivedAt).toBeTruthy();
    expect(await read(leaver.id)).toMatchObject({ archived: true });
    expect((await ok(admin<{ employeeContracts: unknown[] }>(CONTRACTS, { employeeId: leaver.id }))).employeeContracts).toHaveLength(1);
    expect((await history(leaver.id))[0]).toMatchObject({ change: 'ARCHIVED', fields: ['archived'] });
    for (const filter of [{}, { lastNamePrefix: 'zarch' }, { status: 'TERMINATED' }, { departmentId }]) {
      expect((await listed(filter)).ids, JSON.stringify(filter)).not.toContain(leaver.id);
    }
    // Others archived after it: every archived page is full.
    for (const name of ['Zarchived2', 'Zarchived3']) {
      const other = await hire({ lastName: name });
      await terminate(other.id);
      await ok(admin(ARCHIVE, { id: other.id, expectedVersion: (await read(other.id))!.version }));
    }
    const archivedList = await listed({ archived: true });
    expect(archivedList.ids).toContain(leaver.id);
    expect(archivedList.pages.slice(0, 3)).toEqual([1, 1, 1]);
    expect((await listed({ archived: true, lastNamePrefix: 'zarchived3' })).ids).toHaveLength(1);
    const mixed = await admin(LIST, { filter: { archived: true, status: 'ACTIVE' } });
    expect(problemFields(mixed)).toEqual(['filter.archived']);
  });

  it('freezes the record until HR restores it: no update, no new contract, no photo', async () => {
    const current = (await read(leaver.id))!;
    expect((await admin(UPDATE, { input: { id: leaver.id, expectedVersion: current.version, phone: '+49 30 9999999' } })).errors?.[0]).toMatchObject({ errorType: 'CONFLICT', message: expect.stringContaining('archived') });
    const rehire = { employeeId: leaver.id, expectedVersion: current.version, contract: { startDate: '2030-01-01', terms: { jobTitle: 'Analyst', employmentType: 'FULL_TIME' } } };
    expect((await admin(START, { input: rehire })).errors?.[0]).toMatchObject({ errorType: 'CONFLICT', message: expect.stringContaining('archived') });
    expect((await admin(SET_PHOTO, { input: { employeeId: leaver.id, expectedVersion: current.version, documentId: null } })).errors?.[0]).toMatchObject({ errorType: 'CONFLICT' });
    expect((await read(leaver.id))!.version).toBe(current.version);

    const restored = (await ok(admin<{ restoreEmployee: Record_ }>(RESTORE, { id: leaver.id, expectedVersion: current.version }))).restoreEmployee;
    expect(restored).toMatchObject({ archived: false, archivedAt: null });
    expect((await listed({ status: 'TERMINATED' })).ids).toContain(leaver.id);
    expect((await history(leaver.id))[0]).toMatchObject({ change: 'RESTORED' });
    await ok(admin(START, { input: { ...rehire, expectedVersion: restored.version } }));
    expect((await admin(RESTORE, { id: leaver.id, expectedVersion: (await read(leaver.id))!.version })).errors?.[0]).toMatchObject({ errorType: 'CONFLICT', message: expect.stringContaining('not archived') });
  });

  it('is HR\'s, within its own tenant', async () => {
    const other = await hire();
    await terminate(other.id);
    const version = (await read(other.id))!.version;
    const user = await signedIn(stack, { tenantId: 'acme', role: 'TenantUser', employeeId: other.id });
    expect((await user(ARCHIVE, { id: other.id, expectedVersion: version })).errors?.[0]).toMatchObject({ errorType: 'UNAUTHORIZED_ACCESS' });
    expect((await globex(ARCHIVE, { id: other.id, expectedVersion: version })).errors?.[0]).toMatchObject({ errorType: 'NOT_FOUND' });
    expect((await globex(ARCHIVE, { id: other.id, expectedVersion: version, tenantId: 'acme' })).errors?.[0]).toMatchObject({ errorType: 'UNAUTHORIZED_ACCESS' });
    expect((await globex(RESTORE, { id: other.id, expectedVersion: version })).errors?.[0]).toMatchObject({ errorType: 'NOT_FOUND' });
    expect((await support(ARCHIVE, { id: other.id, expectedVersion: version, tenantId: 'acme' })).errors?.[0]).toMatchObject({ errorType: 'UNAUTHORIZED_ACCESS' });
    expect((await read(other.id))!).toMatchObject({ archived: false, version });
  });
});

describe('profile photo', () => {
  let me: Record_;
  let self: Gql;

  async function uploadPhoto(gql: Gql, employeeId: string, kind = 'PROFILE_PHOTO', put = true): Promise<string> {
    const contentType = kind === 'PROFILE_PHOTO' ? 'image/png' : 'application/pdf';
    const upload = (await ok(gql<{ requestDocumentUpload: { document: { id: string }; uploadUrl: string; requiredHeaders: string } }>(UPLOAD, {
      input: { employeeId, kind, fileName: 'me.png', contentType, sizeBytes: PNG.length },
    }))).requestDocumentUpload;
    if (put) expect((await fetch(upload.uploadUrl, { method: 'PUT', headers: JSON.parse(upload.requiredHeaders) as Record<string, string>, body: PNG })).status).toBe(200);
    return upload.document.id;
  }

  beforeAll(async () => {
    me = await hire();
    self = await signedIn(stack, { tenantId: 'acme', role: 'TenantUser', employeeId: me.id });
  });

  it('is set by the employee from an uploaded PROFILE_PHOTO, and shown to colleagues through a short-lived URL', async () => {
    const pending = await uploadPhoto(self, me.id, 'PROFILE_PHOTO', false);
    expect(problemFields(await self(SET_PHOTO, { input: { employeeId: me.id, expectedVersion: 1, documentId: pending } }))).toEqual(['input.documentId']);
    const contract = await uploadPhoto(admin, me.id, 'CONTRACT');
    expect(problemFields(await self(SET_PHOTO, { input: { employeeId: me.id, expectedVersion: 1, documentId: contract } }))).toEqual(['input.documentId']);

    const photo = await uploadPhoto(self, me.id);
    const set = (await ok(self<{ setProfilePhoto: { version: number; photoDocumentId: string } }>(SET_PHOTO, { input: { employeeId: me.id, expectedVersion: 1, documentId: photo } }))).setProfilePhoto;
    expect(set).toMatchObject({ version: 2, photoDocumentId: photo });
    expect((await history(me.id))[0]).toMatchObject({ change: 'PHOTO_CHANGED', fields: ['photoDocumentId'] });

    const colleague = await signedIn(stack, { tenantId: 'acme', role: 'TenantUser' });
    const url = (await ok(colleague<{ employeePhotoUrl: { downloadUrl: string; document: { id: string; kind: string } } }>(PHOTO_URL, { employeeId: me.id }))).employeePhotoUrl;
    expect(url.document).toEqual({ id: photo, kind: 'PROFILE_PHOTO' });
    const response = await fetch(url.downloadUrl);
    expect(await response.text()).toBe(PNG);
    expect(new URL(url.downloadUrl).searchParams.get('X-Amz-Expires')).toBe('300');
    expect(new URL(url.downloadUrl).searchParams.get('response-content-disposition')).toMatch(/^inline/);
  });

  it('of someone else is HR\'s to set, never a colleague\'s or another tenant\'s', async () => {
    const other = await hire();
    const photo = await uploadPhoto(admin, other.id);
    expect((await self(SET_PHOTO, { input: { employeeId: other.id, expectedVersion: 1, documentId: photo } })).errors?.[0]).toMatchObject({ errorType: 'UNAUTHORIZED_ACCESS' });
    // A document of another employee is no photo of this one.
    expect(problemFields(await self(SET_PHOTO, { input: { employeeId: me.id, expectedVersion: 2, documentId: photo } }))).toEqual(['input.documentId']);
    expect((await globex(SET_PHOTO, { input: { employeeId: other.id, expectedVersion: 1, documentId: photo } })).errors?.[0]).toMatchObject({ errorType: 'NOT_FOUND' });
    expect((await globex(SET_PHOTO, { input: { employeeId: other.id, expectedVersion: 1, documentId: photo }, tenantId: 'acme' })).errors?.[0]).toMatchObject({ errorType: 'UNAUTHORIZED_ACCESS' });
    expect((await globex(PHOTO_URL, { employeeId: me.id })).errors?.[0]).toMatchObject({ errorType: 'NOT_FOUND' });
    expect((await globex(PHOTO_URL, { employeeId: me.id, tenantId: 'acme' })).errors?.[0]).toMatchObject({ errorType: 'UNAUTHORIZED_ACCESS' });
    await ok(admin(SET_PHOTO, { input: { employeeId: other.id, expectedVersion: 1, documentId: photo } }));
  });

  it('removed, leaves no URL', async () => {
    await ok(self(SET_PHOTO, { input: { employeeId: me.id, expectedVersion: 2, documentId: null } }));
    expect((await ok(self<{ employeePhotoUrl: unknown }>(PHOTO_URL, { employeeId: me.id }))).employeePhotoUrl).toBeNull();
  });
});
