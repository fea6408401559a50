/**
 * Correction requests against the local DynamoDB with the tenant's session: given a management
 * line (boss > manager > ada, and a peer), when requests are filed and decided, then who may decide
 * is the line above and HR, once, never themselves; approval adds a CORRECTION punch beside the
 * original; both sides are told.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideCorrection, requestCorrection, type Actor, type CorrectionContext } from '../../../domain/attendance/corrections.ts';
import { correctionItemKey, employeePunchesPrefix, punchStateKey } from '../../../domain/attendance/model/keys.ts';
import { recordPunch, type PunchContext } from '../../../domain/attendance/punches.ts';
import { DomainError } from '../../../domain/domain-error.ts';
import type { RequestAttendanceCorrectionInput } from '../../../domain/generated/graphql.ts';
import type { Role } from '../../../domain/model/tenant-context.ts';
import { attendanceItems, locationsOf, putWorker, startAttendanceTables, TABLES, type AttendanceTables } from './tables.ts';

let db: AttendanceTables;
let acme: DynamoDBClient;
let serial = 0;
const id = (prefix: string) => `${prefix}-${(serial += 1)}`;
const NOW = new Date('2027-03-10T12:00:00.000Z');
let told: { to: string; kind: string; title: string; key: string }[] = [];

function context(now = NOW): CorrectionContext {
  return {
    dynamodb: acme, tables: TABLES, tenantId: 'acme', now, tenantZone: 'Europe/Berlin', locationOf: locationsOf(acme, 'acme'),
    usersWithRole: async (role) => (role === 'TenantAdmin' ? ['hr-1', 'hr-2'] : []),
    notify: async (to, kind, title, _body, key) => { told.push({ to, kind, title, key }); },
  };
}

const actor = (employeeId: string | null, role: Role = 'TenantUser'): Actor => ({ userId: `user-${employeeId ?? 'hr'}`, role, employeeId });

/** A line: boss > manager > ada; peer under boss. */
async function line() {
  const boss = (await putWorker(db.system, 'acme', id('boss'))).id;
  const manager = await putWorker(db.system, 'acme', id('manager'), { employment: { managerId: boss } });
  const ada = (await putWorker(db.system, 'acme', id('ada'), { employment: { managerId: manager.id }, managerPath: manager.ReportsPath })).id;
  const peer = (await putWorker(db.system, 'acme', id('peer'), { employment: { managerId: boss } })).id;
  return { boss, manager: manager.id, ada, peer };
}

const missingOut = (proposedAt = '2027-03-09T17:30:00+01:00'): RequestAttendanceCorrectionInput => ({ kind: 'MISSING_PUNCH', punchType: 'OUT', proposedAt, reason: 'Forgot to clock out' });

async function refusal(promise: Promise<unknown>): Promise<{ type: string; fields: string[] }> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(DomainError);
  return { type: (error as DomainError).errorType, fields: (error as DomainError).fields.map((f) => f.field) };
}

function decide(employeeId: string, correctionId: string, by: Actor, approve = true, expectedVersion = 1) {
  return decideCorrection(context(), { employeeId, correctionId, expectedVersion, note: approve ? 'OK' : 'No record of that', approve, correctionPunchId: id('CP'), by });
}

beforeAll(async () => {
  db = await startAttendanceTables();
  acme = await db.tenant('acme');
});

afterAll(async () => {
  await db?.stop();
});

describe('a request', () => {
  it('is filed pending, under the requester\'s management line, and their manager is told', async () => {
    const { manager, ada } = await line();
    told = [];
    const request = await requestCorrection(context(), id('C'), missingOut(), actor(ada));
    expect(request).toMatchObject({ employeeId: ada, kind: 'MISSING_PUNCH', punchType: 'OUT', proposedAt: '2027-03-09T16:30:00.000Z', status: 'PENDING', requestedBy: `user-${ada}`, version: 1 });
    const [stored] = await attendanceItems(db.system, 'acme', correctionItemKey(ada, request.id));
    expect(String(stored!.PendingKey)).toContain(`/${manager}/#`);
    expect(told).toEqual([{ to: `user-${manager}`, kind: 'ATTENDANCE_CORRECTION_REQUESTED', title: `Correction to decide: First-${ada} Last-${ada} (N-${ada.toUpperCase()})`, key: `${request.id}#requested#user-${manager}` }]);
  });

  it('without a manager to ask, goes to the tenant\'s HR admins', async () => {
    const loner = (await putWorker(db.system, 'acme', id('loner'))).id;
    told = [];
    await requestCorrection(context(), id('C'), missingOut(), actor(loner));
    expect(told.map((t) => t.to)).toEqual(['hr-1', 'hr-2']);
  });

  it('refuses a time in the future or more than 31 days back, a missing punch without its type, no reason', async () => {
    const { ada } = await line();
    expect(await refusal(requestCorrection(context(), id('C'), missingOut('2027-03-10T12:00:01Z'), actor(ada)))).toEqual({ type: 'VALIDATION_ERROR', fields: ['input.proposedAt'] });
    expect(await refusal(requestCorrection(context(), id('C'), missingOut('2027-02-07T11:59:59Z'), actor(ada)))).toEqual({ type: 'VALIDATION_ERROR', fields: ['input.proposedAt'] });
    expect(await refusal(requestCorrection(context(), id('C'), { kind: 'MISSING_PUNCH', proposedAt: '2027-03-09T08:00:00Z', reason: ' ' }, actor(ada)))).toEqual({ type: 'VALIDATION_ERROR', fields: ['input.punchType', 'input.reason'] });
    expect(await refusal(requestCorrection(context(), id('C'), { kind: 'WRONG_TIME', proposedAt: '2027-03-09T08:00:00Z', reason: 'x' }, actor(ada)))).toEqual({ type: 'VALIDATION_ERROR', fields: ['input.punchId'] });
  });

  it('of a wrong time names a punch of the requester\'s own (another\'s is NOT_FOUND); without a record of their own, UNAUTHORIZED_ACCESS', async () => {
    const { ada, peer } = await line();
    const punchCtx: PunchContext = { dynamodb: acme, tables: TABLES, tenantId: 'acme', now: new Date('2027-03-09T08:00:00Z'), tenantZone: 'Europe/Berlin', geofencePolicy: 'FLAG', locationOf: locationsOf(acme, 'acme') };
    const peers = await recordPunch(punchCtx, { type: 'IN', punchId: id('P'), input: { idempotencyKey: `k-${id('key')}-xxxx`, deviceTimeZone: 'Europe/Berlin' }, by: { userId: `user-${peer}`, employeeId: peer, punchForEmployees: false } });
    const wrong = { kind: 'WRONG_TIME' as const, punchId: peers.punch.id, proposedAt: '2027-03-09T07:00:00Z', reason: 'Came at 8' };
    expect(await refusal(requestCorrection(context(), id('C'), wrong, actor(ada)))).toMatchObject({ type: 'NOT_FOUND' });
    expect(await refusal(requestCorrection(context(), id('C'), missingOut(), actor(null, 'TenantAdmin')))).toMatchObject({ type: 'UNAUTHORIZED_ACCESS' });
  });
});

describe('a decision', () => {
  it('by anyone above the requester in the line or HR; never the requester, never a peer', async () => {
    const { boss, manager, ada, peer } = await line();
    const first = await requestCorrection(context(), id('C'), missingOut(), actor(ada));
    expect(await refusal(decide(ada, first.id, actor(ada)))).toMatchObject({ type: 'UNAUTHORIZED_ACCESS' });
    expect(await refusal(decide(ada, first.id, actor(peer)))).toMatchObject({ type: 'UNAUTHORIZED_ACCESS' });
    // HR admins decide even when they are employees themselves; a skip-level manager too.
    expect((await decide(ada, first.id, actor(boss))).correction).toMatchObject({ status: 'APPROVED', decidedBy: `user-${boss}`, decisionNote: 'OK', version: 2 });
    const second = await requestCorrection(context(), id('C'), missingOut(), actor(ada));
    expect((await decide(ada, second.id, actor(peer, 'TenantAdmin'), false)).correction).toMatchObject({ status: 'REJECTED', correctionPunchId: null });
    const third = await requestCorrection(context(), id('C'), missingOut(), actor(manager));
    expect(await refusal(decide(manager, third.id, actor(manager, 'TenantAdmin')))).toMatchObject({ type: 'UNAUTHORIZED_ACCESS' });
  });

  it('is made once: a second decision, or one on a stale version, is a CONFLICT; the request leaves the pending index', async () => {
    const { manager, ada } = await line();
    const request = await requestCorrection(context(), id('C'), missingOut(), actor(ada));
    expect(await refusal(decide(ada, request.id, actor(manager), true, 2))).toMatchObject({ type: 'CONFLICT' });
    await decide(ada, request.id, actor(manager), false);
    expect(await refusal(decide(ada, request.id, actor(manager), true, 2))).toMatchObject({ type: 'CONFLICT' });
    const [stored] = await attendanceItems(db.system, 'acme', correctionItemKey(ada, request.id));
    expect(stored).toMatchObject({ status: 'REJECTED' });
    expect(stored!.PendingKey).toBeUndefined();
  });

  it('approving a wrong time adds a CORRECTION punch that supersedes the original, which stays as it was; the employee is told', async () => {
    const { manager, ada } = await line();
    const punchCtx: PunchContext = { dynamodb: acme, tables: TABLES, tenantId: 'acme', now: new Date('2027-03-09T08:30:00Z'), tenantZone: 'Europe/Berlin', geofencePolicy: 'FLAG', locationOf: locationsOf(acme, 'acme') };
    const original = await recordPunch(punchCtx, { type: 'IN', punchId: id('P'), input: { idempotencyKey: `k-${id('key')}-xxxx`, deviceTimeZone: 'Europe/Berlin' }, by: { userId: `user-${ada}`, employeeId: ada, punchForEmployees: false } });
    const request = await requestCorrection(context(), id('C'), { kind: 'WRONG_TIME', punchId: original.punch.id, proposedAt: '2027-03-09T08:00:00Z', reason: 'The terminal was down' }, actor(ada));
    expect(request).toMatchObject({ punchType: 'IN', originalAt: '2027-03-09T08:30:00.000Z' });
    told = [];
    const decision = await decide(ada, request.id, actor(manager));
    expect(decision.punch).toMatchObject({ type: 'IN', at: '2027-03-09T08:00:00.000Z', source: 'CORRECTION', supersedes: original.punch.id, correctionId: request.id, recordedBy: `user-${manager}`, localDate: '2027-03-09' });
    expect(decision.recompute).toEqual(['2027-03-08', '2027-03-09']);
    const punches = await attendanceItems(db.system, 'acme', employeePunchesPrefix(ada));
    expect(punches.map((p) => [p.id, p.at])).toEqual([[decision.punch!.id, '2027-03-09T08:00:00.000Z'], [original.punch.id, '2027-03-09T08:30:00.000Z']]);
    expect(punches.find((p) => p.id === original.punch.id)).toMatchObject({ source: 'SELF', supersedes: null });
    expect(told).toEqual([expect.objectContaining({ to: `user-${ada}`, kind: 'ATTENDANCE_CORRECTION_DECIDED', title: 'Correction approved' })]);
  });

  it('approving a missing clock-out closes the clock-in still open, so the employee can clock in again', async () => {
    const { manager, ada } = await line();
    const at = new Date('2027-03-10T07:00:00Z');
    const punchCtx: PunchContext = { dynamodb: acme, tables: TABLES, tenantId: 'acme', now: at, tenantZone: 'Europe/Berlin', geofencePolicy: 'FLAG', locationOf: locationsOf(acme, 'acme') };
    const by = { userId: `user-${ada}`, employeeId: ada, punchForEmployees: false };
    await recordPunch(punchCtx, { type: 'IN', punchId: id('P'), input: { idempotencyKey: `k-${id('key')}-xxxx`, deviceTimeZone: 'Europe/Berlin' }, by });
    const request = await requestCorrection(context(), id('C'), missingOut('2027-03-10T11:00:00Z'), actor(ada));
    await decide(ada, request.id, actor(manager));
    const [state] = await attendanceItems(db.system, 'acme', punchStateKey(ada));
    expect(state).toMatchObject({ openPunchId: null, version: 2 });
    const again = await recordPunch({ ...punchCtx, now: NOW }, { type: 'IN', punchId: id('P'), input: { idempotencyKey: `k-${id('key')}-xxxx`, deviceTimeZone: 'Europe/Berlin' }, by });
    expect(again.replayed).toBe(false);
  });

  it('of another tenant\'s request is NOT_FOUND (the session reads its own tenant only)', async () => {
    const globex = await db.tenant('globex');
    const gus = (await putWorker(db.system, 'globex', id('gus'))).id;
    const theirs = await requestCorrection({ ...context(), dynamodb: globex, tenantId: 'globex' }, id('C'), missingOut(), actor(gus));
    expect(await refusal(decide(gus, theirs.id, actor(null, 'TenantAdmin')))).toMatchObject({ type: 'NOT_FOUND' });
    const [stored] = await attendanceItems(db.system, 'globex', correctionItemKey(gus, theirs.id));
    expect(stored).toMatchObject({ status: 'PENDING' });
  });
});
