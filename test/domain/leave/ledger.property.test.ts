/**
 * The ledger's promise, as a property (fast-check, fixed seed) against the local DynamoDB: any
 * sequence of accrual runs (some delivered twice at once), requests taken and cancelled, leave
 * requests filed, approved (some approvals retried), rejected and cancelled before or after
 * approval, HR adjustments (some retried), policy corrections with re-runs of past months and year
 * ends keeps every materialised balance equal to the sum of its ledger, posts no movement twice,
 * leaves each request's entries what its state says, and leaves a re-run of any month nothing to post.
 */
import { CreateTableCommand, PutItemCommand, QueryCommand, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EARN_RUNNER, earnPeriod } from '../../../domain/leave/earn.ts';
import { postCancellation, postTaken, type BalanceRow, type LedgerEntryRow, type SlotState } from '../../../domain/leave/ledger.ts';
import { LEAVE_PREFIXES, leavePolicyKey, leaveTypeKey } from '../../../domain/leave/model/keys.ts';
import { approveLeave, cancelLeave, rejectLeave, requestLeave, type RequestDeps } from '../../../domain/leave/request-store.ts';
import type { LeaveRequestRow } from '../../../domain/leave/requests.ts';
import { adjustBalance } from '../../../domain/leave/store.ts';
import { DomainError } from '../../../domain/domain-error.ts';
import { employeeItemKey } from '../../../domain/people/model/keys.ts';
import { tenantKey } from '../../../domain/model/keys.ts';
import { TABLES } from '../../../domain/model/tables.ts';
import { createTableInput } from '../../../local/tables.ts';
import { startTestDynamo, type TestDynamo } from '../../local/dynamodb/helpers.ts';
import { contract, policy, weekdayPlans } from './fixtures.ts';

const PERIODS = ['2026-11', '2026-12', '2027-01', '2027-02', '2027-03'];
const EMPLOYEES = ['e1', 'e2'];

type Op =
  | { op: 'run'; period: string; twice: boolean }
  | { op: 'take'; employee: string; request: number; day: number; days: number }
  | { op: 'cancel'; employee: string; request: number }
  | { op: 'adjust'; employee: string; id: number; amount: number }
  | { op: 'correct'; entitlement: number; period: string }
  | { op: 'file'; employee: string; client: number; week: number; days: number }
  | { op: 'decide'; which: number; approve: boolean; retry: boolean }
  | { op: 'withdraw'; which: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('run' as const), period: fc.constantFrom(...PERIODS), twice: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('take' as const), employee: fc.constantFrom(...EMPLOYEES), request: fc.integer({ min: 1, max: 4 }), day: fc.integer({ min: 1, max: 28 }), days: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('cancel' as const), employee: fc.constantFrom(...EMPLOYEES), request: fc.integer({ min: 1, max: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('adjust' as const), employee: fc.constantFrom(...EMPLOYEES), id: fc.integer({ min: 1, max: 3 }), amount: fc.integer({ min: -3000, max: 3000 }).filter((a) => a !== 0) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('correct' as const), entitlement: fc.integer({ min: 10, max: 30 }), period: fc.constantFrom(...PERIODS) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('file' as const), employee: fc.constantFrom(...EMPLOYEES), client: fc.integer({ min: 1, max: 3 }), week: fc.integer({ min: 0, max: 3 }), days: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 5, arbitrary: fc.record({ op: fc.constant('decide' as const), which: fc.nat(), approve: fc.boolean(), retry: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('withdraw' as const), which: fc.nat() }) },
);

/** Refusals a random sequence meets (overlap, above balance, decided already) are typed; anything else fails the property. */
async function typed<T>(promise: Promise<T>): Promise<T | null> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof DomainError && ['CONFLICT', 'VALIDATION_ERROR'].includes(error.errorType)) return null;
    throw error;
  }
}

let dynamo: TestDynamo;
const leaveTable = 'LeaveProperty';
const employmentTable = 'EmploymentProperty';
const pimTable = 'PimProperty';
let tenantSerial = 0;

beforeAll(async () => {
  dynamo = await startTestDynamo();
  for (const [name, table] of [[leaveTable, TABLES.Leave], [employmentTable, TABLES.Employment], [pimTable, TABLES.PIM]] as const) {
    await dynamo.client.send(new CreateTableCommand(createTableInput(name, table)));
    await waitUntilTableExists({ client: dynamo.client, maxWaitTime: 30, minDelay: 1, maxDelay: 1 }, { TableName: name });
  }
});

afterAll(async () => {
  await dynamo?.stop();
});

async function items<T>(tenantId: string, prefix: string): Promise<T[]> {
  const found = await dynamo.client.send(new QueryCommand({
    TableName: leaveTable,
    KeyConditionExpression: 'TenantId = :t AND begins_with(EntityItem, :p)',
    ExpressionAttributeValues: marshall({ ':t': tenantKey(tenantId), ':p': prefix }),
    ConsistentRead: true,
  }));
  return (found.Items ?? []).map((i) => unmarshall(i) as T);
}

async function putPolicy(tenantId: string, entitlement: number, version: number) {
  const row = { ...policy({ annualEntitlement: entitlement * 1000, carryForwardMax: 5_000, carryForwardExpiryMonths: 2 }), TenantId: tenantKey(tenantId), EntityItem: leavePolicyKey('p-annual'), name: 'Annual', version, createdAt: 'x', updatedAt: 'x' };
  await dynamo.client.send(new PutItemCommand({ TableName: leaveTable, Item: marshall(row) }));
}

describe('the ledger under any sequence of movements', () => {
  it('keeps balance == sum(ledger), posts nothing twice, and leaves re-runs nothing to post', async () => {
    await fc.assert(fc.asyncProperty(fc.array(opArb, { minLength: 3, maxLength: 16 }), async (ops) => {
      tenantSerial += 1;
      const tenantId = `prop-${tenantSerial}`;
      const store = { dynamodb: dynamo.client, leaveTable, employmentTable };
      const typeRow = { TenantId: tenantKey(tenantId), EntityItem: leaveTypeKey('annual'), id: 'annual', name: 'Annual', paid: true, unit: 'DAYS', countsHolidays: false, countsRestDays: false, maxConsecutiveDays: null, minNoticeDays: 0, applicableAfterServiceDays: 0, attachmentRequiredAboveDays: null, negativeBalanceLimit: 2000, countsAsWorkedTime: false, version: 1, createdAt: 'x', updatedAt: 'x' };
      await dynamo.client.send(new PutItemCommand({ TableName: leaveTable, Item: marshall(typeRow) }));
      let version = 1;
      await putPolicy(tenantId, 24, version);
      // e1 full time since 2020; e2 joins mid-November and goes part-time in January
      for (const row of [contract('e1', '2020-01-01'), contract('e2', '2026-11-16', null, [['2027-01-10', { ftePercent: 60 }]])]) {
        await dynamo.client.send(new PutItemCommand({ TableName: employmentTable, Item: marshall({ ...row, TenantId: tenantKey(tenantId), EntityItem: `CONTRACT#${row.employeeId}#${row.id}` }) }));
        await dynamo.client.send(new PutItemCommand({ TableName: pimTable, Item: marshall({ TenantId: tenantKey(tenantId), EntityItem: employeeItemKey(row.employeeId), id: row.employeeId, ReportsPath: '/boss/', UserId: `user-${row.employeeId}`, archived: false, employment: { status: 'ACTIVE', managerId: 'boss', departmentId: null } }) }));
      }
      await dynamo.client.send(new PutItemCommand({ TableName: pimTable, Item: marshall({ TenantId: tenantKey(tenantId), EntityItem: employeeItemKey('boss'), id: 'boss', ReportsPath: '/', UserId: 'user-boss', archived: false, employment: { status: 'ACTIVE', managerId: null, departmentId: null } }) }));
      const requests: RequestDeps = {
        dynamodb: dynamo.client, tables: { leave: leaveTable, pim: pimTable, employment: employmentTable }, tenantId, today: '2027-03-15', now: '2027-03-15T10:00:00Z',
        plans: weekdayPlans, backdateDays: 60, hrUsers: async () => ['user-hr'], notify: async () => undefined,
      };
      const boss = { userId: 'user-boss', role: 'TenantUser' as const, employeeId: 'boss' };
      const filed: LeaveRequestRow[] = [];
      const run = (period: string) => earnPeriod({ store, tenantId, period, postedAt: '2027-04-01T00:00:00Z' });
      const taken = new Map<string, { date: string; amount: number }>();
      const periodsRun = new Set<string>();
      const occasion = { tenantId, today: '2027-03-15', now: '2027-03-15T10:00:00Z', requestedBy: 'hr' };
      for (const op of ops) {
        switch (op.op) {
          case 'run':
            periodsRun.add(op.period);
            if (op.twice) await Promise.all([run(op.period), run(op.period)]);
            else await run(op.period);
            break;
          case 'take': {
            const key = `${op.employee}#${op.request}`;
            const date = taken.get(key)?.date ?? `2027-02-${String(op.day).padStart(2, '0')}`;
            const amount = taken.get(key)?.amount ?? op.days * 1000;
            const outcome = await postTaken(store, { tenantId, employeeId: op.employee, leaveTypeId: 'annual', unit: 'DAYS', requestId: `r${op.request}`, date, amount, negativeLimit: 2000, postedBy: 'u', postedAt: occasion.now });
            if (outcome === 'posted') taken.set(key, { date, amount });
            break;
          }
          case 'cancel': {
            const request = taken.get(`${op.employee}#${op.request}`);
            const outcome = await postCancellation(store, { tenantId, employeeId: op.employee, leaveTypeId: 'annual', unit: 'DAYS', requestId: `r${op.request}`, takenDate: request?.date ?? '2027-02-01', amount: request?.amount ?? 1000, postedBy: 'u', postedAt: occasion.now });
            if (!request) expect(outcome).toBe('refused');
            break;
          }
          case 'adjust': {
            const input = { employeeId: op.employee, leaveTypeId: 'annual', amount: `${op.amount / 1000}`, date: '2027-01-15', reason: `fix ${op.id} ${op.amount}` };
            await adjustBalance(store, occasion, `a${op.id}`, input, true).catch((error: Error) => expect(error.message).toContain('other values'));
            break;
          }
          case 'file': {
            // weeks of March 2027 (the 1st is a Monday), 1-5 weekdays, filed by the employee
            const from = `2027-03-${String(1 + op.week * 7).padStart(2, '0')}`;
            const to = `2027-03-${String(op.week * 7 + op.days).padStart(2, '0')}`;
            const row = await typed(requestLeave(requests, { clientRequestId: `c${op.client}-${op.week}`, leaveTypeId: 'annual', from, to, reason: 'Holiday' }, { userId: `user-${op.employee}`, role: 'TenantUser', employeeId: op.employee }));
            if (row && !filed.some((r) => r.id === row.id)) filed.push(row);
            break;
          }
          case 'decide': {
            // a pending request, as last seen
            const pending = filed.filter((r) => r.status === 'PENDING');
            const row = pending[op.which % Math.max(pending.length, 1)];
            if (!row) break;
            const decided = op.approve ? await typed(approveLeave(requests, row.id, row.version, null, boss)) : await typed(rejectLeave(requests, row.id, 'No', boss));
            if (op.approve && op.retry) await typed(approveLeave(requests, row.id, row.version, null, boss));
            if (decided) filed[filed.indexOf(row)] = decided;
            break;
          }
          case 'withdraw': {
            // a pending or approved request, as last seen (a decided one now and then: CONFLICT)
            const open = filed.filter((r) => r.status === 'PENDING' || r.status === 'APPROVED' || op.which % 5 === 0);
            const row = open[op.which % Math.max(open.length, 1)];
            const cancelled = row ? await typed(cancelLeave(requests, row.id, { userId: `user-${row.employeeId}`, role: 'TenantUser', employeeId: row.employeeId })) : null;
            if (row && cancelled) filed[filed.indexOf(row)] = cancelled;
            break;
          }
          case 'correct':
            version += 1;
            await putPolicy(tenantId, op.entitlement, version);
            periodsRun.add(op.period);
            await run(op.period);
            break;
        }
      }
      // Re-run every month run so far, oldest first (cumulative rounding and year ends build on earlier months): a second pass posts nothing.
      const ordered = [...periodsRun].sort();
      for (const period of ordered) await run(period);
      for (const period of ordered) expect((await run(period)).posted).toBe(0);

      const entries = await items<LedgerEntryRow>(tenantId, LEAVE_PREFIXES.ledger);
      const balances = await items<BalanceRow>(tenantId, LEAVE_PREFIXES.balance);
      for (const employee of EMPLOYEES) {
        const own = entries.filter((e) => e.employeeId === employee);
        const balance = balances.find((b) => b.employeeId === employee);
        expect(balance?.total ?? 0).toBe(own.reduce((s, e) => s + e.amount, 0));
        expect(balance?.entries ?? 0).toBe(own.length);
        // one entry per day and source: the same movement is never posted twice
        expect(new Set(own.map((e) => `${e.date}#${e.source}`)).size).toBe(own.length);
        // each slot's bookkeeping (on the balance item) is what its entries add up to
        const slots = Object.entries(balance ?? {}).filter(([name]) => name.startsWith('slot:')) as [string, SlotState][];
        for (const [attribute, slot] of slots) {
          const name = attribute.slice('slot:'.length);
          const ofSlot = own.filter((e) => e.postedBy === EARN_RUNNER && (e.source === name || e.source.startsWith(`${name}-r`)));
          expect(ofSlot.reduce((s, e) => s + e.amount, 0)).toBe(slot.posted);
          expect(ofSlot.length).toBe(slot.entries);
        }
      }
      // each request's entries are what its state says: taken once when approved, given back once when cancelled after
      const stored = await items<LeaveRequestRow>(tenantId, LEAVE_PREFIXES.request);
      for (const request of stored) {
        const own = entries.filter((e) => e.source === `REQ-${request.id}` || e.source === `REQ-${request.id}-CANCEL`);
        const approvedOnce = request.history.some((e) => e.outcome === 'APPROVED') && request.steps.length <= 1;
        if (request.status === 'APPROVED') expect(own.reduce((s, e) => s + e.amount, 0)).toBe(-request.total);
        else expect(own.reduce((s, e) => s + e.amount, 0)).toBe(0);
        if (request.status === 'CANCELLED' && approvedOnce) expect(own).toHaveLength(2 * request.days.filter((d) => d.amount > 0).length);
      }
    }), { seed: 20261207, numRuns: 30 });
    // ~8 s on a quiet machine; the margin is for a loaded one (the suite runs files in parallel)
  }, 60_000);
});
