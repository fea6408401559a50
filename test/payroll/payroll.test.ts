/**
 * Payroll end to end on one local stack, through GraphQL and the runner with the tenant's own
 * credentials: given settings, a structure and employees hired through the API (a joiner, a leaver,
 * someone with unpaid leave over a month boundary, someone with overtime), when a run is created,
 * calculated, approved and finalised, then each payslip is the hand-checked one, the register
 * reconciles, a crashed or doubled job leaves exactly one payslip per employee, the employee reads
 * their own payslip and PDF and is told once, and nothing crosses tenants or employees.
 */
import { DynamoDBClient, GetItemCommand, PutItemCommand, QueryCommand, TransactWriteItemsCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { CreatePolicyCommand, ListPolicyTemplatesCommand, VerifiedPermissionsClient } from '@aws-sdk/client-verifiedpermissions';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordItemKey } from '../../domain/attendance/model/keys.ts';
import { jobFromItem, jobKey } from '../../domain/jobs/engine.ts';
import { postCancellation, postTaken } from '../../domain/leave/ledger.ts';
import { createLogger } from '../../domain/logger.ts';
import { tenantKey } from '../../domain/model/keys.ts';
import { tableName, type TableId } from '../../domain/model/tables.ts';
import type { Publish } from '../../domain/notifications/publish.ts';
import { runPayslipsPrefix } from '../../domain/payroll/model/keys.ts';
import type { PayrollRunnerPayload } from '../../domain/payroll/runner-payload.ts';
import { tenantClients, type TenantClients } from '../../domain/tenant-credentials.ts';
import { runPayrollStep } from '../../jobs/runners/payroll-run.ts';
import type { StackHandle } from '../../local/stack.ts';
import { graphqlWith, signedIn, startTestStack, type Gql } from '../support/stack.ts';
import { STANDARD } from './fixtures.ts';

const SETTINGS = `mutation ($input: PayrollSettingsInput!) { updatePayrollSettings(input: $input) { currency rounding version } }`;
const CREATE_STRUCTURE = `mutation ($input: SalaryStructureInput!) { createSalaryStructure(input: $input) { id version components { code } } }`;
const ASSIGN = `mutation ($input: AssignSalaryStructureInput!) { assignSalaryStructure(input: $input) { structureId effectiveFrom } }`;
const CREATE_RUN = `mutation ($input: CreatePayRunInput!) { createPayRun(input: $input) { id status version } }`;
const CALCULATE = `mutation ($id: ID!) { calculatePayRun(id: $id) { id status calculation jobId version } }`;
const APPROVE = `mutation ($id: ID!, $v: Int!) { approvePayRun(id: $id, expectedVersion: $v) { status version } }`;
const FINALIZE = `mutation ($id: ID!) { finalizePayRun(id: $id) { status jobId } }`;
const DISCARD = `mutation ($id: ID!) { discardPayRun(id: $id) { status } }`;
const RUN = `query ($id: ID!) { payRun(id: $id) { id status calculation payslips payslipErrors finalized version totals { gross deductions net currency } } }`;
const RUNS = `query { payRuns { id status } }`;
const PAYSLIPS = `query ($runId: ID!, $next: String) { payRunPayslips(runId: $runId, limit: 100, nextToken: $next) { items { employeeId gross deductions net error calculation lines { code amount } trace { name value } } nextToken } }`;
const REGISTER = `query ($runId: ID!) { payRunRegister(runId: $runId) { employees gross deductions net currency csvUrl totals { code kind amount } } }`;
const MY_PAYSLIPS = `query { myPayslips { runId employeeId period net documentId lines { code amount } } }`;
const MY_PDF = `query ($runId: ID!) { myPayslipPdf(runId: $runId) { url } }`;
const CREATE_EMPLOYEE = `mutation ($input: CreateEmployeeInput!) { createEmployee(input: $input) { id } }`;
const CREATE_TYPE = `mutation ($input: LeaveTypeInput!) { createLeaveType(input: $input) { id } }`;

let stack: StackHandle;
let admin: Gql;
let globexAdmin: Gql;
let system: DynamoDBClient;
let tenants: TenantClients;
let policyStoreId: string;
let serial = 0;
const quiet = createLogger({ service: 'test', level: 'error', write: () => undefined });
const table = (id: TableId) => tableName(id, stack.stage);
const published: { tenantId: string; id: string; recipient: string }[] = [];
const seenIds = new Set<string>();
/** The API's publish, recorded: an id twice is CONFLICT, as the API answers. */
const publish: Publish = async (tenantId, input) => {
  if (seenIds.has(input.id!)) return { errors: [{ errorType: 'CONFLICT', message: 'taken' }] } as never;
  seenIds.add(input.id!);
  published.push({ tenantId, id: input.id!, recipient: input.recipientUserId });
  return { data: {} } as never;
};

async function ok<T>(gql: Gql, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const answer = await gql<T>(query, variables);
  expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
  return answer.data!;
}

async function hire(gql: Gql, startDate: string, terms: Record<string, unknown>, contract: Record<string, unknown> = {}): Promise<string> {
  serial += 1;
  const data = await ok<{ createEmployee: { id: string } }>(gql, CREATE_EMPLOYEE, {
    input: { employeeNumber: `P-${serial}`, firstName: `Pay${serial}`, lastName: 'Roll', email: `pay${serial}@payroll.test`, contract: { startDate, terms: { jobTitle: 'Engineer', employmentType: 'FULL_TIME', payCurrency: 'EUR', ...terms }, ...contract } },
  });
  return data.createEmployee.id;
}

/** Runs a job's step as the runner does, with the credentials of `clientsOf`. */
async function step(tenantId: string, payload: PayrollRunnerPayload, options: { clientsOf?: string; dynamodb?: DynamoDBClient } = {}) {
  const clients = await tenants.forTenant(options.clientsOf ?? tenantId);
  return runPayrollStep({
    tenantId, payload, now: new Date(), log: quiet, progress: async () => undefined,
    clients: { dynamodb: options.dynamodb ?? clients.dynamodb, s3: clients.s3 },
    tableName: table,
  }, { bucket: stack.s3.documentsBucket, publish });
}

async function jobPayload(tenantId: string, jobId: string): Promise<PayrollRunnerPayload> {
  const item = await system.send(new GetItemCommand({ TableName: table('TenantJob'), Key: jobKey(tenantId, jobId), ConsistentRead: true }));
  const job = jobFromItem(item.Item!);
  expect(job.runner).toBe('AIML-SaaS-Payroll-Run');
  return job.payload as unknown as PayrollRunnerPayload;
}

async function payslips(gql: Gql, runId: string) {
  type Slip = { employeeId: string; gross: string; deductions: string; net: string; error: string | null; calculation: number; lines: { code: string; amount: string }[]; trace: { name: string; value: string }[] };
  const all: Slip[] = [];
  let next: string | null = null;
  do {
    const data: { payRunPayslips: { items: Slip[]; nextToken: string | null } } = await ok(gql, PAYSLIPS, { runId, next });
    all.push(...data.payRunPayslips.items);
    next = data.payRunPayslips.nextToken;
  } while (next);
  return new Map(all.map((s) => [s.employeeId, { ...s, amounts: Object.fromEntries(s.lines.map((l) => [l.code, l.amount])) }]));
}

/** Stored payslip items of a run, read with the system key. */
async function storedPayslips(tenantId: string, runId: string) {
  const page = await system.send(new QueryCommand({
    TableName: table('Payroll'), ConsistentRead: true,
    KeyConditionExpression: 'TenantId = :t AND begins_with(EntityItem, :p)',
    ExpressionAttributeValues: marshall({ ':t': tenantKey(tenantId), ':p': runPayslipsPrefix(runId) }),
  }));
  return (page.Items ?? []).map((i) => unmarshall(i));
}

const ids: Record<string, string> = {};
let structureId: string;
let unpaidTypeId: string;

beforeAll(async () => {
  stack = await startTestStack();
  const acme = await stack.onboardTenant({ tenantId: 'acme' });
  policyStoreId = acme.policyStoreId;
  [admin, globexAdmin] = await Promise.all([signedIn(stack, { tenantId: 'acme', role: 'TenantAdmin' }), signedIn(stack, { tenantId: 'globex', role: 'TenantAdmin' })]);
  system = new DynamoDBClient({ endpoint: stack.dynamodb.endpoint, region: stack.region, credentials: stack.credentials });
  tenants = tenantClients({ roleArn: process.env.TENANT_ROLE_ARN! });

  await ok(admin, SETTINGS, { input: { currency: 'EUR', rounding: 'HALF_UP', expectedVersion: 0 } });
  structureId = (await ok<{ createSalaryStructure: { id: string } }>(admin, CREATE_STRUCTURE, { input: { name: 'Standard', components: STANDARD } })).createSalaryStructure.id;
  unpaidTypeId = (await ok<{ createLeaveType: { id: string } }>(admin, CREATE_TYPE, { input: { name: 'Unpaid', paid: false, unit: 'DAYS' } })).createLeaveType.id;
  ids.joiner = await hire(admin, '2027-03-15', { payBasis: 'ANNUAL', payAmount: '60000' });
  ids.leaver = await hire(admin, '2020-01-01', { payBasis: 'MONTHLY', payAmount: '3100' }, { endDate: '2027-03-10' });
  ids.unpaid = await hire(admin, '2020-01-01', { payBasis: 'MONTHLY', payAmount: '3100' });
  ids.overtime = await hire(admin, '2020-01-01', { payBasis: 'HOURLY', payAmount: '20', weeklyHours: 40 });
  ids.nostructure = await hire(admin, '2020-01-01', { payBasis: 'MONTHLY', payAmount: '1000' });
  for (const who of ['joiner', 'leaver', 'unpaid', 'overtime']) await ok(admin, ASSIGN, { input: { employeeId: ids[who], structureId, effectiveFrom: '2020-01-01' } });

  // Unpaid leave as requests post it: a TAKEN entry per day; one day taken and cancelled.
  const ledger = { dynamodb: (await tenants.forTenant('acme')).dynamodb, leaveTable: table('Leave') };
  const base = { tenantId: 'acme', employeeId: ids.unpaid!, leaveTypeId: unpaidTypeId, unit: 'DAYS' as const, negativeLimit: 100_000, postedBy: 'test', postedAt: new Date().toISOString() };
  for (const [date, amount] of [['2027-02-27', 1000], ['2027-03-01', 1000], ['2027-03-02', 500], ['2027-03-03', 1000]] as const) {
    expect(await postTaken(ledger, { ...base, requestId: `r-${date}`, date, amount })).toBe('posted');
  }
  expect(await postCancellation(ledger, { ...base, requestId: 'r-2027-03-03', takenDate: '2027-03-03', amount: 1000 })).toBe('posted');

  // Attendance records as the generator writes them: overtime at 1.5 and 2.
  for (const [date, worked, overtime] of [['2027-03-04', 570, [{ kind: 'AFTER_SHIFT', minutes: 90, multiplier: '1.50' }]], ['2027-03-06', 90, [{ kind: 'REST_DAY', minutes: 60, multiplier: '2.00' }, { kind: 'AFTER_SHIFT', minutes: 30, multiplier: '1.50' }]]] as const) {
    await system.send(new PutItemCommand({
      TableName: table('TimeAttendance'),
      Item: marshall({ TenantId: tenantKey('acme'), EntityItem: recordItemKey(ids.overtime!, date), employeeId: ids.overtime, date, workedMinutes: worked, overtime, status: 'PRESENT', flags: [], punchIds: [], lateMinutes: 0, earlyExitMinutes: 0, timeZone: 'UTC', departmentId: null, generatedAt: new Date().toISOString() }),
    }));
  }
}, 60_000);

afterAll(async () => {
  tenants?.destroy();
  system?.destroy();
  await stack?.stop();
});

describe('saving a structure', () => {
  it('refuses unknown names, cycles and a division by zero, naming the component; HR reads none of it saved', async () => {
    const answer = await admin(CREATE_STRUCTURE, { input: { name: 'Bad', components: [
      { code: 'A', name: 'a', kind: 'EARNING', formula: 'B * bonusRate' },
      { code: 'B', name: 'b', kind: 'EARNING', formula: 'A / (1 - 1)' },
    ] } });
    expect(answer.errors?.[0]?.errorType).toBe('VALIDATION_ERROR');
    expect(answer.errors?.[0]?.errorInfo).toEqual({ fields: [
      { field: 'input.components.0.formula', message: 'component A: unknown name bonusRate' },
      { field: 'input.components.1.formula', message: 'component B: it divides by zero' },
    ] });
    const structures = await ok<{ salaryStructures: { name: string }[] }>(admin, `query { salaryStructures { name } }`);
    expect(structures.salaryStructures.map((s) => s.name)).toEqual(['Standard']);
  });
});

describe('a pay run', () => {
  let runId: string;

  it('is calculated by its job: one hand-checked payslip per employee in scope, the one without a structure in error', async () => {
    runId = (await ok<{ createPayRun: { id: string; status: string } }>(admin, CREATE_RUN, { input: { period: '2027-03' } })).createPayRun.id;
    const started = (await ok<{ calculatePayRun: { jobId: string; calculation: number; status: string } }>(admin, CALCULATE, { id: runId })).calculatePayRun;
    expect(started).toMatchObject({ status: 'CALCULATING', calculation: 1 });
    const payload = await jobPayload('acme', started.jobId);
    expect(payload).toEqual({ runId, step: 'CALCULATE', calculation: 1 });
    expect(await step('acme', payload)).toMatchObject({ outcome: 'calculated', employees: 5, errors: 1 });

    const slips = await payslips(admin, runId);
    expect(slips.get(ids.joiner!)).toMatchObject({ gross: '2791.94', deductions: '137.10', net: '2654.84' });
    expect(slips.get(ids.leaver!)).toMatchObject({ gross: '1050.00', deductions: '50.00', net: '1000.00' });
    expect(slips.get(ids.unpaid!)).toMatchObject({ amounts: { UNPAID: '150.00' }, net: '2852.50' });
    expect(slips.get(ids.unpaid!)!.trace).toContainEqual({ name: 'unpaidLeaveDays', value: '1.5' });
    expect(slips.get(ids.overtime!)).toMatchObject({ amounts: { OT150: '60.00', OT200: '40.00' }, net: '3443.34' });
    expect(slips.get(ids.nostructure!)!.error).toMatch(/no salary structure/);
    const run = (await ok<{ payRun: Record<string, unknown> }>(admin, RUN, { id: runId })).payRun;
    expect(run).toMatchObject({ status: 'CALCULATED', payslips: 5, payslipErrors: 1, totals: { currency: 'EUR', gross: '10608.61', net: '9950.68' } });
  });

  it('is not approved while a payslip is in error', async () => {
    const run = (await ok<{ payRun: { version: number } }>(admin, RUN, { id: runId })).payRun;
    const refused = await admin(APPROVE, { id: runId, v: run.version });
    expect(refused.errors?.[0]).toMatchObject({ errorType: 'CONFLICT', errorInfo: { reason: 'PAYSLIP_ERRORS', payslipErrors: 1 } });
  });

  it('recalculates after a fix: the drafts are replaced, a job delivered twice or crashed halfway leaves one payslip per employee, an older calculation\'s job writes nothing', async () => {
    await ok(admin, ASSIGN, { input: { employeeId: ids.nostructure, structureId, effectiveFrom: '2027-01-01' } });
    const second = (await ok<{ calculatePayRun: { jobId: string } }>(admin, CALCULATE, { id: runId })).calculatePayRun;
    const payload = await jobPayload('acme', second.jobId);
    expect(payload.calculation).toBe(2);

    // A crash after the first transaction of payslips: the job fails, the run stays CALCULATING.
    const clients = await tenants.forTenant('acme');
    let written = 0;
    const crashing = Object.assign(Object.create(clients.dynamodb) as DynamoDBClient, {
      send: (command: unknown) => {
        if (command instanceof TransactWriteItemsCommand) written += 1;
        // After the payslips, before the run is marked CALCULATED.
        if (command instanceof UpdateItemCommand) throw new Error('crash: the Lambda stopped');
        return clients.dynamodb.send(command as never);
      },
    });
    await expect(step('acme', payload, { dynamodb: crashing })).rejects.toThrow(/crash/);
    expect(written).toBe(1);
    expect((await storedPayslips('acme', runId)).filter((p) => p.calculation === 2)).toHaveLength(5);
    expect((await ok<{ payRun: { status: string } }>(admin, RUN, { id: runId })).payRun.status).toBe('CALCULATING');

    // The retry resumes; a duplicate delivery after it changes nothing; the first calculation's job is stale.
    expect(await step('acme', payload)).toMatchObject({ outcome: 'calculated', employees: 5, errors: 0 });
    const before = await storedPayslips('acme', runId);
    expect(await step('acme', payload)).toMatchObject({ outcome: 'superseded' });
    expect(await step('acme', { ...payload, calculation: 1 })).toMatchObject({ outcome: 'superseded' });
    const after = await storedPayslips('acme', runId);
    expect(after).toHaveLength(5);
    expect(after).toEqual(before);
    expect(new Set(after.map((p) => p.employeeId)).size).toBe(5);
    expect(after.every((p) => p.calculation === 2)).toBe(true);
    expect((await payslips(admin, runId)).get(ids.nostructure!)).toMatchObject({ error: null, net: '1000.00' });
  });

  it('has a register whose totals reconcile with the payslips, as CSV behind a short-lived URL', async () => {
    const { payRunRegister: register } = await ok<{ payRunRegister: { employees: number; gross: string; deductions: string; net: string; csvUrl: string; totals: { code: string; kind: string; amount: string }[] } }>(admin, REGISTER, { runId });
    const slips = [...(await payslips(admin, runId)).values()];
    const cents = (s: string) => BigInt(s.replace('.', ''));
    expect(register.employees).toBe(5);
    for (const total of register.totals) expect(cents(total.amount)).toBe(slips.reduce((s, p) => s + cents(p.amounts[total.code] ?? '0.00'), 0n));
    expect(cents(register.gross)).toBe(register.totals.filter((t) => t.kind === 'EARNING').reduce((s, t) => s + cents(t.amount), 0n));
    expect(cents(register.gross) - cents(register.deductions)).toBe(cents(register.net));
    const csv = await (await fetch(register.csvUrl)).text();
    const rows = csv.trimEnd().split('\r\n');
    expect(rows[0]).toBe('employeeId,BASIC,OT150,OT200,MEAL,UNPAID,PENSION,gross,deductions,net,error');
    expect(rows.at(-1)).toBe(`TOTAL,${register.totals.map((t) => t.amount).join(',')},${register.gross},${register.deductions},${register.net},`);
  });

  it('refuses an overlapping run, then is approved and finalised by its job: PDFs under the tenant prefix, PAYSLIP documents, each employee told once', async () => {
    const overlapping = await admin(CREATE_RUN, { input: { period: '2027-03' } });
    expect(overlapping.errors?.[0]).toMatchObject({ errorType: 'CONFLICT', errorInfo: { reason: 'RUN_OPEN', runId } });
    const run = (await ok<{ payRun: { version: number } }>(admin, RUN, { id: runId })).payRun;
    expect((await ok<{ approvePayRun: { status: string } }>(admin, APPROVE, { id: runId, v: run.version })).approvePayRun.status).toBe('APPROVED');
    expect((await admin(DISCARD, { id: runId })).errors?.[0]?.errorType).toBe('CONFLICT');
    const finalizing = (await ok<{ finalizePayRun: { status: string; jobId: string } }>(admin, FINALIZE, { id: runId })).finalizePayRun;
    expect(finalizing.status).toBe('FINALIZING');
    const employee = await signedIn(stack, { tenantId: 'acme', role: 'TenantUser', employeeId: ids.joiner });
    expect((await ok<{ myPayslips: unknown[] }>(employee, MY_PAYSLIPS)).myPayslips).toEqual([]);

    const payload = await jobPayload('acme', finalizing.jobId);
    expect(await step('acme', payload)).toMatchObject({ outcome: 'finalized', payslips: 5, filed: 5, notified: 1, noAccount: 4 });
    expect(await step('acme', payload)).toMatchObject({ outcome: 'not-finalizing' });
    expect(published).toHaveLength(1);
    expect((await ok<{ payRun: { status: string; finalized: number } }>(admin, RUN, { id: runId })).payRun).toMatchObject({ status: 'FINALIZED', finalized: 5 });

    const mine = (await ok<{ myPayslips: { runId: string; employeeId: string; net: string; documentId: string }[] }>(employee, MY_PAYSLIPS)).myPayslips;
    expect(mine).toEqual([expect.objectContaining({ runId, employeeId: ids.joiner, net: '2654.84' })]);
    const pdf = await fetch((await ok<{ myPayslipPdf: { url: string } }>(employee, MY_PDF, { runId })).myPayslipPdf.url);
    expect((await pdf.text()).startsWith('%PDF-')).toBe(true);
    const document = await system.send(new GetItemCommand({ TableName: table('PIM'), Key: marshall({ TenantId: tenantKey('acme'), EntityItem: `DOC#${ids.joiner}#${mine[0]!.documentId}` }) }));
    expect(unmarshall(document.Item!)).toMatchObject({ kind: 'PAYSLIP', status: 'AVAILABLE', objectKey: `tenants/acme/payslips/2027-03/${runId}/${ids.joiner}.pdf` });
    const { s3 } = await tenants.forTenant('acme');
    await s3.send(new HeadObjectCommand({ Bucket: stack.s3.documentsBucket, Key: `tenants/acme/payslips/2027-03/${runId}/${ids.leaver}.pdf` }));
  });

  it('once finalised, is locked: a regular run of the period is refused, an off-cycle correction is opened', async () => {
    const regular = await admin(CREATE_RUN, { input: { period: '2027-03' } });
    expect(regular.errors?.[0]).toMatchObject({ errorType: 'CONFLICT', errorInfo: { reason: 'PERIOD_FINALIZED' } });
    expect((await admin(CALCULATE, { id: runId })).errors?.[0]?.errorType).toBe('CONFLICT');
    const offCycle = await ok<{ createPayRun: { id: string; status: string } }>(admin, CREATE_RUN, { input: { period: '2027-03', kind: 'OFF_CYCLE' } });
    expect(offCycle.createPayRun.status).toBe('DRAFT');
    expect((await ok<{ discardPayRun: { status: string } }>(admin, DISCARD, { id: offCycle.createPayRun.id })).discardPayRun.status).toBe('DISCARDED');
    const early = await admin(CREATE_RUN, { input: { period: '2027-04', kind: 'OFF_CYCLE' } });
    expect(early.errors?.[0]).toMatchObject({ errorType: 'CONFLICT', errorInfo: { reason: 'PERIOD_NOT_FINALIZED' } });
  });

  it('stays in its tenant and with its employee: GraphQL, the runner\'s credentials and S3', async () => {
    await ok(globexAdmin, SETTINGS, { input: { currency: 'EUR', rounding: 'HALF_EVEN', expectedVersion: 0 } });
    expect((await ok<{ payRun: unknown }>(globexAdmin, RUN, { id: runId })).payRun).toBeNull();
    expect((await ok<{ payRuns: unknown[] }>(globexAdmin, RUNS)).payRuns).toEqual([]);
    for (const [query, variables] of [[CALCULATE, { id: runId }], [FINALIZE, { id: runId }], [DISCARD, { id: runId }], [PAYSLIPS, { runId }], [REGISTER, { runId }]] as const) {
      expect((await globexAdmin(query, variables)).errors?.[0]?.errorType).toBe('NOT_FOUND');
    }
    expect((await globexAdmin(ASSIGN, { input: { employeeId: ids.joiner, structureId, effectiveFrom: '2027-01-01' } })).errors?.[0]?.errorType).toBe('NOT_FOUND');
    // Another employee's payslip: the PDF of a run is only ever one's own; a plain user reads no run's payslips.
    const other = await signedIn(stack, { tenantId: 'acme', role: 'TenantUser', employeeId: ids.nostructure });
    const own = (await ok<{ myPayslips: { employeeId: string }[] }>(other, MY_PAYSLIPS)).myPayslips;
    expect(own.map((p) => p.employeeId)).toEqual([ids.nostructure]);
    expect((await other(PAYSLIPS, { runId })).errors?.[0]?.errorType).toBe('UNAUTHORIZED_ACCESS');
    const globexUser = await signedIn(stack, { tenantId: 'globex', role: 'TenantUser', employeeId: ids.joiner });
    expect((await ok<{ myPayslips: unknown[] }>(globexUser, MY_PAYSLIPS)).myPayslips).toEqual([]);
    expect((await globexUser(MY_PDF, { runId })).errors?.[0]?.errorType).toBe('NOT_FOUND');
    // The runner with globex's session on acme's run: IAM refuses every read.
    await expect(step('acme', { runId, step: 'CALCULATE', calculation: 3 }, { clientsOf: 'globex' })).rejects.toThrow(/not authorized|AccessDenied/i);
    const { s3 } = await tenants.forTenant('acme');
    await expect(s3.send(new PutObjectCommand({ Bucket: stack.s3.documentsBucket, Key: `tenants/globex/payslips/2027-03/${runId}/x.pdf`, Body: 'x' }))).rejects.toThrow(/denied|forbidden/i);
  });
});

describe('the PayrollOfficer template', () => {
  it('linked to a TenantUser (CreatePolicy, as a tenant admin\'s grant will), lets them run payroll; unlinked, they may not', async () => {
    const email = `officer-${Date.now()}@acme.test`;
    await stack.addUser({ email, tenantId: 'acme', role: 'TenantUser' });
    const token = await stack.signIn(email);
    const officer = graphqlWith(stack, token);
    expect((await officer(RUNS)).errors?.[0]?.errorType).toBe('UNAUTHORIZED_ACCESS');
    const avp = new VerifiedPermissionsClient({ endpoint: stack.verifiedPermissions.endpoint, region: stack.region, credentials: stack.credentials });
    const templates = await avp.send(new ListPolicyTemplatesCommand({ policyStoreId }));
    const templateId = templates.policyTemplates!.find((t) => t.description === 'PayrollOfficer')!.policyTemplateId!;
    const sub = (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { sub: string }).sub;
    await avp.send(new CreatePolicyCommand({ policyStoreId, definition: { templateLinked: { policyTemplateId: templateId, principal: { entityType: 'OptimalHR::User', entityId: sub }, resource: { entityType: 'OptimalHR::Tenant', entityId: 'acme' } } } }));
    avp.destroy();
    const again = graphqlWith(stack, await stack.signIn(email));
    expect((await ok<{ payRuns: { id: string }[] }>(again, RUNS)).payRuns.length).toBeGreaterThan(0);
    const run = await again(CREATE_RUN, { input: { period: '2027-05' } });
    expect(run.errors).toBeUndefined();
  });
});
