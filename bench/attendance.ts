/**
 * Time and attendance at scale (part of `npm run bench`):
 *
 * 1. AIML-SaaS-AttGen-Tenant's work (domain/attendance/tenant-generation.ts) for one day of a
 *    tenant at two sizes side by side, through the tenant's session and the enforcing gateway, with
 *    the runner's own write pacing (80 % of one partition's 1,000 WCU/s). Goals: the large tenant's
 *    day under 60 s, the cost per employee flat (large/small ≤ 1.3), a record for every employee,
 *    and a second run writing nothing.
 * 2. A burst of clock-ins through the whole local stack (authorizer, AppSync runtime, the
 *    attendance Lambda, the enforcing gateway), from a kiosk: one per employee, a tenth of them sent
 *    twice with the same idempotency key (a phone retrying). Goals: the burst inside a minute,
 *    every acknowledged punch stored, none doubled; p50/p99 reported.
 */
import { Agent } from 'node:http';
import { DynamoDBClient, QueryCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { STSClient } from '@aws-sdk/client-sts';
import { marshall } from '@aws-sdk/util-dynamodb';
import { employeePunchesPrefix, punchItemKey } from '../domain/attendance/model/keys.ts';
import type { PunchRow } from '../domain/attendance/model/records.ts';
import { generateTenantAttendance } from '../domain/attendance/tenant-generation.ts';
import { employmentOn, newContractRow } from '../domain/employment/model/contracts.ts';
import { createLogger } from '../domain/logger.ts';
import { tenantKey } from '../domain/model/keys.ts';
import { tableName, type TableId } from '../domain/model/tables.ts';
import { locationItemKey } from '../domain/organisation/model/keys.ts';
import type { LocationRow } from '../domain/organisation/model/location.ts';
import { newEmployeeRow, normaliseNewEmployee } from '../domain/people/model/employee.ts';
import { TOP_OF_ORGANISATION } from '../domain/people/model/keys.ts';
import { patternItemKey, shiftTypeItemKey } from '../domain/schedules/model/keys.ts';
import type { PatternRow, ShiftTypeRow } from '../domain/schedules/model/rows.ts';
import { tenantClients } from '../domain/tenant-credentials.ts';
import type { StackDescription } from '../local/stack.ts';
import { putAll, REGION, startBenchDynamo, tables, type BenchDynamo } from './dynamo.ts';
import { measure, quantile, type Measure } from './harness.ts';

const quiet = createLogger({ service: 'bench-attendance', level: 'error', write: () => undefined });
/** A Monday: the day generated. */
const DAY = '2027-03-01';
const ZONE = 'Europe/Berlin';
const STORED = { version: 1, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };

/** The office set-up every bench tenant shares: a 09:00-17:00 shift, a Monday-Friday week, a Berlin office. */
function officeItems(tenantId: string): { table: TableId; item: Record<string, AttributeValue> }[] {
  const shift: ShiftTypeRow = {
    TenantId: tenantKey(tenantId), EntityItem: shiftTypeItemKey('day'), ...STORED, id: 'day', name: 'Day', start: '09:00', end: '17:00', breakMinutes: 30,
    graceLateMinutes: 5, graceEarlyMinutes: 5, windowBeforeMinutes: 120, windowAfterMinutes: 240, halfDayMinutes: 240, fullDayMinutes: 450, overtime: {}, archived: false,
  };
  const week: PatternRow = { TenantId: tenantKey(tenantId), EntityItem: patternItemKey('week'), ...STORED, id: 'week', name: 'Office week', cycleDays: 7, anchorDate: '2027-01-04', days: ['day', 'day', 'day', 'day', 'day', null, null], archived: false };
  const office: LocationRow = {
    TenantId: tenantKey(tenantId), EntityItem: locationItemKey('office'), ...STORED, id: 'office', tenantId, name: 'Office', timeZone: ZONE, geofence: null,
    address: { line1: '1 Bench Street', line2: null, city: 'Berlin', region: null, postalCode: null, country: 'DE' }, assignmentCount: 0, archived: false,
  };
  return [
    { table: 'WorkSchedule', item: marshall(shift, { removeUndefinedValues: true }) },
    { table: 'WorkSchedule', item: marshall(week, { removeUndefinedValues: true }) },
    { table: 'PIM', item: marshall(office, { removeUndefinedValues: true }) },
  ];
}

/** `size` employees on the office week with a linked sign-in; nine in ten punched in and out on {@link DAY} when `punched`. */
function* workforceItems(tenantId: string, size: number, punched: boolean): Generator<{ table: TableId; item: Record<string, AttributeValue> }> {
  yield* officeItems(tenantId);
  const now = new Date().toISOString();
  for (let n = 0; n < size; n += 1) {
    const id = `${tenantId}-${String(n).padStart(6, '0')}`;
    const contract = newContractRow(tenantId, id, `c-${id}`, `v-${id}`, {
      startDate: '2026-01-05',
      terms: { jobTitle: 'Operator', employmentType: 'FULL_TIME', locationId: 'office', departmentId: 'ops', workScheduleId: 'week' },
    }, 'bench', now);
    const person = normaliseNewEmployee({ employeeNumber: `A-${n}`, firstName: `Worker${n}`, lastName: 'Bench', email: `worker${n}@${tenantId}.test`, contract: { startDate: contract.startDate, terms: contract.versions[0]!.terms } });
    const row = { ...newEmployeeRow(tenantId, id, person, employmentOn([contract], DAY)!, TOP_OF_ORGANISATION, now), UserId: `bench-user-${id}` };
    yield { table: 'PIM', item: marshall(row, { removeUndefinedValues: true }) };
    yield { table: 'Employment', item: marshall(contract, { removeUndefinedValues: true }) };
    if (!punched || n % 10 === 9) continue;
    for (const [type, at] of [['IN', `${DAY}T07:57:00.000Z`], ['OUT', `${DAY}T16:03:00.000Z`]] as const) {
      const punchId = `${type}-${id}`;
      const punch: PunchRow = {
        TenantId: tenantKey(tenantId), EntityItem: punchItemKey(id, at, punchId), id: punchId, employeeId: id, type, at, source: 'SELF', timeZone: ZONE, localDate: DAY,
        deviceTimeZone: ZONE, deviceTime: null, clockSkewSeconds: null, position: null, distanceMeters: null, flags: [], supersedes: null, correctionId: null,
        recordedBy: `bench-user-${id}`, createdAt: at, idempotencyKey: null,
      };
      yield { table: 'TimeAttendance', item: marshall(punch, { removeUndefinedValues: true }) };
    }
  }
}

async function seed(ddb: DynamoDBClient, byTable: (id: TableId) => string, items: Iterable<{ table: TableId; item: Record<string, AttributeValue> }>): Promise<void> {
  const grouped = new Map<TableId, Record<string, AttributeValue>[]>();
  for (const { table, item } of items) grouped.set(table, [...(grouped.get(table) ?? []), item]);
  for (const [table, list] of grouped) await putAll(ddb, byTable(table), list[Symbol.iterator]());
}

/** One tenant's day generated twice; the durations and what each run wrote. */
async function generatorDay(bench: BenchDynamo, size: number): Promise<{ seconds: number; written: number; rerunSeconds: number; rewritten: number }> {
  const tenantId = `attgen-${size}`;
  await seed(bench.seed, tables, workforceItems(tenantId, size, true));
  const tenants = tenantClients({
    roleArn: bench.roleArns.tenantScoped,
    sts: new STSClient({ endpoint: bench.dynamo.stsEndpoint, region: REGION, credentials: bench.internal }),
    dynamodb: { region: REGION, endpoint: bench.dynamo.endpoint, requestHandler: { httpAgent: new Agent({ keepAlive: true, maxSockets: 32 }) } },
    logger: quiet,
  });
  try {
    const { dynamodb } = await tenants.forTenant(tenantId);
    // As the runner runs it: the default pacing, the day settled.
    const run = async () => {
      const started = performance.now();
      const result = await generateTenantAttendance({ dynamodb, tableName: tables, timeZone: ZONE }, tenantId, { from: DAY }, { now: new Date(`${DAY}T23:30:00Z`), occurrenceAt: new Date(`${DAY}T23:30:00Z`) });
      return { seconds: (performance.now() - started) / 1000, written: result.written };
    };
    const first = await run();
    const second = await run();
    return { seconds: first.seconds, written: first.written, rerunSeconds: second.seconds, rewritten: second.written };
  } finally {
    tenants.destroy();
  }
}

export async function generatorMeasures(sizes: { small: number; large: number }): Promise<Measure[]> {
  const bench = await startBenchDynamo();
  try {
    const small = await generatorDay(bench, sizes.small);
    const large = await generatorDay(bench, sizes.large);
    const perEmployee = (r: typeof small, n: number) => (r.seconds * 1000) / n;
    const label = (n: number) => n.toLocaleString('en-US');
    return [
      measure(`attendance generation, ${label(sizes.small)} employees × 1 day`, small.seconds, 's'),
      measure(`attendance generation, ${label(sizes.large)} employees × 1 day`, large.seconds, 's', { max: 60 }),
      measure(`attendance generation cost per employee, ${label(sizes.large)} / ${label(sizes.small)}`, perEmployee(large, sizes.large) / perEmployee(small, sizes.small), 'x', { max: 1.3 }),
      measure('attendance generation: employees without their record', sizes.small + sizes.large - small.written - large.written, 'employees', { max: 1 }),
      measure('attendance generation re-run: records written', small.rewritten + large.rewritten, 'records', { max: 1 }),
      measure(`attendance generation re-run / first run, ${label(sizes.large)}`, large.rerunSeconds / large.seconds, 'x'),
    ];
  } finally {
    await bench.stop();
  }
}

interface GraphQLAnswer { data?: Record<string, unknown> | null; errors?: { errorType?: string; message?: string }[] }

/**
 * `count` kiosk clock-ins through the stack for fresh employees of acme, `concurrency` in flight;
 * every tenth is sent again with its key once answered. Then every employee's punches are counted.
 */
export async function burstMeasures(stack: StackDescription, kioskToken: string, count: number, concurrency: number): Promise<Measure[]> {
  const ddb = new DynamoDBClient({ endpoint: stack.dynamodb.endpoint, region: stack.region, credentials: stack.credentials, requestHandler: { httpAgent: new Agent({ keepAlive: true }) } });
  const byStage = (id: TableId) => tableName(id, stack.stage);
  const tenantId = 'acme';
  const ids = Array.from({ length: count }, (_, n) => `${tenantId}-burst-${String(n).padStart(6, '0')}`);
  try {
    const items = [...workforceItems(tenantId, 0, false)];
    for (const [n, id] of ids.entries()) {
      const contract = newContractRow(tenantId, id, `c-${id}`, `v-${id}`, { startDate: '2026-01-05', terms: { jobTitle: 'Operator', employmentType: 'FULL_TIME', locationId: 'office', workScheduleId: 'week' } }, 'bench', STORED.createdAt);
      const person = normaliseNewEmployee({ employeeNumber: `K-${n}`, firstName: `Kiosk${n}`, lastName: 'Burst', email: `burst${n}@acme.test`, contract: { startDate: contract.startDate, terms: contract.versions[0]!.terms } });
      items.push({ table: 'PIM', item: marshall({ ...newEmployeeRow(tenantId, id, person, employmentOn([contract], '2026-06-01')!, TOP_OF_ORGANISATION, STORED.createdAt), UserId: `bench-user-${id}` }, { removeUndefinedValues: true }) });
      items.push({ table: 'Employment', item: marshall(contract, { removeUndefinedValues: true }) });
    }
    // The bench stack is thrown away afterwards: its office rows may sit beside (or over) the demo data's.
    await seed(ddb, byStage, items);

    const clockIn = async (employeeId: string, key: string): Promise<{ ms: number; punchId: string | null; error: string | null }> => {
      const started = performance.now();
      const response = await fetch(stack.graphql.http, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: kioskToken },
        body: JSON.stringify({ query: 'mutation ($input: PunchInput!) { clockIn(input: $input) { id } }', variables: { input: { idempotencyKey: key, employeeId, deviceTimeZone: ZONE } } }),
      });
      const answer = (await response.json()) as GraphQLAnswer;
      const punchId = (answer.data?.clockIn as { id?: string } | null)?.id ?? null;
      return { ms: performance.now() - started, punchId, error: punchId ? null : (answer.errors?.[0]?.errorType ?? `HTTP ${response.status}`) };
    };

    const latencies: number[] = [];
    const acknowledged = new Map<string, string>();
    const errors: string[] = [];
    let retriedDifferently = 0;
    let next = 0;
    const started = performance.now();
    await Promise.all(Array.from({ length: concurrency }, async () => {
      while (next < ids.length) {
        const n = next;
        next += 1;
        const employeeId = ids[n]!;
        const key = `burst-${n}-${employeeId.slice(-6)}`;
        const first = await clockIn(employeeId, key);
        latencies.push(first.ms);
        if (first.error) errors.push(first.error);
        if (first.punchId) acknowledged.set(employeeId, first.punchId);
        if (n % 10 === 0) {
          const again = await clockIn(employeeId, key);
          latencies.push(again.ms);
          if (again.punchId !== first.punchId) retriedDifferently += 1;
        }
      }
    }));
    const seconds = (performance.now() - started) / 1000;

    let lost = 0;
    let doubled = 0;
    for (const employeeId of ids) {
      const page = await ddb.send(new QueryCommand({
        TableName: byStage('TimeAttendance'),
        KeyConditionExpression: 'TenantId = :t AND begins_with(EntityItem, :p)',
        ExpressionAttributeValues: { ':t': { S: tenantKey(tenantId) }, ':p': { S: employeePunchesPrefix(employeeId) } },
        ProjectionExpression: 'id',
        ConsistentRead: true,
      }));
      const stored = (page.Items ?? []).map((item) => item.id?.S);
      const acked = acknowledged.get(employeeId);
      if (acked && !stored.includes(acked)) lost += 1;
      if (stored.length > 1) doubled += stored.length - 1;
    }
    latencies.sort((a, b) => a - b);
    return [
      measure(`clock-in burst: ${count.toLocaleString('en-US')} kiosk clock-ins (+${Math.ceil(count / 10)} retries), ${concurrency} in flight`, seconds, 's', { max: 60 }),
      measure('clock-in burst p50', quantile(latencies, 0.5), 'ms'),
      measure('clock-in burst p99', quantile(latencies, 0.99), 'ms'),
      measure('clock-in burst: refused or failed', errors.length, 'calls', { max: 1 }),
      measure('clock-in burst: acknowledged but not stored', lost, 'punches', { max: 1 }),
      measure('clock-in burst: stored twice (retries included)', doubled + retriedDifferently, 'punches', { max: 1 }),
    ];
  } finally {
    ddb.destroy();
  }
}

/** The attendance measures: the generator on its own local DynamoDB, the burst through the running stack. */
export async function attendanceMeasures(stack: StackDescription, kioskToken: string, options: { quick: boolean }): Promise<Measure[]> {
  return [
    ...(await generatorMeasures(options.quick ? { small: 100, large: 1_000 } : { small: 1_000, large: 10_000 })),
    ...(await burstMeasures(stack, kioskToken, options.quick ? 100 : 1_000, 16)),
  ];
}
