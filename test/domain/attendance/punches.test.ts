/**
 * Clocking in and out against the local DynamoDB, with the tenant's own STS session as the Lambda
 * has it: given employees and locations, when punches are recorded (retried, raced, refused),
 * then exactly the punches that should exist do, and each refusal is a typed error.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { employeePunchesPrefix, punchGuardKey, punchStateKey } from '../../../domain/attendance/model/keys.ts';
import { recordPunch, type PunchCommand, type PunchContext } from '../../../domain/attendance/punches.ts';
import { DomainError } from '../../../domain/domain-error.ts';
import type { PunchInput } from '../../../domain/generated/graphql.ts';
import type { GeofencePolicy } from '../../../domain/tenancy/registry.ts';
import { attendanceItems, locationsOf, putLocation, putWorker, startAttendanceTables, TABLES, type AttendanceTables } from './tables.ts';

let db: AttendanceTables;
let acme: DynamoDBClient;
let serial = 0;
const NOW = new Date('2027-03-01T08:00:00.000Z');
const id = (prefix: string) => `${prefix}-${(serial += 1)}`;

function context(now = NOW, geofencePolicy: GeofencePolicy = 'FLAG', client = acme, tenantId = 'acme'): PunchContext {
  return { dynamodb: client, tables: TABLES, tenantId, now, tenantZone: 'America/New_York', geofencePolicy, locationOf: locationsOf(client, tenantId) };
}

function input(extra: Partial<PunchInput> = {}): PunchInput {
  return { idempotencyKey: `key-${id('k')}-0000`, deviceTimeZone: 'Europe/Berlin', ...extra };
}

function command(employeeId: string | null, type: 'IN' | 'OUT', given: PunchInput = input(), extra: Partial<PunchCommand['by']> = {}): PunchCommand {
  return { type, punchId: id('P'), input: given, by: { userId: `user-${employeeId}`, employeeId, punchForEmployees: false, ...extra } };
}

/** The typed error a promise rejects with. */
async function refusal(promise: Promise<unknown>): Promise<{ type: string; fields: string[]; info: Record<string, unknown>; message: string }> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(DomainError);
  const e = error as DomainError;
  return { type: e.errorType, fields: e.fields.map((f) => f.field), info: e.info, message: e.message };
}

beforeAll(async () => {
  db = await startAttendanceTables();
  acme = await db.tenant('acme');
  await putLocation(db.system, 'acme', 'berlin', 'Europe/Berlin', { latitude: 52.52, longitude: 13.405, radiusMeters: 200 });
});

afterAll(async () => {
  await db?.stop();
});

describe('a clock-in', () => {
  it('records server time, the work zone\'s date, the device\'s zone and clock, and opens the day', async () => {
    const ada = (await putWorker(db.system, 'acme', id('ada'))).id;
    const deviceTime = '2027-03-01T09:02:00+01:00';
    const { punch, replayed } = await recordPunch(context(), command(ada, 'IN', input({ deviceTime })));
    expect(replayed).toBe(false);
    expect(punch).toMatchObject({
      employeeId: ada, type: 'IN', at: NOW.toISOString(), source: 'SELF', timeZone: 'America/New_York', localDate: '2027-03-01',
      deviceTimeZone: 'Europe/Berlin', deviceTime, clockSkewSeconds: 120, flags: [], recordedBy: `user-${ada}`, supersedes: null,
    });
    const [state] = await attendanceItems(db.system, 'acme', punchStateKey(ada));
    expect(state).toMatchObject({ openPunchId: punch.id, openSince: NOW.toISOString(), version: 1 });
  });

  it('flags a device clock more than 5 minutes off, and refuses one more than 24 hours off', async () => {
    const ada = (await putWorker(db.system, 'acme', id('ada'))).id;
    const skewed = await recordPunch(context(), command(ada, 'IN', input({ deviceTime: '2027-03-01T08:06:00Z' })));
    expect(skewed.punch).toMatchObject({ clockSkewSeconds: 360, flags: ['CLOCK_SKEW'] });
    expect((await refusal(recordPunch(context(), command(ada, 'OUT', input({ deviceTime: '2027-03-02T08:00:01Z' }))))).fields).toEqual(['input.deviceTime']);
    expect((await refusal(recordPunch(context(), command(ada, 'OUT', input({ deviceTime: '2027-02-28T07:59:59Z' }))))).fields).toEqual(['input.deviceTime']);
  });

  it('refuses malformed input with every field named, and writes nothing', async () => {
    const ada = (await putWorker(db.system, 'acme', id('ada'))).id;
    const bad = { idempotencyKey: 'short', deviceTimeZone: 'Mars/Olympus', deviceTime: 'yesterday', position: { latitude: 91, longitude: -181, accuracyMeters: -1 } };
    expect((await refusal(recordPunch(context(), command(ada, 'IN', bad)))).fields).toEqual([
      'input.idempotencyKey', 'input.deviceTimeZone', 'input.deviceTime', 'input.position.latitude', 'input.position.longitude', 'input.position.accuracyMeters',
    ]);
    expect(await attendanceItems(db.system, 'acme', employeePunchesPrefix(ada))).toEqual([]);
  });
});

describe('idempotency', () => {
  it('given the same key and request twice, returns the first punch and makes no second', async () => {
    const ada = (await putWorker(db.system, 'acme', id('ada'))).id;
    const given = input();
    const first = await recordPunch(context(), command(ada, 'IN', given));
    // The phone retries a minute later, over a bad network.
    const again = await recordPunch(context(new Date(NOW.getTime() + 60_000)), command(ada, 'IN', given));
    expect(again).toEqual({ punch: first.punch, replayed: true });
    expect(await attendanceItems(db.system, 'acme', employeePunchesPrefix(ada))).toHaveLength(1);
  });

  it('given the same request raced with itself, makes one punch and answers both with it', async () => {
    const ada = (await putWorker(db.system, 'acme', id('ada'))).id;
    const given = input();
    const answers = await Promise.all(Array.from({ length: 5 }, () => recordPunch(context(), command(ada, 'IN', given))));
    expect(new Set(answers.map((a) => a.punch.id)).size).toBe(1);
    expect(answers.filter((a) => !a.replayed)).toHaveLength(1);
    expect(await attendanceItems(db.system, 'acme', employeePunchesPrefix(ada))).toHaveLength(1);
  });

  it('given the same key with another request, refuses it as a reuse of the key', async () => {
    const ada = (await putWorker(db.system, 'acme', id('ada'))).id;
    const given = input();
    await recordPunch(context(), command(ada, 'IN', given));
    const reuse = await refusal(recordPunch(context(), command(ada, 'OUT', given)));
    expect(reuse).toMatchObject({ type: 'CONFLICT', info: { reason: 'IDEMPOTENCY_KEY_REUSED' } });
    const [guard] = await attendanceItems(db.system, 'acme', punchGuardKey(ada, given.idempotencyKey));
    expect(guard).toMatchObject({ idempotencyKey: given.idempotencyKey });
  });
});

describe('what is open', () => {
  it('refuses a clock-in while clocked in and a clock-out while not', async () => {
    const ada = (await putWorker(db.system, 'acme', id('ada'))).id;
    expect(await refusal(recordPunch(context(), command(ada, 'OUT')))).toMatchObject({ type: 'CONFLICT', info: { reason: 'NOT_CLOCKED_IN' } });
    await recordPunch(context(), command(ada, 'IN'));
    expect(await refusal(recordPunch(context(), command(ada, 'IN')))).toMatchObject({ type: 'CONFLICT', info: { reason: 'ALREADY_CLOCKED_IN' } });
    await recordPunch(context(new Date(NOW.getTime() + 8 * 3_600_000)), command(ada, 'OUT'));
    expect(await attendanceItems(db.system, 'acme', employeePunchesPrefix(ada))).toHaveLength(2);
  });

  it('given ten concurrent clock-ins with different keys, exactly one succeeds', async () => {
    const ada = (await putWorker(db.system, 'acme', id('ada'))).id;
    const outcomes = await Promise.allSettled(Array.from({ length: 10 }, () => recordPunch(context(), command(ada, 'IN'))));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    for (const o of outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected')) {
      expect(o.reason).toMatchObject({ errorType: 'CONFLICT' });
    }
    expect(await attendanceItems(db.system, 'acme', employeePunchesPrefix(ada))).toHaveLength(1);
  });

  it('a clock-in left open for 16 hours has lapsed (a forgotten check-out): the next clock-in starts afresh', async () => {
    const ada = (await putWorker(db.system, 'acme', id('ada'))).id;
    await recordPunch(context(), command(ada, 'IN'));
    const nextDay = new Date(NOW.getTime() + 16 * 3_600_000);
    expect(await refusal(recordPunch(context(nextDay), command(ada, 'OUT')))).toMatchObject({ info: { reason: 'NOT_CLOCKED_IN' } });
    expect((await recordPunch(context(nextDay), command(ada, 'IN'))).punch.at).toBe(nextDay.toISOString());
  });
});

describe('whose punch', () => {
  it('for someone else only with the kiosk capability (source KIOSK, recorded by the kiosk)', async () => {
    const ada = (await putWorker(db.system, 'acme', id('ada'))).id;
    const bob = (await putWorker(db.system, 'acme', id('bob'))).id;
    const forBob = input({ employeeId: bob });
    expect(await refusal(recordPunch(context(), command(ada, 'IN', forBob)))).toMatchObject({ type: 'UNAUTHORIZED_ACCESS' });
    expect(await refusal(recordPunch(context(), command(null, 'IN', input())))).toMatchObject({ type: 'UNAUTHORIZED_ACCESS' });
    const kiosk = await recordPunch(context(), { type: 'IN', punchId: id('P'), input: forBob, by: { userId: 'kiosk-1', employeeId: null, punchForEmployees: true } });
    expect(kiosk.punch).toMatchObject({ employeeId: bob, source: 'KIOSK', recordedBy: 'kiosk-1' });
  });

  it('never for an employee of another tenant (NOT_FOUND), even with a kiosk capability and a key naming them', async () => {
    const globexClient = await db.tenant('globex');
    const gus = (await putWorker(db.system, 'globex', id('gus'))).id;
    const kiosk = { userId: 'kiosk-acme', employeeId: null, punchForEmployees: true };
    expect(await refusal(recordPunch(context(), { type: 'IN', punchId: id('P'), input: input({ employeeId: gus }), by: kiosk }))).toMatchObject({ type: 'NOT_FOUND' });
    expect(await attendanceItems(db.system, 'globex', employeePunchesPrefix(gus))).toEqual([]);
    // The tenant's session cannot even name the other tenant's partition.
    const crossed = await recordPunch({ ...context(), tenantId: 'globex' }, { type: 'IN', punchId: id('P'), input: input({ employeeId: gus }), by: kiosk }).then(() => null, (e: Error) => e);
    expect(crossed?.name).toBe('AccessDeniedException');
    // A sign-in of this tenant whose employee claim names the other tenant's employee is not linked here.
    expect(await refusal(recordPunch(context(), command(gus, 'IN')))).toMatchObject({ type: 'UNAUTHORIZED_ACCESS' });
    expect(await attendanceItems(db.system, 'globex', employeePunchesPrefix(gus))).toEqual([]);
    expect((await recordPunch(context(NOW, 'FLAG', globexClient, 'globex'), command(gus, 'IN'))).punch.employeeId).toBe(gus);
  });

  it('never for an employee without a sign-in, archived, not started or gone', async () => {
    const unlinked = (await putWorker(db.system, 'acme', id('e'), { userId: null })).id;
    const archived = (await putWorker(db.system, 'acme', id('e'), { archived: true, employment: { status: 'TERMINATED' } })).id;
    const leaver = (await putWorker(db.system, 'acme', id('e'), { employment: { status: 'TERMINATED' } })).id;
    const starter = (await putWorker(db.system, 'acme', id('e'), { employment: { status: 'PENDING' } })).id;
    for (const employeeId of [unlinked, archived, leaver, starter]) {
      expect(await refusal(recordPunch(context(), command(employeeId, 'IN'))), employeeId).toMatchObject({ type: 'UNAUTHORIZED_ACCESS' });
    }
  });
});

describe('geofences', () => {
  const inside = { latitude: 52.5205, longitude: 13.4049, accuracyMeters: 10 };
  const outside = { latitude: 52.53, longitude: 13.405, accuracyMeters: 20 };

  it('given FLAG, a punch outside its location\'s geofence or without a position is accepted and flagged', async () => {
    const ada = (await putWorker(db.system, 'acme', id('ada'), { employment: { locationId: 'berlin' } })).id;
    const inZone = await recordPunch(context(), command(ada, 'IN', input({ position: inside })));
    expect(inZone.punch).toMatchObject({ timeZone: 'Europe/Berlin', flags: [], position: inside });
    expect(inZone.punch.distanceMeters).toBeLessThan(100);
    const out = await recordPunch(context(new Date(NOW.getTime() + 3_600_000)), command(ada, 'OUT', input({ position: outside })));
    expect(out.punch).toMatchObject({ flags: ['OUTSIDE_GEOFENCE'], distanceMeters: 1112 });
    const blind = await recordPunch(context(new Date(NOW.getTime() + 7_200_000)), command(ada, 'IN', input()));
    expect(blind.punch.flags).toEqual(['NO_POSITION']);
  });

  it('given REFUSE, such a punch is refused (VALIDATION_ERROR on the position) and nothing is written', async () => {
    const ada = (await putWorker(db.system, 'acme', id('ada'), { employment: { locationId: 'berlin' } })).id;
    expect(await refusal(recordPunch(context(NOW, 'REFUSE'), command(ada, 'IN', input({ position: outside }))))).toMatchObject({ type: 'VALIDATION_ERROR', fields: ['input.position'] });
    expect(await refusal(recordPunch(context(NOW, 'REFUSE'), command(ada, 'IN', input())))).toMatchObject({ type: 'VALIDATION_ERROR', fields: ['input.position'] });
    expect(await attendanceItems(db.system, 'acme', employeePunchesPrefix(ada))).toEqual([]);
    expect((await recordPunch(context(NOW, 'REFUSE'), command(ada, 'IN', input({ position: inside })))).punch.flags).toEqual([]);
  });

  it('a location without a geofence checks nothing', async () => {
    await putLocation(db.system, 'acme', 'open-site', 'Europe/London');
    const ada = (await putWorker(db.system, 'acme', id('ada'), { employment: { locationId: 'open-site' } })).id;
    expect((await recordPunch(context(NOW, 'REFUSE'), command(ada, 'IN', input()))).punch).toMatchObject({ flags: [], timeZone: 'Europe/London', distanceMeters: null });
  });
});
