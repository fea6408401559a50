/**
 * The schedules' APPSYNC_JS pipelines as deployed bundles, run by the local AppSync runtime against
 * scripted data sources that record every request: what each pipeline reads and writes, and how it
 * answers the data sources' answers (a cancelled transaction, a missing item), in seconds and
 * without a stack. The data sources answer as AppSync's do (see local/appsync/datasources).
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { tableName } from '../../../domain/model/tables.ts';
import type { ResolverContext } from '../../../domain/model/tenant-context.ts';
import type { EmployeeRow } from '../../../domain/people/model/employee.ts';
import { employeeItemKey } from '../../../domain/people/model/keys.ts';
import { employeeAssignmentsPrefix, overrideItemKey, patternItemKey, shiftTypeItemKey } from '../../../domain/schedules/model/keys.ts';
import type { AssignmentRow, OverrideRow, PatternRow, ShiftTypeRow } from '../../../domain/schedules/model/rows.ts';
import { createAppSyncApi } from '../../../local/appsync/api.ts';
import type { AuthorizerEvent } from '../../../local/appsync/auth.ts';
import type { DataSourceResult } from '../../../local/appsync/datasources/types.ts';
import { apiEnvironment, DATA_SOURCES, FUNCTIONS, RESOLVERS } from '../../../resolvers/manifest.ts';
import { schedules } from '../../../resolvers/schedules/manifest.ts';
import { bundleResolvers, ROOT } from '../../../scripts/build.ts';
import { graphqlRequest, json, silentLogger } from '../../fixtures/appsync/harness.ts';

const STAGE = 'Dev';
const TENANT_KEY = 'TENANT#acme';
const NOW = '2027-01-01T00:00:00.000Z';
const SCHEDULE_TABLE = tableName('WorkSchedule', STAGE);

/** The schedules' Query and Mutation fields and the pipeline functions they run. */
const OWN = RESOLVERS.filter((r) => Object.hasOwn(schedules.pipelines, `${r.typeName}.${r.fieldName}`));
const OWN_FUNCTIONS = Object.fromEntries(Object.entries(FUNCTIONS).filter(([name]) => OWN.some((r) => r.functions?.includes(name))));

/** Callers by token: the authorizer's resolverContext for each. */
const caller = (role: ResolverContext['role'], personalDetails: string, employeeId?: string): ResolverContext => ({
  tenantId: 'acme', userId: `user-${employeeId ?? role}`, role, stage: STAGE, timeZone: 'America/New_York', crossTenant: 'false', deniedOperations: '', capabilities: '',
  'scope:ReadPersonalDetails': personalDetails, ...(employeeId ? { employeeId } : {}),
});
const CALLERS: Record<string, ResolverContext> = {
  admin: caller('TenantAdmin', 'all'),
  ada: caller('TenantUser', 'self', 'ada'),
  manager: caller('TenantUser', 'team', 'mia'),
  colleague: caller('TenantUser', 'self', 'cole'),
};

type Request = Record<string, unknown> & { operation?: string };
type Script = (request: Request) => DataSourceResult;
/** Every request the pipelines sent, with the data source it went to. */
let calls: { dataSource: string; request: Request }[] = [];
/** The answers of this test, by `<data source>:<operation>`; a request without one fails the test. */
let script: Record<string, Script> = {};

function scripted(dataSource: string) {
  return {
    invoke: async (request: unknown): Promise<DataSourceResult> => {
      const r = request as Request;
      calls.push({ dataSource, request: r });
      if (dataSource === 'None') return { result: r.payload ?? null };
      const answer = script[`${dataSource}:${r.operation}`];
      if (!answer) throw new Error(`unscripted ${dataSource}:${r.operation}`);
      return answer(r);
    },
  };
}

let root: string;
let api: Awaited<ReturnType<typeof createAppSyncApi>>;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'schedules-bundles-'));
  const sources = [...new Set([...OWN.map((r) => r.source), ...Object.values(OWN_FUNCTIONS).map((f) => f.source)])];
  await bundleResolvers(sources, path.join(ROOT, 'resolvers'), root);
  api = await createAppSyncApi({
    schema: readFileSync(path.join(ROOT, 'schema.graphql'), 'utf8'),
    resolvers: OWN,
    functions: OWN_FUNCTIONS,
    dataSources: Object.fromEntries(Object.keys(DATA_SOURCES).map((name) => [name, scripted(name)])),
    root,
    environment: apiEnvironment(STAGE),
    auth: {
      defaultMode: 'AWS_LAMBDA',
      lambda: {
        handler: async (event: AuthorizerEvent) => {
          const context = CALLERS[event.authorizationToken];
          return context ? { isAuthorized: true, resolverContext: context as unknown as Record<string, string> } : { isAuthorized: false };
        },
        resultTtlSeconds: 0,
      },
    },
    apiId: 'schedules-bundles',
    accountId: '000000000000',
    logger: silentLogger,
  });
}, 60_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

beforeEach(() => {
  calls = [];
  script = {};
});

interface Answer<T> {
  data: T | null;
  error: { errorType: string; message: string; errorInfo: { fields?: { field: string; message: string }[] } | null } | null;
}

async function gql<T = unknown>(query: string, variables: Record<string, unknown>, token = 'admin'): Promise<Answer<T>> {
  const body = json(await api.handle(graphqlRequest({ query, variables }, { token })));
  const data = body.data ? Object.values(body.data as Record<string, T>)[0]! : null;
  return { data, error: (body.errors?.[0] as Answer<T>['error']) ?? null };
}

const fieldsOf = (answer: Answer<unknown>) => (answer.error?.errorInfo?.fields ?? []).map((f) => f.field);
/** The requests of one operation, in order. */
const sent = (operation: string) => calls.filter((c) => c.request.operation === operation).map((c) => c.request);
const keyOf = (request: Request) => unmarshall(request.key as Parameters<typeof unmarshall>[0]);

/** A stored item answered to GetItem by its sort key (null: absent). */
function items(rows: readonly object[]): Script {
  return (request) => ({ result: rows.find((row) => (row as { EntityItem: string }).EntityItem === keyOf(request).EntityItem) ?? null });
}
const committed: Script = (request) => ({ result: { keys: (request.transactItems as Request[]).map((i) => unmarshall(i.key as Parameters<typeof unmarshall>[0])), cancellationReasons: null } });
/** A transaction cancelled because the condition of the item at `index` failed. */
const cancelledAt = (index: number): Script => (request) => ({
  error: { type: 'DynamoDB:TransactionCanceledException', message: 'Transaction cancelled (Service: DynamoDb, Status Code: 400)' },
  result: { keys: null, cancellationReasons: (request.transactItems as Request[]).map((_, i) => ({ type: i === index ? 'ConditionalCheckFailed' : 'None', message: null })) },
});

const stored = { TenantId: TENANT_KEY, version: 1, createdAt: NOW, updatedAt: NOW };
const DAY: ShiftTypeRow = {
  ...stored, EntityItem: shiftTypeItemKey('day'), id: 'day', name: 'Day', start: '09:00', end: '17:00', breakMinutes: 30, graceLateMinutes: 0, graceEarlyMinutes: 0,
  windowBeforeMinutes: 120, windowAfterMinutes: 240, halfDayMinutes: 225, fullDayMinutes: 450, overtime: {}, archived: false,
};
const OFFICE: PatternRow = { ...stored, EntityItem: patternItemKey('office'), id: 'office', name: 'Office', cycleDays: 7, anchorDate: '2027-01-04', days: ['day', 'day', 'day', 'day', 'day', null, null], archived: false };
const employee = (id: string, extra: Partial<EmployeeRow> = {}) => ({ ...stored, EntityItem: employeeItemKey(id), id, ReportsPath: '/mia/', archived: false, ...extra });

const SHIFT_TYPE = 'id name start end breakMinutes fullDayMinutes halfDayMinutes windowBeforeMinutes overtime { afterShift { multiplier minimumMinutes } } archived version';
const PATTERN = 'id name cycleDays anchorDate days archived version';
const Q = {
  createShiftType: `mutation ($input: CreateShiftTypeInput!) { createShiftType(input: $input) { ${SHIFT_TYPE} } }`,
  updateShiftType: `mutation ($input: UpdateShiftTypeInput!) { updateShiftType(input: $input) { ${SHIFT_TYPE} } }`,
  archiveShiftType: `mutation ($id: ID!, $expectedVersion: Int!) { archiveShiftType(id: $id, expectedVersion: $expectedVersion) { ${SHIFT_TYPE} } }`,
  createWorkPattern: `mutation ($input: CreateWorkPatternInput!) { createWorkPattern(input: $input) { ${PATTERN} } }`,
  updateWorkPattern: `mutation ($input: UpdateWorkPatternInput!) { updateWorkPattern(input: $input) { ${PATTERN} } }`,
  archiveWorkPattern: `mutation ($id: ID!, $expectedVersion: Int!) { archiveWorkPattern(id: $id, expectedVersion: $expectedVersion) { ${PATTERN} } }`,
  setScheduleOverride: `mutation ($input: SetScheduleOverrideInput!) { setScheduleOverride(input: $input) { employeeId date shiftTypeId note version } }`,
  scheduleAssignments: `query ($employeeId: ID!, $tenantId: ID) { scheduleAssignments(employeeId: $employeeId, tenantId: $tenantId) { employeeId patternId from to version } }`,
  roster: `query ($employeeId: ID!, $from: AWSDate!, $to: AWSDate!) { roster(employeeId: $employeeId, from: $from, to: $to) { date kind } }`,
};

describe('shift types', () => {
  it('a new one is put once, on condition that no item has its id, into the stage\'s WorkSchedule table, with its defaults', async () => {
    script = { 'WorkScheduleTable:TransactWriteItems': committed };
    const created = await gql<ShiftTypeRow>(Q.createShiftType, { input: { name: 'Night', start: '22:00', end: '06:00', breakMinutes: 30, overtime: { afterShift: { multiplier: '1.5', minimumMinutes: 15 } } } });

    expect(created.error).toBeNull();
    expect(created.data).toMatchObject({ name: 'Night', fullDayMinutes: 450, halfDayMinutes: 225, windowBeforeMinutes: 120, overtime: { afterShift: { multiplier: '1.50', minimumMinutes: 15 } }, archived: false, version: 1 });
    const [transaction] = sent('TransactWriteItems');
    const [put] = transaction!.transactItems as Request[];
    expect(put).toMatchObject({ table: SCHEDULE_TABLE, operation: 'PutItem', condition: { expression: expect.stringContaining('attribute_not_exists') } });
    expect(keyOf(put!)).toEqual({ TenantId: TENANT_KEY, EntityItem: shiftTypeItemKey(created.data!.id) });
  });

  it('an invalid one is refused with every field at fault, before anything is sent', async () => {
    const refused = await gql(Q.createShiftType, { input: { name: 'Bad', start: '22:00', end: '06:00', breakMinutes: 480, fullDayMinutes: 400, graceLateMinutes: 721, overtime: { holiday: { multiplier: '5.5', minimumMinutes: 0 } } } });

    expect(refused.error?.errorType).toBe('VALIDATION_ERROR');
    expect(fieldsOf(refused)).toEqual(['breakMinutes', 'graceLateMinutes', 'overtime.holiday.multiplier']);
    expect(calls.filter((c) => c.dataSource !== 'None')).toEqual([]);
  });

  it('an update at an older version is a CONFLICT without a write; one that loses a race is a CONFLICT from its condition', async () => {
    script = { 'WorkScheduleTable:GetItem': items([{ ...DAY, version: 3 }]), 'WorkScheduleTable:TransactWriteItems': cancelledAt(0) };
    const stale = await gql(Q.updateShiftType, { input: { id: 'day', expectedVersion: 2, name: 'Day shift' } });
    expect(stale.error).toMatchObject({ errorType: 'CONFLICT', message: expect.stringContaining('version 3, not 2') });
    expect(sent('TransactWriteItems')).toEqual([]);
    // The read is consistent and keyed by the caller's tenant.
    expect(sent('GetItem')[0]).toMatchObject({ consistentRead: true });
    expect(keyOf(sent('GetItem')[0]!)).toEqual({ TenantId: TENANT_KEY, EntityItem: shiftTypeItemKey('day') });

    const raced = await gql(Q.updateShiftType, { input: { id: 'day', expectedVersion: 3, name: 'Day shift' } });
    expect(raced.error).toMatchObject({ errorType: 'CONFLICT', message: expect.stringContaining('changed since you read it') });
    const [update] = sent('TransactWriteItems')[0]!.transactItems as Request[];
    expect(update).toMatchObject({ operation: 'UpdateItem', condition: { expressionValues: expect.objectContaining({ ':c0': { N: 3 } }) } });
  });

  it('an update is checked as a whole after the merge, and an unknown id is NOT_FOUND', async () => {
    script = { 'WorkScheduleTable:GetItem': items([DAY]), 'WorkScheduleTable:TransactWriteItems': committed };
    expect(fieldsOf(await gql(Q.updateShiftType, { input: { id: 'day', expectedVersion: 1, end: '12:00' } }))).toEqual(['fullDayMinutes']);
    const changed = await gql<ShiftTypeRow>(Q.updateShiftType, { input: { id: 'day', expectedVersion: 1, end: '18:00', fullDayMinutes: 480 } });
    expect(changed.data).toMatchObject({ end: '18:00', fullDayMinutes: 480, version: 2 });
    expect((await gql(Q.updateShiftType, { input: { id: 'gone', expectedVersion: 1, name: 'x' } })).error?.errorType).toBe('NOT_FOUND');
  });

  it('archiving sets the flag at the version read; archiving an archived one writes nothing', async () => {
    script = { 'WorkScheduleTable:GetItem': items([DAY, { ...DAY, EntityItem: shiftTypeItemKey('old'), id: 'old', archived: true, version: 4 }]), 'WorkScheduleTable:TransactWriteItems': committed };
    expect((await gql(Q.archiveShiftType, { id: 'day', expectedVersion: 1 })).data).toMatchObject({ archived: true, version: 2 });
    expect(sent('TransactWriteItems')).toHaveLength(1);
    expect((await gql(Q.archiveShiftType, { id: 'old', expectedVersion: 4 })).data).toMatchObject({ archived: true, version: 4 });
    expect(sent('TransactWriteItems')).toHaveLength(1);
  });
});

describe('work patterns', () => {
  const week = { name: 'Office', cycleDays: 7, anchorDate: '2027-01-04', days: ['day', 'day', 'day', 'day', 'day', null, null] };

  it('a new one is put with a check of each shift type it names; an archived one cancels it, naming the day', async () => {
    script = { 'WorkScheduleTable:TransactWriteItems': cancelledAt(1) };
    const refused = await gql(Q.createWorkPattern, { input: { ...week, days: [null, 'old', 'old', null, null, null, null] } });

    expect(refused.error).toMatchObject({ errorType: 'VALIDATION_ERROR', errorInfo: { fields: [{ field: 'days.1', message: expect.stringContaining('shift type old') }] } });
    const writes = sent('TransactWriteItems')[0]!.transactItems as Request[];
    expect(writes.map((i) => i.operation)).toEqual(['PutItem', 'ConditionCheck']);
    expect(keyOf(writes[1]!)).toEqual({ TenantId: TENANT_KEY, EntityItem: shiftTypeItemKey('old') });

    script = { 'WorkScheduleTable:TransactWriteItems': committed };
    expect((await gql(Q.createWorkPattern, { input: week })).data).toMatchObject({ cycleDays: 7, days: week.days, version: 1 });
  });

  it('one that does not cover its cycle or has no working day is refused before anything is sent', async () => {
    expect(fieldsOf(await gql(Q.createWorkPattern, { input: { ...week, cycleDays: 14 } }))).toEqual(['days']);
    expect(fieldsOf(await gql(Q.createWorkPattern, { input: { ...week, days: Array(7).fill(null) } }))).toEqual(['days']);
    expect(sent('TransactWriteItems')).toEqual([]);
  });

  it('an update at an older version is a CONFLICT; a new cycle with its days is written checking only the newly named shift type', async () => {
    script = { 'WorkScheduleTable:GetItem': items([{ ...OFFICE, version: 2 }]), 'WorkScheduleTable:TransactWriteItems': committed };
    expect((await gql(Q.updateWorkPattern, { input: { id: 'office', expectedVersion: 1, name: 'x' } })).error?.errorType).toBe('CONFLICT');
    const changed = await gql<PatternRow>(Q.updateWorkPattern, { input: { id: 'office', expectedVersion: 2, cycleDays: 2, days: ['day', 'late'] } });
    expect(changed.data).toMatchObject({ cycleDays: 2, days: ['day', 'late'], version: 3 });
    const writes = sent('TransactWriteItems')[0]!.transactItems as Request[];
    expect(writes.map((i) => [i.operation, keyOf(i).EntityItem])).toEqual([['UpdateItem', patternItemKey('office')], ['ConditionCheck', shiftTypeItemKey('late')]]);
  });

  it('archiving an unknown pattern is NOT_FOUND; a known one is archived at its version', async () => {
    script = { 'WorkScheduleTable:GetItem': items([OFFICE]), 'WorkScheduleTable:TransactWriteItems': committed };
    expect((await gql(Q.archiveWorkPattern, { id: 'nope', expectedVersion: 1 })).error?.errorType).toBe('NOT_FOUND');
    expect((await gql(Q.archiveWorkPattern, { id: 'office', expectedVersion: 1 })).data).toMatchObject({ archived: true, version: 2 });
  });
});

describe('one-off changes', () => {
  it('replace the day\'s change at its next version, with the shift type checked in the same transaction', async () => {
    const earlier: OverrideRow = { ...stored, EntityItem: overrideItemKey('2027-05-03', 'ada'), employeeId: 'ada', date: '2027-05-03', shiftTypeId: null, note: null };
    script = { 'PIMTable:GetItem': items([employee('ada')]), 'WorkScheduleTable:GetItem': items([earlier]), 'WorkScheduleTable:TransactWriteItems': committed };
    const set = await gql(Q.setScheduleOverride, { input: { employeeId: 'ada', date: '2027-05-03', shiftTypeId: 'day', note: 'cover' } });

    expect(set.data).toEqual({ employeeId: 'ada', date: '2027-05-03', shiftTypeId: 'day', note: 'cover', version: 2 });
    const writes = sent('TransactWriteItems')[0]!.transactItems as Request[];
    expect(writes.map((i) => [i.operation, keyOf(i).EntityItem])).toEqual([['PutItem', overrideItemKey('2027-05-03', 'ada')], ['ConditionCheck', shiftTypeItemKey('day')]]);
  });

  it('are refused for an unknown employee (NOT_FOUND), an archived one, an archived shift type, and a date out of range', async () => {
    script = { 'PIMTable:GetItem': items([employee('ada'), employee('gone', { archived: true })]), 'WorkScheduleTable:GetItem': items([]), 'WorkScheduleTable:TransactWriteItems': cancelledAt(1) };
    expect((await gql(Q.setScheduleOverride, { input: { employeeId: 'nobody', date: '2027-05-03' } })).error?.errorType).toBe('NOT_FOUND');
    expect(fieldsOf(await gql(Q.setScheduleOverride, { input: { employeeId: 'gone', date: '2027-05-03' } }))).toEqual(['employeeId']);
    expect(fieldsOf(await gql(Q.setScheduleOverride, { input: { employeeId: 'ada', date: '2027-05-03', shiftTypeId: 'old' } }))).toEqual(['shiftTypeId']);
    // AWSDate takes any year; the schedules take 1900 to 2999.
    expect(fieldsOf(await gql(Q.setScheduleOverride, { input: { employeeId: 'ada', date: '0900-01-01' } }))).toEqual(['date']);
  });
});

describe('assignments and rosters: whose schedule a caller reads', () => {
  const assignment: AssignmentRow = { ...stored, EntityItem: `${employeeAssignmentsPrefix('ada')}2027-01-01`, employeeId: 'ada', patternId: 'office', from: '2027-01-01', to: null, note: null };

  it('an employee\'s assignments are queried in the caller\'s own tenant by the employee\'s prefix, consistently, whatever tenant is named', async () => {
    script = { 'PIMTable:GetItem': items([employee('ada')]), 'WorkScheduleTable:Query': () => ({ result: { items: [assignment], nextToken: null } }) };
    const listed = await gql(Q.scheduleAssignments, { employeeId: 'ada' });
    expect(listed.data).toEqual([{ employeeId: 'ada', patternId: 'office', from: '2027-01-01', to: null, version: 1 }]);
    const [query] = sent('Query');
    expect(query).toMatchObject({ consistentRead: true, query: { expression: '#tenant = :tenant AND begins_with(#item, :prefix)' } });
    expect(unmarshall((query!.query as { expressionValues: Parameters<typeof unmarshall>[0] }).expressionValues)).toEqual({ ':tenant': TENANT_KEY, ':prefix': employeeAssignmentsPrefix('ada') });

    calls = [];
    expect((await gql(Q.scheduleAssignments, { employeeId: 'ada', tenantId: 'globex' })).error?.errorType).toBe('UNAUTHORIZED_ACCESS');
    expect(calls.filter((c) => c.dataSource !== 'None')).toEqual([]);
  });

  it('the employee, their manager up the line and HR read a roster; a colleague is refused before the Lambda plans anything', async () => {
    script = {
      'PIMTable:GetItem': items([employee('ada', { ReportsPath: '/mia/' })]),
      'SchedulesLambda:Invoke': (request) => ({ result: { result: [{ date: (request.payload as { from: string }).from, kind: 'SHIFT' }] } }),
    };
    for (const token of ['ada', 'manager', 'admin']) {
      expect((await gql(Q.roster, { employeeId: 'ada', from: '2027-03-01', to: '2027-03-01' }, token)).data, token).toEqual([{ date: '2027-03-01', kind: 'SHIFT' }]);
    }
    expect(sent('Invoke').map((r) => r.payload)).toEqual(Array(3).fill(expect.objectContaining({ operation: 'plan', tenantId: 'acme', employeeIds: ['ada'], from: '2027-03-01', to: '2027-03-01' })));

    calls = [];
    const refused = await gql(Q.roster, { employeeId: 'ada', from: '2027-03-01', to: '2027-03-01' }, 'colleague');
    expect(refused.error?.errorType).toBe('UNAUTHORIZED_ACCESS');
    expect(sent('Invoke')).toEqual([]);
  });

  it('a roster of an unknown employee is NOT_FOUND, and one longer than 62 days is refused on to, both before the Lambda', async () => {
    script = { 'PIMTable:GetItem': items([employee('ada')]) };
    expect((await gql(Q.roster, { employeeId: 'nobody', from: '2027-03-01', to: '2027-03-01' })).error?.errorType).toBe('NOT_FOUND');
    expect(fieldsOf(await gql(Q.roster, { employeeId: 'ada', from: '2027-03-01', to: '2027-05-02' }))).toEqual(['to']);
    expect(sent('Invoke')).toEqual([]);
  });
});

it('the API above runs every schedules pipeline', () => {
  expect(OWN.map((r) => `${r.typeName}.${r.fieldName}`).sort()).toEqual(Object.keys(schedules.pipelines).sort());
});
