/**
 * The employee slice end to end: HTTP → local AppSync runtime → deployable resolver bundles →
 * local DynamoDB (with transactions), as a client sees it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateEmployeeInput, Employee } from '../../../domain/generated/graphql.ts';
import type { StackHandle } from '../../../local/stack.ts';
import { signedIn, startTestStack, type Gql } from '../../support/stack.ts';

const FIELDS = `id tenantId employeeNumber firstName lastName preferredName email phone dateOfBirth nationalId
  address { line1 city country } version createdAt updatedAt
  employment { status contractId jobTitle departmentId managerId employmentType ftePercent hireDate terminationDate }`;
const CREATE = `mutation ($input: CreateEmployeeInput!, $tenantId: ID) { createEmployee(input: $input, tenantId: $tenantId) { ${FIELDS} } }`;
const GET = `query ($id: ID!, $tenantId: ID) { employee(id: $id, tenantId: $tenantId) { ${FIELDS} } }`;
const LIST = `query ($limit: Int, $nextToken: String, $filter: EmployeeFilter, $tenantId: ID) {
  employees(limit: $limit, nextToken: $nextToken, filter: $filter, tenantId: $tenantId) { items { id lastName firstName employment { status departmentId } } nextToken } }`;
const UPDATE = `mutation ($input: UpdateEmployeeInput!) { updateEmployee(input: $input) { ${FIELDS} } }`;
const DELETE = `mutation ($id: ID!, $expectedVersion: Int) { deleteEmployee(id: $id, expectedVersion: $expectedVersion) { id version } }`;

type EmployeeResult = Omit<Employee, '__typename'>;

let stack: StackHandle;
let acme: Gql;
let globex: Gql;
let acmeUser: Gql;
let systemAdmin: Gql;

function person(n: number, overrides: Partial<CreateEmployeeInput> = {}): CreateEmployeeInput {
  return {
    employeeNumber: `E-${String(n).padStart(4, '0')}`,
    firstName: `First${n}`,
    lastName: `Last${String(n).padStart(3, '0')}`,
    email: `person${n}@example.com`,
    contract: { startDate: '2022-01-10', terms: { jobTitle: 'Engineer', employmentType: 'FULL_TIME' } },
    ...overrides,
  };
}

async function create(gql: Gql, input: CreateEmployeeInput): Promise<EmployeeResult> {
  const result = await gql<{ createEmployee: EmployeeResult }>(CREATE, { input });
  expect(result.errors).toBeUndefined();
  return result.data!.createEmployee;
}

async function listAll(gql: Gql, limit: number, filter?: object): Promise<{ id: string; lastName: string }[][]> {
  const pages: { id: string; lastName: string }[][] = [];
  let nextToken: string | null = null;
  do {
    const result: Awaited<ReturnType<Gql>> = await gql(LIST, { limit, nextToken, filter });
    expect(result.errors).toBeUndefined();
    const page = (result.data as { employees: { items: { id: string; lastName: string }[]; nextToken: string | null } }).employees;
    pages.push(page.items);
    nextToken = page.nextToken;
  } while (nextToken);
  return pages;
}

beforeAll(async () => {
  stack = await startTestStack();
  [acme, acmeUser, globex, systemAdmin] = await Promise.all([
    signedIn(stack, { tenantId: 'acme', role: 'TenantAdmin' }),
    signedIn(stack, { tenantId: 'acme', role: 'TenantUser' }),
    signedIn(stack, { tenantId: 'globex', role: 'TenantAdmin' }),
    signedIn(stack, { tenantId: 'system', role: 'SystemAdmin' }),
  ]);
});

afterAll(async () => {
  await stack?.stop();
});

describe('createEmployee and employee', () => {
  it('stores a normalised record the caller can read back', async () => {
    const created = await create(acme, person(1, { email: 'Ada.Lovelace@Example.COM', firstName: '  Ada ', employeeNumber: ' e-0001' }));
    expect(created).toMatchObject({
      tenantId: 'acme',
      firstName: 'Ada',
      email: 'ada.lovelace@example.com',
      employeeNumber: 'E-0001',
      version: 1,
      employment: { status: 'ACTIVE', employmentType: 'FULL_TIME', hireDate: '2022-01-10', managerId: null, ftePercent: 100, terminationDate: null },
    });
    expect(created.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(created.createdAt).toBe(created.updatedAt);

    const read = await acme<{ employee: EmployeeResult }>(GET, { id: created.id });
    expect(read.errors).toBeUndefined();
    expect(read.data!.employee).toEqual(created);
  });

  it('answers null for an id the tenant does not have', async () => {
    const read = await acme(GET, { id: '01J0000000000000000000000X' });
    expect(read).toMatchObject({ status: 200, data: { employee: null } });
    expect(read.errors).toBeUndefined();
  });

  it('refuses a malformed id with VALIDATION_ERROR', async () => {
    const read = await acme(GET, { id: 'EMP#../x' });
    expect(read.data).toEqual({ employee: null });
    expect(read.errors?.[0]).toMatchObject({ errorType: 'VALIDATION_ERROR', path: ['employee'] });
  });

  it('refuses a second employee with the same work email or number, writing nothing', async () => {
    await create(acme, person(2));
    const sameEmail = await acme(CREATE, { input: person(3, { email: 'PERSON2@example.com' }) });
    expect(sameEmail.errors?.[0]).toMatchObject({ errorType: 'CONFLICT', message: expect.stringContaining('work email') });
    const sameNumber = await acme(CREATE, { input: person(3, { employeeNumber: 'e-0002' }) });
    expect(sameNumber.errors?.[0]).toMatchObject({ errorType: 'CONFLICT', message: expect.stringContaining('employee number') });
    // person 3's own email and number stayed free: nothing of the failed transactions was written.
    await create(acme, person(3));
  });

  it('lets another tenant reuse the same email and number', async () => {
    const other = await create(globex, person(2));
    expect(other.tenantId).toBe('globex');
  });

  it('rejects invalid input with every problem listed and writes nothing', async () => {
    const before = (await listAll(acme, 100)).flat().length;
    const result = await acme(CREATE, {
      input: person(9, {
        firstName: '   ',
        dateOfBirth: '2030-01-01',
        address: { line1: 'x', city: 'y', country: 'Germany' },
        contract: { startDate: '2020-01-01', endDate: '2019-12-31', terms: { jobTitle: 'QA', employmentType: 'FULL_TIME' } },
      }),
    });
    // createEmployee is non-null, so its error nulls the whole data object (as AppSync does).
    expect(result.data).toBeNull();
    expect(result.errors?.[0]?.errorType).toBe('VALIDATION_ERROR');
    const fields = (result.errors?.[0]?.errorInfo as { fields: { field: string }[] }).fields.map((f) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['firstName', 'dateOfBirth', 'address.country', 'contract.endDate']));
    expect((await listAll(acme, 100)).flat().length).toBe(before);
  });

  it('rejects malformed scalars before any resolver runs', async () => {
    const badEmail = await acme(CREATE, { input: person(10, { email: 'not-an-email' }) });
    expect(badEmail.data ?? null).toBeNull();
    expect(badEmail.errors?.[0]).toMatchObject({ errorType: 'ValidationError', message: expect.stringMatching(/email/i) });
    const badDate = await acme(CREATE, { input: { ...person(10), contract: { ...person(10).contract, startDate: '2024-02-30' } } });
    expect(badDate.errors?.[0]?.message).toMatch(/AWSDate|date/i);
    const unknownField = await acme(`{ employees { items { salary } } }`);
    expect(unknownField.errors?.[0]?.errorType).toBe('ValidationError');
  });

  it('requires the manager to be an employee of the same tenant', async () => {
    const globexBoss = await create(globex, person(20));
    const result = await acme(CREATE, { input: person(21, { contract: { startDate: '2022-01-10', terms: { jobTitle: 'Engineer', employmentType: 'FULL_TIME', managerId: globexBoss.id } } }) });
    expect(result.errors?.[0]).toMatchObject({ errorType: 'VALIDATION_ERROR', message: expect.stringContaining('managerId') });
  });
});

describe('employees', () => {
  it('pages through every employee in last-name order, each exactly once', async () => {
    const fresh = await signedIn(stack, { tenantId: 'paging', role: 'TenantAdmin' });
    const numbers = Array.from({ length: 23 }, (_, i) => 100 + i);
    for (const n of numbers.reverse()) await create(fresh, person(n));
    const pages = await listAll(fresh, 10);
    expect(pages.map((p) => p.length)).toEqual([10, 10, 3]);
    const names = pages.flat().map((e) => e.lastName);
    expect(names).toEqual([...names].sort());
    expect(new Set(pages.flat().map((e) => e.id)).size).toBe(23);
  });

  it('filters by status, department and last-name prefix from indexes, so every page is full', async () => {
    const fresh = await signedIn(stack, { tenantId: 'filters', role: 'TenantAdmin' });
    const sales = await fresh<{ createDepartment: { id: string } }>(`mutation { createDepartment(input: { name: "Sales" }) { id } }`);
    const SALES = sales.data!.createDepartment.id;
    const hired = (n: number, lastName: string, terms: object, startDate = '2022-01-10') =>
      create(fresh, person(n, { lastName, contract: { startDate, terms: { jobTitle: 'Engineer', employmentType: 'FULL_TIME', ...terms } } }));
    await hired(1, 'Smith', { departmentId: SALES });
    await hired(2, 'Smythe', {}, '2099-01-01');
    await hired(3, 'Jones', { departmentId: SALES }, '2099-01-01');
    // Many non-matching employees before and among the matches: a filter after the limit would return empty pages.
    for (let n = 10; n < 30; n += 1) await hired(n, `Aardvark${n}`, {});
    const names = async (filter: object, limit = 1) => (await listAll(fresh, limit, filter)).flat().map((e) => e.lastName);
    expect(await names({ lastNamePrefix: 'sm' })).toEqual(['Smith', 'Smythe']);
    expect(await names({ status: 'PENDING' })).toEqual(['Jones', 'Smythe']);
    expect(await names({ status: 'PENDING', lastNamePrefix: 'SMY' })).toEqual(['Smythe']);
    expect(await names({ departmentId: SALES })).toEqual(['Smith', 'Jones']);
    expect(await names({ departmentId: SALES, status: 'ACTIVE' })).toEqual(['Smith']);
    for (const pages of [await listAll(fresh, 1, { status: 'PENDING' }), await listAll(fresh, 1, { departmentId: SALES })]) {
      // Full pages until the end (DynamoDB may close a range that ended exactly at a full page with one empty page).
      const [last, ...before] = pages.slice().reverse();
      expect(before.every((page) => page.length === 1)).toBe(true);
      expect(last!.length === 1 || before.length > 0).toBe(true);
    }
    const unsupported = await fresh(LIST, { filter: { departmentId: SALES, lastNamePrefix: 'j' } });
    expect(unsupported.errors?.[0]).toMatchObject({ errorType: 'VALIDATION_ERROR', message: expect.stringContaining('status') });
  });

  it('refuses a limit outside 1-100', async () => {
    for (const limit of [0, 101, -5]) {
      const result = await acme(LIST, { limit });
      expect(result.errors?.[0]?.errorType).toBe('VALIDATION_ERROR');
    }
  });

  it('refuses a tampered nextToken and one taken from another tenant', async () => {
    const first = await acme<{ employees: { nextToken: string } }>(LIST, { limit: 1 });
    const token = first.data!.employees.nextToken;
    expect(token).toBeTruthy();
    const tampered = await acme(LIST, { limit: 1, nextToken: `${token.slice(0, -3)}abc` });
    expect(tampered.errors?.[0]?.errorType).toBe('INVALID_PAGINATION_TOKEN');
    const foreign = await globex(LIST, { limit: 1, nextToken: token });
    expect(foreign.errors?.[0]?.errorType).toBe('INVALID_PAGINATION_TOKEN');
    expect(foreign.data?.employees ?? null).toBeNull();
  });
});

describe('updateEmployee', () => {
  it('applies changes at the expected version and bumps it; null clears optional fields', async () => {
    const e = await create(acme, person(30, { preferredName: 'Thirty', phone: '+49 30 1234567' }));
    const result = await acme<{ updateEmployee: EmployeeResult }>(UPDATE, {
      input: { id: e.id, expectedVersion: 1, lastName: 'Renamed', preferredName: null },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!.updateEmployee).toMatchObject({ lastName: 'Renamed', preferredName: null, phone: '+49 30 1234567', version: 2 });
    expect(result.data!.updateEmployee.updatedAt >= e.updatedAt).toBe(true);
  });

  it('answers CONFLICT for a stale expectedVersion and overwrites nothing', async () => {
    const e = await create(acme, person(31));
    await acme(UPDATE, { input: { id: e.id, expectedVersion: 1, firstName: 'Winner' } });
    const stale = await acme(UPDATE, { input: { id: e.id, expectedVersion: 1, firstName: 'Loser' } });
    expect(stale.errors?.[0]).toMatchObject({ errorType: 'CONFLICT', path: ['updateEmployee'] });
    const read = await acme<{ employee: EmployeeResult }>(GET, { id: e.id });
    expect(read.data!.employee).toMatchObject({ firstName: 'Winner', version: 2 });
  });

  it('lets exactly one of two concurrent updates at the same version win', async () => {
    const e = await create(acme, person(32));
    const results = await Promise.all(
      ['A', 'B', 'C', 'D'].map((name) => acme(UPDATE, { input: { id: e.id, expectedVersion: 1, firstName: name } })),
    );
    expect(results.filter((r) => !r.errors).length).toBe(1);
    expect(results.filter((r) => r.errors?.[0]?.errorType === 'CONFLICT').length).toBe(3);
  });

  it('moves the email guard: the old email becomes free, the new one is taken', async () => {
    const e = await create(acme, person(33));
    const moved = await acme(UPDATE, { input: { id: e.id, expectedVersion: 1, email: 'new33@example.com' } });
    expect(moved.errors).toBeUndefined();
    await create(acme, person(34, { email: 'person33@example.com' }));
    const taken = await acme(CREATE, { input: person(35, { email: 'new33@example.com' }) });
    expect(taken.errors?.[0]?.errorType).toBe('CONFLICT');
  });

  it('answers NOT_FOUND for an unknown id and VALIDATION_ERROR for clearing a required field', async () => {
    const missing = await acme(UPDATE, { input: { id: 'nope', expectedVersion: 1, firstName: 'X' } });
    expect(missing.errors?.[0]?.errorType).toBe('NOT_FOUND');
    const e = await create(acme, person(36));
    const cleared = await acme(UPDATE, { input: { id: e.id, expectedVersion: 1, lastName: null } });
    expect(cleared.errors?.[0]?.errorType).toBe('VALIDATION_ERROR');
  });
});

describe('deleteEmployee', () => {
  it('withdraws a hire that has not started: the record goes, its email and number are free again', async () => {
    const e = await create(acme, person(40, { contract: { startDate: '2099-01-01', terms: { jobTitle: 'Engineer', employmentType: 'FULL_TIME' } } }));
    const stale = await acme(DELETE, { id: e.id, expectedVersion: 7 });
    expect(stale.errors?.[0]?.errorType).toBe('CONFLICT');
    const deleted = await acme(DELETE, { id: e.id, expectedVersion: 1 });
    expect(deleted.data).toEqual({ deleteEmployee: { id: e.id, version: 1 } });
    expect((await acme(GET, { id: e.id })).data).toEqual({ employee: null });
    const again = await acme(DELETE, { id: e.id });
    expect(again.errors?.[0]?.errorType).toBe('NOT_FOUND');
    await create(acme, person(40));
  });

  it('never deletes someone who has started work: leavers are terminated and archived', async () => {
    const e = await create(acme, person(41));
    const refused = await acme(DELETE, { id: e.id, expectedVersion: 1 });
    expect(refused.errors?.[0]).toMatchObject({ errorType: 'CONFLICT', message: expect.stringContaining('started work') });
    expect((await acme<{ employee: EmployeeResult }>(GET, { id: e.id })).data!.employee.id).toBe(e.id);
  });
});

describe('tenant isolation', () => {
  it('never shows or changes another tenant\'s employee through any argument', async () => {
    const secret = await create(acme, person(50));
    expect((await globex(GET, { id: secret.id })).data).toEqual({ employee: null });
    const listed = (await listAll(globex, 100)).flat().map((e) => e.id);
    expect(listed).not.toContain(secret.id);
    const update = await globex(UPDATE, { input: { id: secret.id, expectedVersion: 1, firstName: 'Hijacked' } });
    expect(update.errors?.[0]?.errorType).toBe('NOT_FOUND');
    const del = await globex(DELETE, { id: secret.id });
    expect(del.errors?.[0]?.errorType).toBe('NOT_FOUND');
    expect((await acme<{ employee: EmployeeResult }>(GET, { id: secret.id })).data!.employee.firstName).toBe(secret.firstName);
  });

  it('refuses a tenantId argument naming another tenant unless the caller has a system role', async () => {
    const target = await create(acme, person(51));
    for (const gql of [globex, acmeUser]) {
      const read = await gql(GET, { id: target.id, tenantId: gql === acmeUser ? 'globex' : 'acme' });
      expect(read.errors?.[0]).toMatchObject({ errorType: 'UNAUTHORIZED_ACCESS' });
      expect(read.data).toEqual({ employee: null });
    }
    const forged = await globex(CREATE, { input: person(52), tenantId: 'acme' });
    expect(forged.errors?.[0]?.errorType).toBe('UNAUTHORIZED_ACCESS');
    const asSystem = await systemAdmin<{ employee: EmployeeResult }>(GET, { id: target.id, tenantId: 'acme' });
    expect(asSystem.data!.employee.id).toBe(target.id);
    const badTenant = await systemAdmin(GET, { id: target.id, tenantId: 'ACME!' });
    expect(badTenant.errors?.[0]?.errorType).toBe('INVALID_TENANT_ID');
  });
});
