/**
 * The organisation module end to end: HTTP → local AppSync runtime → deployable resolver bundles
 * (and the organisation Lambda for moves) → local DynamoDB, as clients see it; the assignments API
 * with a tenant's own STS session; isolation between tenants. One stack for the whole file.
 */
import { TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../../domain/domain-error.ts';
import { tableName } from '../../../domain/model/tables.ts';
import { assignmentWrites, type AssignmentChange } from '../../../domain/organisation/assignments.ts';
import { dynamoDepartmentStore, updateDepartment } from '../../../domain/organisation/department-moves.ts';
import { tenantClients, type TenantClients } from '../../../domain/tenant-credentials.ts';
import type { StackHandle } from '../../../local/stack.ts';
import { signedIn, startTestStack, type Gql, type GraphQLResponse } from '../../support/stack.ts';

const DEPARTMENT = 'id name code parentId ancestorIds depth headEmployeeId costCentreId childCount headcount subtreeHeadcount assignmentCount archived version createdAt updatedAt';
const Q = {
  department: `query ($id: ID!, $tenantId: ID) { department(id: $id, tenantId: $tenantId) { ${DEPARTMENT} } }`,
  departments: `query ($parentId: ID, $limit: Int, $nextToken: String, $tenantId: ID) { departments(parentId: $parentId, limit: $limit, nextToken: $nextToken, tenantId: $tenantId) { items { id name } nextToken } }`,
  orgChart: `query ($departmentId: ID, $depth: Int, $limit: Int, $nextToken: String, $tenantId: ID) {
    orgChart(departmentId: $departmentId, depth: $depth, limit: $limit, nextToken: $nextToken, tenantId: $tenantId) {
      items { depth id name parentId headEmployeeId headcount subtreeHeadcount childCount archived } nextToken } }`,
  createDepartment: `mutation ($input: CreateDepartmentInput!, $tenantId: ID) { createDepartment(input: $input, tenantId: $tenantId) { ${DEPARTMENT} } }`,
  updateDepartment: `mutation ($input: UpdateDepartmentInput!, $tenantId: ID) { updateDepartment(input: $input, tenantId: $tenantId) { ${DEPARTMENT} } }`,
  deleteDepartment: `mutation ($id: ID!, $expectedVersion: Int, $tenantId: ID) { deleteDepartment(id: $id, expectedVersion: $expectedVersion, tenantId: $tenantId) { id } }`,
  location: `query ($id: ID!, $tenantId: ID) { location(id: $id, tenantId: $tenantId) { id name timeZone address { line1 city country } assignmentCount archived version } }`,
  locations: `query ($limit: Int, $nextToken: String, $tenantId: ID) { locations(limit: $limit, nextToken: $nextToken, tenantId: $tenantId) { items { id } nextToken } }`,
  createLocation: `mutation ($input: CreateLocationInput!, $tenantId: ID) { createLocation(input: $input, tenantId: $tenantId) { id name timeZone address { country } version archived assignmentCount } }`,
  updateLocation: `mutation ($input: UpdateLocationInput!, $tenantId: ID) { updateLocation(input: $input, tenantId: $tenantId) { id name timeZone version archived } }`,
  deleteLocation: `mutation ($id: ID!, $expectedVersion: Int, $tenantId: ID) { deleteLocation(id: $id, expectedVersion: $expectedVersion, tenantId: $tenantId) { id } }`,
  position: `query ($id: ID!, $tenantId: ID) { position(id: $id, tenantId: $tenantId) { id title code departmentId assignmentCount version } }`,
  positions: `query ($limit: Int, $nextToken: String, $tenantId: ID) { positions(limit: $limit, nextToken: $nextToken, tenantId: $tenantId) { items { id } nextToken } }`,
  createPosition: `mutation ($input: CreatePositionInput!, $tenantId: ID) { createPosition(input: $input, tenantId: $tenantId) { id title code departmentId version } }`,
  updatePosition: `mutation ($input: UpdatePositionInput!, $tenantId: ID) { updatePosition(input: $input, tenantId: $tenantId) { id title code departmentId version } }`,
  deletePosition: `mutation ($id: ID!, $expectedVersion: Int, $tenantId: ID) { deletePosition(id: $id, expectedVersion: $expectedVersion, tenantId: $tenantId) { id } }`,
  costCentre: `query ($id: ID!, $tenantId: ID) { costCentre(id: $id, tenantId: $tenantId) { id code name assignmentCount archived version } }`,
  costCentres: `query ($limit: Int, $nextToken: String, $tenantId: ID) { costCentres(limit: $limit, nextToken: $nextToken, tenantId: $tenantId) { items { id } nextToken } }`,
  createCostCentre: `mutation ($input: CreateCostCentreInput!, $tenantId: ID) { createCostCentre(input: $input, tenantId: $tenantId) { id code name version archived } }`,
  updateCostCentre: `mutation ($input: UpdateCostCentreInput!, $tenantId: ID) { updateCostCentre(input: $input, tenantId: $tenantId) { id code name version archived } }`,
  deleteCostCentre: `mutation ($id: ID!, $expectedVersion: Int, $tenantId: ID) { deleteCostCentre(id: $id, expectedVersion: $expectedVersion, tenantId: $tenantId) { id } }`,
  createEmployee: `mutation ($input: CreateEmployeeInput!) { createEmployee(input: $input) { id } }`,
};

interface Department {
  id: string;
  name: string;
  code: string | null;
  parentId: string | null;
  ancestorIds: string[];
  depth: number;
  childCount: number;
  headcount: number;
  subtreeHeadcount: number;
  assignmentCount: number;
  archived: boolean;
  version: number;
}
interface Unit {
  depth: number;
  id: string;
  parentId: string | null;
  headcount: number;
  subtreeHeadcount: number;
}

let stack: StackHandle;
let acme: Gql;
let acmeUser: Gql;
let globex: Gql;
let systemAdmin: Gql;
let sessions: TenantClients;
/** Every data-source request of the API with its answer, for counting what a query reads. */
const requests: { dataSource: string; request: Record<string, unknown>; result: unknown }[] = [];

beforeAll(async () => {
  stack = await startTestStack({ observeDataSource: (dataSource, request, answer) => requests.push({ dataSource, request: request as Record<string, unknown>, result: answer.result }) });
  [acme, acmeUser, globex, systemAdmin] = await Promise.all([
    signedIn(stack, { tenantId: 'acme', role: 'TenantAdmin' }),
    signedIn(stack, { tenantId: 'acme', role: 'TenantUser' }),
    signedIn(stack, { tenantId: 'globex', role: 'TenantAdmin' }),
    signedIn(stack, { tenantId: 'system', role: 'SystemAdmin' }),
  ]);
  // The tenant-scoped role, as the employment Lambda and the contract runner will use it.
  sessions = tenantClients({ roleArn: process.env.TENANT_ROLE_ARN! });
});

afterAll(async () => {
  sessions?.destroy();
  await stack?.stop();
});

/** Runs an operation that must succeed and returns its single root field. */
async function ok<T>(gql: Gql, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const result = await gql<Record<string, T>>(query, variables);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return Object.values(result.data!)[0]!;
}

/** The first error of an operation that must fail. */
async function refused(gql: Gql, query: string, variables: Record<string, unknown> = {}): Promise<NonNullable<GraphQLResponse['errors']>[number]> {
  const result = await gql(query, variables);
  expect(result.errors, `expected an error from ${query.slice(0, 60)}`).toBeDefined();
  return result.errors![0]!;
}

const createDepartment = (gql: Gql, input: Record<string, unknown>) => ok<Department>(gql, Q.createDepartment, { input });
const getDepartment = (gql: Gql, id: string) => ok<Department | null>(gql, Q.department, { id });

/** Every page of a list operation (root field `field`), each page's items. */
async function pages<T>(gql: Gql, query: string, variables: Record<string, unknown>): Promise<T[][]> {
  const all: T[][] = [];
  let nextToken: string | null = null;
  do {
    const page: { items: T[]; nextToken: string | null } = await ok(gql, query, { ...variables, nextToken });
    all.push(page.items);
    nextToken = page.nextToken;
  } while (nextToken);
  return all;
}

const chart = async (gql: Gql, variables: Record<string, unknown>) => (await pages<Unit>(gql, Q.orgChart, { limit: 100, ...variables })).flat();

/** An employee write's organisation side with the tenant's own session, committed alone as its caller would. */
async function assign(tenantId: string, change: AssignmentChange): Promise<void> {
  const { dynamodb } = await sessions.forTenant(tenantId);
  const org = await assignmentWrites({ dynamodb, tableName: tableName('PIM', stack.stage) }, tenantId, change);
  if (org.items.length === 0) return;
  try {
    await dynamodb.send(new TransactWriteItemsCommand({ TransactItems: org.items }));
  } catch (error) {
    const outcome = org.outcomeOf(error);
    throw outcome ? new DomainError(outcome.type, outcome.message) : error;
  }
}

let serial = 0;
async function employee(gql: Gql): Promise<string> {
  serial += 1;
  const input = {
    employeeNumber: `O-${serial}`,
    firstName: 'Org',
    lastName: `Person${serial}`,
    email: `org${serial}@example.com`,
    contract: { startDate: '2023-03-01', terms: { jobTitle: 'Analyst', employmentType: 'FULL_TIME' } },
  };
  return (await ok<{ id: string }>(gql, Q.createEmployee, { input })).id;
}

describe('departments', () => {
  it('given a cost centre and an employee, when a tree is created, then each department reads back in its place', async () => {
    const cc = await ok<{ id: string }>(acme, Q.createCostCentre, { input: { code: 'eng-cc', name: 'Engineering' } });
    const head = await employee(acme);
    const root = await createDepartment(acme, { name: ' Engineering ', code: 'eng', headEmployeeId: head, costCentreId: cc.id });
    expect(root).toMatchObject({ name: 'Engineering', code: 'ENG', parentId: null, ancestorIds: [], depth: 0, headcount: 0, childCount: 0, version: 1, archived: false });
    const child = await createDepartment(acme, { name: 'Platform', parentId: root.id });
    const grandchild = await createDepartment(acme, { name: 'Storage', parentId: child.id });
    expect(grandchild).toMatchObject({ parentId: child.id, ancestorIds: [root.id, child.id], depth: 2 });
    expect(await getDepartment(acme, root.id)).toMatchObject({ childCount: 1, headEmployeeId: head, costCentreId: cc.id });
    expect((await ok<{ assignmentCount: number }>(acme, Q.costCentre, { id: cc.id })).assignmentCount).toBe(1);
    expect((await pages<{ id: string }>(acme, Q.departments, { parentId: root.id })).flat().map((d) => d.id)).toEqual([child.id]);
    expect((await pages<{ id: string }>(acme, Q.departments, {})).flat().map((d) => d.id)).toContain(root.id);
    // Every signed-in user of the tenant reads the organisation.
    expect((await getDepartment(acmeUser, grandchild.id))?.name).toBe('Storage');
  });

  it('refuses a taken code, a missing or archived parent, an unknown head or an archived cost centre, writing nothing', async () => {
    const first = await createDepartment(acme, { name: 'Finance', code: 'fin' });
    const taken = await refused(acme, Q.createDepartment, { input: { name: 'Finance 2', code: 'FIN' } });
    expect(taken).toMatchObject({ errorType: 'CONFLICT', errorInfo: { fields: [{ field: 'code' }] } });
    expect(await refused(acme, Q.createDepartment, { input: { name: 'X', parentId: 'nope' } })).toMatchObject({ errorType: 'VALIDATION_ERROR', errorInfo: { fields: [{ field: 'parentId' }] } });
    await ok(acme, Q.updateDepartment, { input: { id: first.id, expectedVersion: 1, archived: true } });
    expect(await refused(acme, Q.createDepartment, { input: { name: 'X', parentId: first.id } })).toMatchObject({ errorType: 'VALIDATION_ERROR', message: expect.stringContaining('archived') });
    expect(await refused(acme, Q.createDepartment, { input: { name: 'X', headEmployeeId: 'nobody' } })).toMatchObject({ errorType: 'VALIDATION_ERROR', errorInfo: { fields: [{ field: 'headEmployeeId' }] } });
    const cc = await ok<{ id: string }>(acme, Q.createCostCentre, { input: { code: 'old-cc', name: 'Old' } });
    await ok(acme, Q.updateCostCentre, { input: { id: cc.id, expectedVersion: 1, archived: true } });
    expect(await refused(acme, Q.createDepartment, { input: { name: 'X', code: 'x-1', costCentreId: cc.id } })).toMatchObject({ errorType: 'VALIDATION_ERROR', errorInfo: { fields: [{ field: 'costCentreId' }] } });
    expect(await refused(acme, Q.createDepartment, { input: { name: ' ', code: 'bad code' } })).toMatchObject({ errorType: 'VALIDATION_ERROR' });
    // Nothing of the refused transactions was written: the code of the last good attempt is still free.
    await createDepartment(acme, { name: 'X', code: 'x-1' });
    expect((await getDepartment(acme, first.id))?.childCount).toBe(0);
  });

  it('updates at the expected version only, and lets one of concurrent updates win', async () => {
    const d = await createDepartment(acme, { name: 'Legal' });
    const renamed = await ok<Department>(acme, Q.updateDepartment, { input: { id: d.id, expectedVersion: 1, name: 'Legal & Compliance', code: 'lc' } });
    expect(renamed).toMatchObject({ name: 'Legal & Compliance', code: 'LC', version: 2 });
    expect(await refused(acme, Q.updateDepartment, { input: { id: d.id, expectedVersion: 1, name: 'Stale' } })).toMatchObject({ errorType: 'CONFLICT' });
    const results = await Promise.all(['A', 'B', 'C'].map((name) => acme(Q.updateDepartment, { input: { id: d.id, expectedVersion: 2, name } })));
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.filter((r) => r.errors?.[0]?.errorType === 'CONFLICT')).toHaveLength(2);
    expect(await refused(acme, Q.updateDepartment, { input: { id: 'missing', expectedVersion: 1, name: 'X' } })).toMatchObject({ errorType: 'NOT_FOUND' });
  });

  it('moves a department with its whole subtree and its headcount, and refuses cycles', async () => {
    const a = await createDepartment(acme, { name: 'A' });
    const b = await createDepartment(acme, { name: 'B', parentId: a.id });
    const c = await createDepartment(acme, { name: 'C', parentId: b.id });
    const d = await createDepartment(acme, { name: 'D' });
    await assign('acme', { before: null, after: { departmentId: c.id, countsInHeadcount: true } });
    expect(await getDepartment(acme, a.id)).toMatchObject({ subtreeHeadcount: 1 });

    const moved = await ok<Department>(acme, Q.updateDepartment, { input: { id: b.id, expectedVersion: 1, parentId: d.id, name: 'B moved' } });
    expect(moved).toMatchObject({ name: 'B moved', parentId: d.id, ancestorIds: [d.id], depth: 1, version: 2 });
    expect(await getDepartment(acme, c.id)).toMatchObject({ ancestorIds: [d.id, b.id], depth: 2, headcount: 1 });
    expect(await getDepartment(acme, a.id)).toMatchObject({ childCount: 0, subtreeHeadcount: 0 });
    expect(await getDepartment(acme, d.id)).toMatchObject({ childCount: 1, subtreeHeadcount: 1 });
    expect((await chart(acme, { departmentId: d.id, depth: 9 })).map((u) => [u.id, u.depth, u.parentId])).toEqual([
      [d.id, 0, null],
      [b.id, 1, d.id],
      [c.id, 2, b.id],
    ]);
    expect((await chart(acme, { departmentId: a.id })).map((u) => u.id)).toEqual([a.id]);

    for (const parentId of [c.id, b.id]) {
      const cycle = await refused(acme, Q.updateDepartment, { input: { id: b.id, expectedVersion: 2, parentId } });
      expect(cycle).toMatchObject({ errorType: 'VALIDATION_ERROR', errorInfo: { fields: [{ field: 'parentId' }] } });
    }
    expect(await refused(acme, Q.updateDepartment, { input: { id: d.id, expectedVersion: 1, parentId: c.id } })).toMatchObject({ errorType: 'VALIDATION_ERROR' });
    // Back to the top: a root department again.
    expect(await ok<Department>(acme, Q.updateDepartment, { input: { id: b.id, expectedVersion: 2, parentId: null } })).toMatchObject({ parentId: null, depth: 0 });
    expect(await getDepartment(acme, d.id)).toMatchObject({ childCount: 0, subtreeHeadcount: 0 });
  });

  it('re-paths a subtree too big for one transaction in batches, under a lock that holds other tree changes off', async () => {
    const top = await createDepartment(acme, { name: 'Big' });
    const ids = [top.id];
    for (let i = 0; i < 30; i += 1) ids.push((await createDepartment(acme, { name: `Big ${i}`, parentId: ids[Math.floor(i / 3)] })).id);
    const target = await createDepartment(acme, { name: 'New home' });
    const moved = await ok<Department>(acme, Q.updateDepartment, { input: { id: top.id, expectedVersion: 1, parentId: target.id } });
    expect(moved).toMatchObject({ parentId: target.id, depth: 1 });
    const units = await chart(acme, { departmentId: target.id, depth: 9 });
    expect(units).toHaveLength(32);
    for (const unit of units.slice(1)) expect(units.some((u) => u.id === unit.parentId && u.depth === unit.depth - 1), unit.id).toBe(true);

    // The same move engine, stopped after its lock as a dying Lambda would be.
    const { dynamodb } = await sessions.forTenant('acme');
    const store = dynamoDepartmentStore({ dynamodb, tableName: tableName('PIM', stack.stage) }, 'acme');
    const crash = new Error('Lambda died');
    const fresh = (await getDepartment(acme, top.id))!;
    const interrupted = updateDepartment(store, { id: top.id, expectedVersion: fresh.version, parentId: null }, 'test', {
      maxItemsPerTransaction: 20,
      afterTransaction: (step) => {
        if (step === 'lock') throw crash;
      },
    });
    await expect(interrupted).rejects.toBe(crash);
    expect(await refused(acme, Q.createDepartment, { input: { name: 'Meanwhile' } })).toMatchObject({ errorType: 'CONFLICT', message: expect.stringContaining('move is under way') });
    expect(await refused(acme, Q.updateDepartment, { input: { id: top.id, expectedVersion: fresh.version + 1, name: 'Meanwhile' } })).toMatchObject({ errorType: 'CONFLICT' });
    await expect(assign('acme', { before: null, after: { departmentId: ids[5]!, countsInHeadcount: true } })).rejects.toMatchObject({ errorType: 'CONFLICT' });
    // Once the lock is stale, the next update through the engine finishes the move first.
    const other = (await getDepartment(acme, target.id))!;
    const finished = await updateDepartment(store, { id: target.id, expectedVersion: other.version, name: 'New home, renamed' }, 'test', { staleLockMs: -1 });
    expect(finished.resumed).toBe(top.id);
    const after = await chart(acme, { departmentId: top.id, depth: 9 });
    expect(after.map((u) => u.id).sort()).toEqual([...ids].sort());
    expect(await getDepartment(acme, top.id)).toMatchObject({ parentId: null, depth: 0 });
    expect(await getDepartment(acme, target.id)).toMatchObject({ childCount: 0, name: 'New home, renamed' });
    await createDepartment(acme, { name: 'After the move' });
  });

  it('deletes only a department nothing uses, freeing its code; archived ones stay readable', async () => {
    const parent = await createDepartment(acme, { name: 'Ops', code: 'ops' });
    const child = await createDepartment(acme, { name: 'Ops child', parentId: parent.id });
    expect(await refused(acme, Q.deleteDepartment, { id: parent.id })).toMatchObject({ errorType: 'CONFLICT', message: expect.stringContaining('1 sub-department') });
    await assign('acme', { before: null, after: { departmentId: child.id, countsInHeadcount: false } });
    expect(await refused(acme, Q.deleteDepartment, { id: child.id })).toMatchObject({ errorType: 'CONFLICT', message: expect.stringContaining('1 assignment') });
    const archived = await ok<Department>(acme, Q.updateDepartment, { input: { id: child.id, expectedVersion: 1, archived: true } });
    expect(archived).toMatchObject({ archived: true, assignmentCount: 1 });
    expect(await refused(acme, Q.deleteDepartment, { id: child.id, expectedVersion: 1 })).toMatchObject({ errorType: 'CONFLICT' });
    await assign('acme', { before: { departmentId: child.id }, after: null });
    await ok(acme, Q.deleteDepartment, { id: child.id, expectedVersion: 2 });
    await ok(acme, Q.deleteDepartment, { id: parent.id });
    expect(await getDepartment(acme, parent.id)).toBeNull();
    expect(await refused(acme, Q.orgChart, { departmentId: parent.id })).toMatchObject({ errorType: 'NOT_FOUND' });
    expect(await refused(acme, Q.deleteDepartment, { id: parent.id })).toMatchObject({ errorType: 'NOT_FOUND' });
    await createDepartment(acme, { name: 'Ops again', code: 'OPS' });
  });
});

describe('lists and the org chart', () => {
  let tenant: Gql;
  const ids: string[] = [];

  beforeAll(async () => {
    // A tenant of its own: five roots, the first with two children, each with two children.
    tenant = await signedIn(stack, { tenantId: 'charts', role: 'TenantAdmin' });
    for (let i = 0; i < 5; i += 1) ids.push((await createDepartment(tenant, { name: `Root ${i}` })).id);
    for (const parent of [ids[0]!, ids[0]!]) ids.push((await createDepartment(tenant, { name: 'Child', parentId: parent })).id);
    for (const parent of [ids[5]!, ids[5]!, ids[6]!, ids[6]!]) ids.push((await createDepartment(tenant, { name: 'Grandchild', parentId: parent })).id);
  });

  it('pages through children and roots, filling every page, each department once', async () => {
    const roots = await pages<{ id: string }>(tenant, Q.departments, { limit: 2 });
    expect(roots.map((p) => p.length)).toEqual([2, 2, 1]);
    expect(roots.flat().map((d) => d.id)).toEqual(ids.slice(0, 5));
    // A full last page may still carry a nextToken (DynamoDB's LastEvaluatedKey): the page after it is empty.
    const children = await pages<{ id: string }>(tenant, Q.departments, { parentId: ids[0], limit: 1 });
    expect(children.filter((p) => p.length > 0).map((p) => p.map((d) => d.id))).toEqual([[ids[5]], [ids[6]]]);
    expect(children.slice(0, 2).every((p) => p.length === 1)).toBe(true);
    for (const limit of [0, 101]) expect(await refused(tenant, Q.departments, { limit })).toMatchObject({ errorType: 'VALIDATION_ERROR' });
  });

  it('shows the whole tree or a subtree down to the depth asked, top levels first', async () => {
    const whole = await chart(tenant, { depth: 9 });
    expect(whole.map((u) => u.depth)).toEqual([0, 0, 0, 0, 0, 1, 1, 2, 2, 2, 2]);
    expect((await chart(tenant, { depth: 0 })).map((u) => u.id)).toEqual(ids.slice(0, 5));
    const sub = await chart(tenant, { departmentId: ids[0], depth: 1 });
    expect(sub.map((u) => [u.id, u.depth])).toEqual([[ids[0], 0], [ids[5], 1], [ids[6], 1]]);
    expect((await chart(tenant, { departmentId: ids[0] })).length).toBe(7);
    const paged = await pages<Unit>(tenant, Q.orgChart, { departmentId: ids[0], depth: 2, limit: 3 });
    expect(paged.map((p) => p.length)).toEqual([3, 3, 1]);
    for (const depth of [-1, 10]) expect(await refused(tenant, Q.orgChart, { depth })).toMatchObject({ errorType: 'VALIDATION_ERROR', errorInfo: { fields: [{ field: 'depth' }] } });
    expect(await refused(tenant, Q.orgChart, { departmentId: 'missing' })).toMatchObject({ errorType: 'NOT_FOUND' });
  });

  it('reads at most two items for each unit it returns, and nothing outside the subtree and depth asked', async () => {
    for (const variables of [{ departmentId: ids[0], depth: 1, limit: 100 }, { departmentId: ids[6], depth: 9, limit: 2 }, { depth: 0, limit: 100 }]) {
      requests.length = 0;
      const page = await ok<{ items: Unit[] }>(tenant, Q.orgChart, variables);
      const reads = requests.filter((r) => r.dataSource === 'PIMTable');
      expect(reads.map((r) => r.request.operation)).toEqual(['Query', 'BatchGetItem']);
      const read = reads.reduce((sum, { request, result }) => {
        if (request.operation === 'Query') return sum + (result as { scannedCount: number }).scannedCount;
        if (request.operation === 'BatchGetItem') return sum + Object.values(request.tables as Record<string, { keys: unknown[] }>).reduce((n, t) => n + t.keys.length, 0);
        return sum + 1;
      }, 0);
      expect(page.items.length).toBeGreaterThan(0);
      expect(read, JSON.stringify(variables)).toBeLessThanOrEqual(2 * page.items.length);
    }
  });

  it('pages locations, positions and cost centres the same way', async () => {
    for (let i = 0; i < 3; i += 1) {
      await ok(tenant, Q.createLocation, { input: { name: `Site ${i}`, timeZone: 'Europe/Berlin', address: { line1: 'x', city: 'Berlin', country: 'DE' } } });
      await ok(tenant, Q.createPosition, { input: { title: `Role ${i}` } });
      await ok(tenant, Q.createCostCentre, { input: { code: `cc-${i}`, name: `CC ${i}` } });
    }
    for (const list of [Q.locations, Q.positions, Q.costCentres]) {
      const all = await pages<{ id: string }>(tenant, list, { limit: 2 });
      expect(all.map((p) => p.length)).toEqual([2, 1]);

      expect(new Set(all.flat().map((x) => x.id)).size).toBe(3);
    }
  });
});

describe('locations, positions and cost centres', () => {
  it('keep a location in an IANA zone and an ISO country, versioned', async () => {
    const created = await ok<{ id: string; timeZone: string }>(acme, Q.createLocation, {
      input: { name: 'New York HQ', timeZone: 'america/new_york', address: { line1: '1 Broadway', city: 'New York', region: 'NY', country: 'us' } },
    });
    expect(created).toMatchObject({ timeZone: 'America/New_York', address: { country: 'US' }, version: 1, archived: false, assignmentCount: 0 });
    const bad = await refused(acme, Q.createLocation, { input: { name: 'Mars', timeZone: 'Mars/Olympus', address: { line1: 'x', city: 'y', country: 'ZZ' } } });
    expect((bad.errorInfo as { fields: { field: string }[] }).fields.map((f) => f.field)).toEqual(['address.country', 'timeZone']);
    expect(await ok(acme, Q.updateLocation, { input: { id: created.id, expectedVersion: 1, timeZone: 'UTC' } })).toMatchObject({ timeZone: 'UTC', version: 2 });
    expect(await refused(acme, Q.updateLocation, { input: { id: created.id, expectedVersion: 1, name: 'Stale' } })).toMatchObject({ errorType: 'CONFLICT' });
    expect(await refused(acme, Q.updateLocation, { input: { id: created.id, expectedVersion: 2, timeZone: null } })).toMatchObject({ errorType: 'VALIDATION_ERROR' });
    await ok(acme, Q.deleteLocation, { id: created.id, expectedVersion: 2 });
    expect(await ok(acme, Q.location, { id: created.id })).toBeNull();
  });

  it('count a position against its department and keep position and cost-centre codes unique', async () => {
    const dept = await createDepartment(acme, { name: 'Design' });
    const position = await ok<{ id: string }>(acme, Q.createPosition, { input: { title: 'Designer', code: 'des', departmentId: dept.id } });
    expect(await getDepartment(acme, dept.id)).toMatchObject({ assignmentCount: 1 });
    expect(await refused(acme, Q.deleteDepartment, { id: dept.id })).toMatchObject({ errorType: 'CONFLICT' });
    expect(await refused(acme, Q.createPosition, { input: { title: 'Other', code: 'DES' } })).toMatchObject({ errorType: 'CONFLICT', errorInfo: { fields: [{ field: 'code' }] } });
    expect(await refused(acme, Q.createPosition, { input: { title: 'Other', departmentId: 'missing' } })).toMatchObject({ errorType: 'VALIDATION_ERROR', errorInfo: { fields: [{ field: 'departmentId' }] } });
    expect(await ok(acme, Q.updatePosition, { input: { id: position.id, expectedVersion: 1, departmentId: null, code: 'des-2' } })).toMatchObject({ departmentId: null, code: 'DES-2', version: 2 });
    expect(await getDepartment(acme, dept.id)).toMatchObject({ assignmentCount: 0 });
    await ok(acme, Q.createPosition, { input: { title: 'Reuses the old code', code: 'des' } });
    await ok(acme, Q.deletePosition, { id: position.id });
    await ok(acme, Q.deleteDepartment, { id: dept.id });

    const cc = await ok<{ id: string }>(acme, Q.createCostCentre, { input: { code: 'cc-9', name: 'Nine' } });
    expect(await refused(acme, Q.createCostCentre, { input: { code: 'CC-9', name: 'Twin' } })).toMatchObject({ errorType: 'CONFLICT' });
    expect(await refused(acme, Q.createCostCentre, { input: { code: '', name: 'No code' } })).toMatchObject({ errorType: 'VALIDATION_ERROR' });
    await ok(acme, Q.updateCostCentre, { input: { id: cc.id, expectedVersion: 1, code: 'cc-10' } });
    await ok(acme, Q.createCostCentre, { input: { code: 'cc-9', name: 'Nine again' } });
    await ok(acme, Q.deleteCostCentre, { id: cc.id, expectedVersion: 2 });
  });
});

describe('the assignments API (employee and contract writes)', () => {
  it('counts references and headcount up the tree with the tenant session, and refuses archived or missing entities', async () => {
    const top = await createDepartment(acme, { name: 'Sales' });
    const team = await createDepartment(acme, { name: 'Sales EMEA', parentId: top.id });
    const site = await ok<{ id: string }>(acme, Q.createLocation, { input: { name: 'Berlin', timeZone: 'Europe/Berlin', address: { line1: 'x', city: 'Berlin', country: 'DE' } } });
    const role = await ok<{ id: string }>(acme, Q.createPosition, { input: { title: 'Account Executive' } });
    const joiner = { departmentId: team.id, locationId: site.id, positionId: role.id, countsInHeadcount: true };
    await assign('acme', { before: null, after: joiner });
    expect(await getDepartment(acme, team.id)).toMatchObject({ headcount: 1, subtreeHeadcount: 1, assignmentCount: 1 });
    expect(await getDepartment(acme, top.id)).toMatchObject({ headcount: 0, subtreeHeadcount: 1, assignmentCount: 0 });
    expect(await ok(acme, Q.location, { id: site.id })).toMatchObject({ assignmentCount: 1 });
    expect(await refused(acme, Q.deleteLocation, { id: site.id })).toMatchObject({ errorType: 'CONFLICT', message: expect.stringContaining('archive') });

    // Archived: readable, but no longer assignable.
    await ok(acme, Q.updatePosition, { input: { id: role.id, expectedVersion: 1, archived: true } });
    const second = assign('acme', { before: null, after: { positionId: role.id } });
    await expect(second).rejects.toMatchObject({ errorType: 'VALIDATION_ERROR', fields: [{ field: 'positionId', message: expect.stringContaining('archived') }] });
    await expect(assign('acme', { before: null, after: { departmentId: 'nowhere' } })).rejects.toBeInstanceOf(DomainError);

    // Archived between the read and the write: the transaction's own condition refuses it.
    const { dynamodb } = await sessions.forTenant('acme');
    const org = await assignmentWrites({ dynamodb, tableName: tableName('PIM', stack.stage) }, 'acme', { before: joiner, after: { ...joiner, locationId: null, departmentId: top.id } }, { fieldPrefix: 'employment.' });
    await ok(acme, Q.updateDepartment, { input: { id: top.id, expectedVersion: 1, archived: true } });
    const failed = await dynamodb.send(new TransactWriteItemsCommand({ TransactItems: org.items })).catch((error: unknown) => error);
    expect(org.outcomeOf(failed)).toMatchObject({ type: 'VALIDATION_ERROR', field: 'employment.departmentId' });
    expect(await getDepartment(acme, team.id)).toMatchObject({ headcount: 1 });

    // The leaver's record goes: every count comes back down.
    await assign('acme', { before: joiner, after: null });
    expect(await getDepartment(acme, top.id)).toMatchObject({ subtreeHeadcount: 0 });
    expect(await ok(acme, Q.location, { id: site.id })).toMatchObject({ assignmentCount: 0 });
  });
});

describe('tenant isolation', () => {
  it('never shows or changes another tenant\'s organisation, by id, by list, by chart or through tenantId', async () => {
    const dept = await createDepartment(acme, { name: 'Secret', code: 'secret' });
    const site = await ok<{ id: string }>(acme, Q.createLocation, { input: { name: 'Secret site', timeZone: 'UTC', address: { line1: 'x', city: 'y', country: 'US' } } });
    const role = await ok<{ id: string }>(acme, Q.createPosition, { input: { title: 'Secret role' } });
    const cc = await ok<{ id: string }>(acme, Q.createCostCentre, { input: { code: 'secret-cc', name: 'Secret' } });

    // By id: nothing there.
    expect(await ok(globex, Q.department, { id: dept.id })).toBeNull();
    expect(await ok(globex, Q.location, { id: site.id })).toBeNull();
    expect(await ok(globex, Q.position, { id: role.id })).toBeNull();
    expect(await ok(globex, Q.costCentre, { id: cc.id })).toBeNull();
    expect(await refused(globex, Q.orgChart, { departmentId: dept.id })).toMatchObject({ errorType: 'NOT_FOUND' });
    expect((await pages(globex, Q.departments, { parentId: dept.id })).flat()).toEqual([]);
    // By list: not among theirs.
    for (const [list, id] of [[Q.departments, dept.id], [Q.locations, site.id], [Q.positions, role.id], [Q.costCentres, cc.id]] as const) {
      expect((await pages<{ id: string }>(globex, list, { limit: 100 })).flat().map((x) => x.id)).not.toContain(id);
    }
    expect((await chart(globex, { depth: 9 })).map((u) => u.id)).not.toContain(dept.id);
    // Writes: not found, and references to it are refused.
    for (const [mutation, id] of [[Q.deleteDepartment, dept.id], [Q.deleteLocation, site.id], [Q.deletePosition, role.id], [Q.deleteCostCentre, cc.id]] as const) {
      expect(await refused(globex, mutation, { id })).toMatchObject({ errorType: 'NOT_FOUND' });
    }
    expect(await refused(globex, Q.updateDepartment, { input: { id: dept.id, expectedVersion: 1, name: 'Hijacked' } })).toMatchObject({ errorType: 'NOT_FOUND' });
    expect(await refused(globex, Q.updateLocation, { input: { id: site.id, expectedVersion: 1, name: 'Hijacked' } })).toMatchObject({ errorType: 'NOT_FOUND' });
    expect(await refused(globex, Q.createDepartment, { input: { name: 'Under theirs', parentId: dept.id } })).toMatchObject({ errorType: 'VALIDATION_ERROR' });
    expect(await refused(globex, Q.createDepartment, { input: { name: 'Theirs', costCentreId: cc.id } })).toMatchObject({ errorType: 'VALIDATION_ERROR' });
    expect(await refused(globex, Q.createPosition, { input: { title: 'Theirs', departmentId: dept.id } })).toMatchObject({ errorType: 'VALIDATION_ERROR' });
    await expect(assign('globex', { before: null, after: { departmentId: dept.id, locationId: site.id } })).rejects.toMatchObject({ errorType: 'VALIDATION_ERROR' });
    // The same code is free in another tenant.
    await createDepartment(globex, { name: 'Their own secret', code: 'secret' });

    // Through tenantId: refused unless the caller has a system role.
    for (const [gql, tenantId] of [[globex, 'acme'], [acmeUser, 'globex']] as const) {
      expect(await refused(gql, Q.department, { id: dept.id, tenantId })).toMatchObject({ errorType: 'UNAUTHORIZED_ACCESS' });
      expect(await refused(gql, Q.orgChart, { tenantId })).toMatchObject({ errorType: 'UNAUTHORIZED_ACCESS' });
      expect(await refused(gql, Q.locations, { tenantId })).toMatchObject({ errorType: 'UNAUTHORIZED_ACCESS' });
    }
    expect(await refused(globex, Q.updateDepartment, { input: { id: dept.id, expectedVersion: 1, name: 'Hijacked' }, tenantId: 'acme' })).toMatchObject({ errorType: 'UNAUTHORIZED_ACCESS' });
    expect(await refused(globex, Q.createCostCentre, { input: { code: 'planted', name: 'Planted' }, tenantId: 'acme' })).toMatchObject({ errorType: 'UNAUTHORIZED_ACCESS' });
    expect(await getDepartment(acme, dept.id)).toMatchObject({ name: 'Secret', version: 1 });
    // Users of the tenant read, but only admins change it.
    expect(await refused(acmeUser, Q.updateDepartment, { input: { id: dept.id, expectedVersion: 1, name: 'Mine' } })).toMatchObject({ errorType: 'UNAUTHORIZED_ACCESS' });
    // A system admin names the tenant.
    expect((await ok<Department>(systemAdmin, Q.department, { id: dept.id, tenantId: 'acme' })).name).toBe('Secret');
    expect(await refused(systemAdmin, Q.department, { id: dept.id, tenantId: 'ACME!' })).toMatchObject({ errorType: 'INVALID_TENANT_ID' });
  });
});
