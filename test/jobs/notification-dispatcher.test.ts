/**
 * The notification dispatcher through the local stack: reminders come from real schedules (the
 * employees' contracts name a work pattern, their locations put it in New York or Berlin time),
 * are said in the employee's local time, skip holidays and people without a contract that day,
 * reach only the job's tenant, and go out once per occurrence — also when it runs again.
 */
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { iamGraphQL } from '../../domain/internal-graphql.ts';
import { JOB_RUNNERS, jobFromItem, jobKey, type Job } from '../../domain/jobs/engine.ts';
import { createLogger } from '../../domain/logger.ts';
import { isUlid } from '../../domain/model/keys.ts';
import { tableName, type TableId } from '../../domain/model/tables.ts';
import { deterministicUlid, type Publish } from '../../domain/notifications/publish.ts';
import { localDate, localTime } from '../../domain/time.ts';
import { candidateDates, dispatchReminders, localClock, type DispatchResult } from '../../jobs/runners/notification-dispatcher.ts';
import type { StackHandle } from '../../local/stack.ts';
import { eventually } from '../support/eventually.ts';
import { signedIn, startTestStack, type Gql } from '../support/stack.ts';

const CREATE_EMPLOYEE = `mutation ($input: CreateEmployeeInput!) { createEmployee(input: $input) { id } }`;
const CREATE_JOB = `mutation ($input: CreateJobInput!) { createJob(input: $input) { id status occurrenceAt } }`;
const CREATE_LOCATION = `mutation ($input: CreateLocationInput!) { createLocation(input: $input) { id } }`;
const SET_CALENDAR = `mutation ($input: SetLocationCalendarInput!) { setLocationCalendar(input: $input) { locationId } }`;
const CREATE_SHIFT_TYPE = `mutation ($input: CreateShiftTypeInput!) { createShiftType(input: $input) { id } }`;
const CREATE_PATTERN = `mutation ($input: CreateWorkPatternInput!) { createWorkPattern(input: $input) { id } }`;
const SET_OVERRIDE = `mutation ($input: SetScheduleOverrideInput!) { setScheduleOverride(input: $input) { date } }`;
const INBOX = `query { notifications(limit: 100) { items { id kind title body } } }`;

interface Worker {
  id: string;
  gql?: Gql;
}

let stack: StackHandle;
let acme: Gql;
let globex: Gql;
let system: DynamoDBClient;
let serial = 0;
/** acme's sites and its office week (Monday to Friday, 09:00-17:00 local). */
const sites: Record<'newYork' | 'berlin', string> = { newYork: '', berlin: '' };
let officeWeek = '';
let newYorker: Worker;
let berliner: Worker;
let leaver: Worker;
let foreign: Worker;

async function ok<T>(gql: Gql, query: string, variables: Record<string, unknown>): Promise<T> {
  const result = await gql<T>(query, variables);
  expect(result.errors).toBeUndefined();
  return result.data!;
}

/** A tenant's office week: a Day shift type and a Monday-to-Friday pattern naming it. */
async function officeWeekOf(admin: Gql): Promise<string> {
  const { createShiftType } = await ok<{ createShiftType: { id: string } }>(admin, CREATE_SHIFT_TYPE, { input: { name: 'Day', start: '09:00', end: '17:00', breakMinutes: 30 } });
  const days = [...Array<string>(5).fill(createShiftType.id), null, null];
  const { createWorkPattern } = await ok<{ createWorkPattern: { id: string } }>(admin, CREATE_PATTERN, { input: { name: 'Office week', cycleDays: 7, anchorDate: '2024-01-01', days } });
  return createWorkPattern.id;
}

async function site(admin: Gql, name: string, timeZone: string, country: string, state: string): Promise<string> {
  const { createLocation } = await ok<{ createLocation: { id: string } }>(admin, CREATE_LOCATION, { input: { name, timeZone, address: { line1: '1 Demo Street', city: name, country } } });
  await ok(admin, SET_CALENDAR, { input: { locationId: createLocation.id, country, state } });
  return createLocation.id;
}

/** An employee working `pattern` at `locationId`; with `account`, also a signed-in user linked to the record. */
async function employee(admin: Gql, tenantId: string, terms: { locationId: string; workScheduleId: string }, options: { account: boolean; endDate?: string }): Promise<Worker> {
  serial += 1;
  const { createEmployee } = await ok<{ createEmployee: { id: string } }>(admin, CREATE_EMPLOYEE, {
    input: {
      employeeNumber: `S-${serial}`, firstName: `Shift${serial}`, lastName: 'Worker', email: `shift${serial}@${tenantId}.test`,
      contract: { startDate: '2024-01-02', ...(options.endDate ? { endDate: options.endDate } : {}), terms: { jobTitle: 'Operator', employmentType: 'FULL_TIME', ...terms } },
    },
  });
  const id = createEmployee.id;
  return options.account ? { id, gql: await signedIn(stack, { tenantId, role: 'TenantUser', employeeId: id }) } : { id };
}

async function storedJob(tenantId: string, jobId: string): Promise<Job | undefined> {
  const out = await system.send(new GetItemCommand({ TableName: tableName('TenantJob', stack.stage), Key: jobKey(tenantId, jobId), ConsistentRead: true }));
  return out.Item ? jobFromItem(out.Item) : undefined;
}

async function inbox(worker: Worker): Promise<{ id: string; kind: string; title: string; body: string }[]> {
  return (await ok<{ notifications: { items: { id: string; kind: string; title: string; body: string }[] } }>(worker.gql!, INBOX, {})).notifications.items;
}

/** The bodies of a worker's notifications that contain `text`. */
async function received(worker: Worker, text: string): Promise<string[]> {
  return (await inbox(worker)).map((n) => n.body).filter((body) => body.includes(text));
}

const silent = createLogger({ service: 'test', level: 'error', write: () => undefined });

/** One occurrence of acme's dispatcher at `occurrenceAt`, run directly with the system's clients and the API's publishing. */
function dispatch(occurrenceAt: string, payload: { reminder: 'CLOCK_IN' | 'CLOCK_OUT'; leadMinutes: number; windowMinutes: number }, jobId = 'test-reminders'): Promise<DispatchResult> {
  const send = iamGraphQL({ url: stack.graphql.http, region: stack.region, credentials: stack.credentials });
  const publish: Publish = (tenantId, input) => send(`mutation ($tenantId: ID!, $input: PublishNotificationInput!) { publishNotification(tenantId: $tenantId, input: $input) { id } }`, { tenantId, input });
  return dispatchReminders({
    tenantId: 'acme',
    payload,
    occurrenceAt,
    idempotencyKey: `${jobId}#${occurrenceAt}`,
    clients: { dynamodb: system },
    tableName: (id: TableId) => tableName(id, stack.stage),
    tenant: { settings: { timeZone: 'America/New_York' } },
    log: silent,
  }, publish);
}

beforeAll(async () => {
  stack = await startTestStack();
  [acme, globex] = await Promise.all([signedIn(stack, { tenantId: 'acme', role: 'TenantAdmin' }), signedIn(stack, { tenantId: 'globex', role: 'TenantAdmin' })]);
  system = new DynamoDBClient({ endpoint: stack.dynamodb.endpoint, region: stack.region, credentials: stack.credentials });
  sites.newYork = await site(acme, 'New York HQ', 'America/New_York', 'US', 'NY');
  sites.berlin = await site(acme, 'Berlin plant', 'Europe/Berlin', 'DE', 'BE');
  officeWeek = await officeWeekOf(acme);
  newYorker = await employee(acme, 'acme', { locationId: sites.newYork, workScheduleId: officeWeek }, { account: true });
  berliner = await employee(acme, 'acme', { locationId: sites.berlin, workScheduleId: officeWeek }, { account: true });
  // Planned like the others, but with no account there is nobody to remind.
  await employee(acme, 'acme', { locationId: sites.newYork, workScheduleId: officeWeek }, { account: false });
  // Fixed term to the end of 2026: still ACTIVE on the record, but no contract in force in 2027.
  leaver = await employee(acme, 'acme', { locationId: sites.newYork, workScheduleId: officeWeek }, { account: true, endDate: '2026-12-31' });
  const globexSite = await site(globex, 'Berlin', 'Europe/Berlin', 'DE', 'BE');
  foreign = await employee(globex, 'globex', { locationId: globexSite, workScheduleId: await officeWeekOf(globex) }, { account: true });
}, 60_000);

afterAll(async () => {
  system?.destroy();
  await stack?.stop();
});

describe('AIML-SaaS-Tenant-Notification-Dispatcher', () => {
  it('given shifts in New York and Berlin, reminds each employee once, in their own local time, and no one else', async () => {
    // Monday 2027-01-04, 07:00Z-17:00Z: Berlin's 09:00 CET (08:00Z) and New York's 09:00 EST (14:00Z).
    const first = await dispatch('2027-01-04T07:00:00.000Z', { reminder: 'CLOCK_IN', leadMinutes: 0, windowMinutes: 600 });
    expect(first).toEqual({ employees: 3, noAccount: 1, shifts: 2, holidays: 0, sent: 2, alreadySent: 0 });
    const [inBerlin] = await inbox(berliner);
    expect(inBerlin).toMatchObject({ kind: 'CLOCK_REMINDER', title: 'Time to clock in' });
    expect(inBerlin!.body).toMatch(/your Day shift at Berlin plant starts at 09:00 CET\. Remember to clock in\.$/);
    const [inNewYork] = await inbox(newYorker);
    expect(inNewYork!.body).toMatch(/your Day shift at New York HQ starts at 09:00 EST\. Remember to clock in\.$/);
    // The leaver's contract ended with 2026; another tenant's shifts at the same time are not acme's job.
    expect(await inbox(leaver)).toEqual([]);
    expect(await inbox(foreign)).toEqual([]);

    // The same occurrence once more (a duplicate delivery, or a retry after a crash): nothing new.
    const again = await dispatch('2027-01-04T07:00:00.000Z', { reminder: 'CLOCK_IN', leadMinutes: 0, windowMinutes: 600 });
    expect(again).toMatchObject({ shifts: 2, sent: 0, alreadySent: 2 });
    expect(await inbox(berliner)).toHaveLength(1);
  });

  it('given summer time, says EDT and CEST; given a clock-out window, the shift\'s end', async () => {
    const july = await dispatch('2027-07-06T12:55:00.000Z', { reminder: 'CLOCK_IN', leadMinutes: 0, windowMinutes: 10 });
    expect(july).toMatchObject({ shifts: 1, sent: 1 });
    expect(await received(newYorker, 'starts at 09:00 EDT')).toHaveLength(1);
    const out = await dispatch('2027-07-06T14:50:00.000Z', { reminder: 'CLOCK_OUT', leadMinutes: 0, windowMinutes: 15 });
    expect(out).toMatchObject({ shifts: 1, sent: 1 });
    expect((await inbox(berliner)).filter((n) => n.title === 'Time to clock out').map((n) => n.body)).toEqual([expect.stringContaining('ends at 17:00 CEST')]);
  });

  it('given a public holiday in Berlin (Ascension Day), reminds only New York', async () => {
    const [berlinBefore, newYorkBefore] = [(await inbox(berliner)).length, (await inbox(newYorker)).length];
    const ascension = await dispatch('2027-05-06T06:00:00.000Z', { reminder: 'CLOCK_IN', leadMinutes: 0, windowMinutes: 600 });
    expect(ascension).toMatchObject({ shifts: 1, holidays: 1, sent: 1 });
    expect(await inbox(berliner)).toHaveLength(berlinBefore);
    expect(await inbox(newYorker)).toHaveLength(newYorkBefore + 1);
  });

  it('runs as a job: created over GraphQL, ticked by the scheduler, it reminds of a shift starting in its window', async () => {
    // A one-off change puts a shift starting 16 minutes from now (on the minute) on the New Yorker's day.
    const runAt = Date.now() - 1000;
    const start = new Date(runAt + 16 * 60_000);
    const startLocal = localTime(start, 'America/New_York');
    const { createShiftType } = await ok<{ createShiftType: { id: string } }>(acme, CREATE_SHIFT_TYPE, { input: { name: 'Pop-up', start: startLocal, end: localTime(new Date(runAt + 6 * 3_600_000), 'America/New_York') } });
    await ok(acme, SET_OVERRIDE, { input: { employeeId: newYorker.id, date: localDate(start, 'America/New_York'), shiftTypeId: createShiftType.id } });
    const created = await acme<{ createJob: { id: string } }>(CREATE_JOB, {
      input: { id: 'clock-in-reminders', runner: 'AIML-SaaS-Tenant-Notification-Dispatcher', payload: JSON.stringify({ reminder: 'CLOCK_IN', leadMinutes: 15, windowMinutes: 5 }), runAt: new Date(runAt).toISOString() },
    });
    expect(created.errors).toBeUndefined();
    await stack.tick();
    expect(await eventually(async () => (await storedJob('acme', 'clock-in-reminders'))?.status === 'succeeded')).toBe(true);
    expect(await received(newYorker, `Pop-up shift at New York HQ starts at ${startLocal} E`)).toHaveLength(1);
  });

  it.each([
    ['an unknown reminder', { reminder: 'LUNCH', leadMinutes: 15, windowMinutes: 5 }, 'payload.reminder'],
    ['a negative lead', { reminder: 'CLOCK_IN', leadMinutes: -5, windowMinutes: 5 }, 'payload.leadMinutes'],
    ['an empty window', { reminder: 'CLOCK_IN', leadMinutes: 5, windowMinutes: 0 }, 'payload.windowMinutes'],
    ['an unknown field', { reminder: 'CLOCK_IN', leadMinutes: 5, windowMinutes: 5, everyone: true }, 'payload.everyone'],
  ])('refuses %s at creation', async (_case, payload, field) => {
    const result = await acme(CREATE_JOB, { input: { runner: 'AIML-SaaS-Tenant-Notification-Dispatcher', payload: JSON.stringify(payload), runAt: new Date().toISOString() } });
    expect(result.errors?.[0]).toMatchObject({ errorType: 'VALIDATION_ERROR', errorInfo: { fields: [expect.objectContaining({ field })] } });
  });

  it('takes jobs for every runner of the product: each has its function deployed', async () => {
    // Every runner's module has arrived (leave's and attendance's included): none is refused for
    // want of a function. A payload naming an unknown field keeps every job unstored; the refusal
    // names that field, never the runner.
    const tenantRunners = Object.values(JOB_RUNNERS).filter((runner) => runner.scope === 'tenant').map((runner) => runner.name);
    expect(tenantRunners).toEqual(expect.arrayContaining(['AIML-SaaS-Employee-Earn-AL', 'AIML-SaaS-AttGen-Tenant']));
    for (const runner of tenantRunners) {
      const result = await acme(CREATE_JOB, { input: { runner, payload: JSON.stringify({ probe: true }), runAt: new Date().toISOString() } });
      expect(result.errors?.[0], runner).toMatchObject({ errorType: 'VALIDATION_ERROR' });
      const fields = (result.errors?.[0]?.errorInfo as { fields?: { field: string }[] } | undefined)?.fields?.map((problem) => problem.field);
      expect(fields, runner).not.toContain('runner');
    }
  });
});

describe('the window\'s dates and times', () => {
  it('plans the dates that can hold a shift starting in the window in any zone, and one more back for shifts ending in it', () => {
    expect(candidateDates(new Date('2027-01-04T23:55:00Z'), new Date('2027-01-05T00:00:00Z'), 'CLOCK_IN')).toEqual({ first: '2027-01-03', last: '2027-01-05' });
    expect(candidateDates(new Date('2027-01-04T10:00:00Z'), new Date('2027-01-04T10:05:00Z'), 'CLOCK_OUT')).toEqual({ first: '2027-01-02', last: '2027-01-05' });
  });

  it('says an instant on the employee\'s wall clock with the zone\'s usual name, or its IANA name when it has none', () => {
    expect(localClock('2027-03-28T00:30:00.000Z', 'Europe/London')).toBe('00:30 GMT');
    expect(localClock('2027-03-28T01:30:00.000Z', 'Europe/London')).toBe('02:30 BST');
    expect(localClock('2027-01-04T08:00:00.000Z', 'Asia/Kolkata')).toBe('13:30 Asia/Kolkata');
  });
});

describe('deterministicUlid', () => {
  it('is a ULID, the same for the same key and time, different for another key, ordered by time', () => {
    const a = deterministicUlid(Date.UTC(2026, 10, 22, 7, 30), 'job#occ#CLOCK_IN#e1#2026-11-22T08:00:00.000Z');
    expect(isUlid(a)).toBe(true);
    expect(deterministicUlid(Date.UTC(2026, 10, 22, 7, 30), 'job#occ#CLOCK_IN#e1#2026-11-22T08:00:00.000Z')).toBe(a);
    expect(deterministicUlid(Date.UTC(2026, 10, 22, 7, 30), 'job#occ#CLOCK_IN#e2#2026-11-22T08:00:00.000Z')).not.toBe(a);
    expect(deterministicUlid(Date.UTC(2026, 10, 22, 7, 31), 'job#occ#CLOCK_IN#e0') > a).toBe(true);
  });
});

