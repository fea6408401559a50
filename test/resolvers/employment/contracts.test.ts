/**
 * Contracts end to end: hiring, amendments effective today or later, terminations, rehires, the
 * management line kept true through moves (in the index and for Cedar), and isolation.
 */
import { GetItemCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { IsAuthorizedCommand, VerifiedPermissionsClient } from '@aws-sdk/client-verifiedpermissions';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContractTermsInput } from '../../../domain/generated/graphql.ts';
import { tenantKey } from '../../../domain/model/keys.ts';
import { tableName } from '../../../domain/model/tables.ts';
import { employeeEntities } from '../../../domain/people/entities.ts';
import type { EmployeeRow } from '../../../domain/people/model/employee.ts';
import { employeeItemKey } from '../../../domain/people/model/keys.ts';
import { localDate } from '../../../domain/time.ts';
import type { StackHandle } from '../../../local/stack.ts';
import { signedIn, startTestStack, type Gql } from '../../support/stack.ts';

const EMPLOYEE = `id version employment { status contractId jobTitle managerId departmentId hireDate terminationDate ftePercent }`;
const CREATE = `mutation ($input: CreateEmployeeInput!, $tenantId: ID) { createEmployee(input: $input, tenantId: $tenantId) { ${EMPLOYEE} } }`;
const GET = `query ($id: ID!) { employee(id: $id) { ${EMPLOYEE} } }`;
const CONTRACT = `id employeeId startDate endDate probationEndDate status version termination { reason lastWorkingDay noticeGivenOn note recordedBy }
  versions { id effectiveFrom effectiveTo reason terms { jobTitle managerId ftePercent payAmount payCurrency } createdBy }`;
const CONTRACTS = `query ($employeeId: ID!, $tenantId: ID) { employeeContracts(employeeId: $employeeId, tenantId: $tenantId) { ${CONTRACT} } }`;
const AMEND = `mutation ($input: AmendContractInput!, $tenantId: ID) { amendContract(input: $input, tenantId: $tenantId) { ${CONTRACT} } }`;
const TERMINATE = `mutation ($input: TerminateContractInput!, $tenantId: ID) { terminateContract(input: $input, tenantId: $tenantId) { ${CONTRACT} } }`;
const START = `mutation ($input: StartContractInput!) { startContract(input: $input) { ${CONTRACT} } }`;
const REPORTS = `query ($employeeId: ID!, $indirect: Boolean, $limit: Int, $nextToken: String) {
  reports(employeeId: $employeeId, indirect: $indirect, limit: $limit, nextToken: $nextToken) { items { id lastName } nextToken } }`;

interface Employee { id: string; version: number; employment: { status: string; contractId: string; jobTitle: string; managerId: string | null; hireDate: string; terminationDate: string | null } }
interface Contract { id: string; version: number; status: string; endDate: string | null; termination: { reason: string; lastWorkingDay: string } | null; versions: { effectiveFrom: string; effectiveTo: string | null; terms: { jobTitle: string; managerId: string | null } }[] }

let stack: StackHandle;
let admin: Gql;
let globex: Gql;
let internal: DynamoDBClient;
let serial = 0;
// acme works in New York time: "today" is New York's.
const today = () => localDate(new Date(), 'America/New_York');
const days = (n: number) => new Date(Date.parse(`${today()}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

async function hire(terms: Partial<ContractTermsInput> = {}, contract: Record<string, unknown> = {}, gql = admin): Promise<Employee> {
  serial += 1;
  const result = await gql<{ createEmployee: Employee }>(CREATE, {
    input: {
      employeeNumber: `K-${serial}`, firstName: `Kim${serial}`, lastName: `Contract${String(serial).padStart(3, '0')}`, email: `k${serial}@acme.test`,
      contract: { startDate: '2024-01-01', terms: { jobTitle: 'Engineer', employmentType: 'FULL_TIME', ...terms }, ...contract },
    },
  });
  expect(result.errors).toBeUndefined();
  return result.data!.createEmployee;
}

async function contracts(employeeId: string, gql = admin): Promise<Contract[]> {
  const result = await gql<{ employeeContracts: Contract[] }>(CONTRACTS, { employeeId });
  expect(result.errors).toBeUndefined();
  return result.data!.employeeContracts;
}

async function employee(id: string): Promise<Employee> {
  return (await admin<{ employee: Employee }>(GET, { id })).data!.employee;
}

async function amend(employeeId: string, effectiveFrom: string, changes: Record<string, unknown>, gql = admin) {
  const [contract] = (await contracts(employeeId)).slice(-1);
  return gql<{ amendContract: Contract }>(AMEND, { input: { employeeId, contractId: contract!.id, expectedVersion: contract!.version, effectiveFrom, reason: 'change', changes } });
}

async function reports(managerId: string, indirect: boolean): Promise<string[]> {
  const ids: string[] = [];
  let nextToken: string | null = null;
  do {
    const page: Awaited<ReturnType<Gql>> = await admin(REPORTS, { employeeId: managerId, indirect, limit: 2, nextToken });
    expect(page.errors).toBeUndefined();
    const data = (page.data as { reports: { items: { id: string }[]; nextToken: string | null } }).reports;
    ids.push(...data.items.map((e) => e.id));
    nextToken = data.nextToken;
  } while (nextToken);
  return ids.sort();
}

async function row(id: string): Promise<EmployeeRow> {
  const found = await internal.send(new GetItemCommand({ TableName: tableName('PIM', stack.stage), Key: { TenantId: { S: tenantKey('acme') }, EntityItem: { S: employeeItemKey(id) } } }));
  return unmarshall(found.Item!) as EmployeeRow;
}

beforeAll(async () => {
  stack = await startTestStack();
  await stack.onboardTenant({ tenantId: 'acme', settings: { timeZone: 'America/New_York' } });
  [admin, globex] = await Promise.all([signedIn(stack, { tenantId: 'acme', role: 'TenantAdmin' }), signedIn(stack, { tenantId: 'globex', role: 'TenantAdmin' })]);
  internal = new DynamoDBClient({ endpoint: stack.dynamodb.endpoint, region: stack.region, credentials: stack.credentials });
});

afterAll(async () => {
  internal?.destroy();
  await stack?.stop();
});

describe('hiring', () => {
  it('creates the employee with their first contract; the record shows it as of the tenant\'s today', async () => {
    const started = await hire({ ftePercent: 80 }, { probationEndDate: '2024-06-30' });
    expect(started.employment).toMatchObject({ status: 'ACTIVE', jobTitle: 'Engineer', hireDate: '2024-01-01', terminationDate: null, ftePercent: 80 });
    const [contract] = await contracts(started.id);
    expect(contract).toMatchObject({ id: started.employment.contractId, status: 'ACTIVE', startDate: '2024-01-01', versions: [{ effectiveFrom: '2024-01-01', effectiveTo: null }] });
    const future = await hire({}, { startDate: days(10) });
    expect(future.employment.status).toBe('PENDING');
    expect((await contracts(future.id))[0]!.status).toBe('PENDING');
  });

  it('refuses a contract ending before it starts, a probation outside it, and a birth after the start', async () => {
    const result = await admin(CREATE, { input: { employeeNumber: 'K-BAD', firstName: 'B', lastName: 'Ad', email: 'bad@acme.test', dateOfBirth: '2024-05-01',
      contract: { startDate: '2024-01-01', endDate: '2023-12-31', probationEndDate: '2025-01-01', terms: { jobTitle: 'X', employmentType: 'INTERN' } } } });
    expect((result.errors?.[0]?.errorInfo as { fields: { field: string }[] }).fields.map((f) => f.field)).toEqual(['contract.endDate', 'contract.probationEndDate', 'dateOfBirth']);
  });
});

describe('amendments', () => {
  it('effective today change the record now; effective later, only the contract until that day', async () => {
    const e = await hire();
    const now = await amend(e.id, today(), { jobTitle: 'Senior Engineer' });
    expect(now.errors).toBeUndefined();
    expect((await employee(e.id)).employment.jobTitle).toBe('Senior Engineer');
    const later = await amend(e.id, days(30), { jobTitle: 'Staff Engineer' });
    expect(later.errors).toBeUndefined();
    expect((await employee(e.id)).employment.jobTitle).toBe('Senior Engineer');
    const versions = later.data!.amendContract.versions;
    expect(versions.map((v) => [v.effectiveFrom, v.effectiveTo, v.terms.jobTitle])).toEqual([
      ['2024-01-01', days(-1), 'Engineer'],
      [today(), days(29), 'Senior Engineer'],
      [days(30), null, 'Staff Engineer'],
    ]);
  });

  it('never rewrite the past: an amendment before the latest version is refused, a stale version is a CONFLICT', async () => {
    const e = await hire();
    await amend(e.id, today(), { jobTitle: 'Lead' });
    const backdated = await amend(e.id, days(-5), { jobTitle: 'Rewritten' });
    expect(backdated.errors?.[0]).toMatchObject({ errorType: 'VALIDATION_ERROR', message: expect.stringContaining('never rewritten') });
    const [contract] = await contracts(e.id);
    const stale = await admin(AMEND, { input: { employeeId: e.id, contractId: contract!.id, expectedVersion: contract!.version - 1, effectiveFrom: days(3), reason: 'x', changes: {} } });
    expect(stale.errors?.[0]?.errorType).toBe('CONFLICT');
    expect((await contracts(e.id))[0]!.versions).toHaveLength(2);
  });
});

describe('terminations and rehires', () => {
  it('a termination whose last day has passed ends the employment at once; one in the future only when it comes', async () => {
    const leaver = await hire({}, { probationEndDate: '2024-03-31' });
    const [c] = await contracts(leaver.id);
    const done = await admin<{ terminateContract: Contract }>(TERMINATE, { input: { employeeId: leaver.id, contractId: c!.id, expectedVersion: c!.version, reason: 'RESIGNATION', noticeGivenOn: days(-30), lastWorkingDay: days(-1), note: 'moving abroad' } });
    expect(done.errors).toBeUndefined();
    expect(done.data!.terminateContract).toMatchObject({ status: 'TERMINATED', endDate: days(-1), termination: { reason: 'RESIGNATION', lastWorkingDay: days(-1) } });
    expect((await employee(leaver.id)).employment).toMatchObject({ status: 'TERMINATED', terminationDate: days(-1) });

    const stayer = await hire();
    const [s] = await contracts(stayer.id);
    await admin(TERMINATE, { input: { employeeId: stayer.id, contractId: s!.id, expectedVersion: s!.version, reason: 'DISMISSAL', lastWorkingDay: days(14) } });
    expect((await employee(stayer.id)).employment).toMatchObject({ status: 'ACTIVE', terminationDate: days(14) });
    const again = await admin(TERMINATE, { input: { employeeId: stayer.id, contractId: s!.id, expectedVersion: s!.version + 1, reason: 'DISMISSAL', lastWorkingDay: days(10) } });
    expect(again.errors?.[0]).toMatchObject({ errorType: 'VALIDATION_ERROR', message: expect.stringContaining('already terminated') });
  });

  it('a rehire is a new contract after the last one ended, never overlapping it', async () => {
    const e = await hire({}, { endDate: '2024-06-30' });
    expect((await employee(e.id)).employment.status).toBe('TERMINATED');
    const overlapping = await admin(START, { input: { employeeId: e.id, expectedVersion: 1, contract: { startDate: '2024-06-30', terms: { jobTitle: 'Back', employmentType: 'FULL_TIME' } } } });
    expect(overlapping.errors?.[0]).toMatchObject({ errorType: 'VALIDATION_ERROR', message: expect.stringContaining('overlaps') });
    const rehired = await admin<{ startContract: Contract }>(START, { input: { employeeId: e.id, expectedVersion: 1, contract: { startDate: '2024-09-01', terms: { jobTitle: 'Back', employmentType: 'PART_TIME', ftePercent: 50 } } } });
    expect(rehired.errors).toBeUndefined();
    expect((await employee(e.id)).employment).toMatchObject({ status: 'ACTIVE', jobTitle: 'Back', hireDate: '2024-09-01', contractId: rehired.data!.startContract.id });
    expect((await contracts(e.id)).map((c) => c.status)).toEqual(['ENDED', 'ACTIVE']);
  });
});

describe('the management line', () => {
  it('refuses a manager who is the employee, below them, gone or in another tenant', async () => {
    const top = await hire();
    const middle = await hire({ managerId: top.id });
    const bottom = await hire({ managerId: middle.id });
    const cycle = await amend(top.id, today(), { managerId: bottom.id });
    expect(cycle.errors?.[0]).toMatchObject({ errorType: 'VALIDATION_ERROR', message: expect.stringContaining('cycle') });
    const self = await amend(top.id, today(), { managerId: top.id });
    expect(self.errors?.[0]?.message).toContain('own manager');
    const gone = await hire({}, { endDate: '2024-02-01' });
    expect((await admin(CREATE, { input: { employeeNumber: 'K-G', firstName: 'G', lastName: 'G', email: 'g@acme.test', contract: { startDate: '2024-03-01', terms: { jobTitle: 'X', employmentType: 'INTERN', managerId: gone.id } } } })).errors?.[0]?.message).toContain('has left');
    const foreign = await hire({}, {}, globex);
    expect((await amend(top.id, today(), { managerId: foreign.id })).errors?.[0]?.message).toContain(`no employee ${foreign.id}`);
  });

  it('moves everyone below along when a manager moves, in the reports index and for Cedar', async () => {
    const ceo = await hire();
    const vpA = await hire({ managerId: ceo.id });
    const vpB = await hire({ managerId: ceo.id });
    const lead = await hire({ managerId: vpA.id });
    const devs = [await hire({ managerId: lead.id }), await hire({ managerId: lead.id }), await hire({ managerId: lead.id })];
    expect(await reports(vpA.id, true)).toEqual([lead.id, ...devs.map((d) => d.id)].sort());
    expect(await reports(lead.id, false)).toEqual(devs.map((d) => d.id).sort());

    // The lead (and the three below them) moves from VP A to VP B.
    expect((await amend(lead.id, today(), { managerId: vpB.id })).errors).toBeUndefined();
    expect(await reports(vpA.id, true)).toEqual([]);
    expect(await reports(vpB.id, true)).toEqual([lead.id, ...devs.map((d) => d.id)].sort());
    expect(await reports(ceo.id, true)).toHaveLength(6);
    expect((await row(devs[0]!.id)).ReportsPath).toBe(`/${ceo.id}/${vpB.id}/${lead.id}/`);

    // Cedar, asked with the stored line, agrees: VP B reaches the developers, VP A no longer does.
    const acme = await stack.onboardTenant({ tenantId: 'acme' });
    const avp = new VerifiedPermissionsClient({ endpoint: stack.verifiedPermissions.endpoint, region: stack.region, credentials: stack.credentials });
    const ask = async (managerId: string, subject: EmployeeRow) => {
      const user = { entityType: 'OptimalHR::User', entityId: `user-of-${managerId}` };
      const answer = await avp.send(new IsAuthorizedCommand({
        policyStoreId: acme.policyStoreId,
        principal: user,
        action: { actionType: 'OptimalHR::Action', actionId: 'ReadPersonalDetails' },
        resource: { entityType: 'OptimalHR::Employee', entityId: subject.id },
        entities: { entityList: [
          { identifier: user, attributes: { tenant: { entityIdentifier: { entityType: 'OptimalHR::Tenant', entityId: 'acme' } }, employee: { entityIdentifier: { entityType: 'OptimalHR::Employee', entityId: managerId } } }, parents: [{ entityType: 'OptimalHR::Role', entityId: 'TenantUser' }] },
          ...employeeEntities('acme', subject),
        ] },
      }));
      return answer.decision;
    };
    const dev = await row(devs[2]!.id);
    expect(await ask(vpB.id, dev)).toBe('ALLOW');
    expect(await ask(ceo.id, dev)).toBe('ALLOW');
    expect(await ask(vpA.id, dev)).toBe('DENY');
    expect(await ask(devs[0]!.id, dev)).toBe('DENY');
    avp.destroy();
  });
});

describe('the organisation\'s counters', () => {
  const DEPARTMENT = `query ($id: ID!) { department(id: $id) { id version headcount subtreeHeadcount assignmentCount } }`;
  const CREATE_DEPARTMENT = `mutation ($input: CreateDepartmentInput!) { createDepartment(input: $input) { id version } }`;
  const UPDATE_DEPARTMENT = `mutation ($input: UpdateDepartmentInput!) { updateDepartment(input: $input) { id version } }`;
  const DELETE_DEPARTMENT = `mutation ($id: ID!, $expectedVersion: Int) { deleteDepartment(id: $id, expectedVersion: $expectedVersion) { id } }`;
  const DELETE_EMPLOYEE = `mutation ($id: ID!) { deleteEmployee(id: $id) { id } }`;
  type Counts = { id: string; version: number; headcount: number; subtreeHeadcount: number; assignmentCount: number };
  const counts = async (id: string) => (await admin<{ department: Counts }>(DEPARTMENT, { id })).data!.department;
  const department = async (name: string, parentId: string | null = null) => {
    serial += 1;
    const created = await admin<{ createDepartment: { id: string } }>(CREATE_DEPARTMENT, { input: { name: `${name} ${serial}`, parentId } });
    expect(created.errors).toBeUndefined();
    return created.data!.createDepartment.id;
  };

  it('follow hires, pending starts, moves, terminations and withdrawals', async () => {
    const parent = await department('Division');
    const team = await department('Team', parent);
    const other = await department('Other', parent);
    const active = await hire({ departmentId: team });
    expect(await counts(team)).toMatchObject({ headcount: 1, subtreeHeadcount: 1, assignmentCount: 2 });
    expect(await counts(parent)).toMatchObject({ headcount: 0, subtreeHeadcount: 1 });

    // A hire that has not started counts as an assignment (it cannot be deleted under them), not in headcount.
    const pending = await hire({ departmentId: team }, { startDate: days(20) });
    expect(await counts(team)).toMatchObject({ headcount: 1, assignmentCount: 4 });

    // A move in force moves the headcount; the contract's reference moves with its latest terms.
    expect((await amend(active.id, days(-3), { departmentId: other })).errors).toBeUndefined();
    expect(await counts(team)).toMatchObject({ headcount: 0, subtreeHeadcount: 0, assignmentCount: 2 });
    expect(await counts(other)).toMatchObject({ headcount: 1, subtreeHeadcount: 1, assignmentCount: 2 });
    expect(await counts(parent)).toMatchObject({ subtreeHeadcount: 1 });

    // A termination already past takes them out of headcount at once.
    const [contract] = await contracts(active.id);
    await admin(TERMINATE, { input: { employeeId: active.id, contractId: contract!.id, expectedVersion: contract!.version, reason: 'RESIGNATION', lastWorkingDay: days(-1) } });
    expect(await counts(other)).toMatchObject({ headcount: 0, subtreeHeadcount: 0, assignmentCount: 2 });
    expect(await counts(parent)).toMatchObject({ subtreeHeadcount: 0 });

    // Withdrawing the hire that never started releases its references.
    expect((await admin(DELETE_EMPLOYEE, { id: pending.id })).errors).toBeUndefined();
    expect(await counts(team)).toMatchObject({ headcount: 0, assignmentCount: 0 });
    const empty = await counts(team);
    expect((await admin(DELETE_DEPARTMENT, { id: team, expectedVersion: empty.version })).errors).toBeUndefined();
  });

  it('refuses a department that is missing, archived, or still in use', async () => {
    const archived = await department('Retired');
    const read = await counts(archived);
    expect((await admin(UPDATE_DEPARTMENT, { input: { id: archived, expectedVersion: read.version, archived: true } })).errors).toBeUndefined();
    for (const departmentId of [archived, 'no-such-department']) {
      const refused = await admin(CREATE, { input: { employeeNumber: `K-X${departmentId}`, firstName: 'X', lastName: 'Y', email: `x-${departmentId}@acme.test`,
        contract: { startDate: '2024-01-01', terms: { jobTitle: 'X', employmentType: 'INTERN', departmentId } } } });
      expect(refused.errors?.[0], departmentId).toMatchObject({ errorType: 'VALIDATION_ERROR', errorInfo: { fields: [expect.objectContaining({ field: 'contract.terms.departmentId' })] } });
    }
    const used = await department('Busy');
    await hire({ departmentId: used });
    const busy = await counts(used);
    expect((await admin(DELETE_DEPARTMENT, { id: used, expectedVersion: busy.version })).errors?.[0]?.errorType).toBe('CONFLICT');
  });

  it('keeps a withdrawn hire from leaving a department without its head', async () => {
    const headed = await department('Headed');
    const head = await hire({}, { startDate: days(30) });
    const read = await counts(headed);
    expect((await admin(UPDATE_DEPARTMENT, { input: { id: headed, expectedVersion: read.version, headEmployeeId: head.id } })).errors).toBeUndefined();
    const refused = await admin(DELETE_EMPLOYEE, { id: head.id });
    expect(refused.errors?.[0]).toMatchObject({ errorType: 'CONFLICT', message: expect.stringContaining('heads department') });
  });
});

describe('tenant isolation', () => {
  it('another tenant can neither read nor change contracts, by id or by naming the tenant', async () => {
    const e = await hire();
    const [c] = await contracts(e.id);
    expect((await globex(CONTRACTS, { employeeId: e.id })).errors?.[0]?.errorType).toBe('NOT_FOUND');
    expect((await globex(CONTRACTS, { employeeId: e.id, tenantId: 'acme' })).errors?.[0]?.errorType).toBe('UNAUTHORIZED_ACCESS');
    const amendment = { employeeId: e.id, contractId: c!.id, expectedVersion: c!.version, effectiveFrom: today(), reason: 'hijack', changes: { jobTitle: 'Hijacked' } };
    expect((await globex(AMEND, { input: amendment })).errors?.[0]?.errorType).toBe('NOT_FOUND');
    expect((await globex(AMEND, { input: amendment, tenantId: 'acme' })).errors?.[0]?.errorType).toBe('UNAUTHORIZED_ACCESS');
    const termination = { employeeId: e.id, contractId: c!.id, expectedVersion: c!.version, reason: 'OTHER', lastWorkingDay: today() };
    expect((await globex(TERMINATE, { input: termination })).errors?.[0]?.errorType).toBe('NOT_FOUND');
    expect(await contracts(e.id)).toEqual([c]);
    expect((await employee(e.id)).employment.jobTitle).toBe('Engineer');
  });
});
