/**
 * People and contracts at 10,000 employees (part of `npm run bench`):
 *
 * 1. The contract runner (`AIML-SaaS-Job-Runner`'s day, domain/employment/processing.ts) over a
 *    tenant whose employees all start on the day (a mass onboarding): every record brought in step
 *    through the tenant's session and the enforcing gateway, then the whole management line
 *    checked. Measured at two sizes side by side; goals: the large run under 30 s, and the cost per
 *    employee flat (large/small ≤ 1.3). Every employee must end ACTIVE.
 * 2. Reports of the head of a 10,000-employee organisation, through the local stack's API:
 *    `reports(indirect: true)` paged 100 at a time (p50/p99 per page), and the items DynamoDB read
 *    per item returned for the same key conditions (from ScannedCount), goal ≤ 2.
 */
import { GetItemCommand, QueryCommand, DynamoDBClient, TransactWriteItemsCommand, UpdateItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { createDepartmentWrites, newDepartmentRow, type DepartmentRow } from '../domain/organisation/model/department.ts';
import { departmentItemKey, departmentTreeRange } from '../domain/organisation/model/keys.ts';
import { ORG_CHART_DEPTH } from '../domain/organisation/model/tree.ts';
import { toTransactWriteItems } from '../domain/organisation/sdk-writes.ts';
import { marshall } from '@aws-sdk/util-dynamodb';
import { Agent } from 'node:http';
import { calendarEntries, calendarEntryKey, employmentOn, newContractRow, type ContractRow } from '../domain/employment/model/contracts.ts';
import { processDay } from '../domain/employment/processing.ts';
import { createLogger } from '../domain/logger.ts';
import { addDays } from '../domain/model/dates.ts';
import { tenantKey } from '../domain/model/keys.ts';
import { tableName } from '../domain/model/tables.ts';
import { newEmployeeRow, normaliseNewEmployee } from '../domain/people/model/employee.ts';
import { EMPLOYEES_BY_REPORTS, EMPLOYEES_BY_STATUS, managementLine, reportsPathUnder, reportsPrefix, TOP_OF_ORGANISATION } from '../domain/people/model/keys.ts';
import { tenantClients } from '../domain/tenant-credentials.ts';
import { localDate } from '../domain/time.ts';
import type { StackDescription } from '../local/stack.ts';
import { STSClient } from '@aws-sdk/client-sts';
import { putAll, REGION, startBenchDynamo, tables, type BenchDynamo } from './dynamo.ts';
import { measure, quantile, type Measure } from './harness.ts';

const quiet = createLogger({ service: 'bench-employment', level: 'error', write: () => undefined });
/** Reports per manager: a bushy organisation five levels deep at 10,000. */
const SPAN = 10;

interface Member {
  id: string;
  managerId: string | null;
  path: string;
  /** The department of the member's director (level 2), or their own as VP (level 1), or the root. */
  departmentId: string;
}

/** Departments follow the top of the line: the root for the head, one per VP, one per director below them. */
function departmentOf(line: string[]): string {
  return line.length === 1 ? 'dept-root' : `dept-${line[Math.min(line.length, 3) - 1]}`;
}

/**
 * The departments of an organisation (parents first), created as the API creates them (rows, tree
 * items), then given the counters the members' records and contracts would have left: two
 * assignments each, and headcounts when they are `active`.
 */
async function seedDepartments(ddb: DynamoDBClient, pimTable: string, tenantId: string, members: Member[], active: boolean): Promise<number> {
  const now = new Date().toISOString();
  const rows = new Map<string, DepartmentRow>();
  const create = async (id: string, parentId: string | null) => {
    const parent = parentId ? rows.get(parentId)! : null;
    const row = newDepartmentRow(tenantId, id, { name: id, code: null, headEmployeeId: null, costCentreId: null, archived: false }, parent, now);
    await ddb.send(new TransactWriteItemsCommand({ TransactItems: toTransactWriteItems(pimTable, createDepartmentWrites(row, parent)) }));
    if (parent) rows.set(parent.id, { ...parent, childCount: parent.childCount + 1 });
    rows.set(id, row);
  };
  await create('dept-root', null);
  for (const member of members) {
    const line = [...managementLine(member.path), member.id];
    if (line.length === 2) await create(departmentOf(line), 'dept-root');
    if (line.length === 3) await create(departmentOf(line), departmentOf(line.slice(0, 2)));
  }
  const headcount = new Map<string, number>();
  for (const member of members) headcount.set(member.departmentId, (headcount.get(member.departmentId) ?? 0) + 1);
  for (const row of rows.values()) {
    const own = headcount.get(row.id) ?? 0;
    const subtree = [...rows.values()].filter((r) => r.id === row.id || r.ancestorIds.includes(row.id)).reduce((n, r) => n + (headcount.get(r.id) ?? 0), 0);
    await ddb.send(new UpdateItemCommand({
      TableName: pimTable,
      Key: { TenantId: { S: tenantKey(tenantId) }, EntityItem: { S: row.EntityItem } },
      UpdateExpression: 'SET assignmentCount = :assigned, headcount = :own, subtreeHeadcount = :subtree',
      ExpressionAttributeValues: { ':assigned': { N: String(2 * own) }, ':own': { N: String(active ? own : 0) }, ':subtree': { N: String(active ? subtree : 0) } },
    }));
  }
  return rows.size;
}

/** An organisation of `size`: one head, then SPAN reports each, level by level. */
function organisation(size: number, prefix: string): Member[] {
  const members: Member[] = [];
  for (let i = 0; i < size; i += 1) {
    const id = `${prefix}-${String(i).padStart(6, '0')}`;
    const manager = i === 0 ? null : members[Math.floor((i - 1) / SPAN)]!;
    const path = manager ? reportsPathUnder(manager.path, manager.id) : TOP_OF_ORGANISATION;
    const line = [...managementLine(path), id];
    members.push({ id, managerId: manager?.id ?? null, path, departmentId: departmentOf(line) });
  }
  return members;
}

/** Each member as an employee with one contract starting on `start` (its calendar too), as the API stores them. */
function* organisationItems(tenantId: string, members: Member[], start: string, asOf: string): Generator<{ table: 'PIM' | 'Employment'; item: Record<string, AttributeValue> }> {
  const now = new Date().toISOString();
  for (const [n, member] of members.entries()) {
    const contract: ContractRow = newContractRow(tenantId, member.id, `c-${member.id}`, `v-${member.id}`, {
      startDate: start,
      terms: { jobTitle: n === 0 ? 'Chief Executive' : 'Engineer', employmentType: 'FULL_TIME', managerId: member.managerId, departmentId: member.departmentId },
    }, 'bench', now);
    const person = normaliseNewEmployee({ employeeNumber: `N-${n}`, firstName: `Member${n}`, lastName: `Org${String(n).padStart(6, '0')}`, email: `member${n}@${tenantId}.test`, contract: { startDate: start, terms: contract.versions[0]!.terms } });
    yield { table: 'PIM', item: marshall(newEmployeeRow(tenantId, member.id, person, employmentOn([contract], asOf)!, member.path, now), { removeUndefinedValues: true }) };
    yield { table: 'Employment', item: marshall(contract, { removeUndefinedValues: true }) };
    for (const entry of calendarEntries(contract)) {
      yield { table: 'Employment', item: marshall({ TenantId: tenantKey(tenantId), EntityItem: calendarEntryKey(contract, entry), employeeId: member.id, contractId: contract.id, date: entry.date, kind: entry.kind, versionId: entry.versionId }) };
    }
  }
}

/** Seeds with `ddb` (plain dynalite is fine); departments go through `transactions` (a gateway that has them). */
async function seedOrganisation(ddb: DynamoDBClient, transactions: DynamoDBClient, stage: (id: 'PIM' | 'Employment') => string, tenantId: string, members: Member[], start: string, asOf: string): Promise<void> {
  await seedDepartments(transactions, stage('PIM'), tenantId, members, start <= asOf);
  const items = [...organisationItems(tenantId, members, start, asOf)];
  await putAll(ddb, stage('PIM'), items.filter((i) => i.table === 'PIM').map((i) => i.item)[Symbol.iterator]());
  await putAll(ddb, stage('Employment'), items.filter((i) => i.table === 'Employment').map((i) => i.item)[Symbol.iterator]());
}

/** How many of the tenant's employees have `status`, through EmployeesByStatus (keys only). */
async function countWithStatus(ddb: DynamoDBClient, table: string, tenantId: string, status: string): Promise<number> {
  let count = 0;
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await ddb.send(new QueryCommand({
      TableName: table,
      IndexName: EMPLOYEES_BY_STATUS.name,
      KeyConditionExpression: 'TenantId = :t AND begins_with(StatusKey, :s)',
      ExpressionAttributeValues: { ':t': { S: tenantKey(tenantId) }, ':s': { S: `${status}#` } },
      Select: 'COUNT',
      ExclusiveStartKey: start,
    }));
    count += page.Count ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  return count;
}

/** Runs one tenant's day of mass activation; resolves with its duration and how many ended ACTIVE. */
async function runnerDay(bench: BenchDynamo, size: number): Promise<{ seconds: number; active: number; changed: number; counted: number }> {
  const tenantId = `runner-${size}`;
  const day = '2027-03-01';
  await seedOrganisation(bench.seed, bench.system, tables, tenantId, organisation(size, `r${size}`), day, addDays(day, -1));
  const tenants = tenantClients({
    roleArn: bench.roleArns.tenantScoped,
    sts: new STSClient({ endpoint: bench.dynamo.stsEndpoint, region: REGION, credentials: bench.internal }),
    dynamodb: { region: REGION, endpoint: bench.dynamo.endpoint, requestHandler: { httpAgent: new Agent({ keepAlive: true, maxSockets: 16 }) } },
    logger: quiet,
  });
  const { dynamodb } = await tenants.forTenant(tenantId);
  const started = performance.now();
  const result = await processDay({
    store: { dynamodb, pimTable: tables('PIM'), employmentTable: tables('Employment') },
    tenantId,
    date: day,
    today: day,
    now: new Date(`${day}T05:05:00Z`),
    reminderDays: { probation: 14, contractEnd: 30 },
    publish: async () => ({ status: 200, data: {} }),
    log: quiet,
  });
  const seconds = (performance.now() - started) / 1000;
  const active = await countWithStatus(bench.system, tables('PIM'), tenantId, 'ACTIVE');
  const root = await bench.system.send(new GetItemCommand({ TableName: tables('PIM'), Key: { TenantId: { S: tenantKey(tenantId) }, EntityItem: { S: departmentItemKey('dept-root') } }, ConsistentRead: true }));
  tenants.destroy();
  return { seconds, active, changed: result.changed, counted: Number(root.Item?.subtreeHeadcount?.N ?? 0) };
}

async function runnerMeasures(sizes: { small: number; large: number }): Promise<Measure[]> {
  const bench = await startBenchDynamo();
  try {
    const small = await runnerDay(bench, sizes.small);
    const large = await runnerDay(bench, sizes.large);
    const perEmployee = (r: typeof small, n: number) => (r.seconds * 1000) / n;
    return [
      measure(`contract runner day, ${sizes.small.toLocaleString('en-US')} starters`, small.seconds, 's'),
      measure(`contract runner day, ${sizes.large.toLocaleString('en-US')} starters`, large.seconds, 's', { max: 30 }),
      measure(`contract runner cost per employee at ${sizes.large.toLocaleString('en-US')}`, perEmployee(large, sizes.large), 'ms'),
      measure(`contract runner cost per employee, ${sizes.large.toLocaleString('en-US')} / ${sizes.small.toLocaleString('en-US')}`, perEmployee(large, sizes.large) / perEmployee(small, sizes.small), 'x', { max: 1.3 }),
      measure('contract runner: starters not ACTIVE afterwards', sizes.small + sizes.large - small.active - large.active, 'employees', { max: 1 }),
      measure('contract runner: starters missing from the departments\' headcount', sizes.small + sizes.large - small.counted - large.counted, 'employees', { max: 1 }),
    ];
  } finally {
    await bench.stop();
  }
}

/**
 * Seeds a `size`-employee organisation into the running stack's globex tenant and pages its head's
 * indirect reports through the API as globex's admin.
 */
async function reportsMeasures(stack: StackDescription, token: string, size: number): Promise<Measure[]> {
  const ddb = new DynamoDBClient({ endpoint: stack.dynamodb.endpoint, region: stack.region, credentials: stack.credentials, requestHandler: { httpAgent: new Agent({ keepAlive: true }) } });
  const byStage = (id: 'PIM' | 'Employment') => tableName(id, stack.stage);
  const members = organisation(size, 'org');
  const today = localDate(new Date(), 'Europe/Berlin');
  await seedOrganisation(ddb, ddb, byStage, 'globex', members, '2020-01-01', today);
  const head = members[0]!;
  const middle = members[1]!;

  // Items read per item returned, for exactly the key conditions the resolver uses.
  const ratio = async (prefix: string) => {
    let scanned = 0;
    let returned = 0;
    let start: Record<string, AttributeValue> | undefined;
    do {
      const page = await ddb.send(new QueryCommand({
        TableName: byStage('PIM'),
        IndexName: EMPLOYEES_BY_REPORTS.name,
        KeyConditionExpression: 'TenantId = :t AND begins_with(ReportsKey, :p)',
        ExpressionAttributeValues: { ':t': { S: tenantKey('globex') }, ':p': { S: prefix } },
        Limit: 100,
        ExclusiveStartKey: start,
      }));
      scanned += page.ScannedCount ?? 0;
      returned += page.Count ?? 0;
      start = page.LastEvaluatedKey;
    } while (start);
    return { scanned, returned };
  };
  const all = await ratio(reportsPrefix(head.path, head.id, true));
  const direct = await ratio(reportsPrefix(middle.path, middle.id, false));

  // The org chart of the whole tenant: the closure items of one key range, then the departments by key.
  const chartRange = departmentTreeRange(null, ORG_CHART_DEPTH.max);
  let chartScanned = 0;
  let chartUnits = 0;
  let chartStart: Record<string, AttributeValue> | undefined;
  do {
    const page = await ddb.send(new QueryCommand({
      TableName: byStage('PIM'),
      KeyConditionExpression: 'TenantId = :t AND EntityItem BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':t': { S: tenantKey('globex') }, ':from': { S: chartRange.from }, ':to': { S: chartRange.to } },
      Limit: 100,
      ExclusiveStartKey: chartStart,
    }));
    chartScanned += page.ScannedCount ?? 0;
    chartUnits += page.Count ?? 0;
    chartStart = page.LastEvaluatedKey;
  } while (chartStart);
  const chartQuery = `query ($next: String) { orgChart(depth: ${ORG_CHART_DEPTH.max}, limit: 100, nextToken: $next) { items { id headcount subtreeHeadcount } nextToken } }`;
  const chartLatencies: number[] = [];
  let chartListed = 0;
  let topHeadcount = 0;
  let chartNext: string | null = null;
  do {
    const t = performance.now();
    const response = await fetch(stack.graphql.http, { method: 'POST', headers: { 'content-type': 'application/json', authorization: token }, body: JSON.stringify({ query: chartQuery, variables: { next: chartNext } }) });
    const body = (await response.json()) as { data?: { orgChart: { items: { id: string; subtreeHeadcount: number }[]; nextToken: string | null } }; errors?: unknown[] };
    chartLatencies.push(performance.now() - t);
    if (!body.data) throw new Error(`orgChart failed: ${JSON.stringify(body.errors)}`);
    chartListed += body.data.orgChart.items.length;
    topHeadcount = Math.max(topHeadcount, ...body.data.orgChart.items.map((u) => u.subtreeHeadcount));
    chartNext = body.data.orgChart.nextToken;
  } while (chartNext);
  chartLatencies.sort((a, b) => a - b);

  // The same pages through the API, timed.
  const query = `query ($id: ID!, $next: String) { reports(employeeId: $id, indirect: true, limit: 100, nextToken: $next) { items { id lastName employment { status } } nextToken } }`;
  const latencies: number[] = [];
  let listed = 0;
  let next: string | null = null;
  do {
    const t = performance.now();
    const response = await fetch(stack.graphql.http, { method: 'POST', headers: { 'content-type': 'application/json', authorization: token }, body: JSON.stringify({ query, variables: { id: head.id, next } }) });
    const body = (await response.json()) as { data?: { reports: { items: { id: string }[]; nextToken: string | null } }; errors?: unknown[] };
    latencies.push(performance.now() - t);
    if (!body.data) throw new Error(`reports failed: ${JSON.stringify(body.errors)}`);
    listed += body.data.reports.items.length;
    next = body.data.reports.nextToken;
  } while (next);
  ddb.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => quantile(latencies, q);
  const label = size.toLocaleString('en-US');
  return [
    measure(`reports(indirect) of the head of ${label}: items read per item returned`, all.scanned / Math.max(1, all.returned), 'x', { atMost: 2 }),
    measure(`reports(direct) of a manager among ${label}: items read per item returned`, direct.scanned / Math.max(1, direct.returned), 'x', { atMost: 2 }),
    measure(`reports(indirect) of the head of ${label}: employees listed through the API`, listed, 'employees', { min: size - 1 }),
    measure(`reports(indirect) page of 100 via runtime p50 (${label} in the tenant)`, at(0.5), 'ms'),
    measure(`reports(indirect) page of 100 via runtime p99 (${label} in the tenant)`, at(0.99), 'ms'),
    // Each unit: its closure item (the range) and its department row (BatchGetItem by key).
    measure(`orgChart of ${chartUnits} departments over ${label}: items read per unit returned`, (chartScanned + chartUnits) / Math.max(1, chartListed), 'x', { atMost: 2 }),
    measure(`orgChart page of 100 via runtime p99 (${label} in the tenant)`, chartLatencies[Math.min(chartLatencies.length - 1, Math.floor(0.99 * chartLatencies.length))]!, 'ms'),
    measure(`orgChart: the top department's headcount is the whole organisation's`, topHeadcount, 'employees', { min: size }),
  ];
}

export async function employmentMeasures(stack: StackDescription, globexToken: string, options: { quick: boolean }): Promise<Measure[]> {
  const sizes = options.quick ? { small: 500, large: 2_000 } : { small: 1_000, large: 10_000 };
  return [...(await runnerMeasures(sizes)), ...(await reportsMeasures(stack, globexToken, sizes.large))];
}
