/**
 * Clocking in and out (Node). Server time is the truth; what the device says (its zone, its clock,
 * its position) is recorded and checked. A punch is one transaction of three items: the punch
 * (immutable), its idempotency guard, and the employee's punch state (what is open), the last
 * under a condition on its version, so of two concurrent clock-ins exactly one succeeds and a
 * retried request never makes a second punch. Reads before it: the employee, the guard and the
 * state (one BatchGetItem), and the location (cached by the caller).
 */
import { GetItemCommand, BatchGetItemCommand, TransactionCanceledException, TransactWriteItemsCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { DomainError } from '../domain-error.ts';
import type { PunchFlag, PunchInput, PunchSource, PunchType } from '../generated/graphql.ts';
import { tenantKey } from '../model/keys.ts';
import type { Geofence } from '../organisation/model/location.ts';
import type { EmployeeRow } from '../people/model/employee.ts';
import { employeeItemKey } from '../people/model/keys.ts';
import type { GeofencePolicy } from '../tenancy/registry.ts';
import { localDate } from '../time.ts';
import { MAX_OPEN_SESSION_HOURS } from './classify.ts';
import { checkGeofence } from './geofence.ts';
import { CLOCK_SKEW_SECONDS, instantOf, punchInputProblems, refuseProblems } from './inputs.ts';
import { punchGuardKey, punchItemKey, punchStateKey } from './model/keys.ts';
import { punchView, type Punch, type PunchGuardRow, type PunchRow, type PunchStateRow } from './model/records.ts';

/** Where an employee works, as punches need it. */
export interface PlaceOfWork {
  name: string;
  timeZone: string;
  geofence: Geofence | null;
}

/** The tenant's side of a punch: its clients, tables, clock and settings. */
export interface PunchContext {
  /** The tenant's own DynamoDB client. */
  dynamodb: DynamoDBClient;
  tables: { attendance: string; pim: string };
  tenantId: string;
  now: Date;
  /** The tenant's zone: the work zone of employees without a location. */
  tenantZone: string;
  geofencePolicy: GeofencePolicy;
  /** A location of the tenant (the caller may cache it), or null when it is gone. */
  locationOf(locationId: string): Promise<PlaceOfWork | null>;
}

/** Who punches: the signed-in user, their own employee record, and whether they may punch for others (kiosks). */
export interface Puncher {
  userId: string;
  employeeId: string | null;
  punchForEmployees: boolean;
}

export interface PunchCommand {
  type: PunchType;
  /** Minted by the resolver (a ULID). */
  punchId: string;
  input: PunchInput;
  by: Puncher;
}

export interface PunchOutcome {
  punch: Punch;
  /** A retry: the punch made for this idempotency key before. */
  replayed: boolean;
}

/** Employee states that punch: hired and started, not left. */
const PUNCHING_STATUSES = new Set(['ACTIVE', 'ON_LEAVE']);
const ATTEMPTS = 3;
const OPEN_SESSION_MS = MAX_OPEN_SESSION_HOURS * 3_600_000;

const NOT_LINKED = 'Your sign-in is not linked to an employee record of this tenant: there is no one to punch for.';

const key = (tenantId: string, entityItem: string): Record<string, AttributeValue> => ({ TenantId: { S: tenantKey(tenantId) }, EntityItem: { S: entityItem } });

/** What a retry must repeat exactly: the operation and the input, the key aside, for the same employee. */
function requestOf(type: PunchType, employeeId: string, input: PunchInput): string {
  const position = input.position ? { latitude: input.position.latitude, longitude: input.position.longitude, accuracyMeters: input.position.accuracyMeters ?? null } : null;
  return JSON.stringify({ type, employeeId, deviceTimeZone: input.deviceTimeZone, deviceTime: input.deviceTime ?? null, position });
}

/** Whether a state has a clock-in open at `now` (one left open too long has lapsed). */
export function isOpen(state: Pick<PunchStateRow, 'openPunchId' | 'openSince'> | null, now: number): boolean {
  return !!state?.openPunchId && !!state.openSince && now - Date.parse(state.openSince) < OPEN_SESSION_MS;
}

function conflict(reason: 'ALREADY_CLOCKED_IN' | 'NOT_CLOCKED_IN' | 'IDEMPOTENCY_KEY_REUSED', message: string): DomainError {
  return new DomainError('CONFLICT', message, [], { reason });
}

/** The guard and state of an employee, read together. */
async function guardAndState(ctx: PunchContext, employeeId: string, idempotencyKey: string): Promise<{ guard: PunchGuardRow | null; state: PunchStateRow | null }> {
  const { attendance } = ctx.tables;
  const keys = [key(ctx.tenantId, punchGuardKey(employeeId, idempotencyKey)), key(ctx.tenantId, punchStateKey(employeeId))];
  const found: Record<string, unknown>[] = [];
  let pending = keys;
  for (let attempt = 0; pending.length > 0; attempt += 1) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt));
    const answer = await ctx.dynamodb.send(new BatchGetItemCommand({ RequestItems: { [attendance]: { Keys: pending, ConsistentRead: true } } }));
    found.push(...(answer.Responses?.[attendance] ?? []).map((item) => unmarshall(item)));
    pending = (answer.UnprocessedKeys?.[attendance]?.Keys ?? []) as Record<string, AttributeValue>[];
  }
  const of = <T>(entityItem: string) => (found.find((item) => item.EntityItem === entityItem) as T | undefined) ?? null;
  return { guard: of<PunchGuardRow>(punchGuardKey(employeeId, idempotencyKey)), state: of<PunchStateRow>(punchStateKey(employeeId)) };
}

/** A retry gets the punch made for its key; another request under the same key is refused. */
function replay(guard: PunchGuardRow, request: string): PunchOutcome {
  if (guard.request !== request) {
    throw conflict('IDEMPOTENCY_KEY_REUSED', `The idempotency key ${guard.idempotencyKey} was used for another punch (at ${guard.punch.at}); use a new key for a new punch.`);
  }
  return { punch: punchView(guard.punch), replayed: true };
}

/** The employee a punch is for, checked: in this tenant, linked to a sign-in, started and not left, not archived. */
async function punchingEmployee(ctx: PunchContext, employeeId: string, self: boolean): Promise<Pick<EmployeeRow, 'id' | 'employment' | 'archived' | 'UserId'>> {
  const found = await ctx.dynamodb.send(new GetItemCommand({
    TableName: ctx.tables.pim,
    Key: key(ctx.tenantId, employeeItemKey(employeeId)),
    ConsistentRead: true,
    ProjectionExpression: '#id, #employment, #archived, #user',
    ExpressionAttributeNames: { '#id': 'id', '#employment': 'employment', '#archived': 'archived', '#user': 'UserId' },
  }));
  // One's own record missing from the tenant: the sign-in is not linked here (as in self-service).
  if (!found.Item && self) throw new DomainError('UNAUTHORIZED_ACCESS', NOT_LINKED);
  if (!found.Item) throw new DomainError('NOT_FOUND', `No employee ${employeeId} in this tenant.`);
  const employee = unmarshall(found.Item) as Pick<EmployeeRow, 'id' | 'employment' | 'archived' | 'UserId'>;
  if (employee.archived === true) throw new DomainError('UNAUTHORIZED_ACCESS', `Employee ${employeeId} is archived and cannot punch.`);
  if (!PUNCHING_STATUSES.has(employee.employment.status)) {
    throw new DomainError('UNAUTHORIZED_ACCESS', `Employee ${employeeId} is ${employee.employment.status} and cannot punch: only employees whose contract has started and not ended can.`);
  }
  if (!employee.UserId) throw new DomainError('UNAUTHORIZED_ACCESS', `Employee ${employeeId} has no sign-in linked to their record and cannot punch; HR can link one.`);
  return employee;
}

/**
 * Records a clock-in or clock-out. Typed errors: VALIDATION_ERROR (input; a refused geofence),
 * UNAUTHORIZED_ACCESS (someone else's punch without the kiosk capability; an employee who may not
 * punch; a sign-in without a record of its own in the tenant), NOT_FOUND (a kiosk naming no
 * employee of the tenant), CONFLICT with `info.reason`
 * ALREADY_CLOCKED_IN, NOT_CLOCKED_IN or IDEMPOTENCY_KEY_REUSED.
 */
export async function recordPunch(ctx: PunchContext, command: PunchCommand): Promise<PunchOutcome> {
  const { input, by, type } = command;
  const now = ctx.now.getTime();
  refuseProblems(punchInputProblems(input, now));
  const employeeId = input.employeeId ?? by.employeeId;
  if (!employeeId) throw new DomainError('UNAUTHORIZED_ACCESS', NOT_LINKED);
  const forOther = employeeId !== by.employeeId;
  if (forOther && !by.punchForEmployees) throw new DomainError('UNAUTHORIZED_ACCESS', 'You may punch only for yourself; punching for others takes a kiosk sign-in.');
  const request = requestOf(type, employeeId, input);

  const [employee, first] = await Promise.all([punchingEmployee(ctx, employeeId, !forOther), guardAndState(ctx, employeeId, input.idempotencyKey)]);
  if (first.guard) return replay(first.guard, request);

  const locationId = employee.employment.locationId ?? null;
  const place = locationId ? await ctx.locationOf(locationId) : null;
  const timeZone = place?.timeZone ?? ctx.tenantZone;
  const position = input.position ? { latitude: input.position.latitude, longitude: input.position.longitude, accuracyMeters: input.position.accuracyMeters ?? null } : null;
  const fence = checkGeofence(place?.geofence, position);
  if (fence.flag && ctx.geofencePolicy === 'REFUSE') {
    const problem = fence.flag === 'NO_POSITION'
      ? `is required: ${place!.name} accepts punches from within its geofence only`
      : `is ${fence.distanceMeters} m from ${place!.name}, outside its geofence (${place!.geofence!.radiusMeters} m)`;
    refuseProblems([{ field: 'input.position', message: problem }]);
  }
  const device = instantOf(input.deviceTime);
  const skew = device === null ? null : Math.round((device - now) / 1000);
  const flags: PunchFlag[] = [];
  if (skew !== null && Math.abs(skew) > CLOCK_SKEW_SECONDS) flags.push('CLOCK_SKEW');
  if (fence.flag) flags.push(fence.flag);

  const at = ctx.now.toISOString();
  const source: PunchSource = forOther ? 'KIOSK' : 'SELF';
  const punch: Punch = {
    id: command.punchId,
    employeeId,
    type,
    at,
    source,
    timeZone,
    localDate: localDate(ctx.now, timeZone),
    deviceTimeZone: input.deviceTimeZone,
    deviceTime: input.deviceTime ?? null,
    clockSkewSeconds: skew,
    position,
    distanceMeters: fence.distanceMeters,
    flags,
    supersedes: null,
    correctionId: null,
    recordedBy: by.userId,
    createdAt: at,
  };

  let state = first.state;
  for (let attempt = 1; ; attempt += 1) {
    const open = isOpen(state, now);
    if (type === 'IN' && open) throw conflict('ALREADY_CLOCKED_IN', `Employee ${employeeId} is clocked in since ${state!.openSince}: clock out first.`);
    if (type === 'OUT' && !open) throw conflict('NOT_CLOCKED_IN', `Employee ${employeeId} is not clocked in: clock in first, or ask for a correction of a missed clock-in.`);
    try {
      await writePunch(ctx, punch, state, input.idempotencyKey, request);
      return { punch: punchView(punch), replayed: false };
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      // Someone else got there first: the same request (a retry racing itself), or another punch.
      const again = await guardAndState(ctx, employeeId, input.idempotencyKey);
      if (again.guard) return replay(again.guard, request);
      if (attempt >= ATTEMPTS) throw new DomainError('CONFLICT', `Employee ${employeeId}'s punches changed while this one was recorded; retry with the same key.`);
      state = again.state;
    }
  }
}

/** The punch, its guard and the new state, in one transaction. */
async function writePunch(ctx: PunchContext, punch: Punch, state: PunchStateRow | null, idempotencyKey: string, request: string): Promise<void> {
  const { attendance } = ctx.tables;
  const tenant = tenantKey(ctx.tenantId);
  const row: PunchRow = { TenantId: tenant, EntityItem: punchItemKey(punch.employeeId, punch.at, punch.id), ...punch, idempotencyKey };
  const guard: PunchGuardRow = { TenantId: tenant, EntityItem: punchGuardKey(punch.employeeId, idempotencyKey), employeeId: punch.employeeId, idempotencyKey, request, punch, createdAt: punch.createdAt };
  const next: PunchStateRow = {
    TenantId: tenant,
    EntityItem: punchStateKey(punch.employeeId),
    employeeId: punch.employeeId,
    openPunchId: punch.type === 'IN' ? punch.id : null,
    openSince: punch.type === 'IN' ? punch.at : null,
    lastPunchId: punch.id,
    lastPunchAt: punch.at,
    version: (state?.version ?? 0) + 1,
  };
  const absent = 'attribute_not_exists(EntityItem)';
  await ctx.dynamodb.send(new TransactWriteItemsCommand({
    TransactItems: [
      { Put: { TableName: attendance, Item: marshall(row, { removeUndefinedValues: true }), ConditionExpression: absent } },
      { Put: { TableName: attendance, Item: marshall(guard, { removeUndefinedValues: true }), ConditionExpression: absent } },
      state
        ? { Put: { TableName: attendance, Item: marshall(next), ConditionExpression: '#version = :version', ExpressionAttributeNames: { '#version': 'version' }, ExpressionAttributeValues: { ':version': { N: String(state.version) } } } }
        : { Put: { TableName: attendance, Item: marshall(next), ConditionExpression: absent } },
    ],
  }));
}
