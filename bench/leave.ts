/**
 * Leave at 10,000 employees (part of `npm run bench`):
 *
 * 1. The accrual runner (`AIML-SaaS-Employee-Earn-AL`, domain/leave/earn.ts) for one month over a
 *    tenant of `size` employees, through the tenant's session and the enforcing gateway. Goals: under
 *    30 s; a re-run (a duplicate delivery) posts 0 entries and costs at most 30 % of the first run.
 * 2. A balance read for an employee with 10 and with 5,000 ledger entries: the items read are the
 *    same (the materialised balance; "as of today" adds only the entries dated after today), and
 *    the time ratio at most 1.2.
 * 3. A leave request end to end through the running local stack (authorizer, AppSync runtime, the
 *    leave Lambda): HR asks for a day for an employee and approves it (the final step: TAKEN posted
 *    with the state change), one employee after the other; p50 and p99 of request → approved.
 */
import { STSClient } from '@aws-sdk/client-sts';
import { marshall } from '@aws-sdk/util-dynamodb';
import { Agent } from 'node:http';
import { newContractRow } from '../domain/employment/model/contracts.ts';
import { newLeavePolicyRow, newLeaveTypeRow } from '../domain/leave/definitions.ts';
import { earnPeriod } from '../domain/leave/earn.ts';
import { balanceAsOf, entriesFrom, readBalance, type LedgerEntryRow } from '../domain/leave/ledger.ts';
import { balanceKey, ledgerEntryKey } from '../domain/leave/model/keys.ts';
import { createLogger } from '../domain/logger.ts';
import { addDays } from '../domain/model/dates.ts';
import { tenantKey } from '../domain/model/keys.ts';
import { tenantClients } from '../domain/tenant-credentials.ts';
import type { StackDescription } from '../local/stack.ts';
import { putAll, REGION, startBenchDynamo, tables, type BenchDynamo } from './dynamo.ts';
import { measure, mondayAtLeast, quantile, type Measure } from './harness.ts';

const quiet = createLogger({ service: 'bench-leave', level: 'error', write: () => undefined });
const PERIOD = '2027-03';
const NOW = '2027-04-01T00:30:00.000Z';

function sessions(bench: BenchDynamo) {
  return tenantClients({
    roleArn: bench.roleArns.tenantScoped,
    sts: new STSClient({ endpoint: bench.dynamo.stsEndpoint, region: REGION, credentials: bench.internal }),
    dynamodb: { region: REGION, endpoint: bench.dynamo.endpoint, requestHandler: { httpAgent: new Agent({ keepAlive: true, maxSockets: 16 }) } },
    logger: quiet,
  });
}

/** A tenant with `size` employees (every tenth part-time, every twentieth a March joiner) and one monthly policy. */
async function seedTenant(bench: BenchDynamo, tenantId: string, size: number): Promise<void> {
  const type = newLeaveTypeRow(tenantKey(tenantId), 'annual', { name: 'Annual leave', paid: true, unit: 'DAYS' }, NOW);
  const policy = newLeavePolicyRow(tenantKey(tenantId), 'standard', { name: 'Standard', leaveTypeId: 'annual', effectiveFrom: '2020-01-01', annualEntitlement: '25', accrualFrequency: 'MONTHLY', roundingStep: '0.01' }, 'DAYS', NOW);
  await putAll(bench.seed, tables('Leave'), [marshall(type, { removeUndefinedValues: true }), marshall(policy, { removeUndefinedValues: true })][Symbol.iterator]());
  function* contracts() {
    for (let n = 0; n < size; n += 1) {
      const start = n % 20 === 0 ? '2027-03-16' : '2022-01-01';
      yield marshall(newContractRow(tenantId, `e${n}`, `c${n}`, `v${n}`, { startDate: start, terms: { jobTitle: 'Engineer', employmentType: 'FULL_TIME', ftePercent: n % 10 === 0 ? 60 : 100 } }, 'bench', NOW), { removeUndefinedValues: true });
    }
  }
  await putAll(bench.seed, tables('Employment'), contracts());
}

async function runnerMeasures(bench: BenchDynamo, size: number): Promise<Measure[]> {
  const tenantId = `leave-${size}`;
  await seedTenant(bench, tenantId, size);
  const tenants = sessions(bench);
  try {
    const { dynamodb } = await tenants.forTenant(tenantId);
    const store = { dynamodb, leaveTable: tables('Leave'), employmentTable: tables('Employment') };
    const run = async () => {
      const started = performance.now();
      const result = await earnPeriod({ store, tenantId, period: PERIOD, postedAt: NOW });
      return { ...result, seconds: (performance.now() - started) / 1000 };
    };
    const first = await run();
    const again = await run();
    const label = size.toLocaleString('en-US');
    return [
      measure(`leave accrual run, one month, ${label} employees`, first.seconds, 's', { max: 30 }),
      measure(`leave accrual run: entries posted for ${label} employees`, first.posted, 'entries', { min: size }),
      measure('leave accrual re-run (duplicate delivery): entries posted', again.posted, 'entries', { atMost: 0 }),
      measure('leave accrual re-run cost / first run', again.seconds / first.seconds, 'x', { atMost: 0.3 }),
    ];
  } finally {
    tenants.destroy();
  }
}

/** An employee with `count` ledger entries (one a day back from 2027-03-31) and their balance item. */
async function seedLedger(bench: BenchDynamo, tenantId: string, employeeId: string, count: number): Promise<void> {
  function* items() {
    let total = 0;
    for (let n = 0; n < count; n += 1) {
      const date = addDays('2027-03-31', -n);
      const entry: LedgerEntryRow = {
        TenantId: tenantKey(tenantId), EntityItem: ledgerEntryKey(employeeId, 'annual', date, `M-${n}`), employeeId, leaveTypeId: 'annual', kind: 'ACCRUAL', amount: 100, date,
        source: `M-${n}`, unit: 'DAYS', carried: null, reason: null, postedBy: 'bench', postedAt: NOW,
      };
      total += entry.amount;
      yield marshall(entry);
    }
    yield marshall({ TenantId: tenantKey(tenantId), EntityItem: balanceKey(employeeId, 'annual'), employeeId, leaveTypeId: 'annual', unit: 'DAYS', total, entries: count, updatedAt: NOW });
  }
  await putAll(bench.seed, tables('Leave'), items());
}

async function balanceMeasures(bench: BenchDynamo, reads: number): Promise<Measure[]> {
  const tenantId = 'leave-balances';
  await seedLedger(bench, tenantId, 'short', 10);
  await seedLedger(bench, tenantId, 'long', 5_000);
  const tenants = sessions(bench);
  try {
    const { dynamodb } = await tenants.forTenant(tenantId);
    const store = { dynamodb, leaveTable: tables('Leave') };
    const today = '2027-04-02';
    const itemsRead = async (employeeId: string) => 1 + (await entriesFrom(store, tenantId, employeeId, 'annual', addDays(today, 1))).length;
    // The balance is one item however long the history: time that read (the as-of read adds a Query of the entries after the day).
    const once = async (employeeId: string) => {
      const started = performance.now();
      await readBalance(store, tenantId, employeeId, 'annual');
      return performance.now() - started;
    };
    // Alternate the two reads so both share the machine's noise; compare medians.
    const shortTimes: number[] = [];
    const longTimes: number[] = [];
    for (let i = 0; i < reads + 20; i += 1) {
      let s: number;
      let l: number;
      if (i % 2 === 0) {
        s = await once('short');
        l = await once('long');
      } else {
        l = await once('long');
        s = await once('short');
      }
      if (i >= 20) {
        shortTimes.push(s);
        longTimes.push(l);
      }
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const short = median(shortTimes);
    const long = median(longTimes);
    const [shortItems, longItems] = [await itemsRead('short'), await itemsRead('long')];
    const asOfStarted = performance.now();
    for (let i = 0; i < 20; i += 1) await balanceAsOf(store, tenantId, 'long', 'annual', today);
    const asOfMs = (performance.now() - asOfStarted) / 20;
    const longBalance = await balanceAsOf(store, tenantId, 'long', 'annual', today);
    return [
      measure('leave balance read: items read, 5,000 entries − 10 entries', longItems - shortItems, 'items', { atMost: 0 }),
      measure('leave balance read with 10 entries (median)', short, 'ms'),
      measure('leave balance read with 5,000 entries (median)', long, 'ms'),
      measure('leave balance read time, 5,000 / 10 entries', long / short, 'x', { atMost: 1.2 }),
      measure('leave balance as of today with 5,000 entries (balance + entries after today)', asOfMs, 'ms'),
      measure('leave balance of 5,000 entries is their sum', longBalance, 'thousandths of a day', { min: 500_000 }),
    ];
  } finally {
    tenants.destroy();
  }
}

export async function leaveMeasures(options: { quick: boolean }): Promise<Measure[]> {
  const bench = await startBenchDynamo();
  try {
    return [...(await runnerMeasures(bench, options.quick ? 2_000 : 10_000)), ...(await balanceMeasures(bench, options.quick ? 100 : 300))];
  } finally {
    await bench.stop();
  }
}

type Answer = { data?: Record<string, { id?: string; status?: string; version?: number } | null> | null; errors?: { errorType?: string; message: string }[] };

/**
 * `count` leave requests end to end through the running stack, as acme's HR admin: a schedule and a
 * leave type, `count` employees working it, then for each one a day's request and its approval
 * (the chain's only step: the line manager, whom HR may stand in for); latency from asking to approved.
 */
export async function leaveRequestMeasures(stack: StackDescription, adminToken: string, options: { quick: boolean }): Promise<Measure[]> {
  const count = options.quick ? 20 : 200;
  const call = async (query: string, variables: object): Promise<Answer> => {
    const response = await fetch(stack.graphql.http, { method: 'POST', headers: { 'content-type': 'application/json', authorization: adminToken }, body: JSON.stringify({ query, variables }) });
    return (await response.json()) as Answer;
  };
  const created = async (query: string, variables: object): Promise<string> => {
    const answer = await call(query, variables);
    const id = Object.values(answer.data ?? {})[0]?.id;
    if (!id) throw new Error(`leave bench seeding failed: ${JSON.stringify(answer.errors)}`);
    return id;
  };
  const shiftType = await created('mutation ($input: CreateShiftTypeInput!) { createShiftType(input: $input) { id } }', { input: { name: 'Bench day', start: '09:00', end: '17:00', breakMinutes: 30 } });
  const pattern = await created('mutation ($input: CreateWorkPatternInput!) { createWorkPattern(input: $input) { id } }', { input: { name: 'Bench week', cycleDays: 7, anchorDate: '2027-01-04', days: [shiftType, shiftType, shiftType, shiftType, shiftType, null, null] } });
  const type = await created('mutation ($input: LeaveTypeInput!) { createLeaveType(input: $input) { id } }', { input: { name: 'Bench leave', paid: true, unit: 'DAYS', negativeBalanceLimit: '10' } });
  const employees: string[] = [];
  for (let n = 0; n < count; n += 1) {
    employees.push(await created('mutation ($input: CreateEmployeeInput!) { createEmployee(input: $input) { id } }', {
      input: { employeeNumber: `LR-${n}`, firstName: `Leave${n}`, lastName: 'Bench', email: `leave${n}@bench.example`, contract: { startDate: '2025-01-06', terms: { jobTitle: 'Engineer', employmentType: 'FULL_TIME', workScheduleId: pattern } } },
    }));
  }
  // a Monday three weeks or more ahead: a working day of the pattern, past any notice
  const day = mondayAtLeast(21);
  const latencies: number[] = [];
  let failed = 0;
  for (const [n, employeeId] of employees.entries()) {
    const started = performance.now();
    const asked = await call('mutation ($input: RequestLeaveInput!) { requestLeave(input: $input) { id version } }', { input: { clientRequestId: `bench-${n}`, employeeId, leaveTypeId: type, from: day, to: day, reason: 'Bench' } });
    const request = asked.data?.requestLeave;
    const approved = request?.id ? await call('mutation ($id: ID!, $v: Int!) { approveLeave(id: $id, expectedVersion: $v) { id status } }', { id: request.id, v: request.version }) : null;
    if (approved?.data?.approveLeave?.status !== 'APPROVED') failed += 1;
    else latencies.push(performance.now() - started);
  }
  latencies.sort((a, b) => a - b);
  return [
    measure(`leave request → approved through the stack, ${count} requests: p50`, quantile(latencies, 0.5), 'ms'),
    measure(`leave request → approved through the stack, ${count} requests: p99`, quantile(latencies, 0.99), 'ms'),
    measure('leave requests not approved', failed, 'requests', { atMost: 0 }),
  ];
}
