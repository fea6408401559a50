/**
 * Lambda resolver for attendance: clocking in and out, correction requests and their decisions,
 * and a manager's team today, with the rules of domain/attendance/. It works with the tenant's STS
 * session, so IAM confines it to `TENANT#<id>` keys even if the event named the wrong tenant; the
 * tenant's zone and geofence policy come from its registry record. After a late punch (its day's
 * record already exists) or an approved correction it recomputes the employee's day at once.
 * Environment: TENANT_ROLE_ARN, GRAPHQL_URL (notifications), the tables PIM, TimeAttendance,
 * WorkSchedule, Employment and TenantRegistry.
 */
import { BatchGetItemCommand, DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { decideCorrection, requestCorrection, type CorrectionContext, type Notify } from '../../../domain/attendance/corrections.ts';
import { recordItemKey } from '../../../domain/attendance/model/keys.ts';
import type { AttendanceCaller } from '../../../domain/attendance/model/records.ts';
import { recordPunch, type PlaceOfWork, type PunchContext } from '../../../domain/attendance/punches.ts';
import { generateDays } from '../../../domain/attendance/store.ts';
import { approvedLeave } from '../../../domain/leave/attendance-source.ts';
import { teamToday } from '../../../domain/attendance/team.ts';
import { DomainError } from '../../../domain/domain-error.ts';
import { requiredEnv } from '../../../domain/env.ts';
import type { DecideAttendanceCorrectionInput, PunchInput, RequestAttendanceCorrectionInput } from '../../../domain/generated/graphql.ts';
import { createLogger } from '../../../domain/logger.ts';
import { hasCapability } from '../../../domain/model/authorization.ts';
import { addDays } from '../../../domain/model/dates.ts';
import type { ErrorType } from '../../../domain/model/errors.ts';
import { isValidEntityId, isValidTenantId, tenantKey } from '../../../domain/model/keys.ts';
import { tableEnvName, type TableId } from '../../../domain/model/tables.ts';
import { SYSTEM_ROLES, TENANT_ROLES } from '../../../domain/model/tenant-context.ts';
import { deterministicUlid, environmentPublish, publishOnce } from '../../../domain/notifications/publish.ts';
import type { LocationRow } from '../../../domain/organisation/model/location.ts';
import { locationItemKey } from '../../../domain/organisation/model/keys.ts';
import { createPlanSource } from '../../../domain/schedules/plan-source.ts';
import { tenantProfileReader } from '../../../domain/tenancy/settings.ts';
import { usersWithRole } from '../../../domain/tenancy/users.ts';
import { tenantClients } from '../../../domain/tenant-credentials.ts';
import type { LambdaAnswer } from '../../lib/lambda.ts';

/** What the attendance pipeline functions send; ids are minted by the resolver (util.autoUlid). */
export type AttendanceEvent = { tenantId: string; caller: AttendanceCaller } & (
  | { operation: 'clockIn' | 'clockOut'; punchId: string; input: PunchInput }
  | { operation: 'requestCorrection'; correctionId: string; input: RequestAttendanceCorrectionInput }
  | { operation: 'approveCorrection' | 'rejectCorrection'; correctionPunchId: string; input: DecideAttendanceCorrectionInput }
  | { operation: 'teamToday'; managerId: string; managerPath: string }
);

const log = createLogger({ service: 'attendance' });
const tenants = tenantClients({ roleArn: requiredEnv('TENANT_ROLE_ARN') });
const profileOf = tenantProfileReader(new DynamoDBClient({}), requiredEnv(tableEnvName('TenantRegistry')));
const TABLES: Partial<Record<TableId, string>> = {
  PIM: requiredEnv(tableEnvName('PIM')),
  TimeAttendance: requiredEnv(tableEnvName('TimeAttendance')),
  WorkSchedule: requiredEnv(tableEnvName('WorkSchedule')),
  Employment: requiredEnv(tableEnvName('Employment')),
  Leave: requiredEnv(tableEnvName('Leave')),
};
const tables = { pim: TABLES.PIM!, attendance: TABLES.TimeAttendance! };
const tableName = (table: TableId): string => {
  const name = TABLES[table];
  if (!name) throw new Error(`The attendance Lambda does not read the ${table} table.`);
  return name;
};

const failure = (type: ErrorType, message: string, info?: unknown): LambdaAnswer<never> => ({ error: { type, message, ...(info ? { info } : {}) } });
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const ROLES: readonly string[] = [...TENANT_ROLES, ...SYSTEM_ROLES];

/** The event comes from our own resolvers, but it is input all the same: check its shape first. */
function problemWith(event: Partial<AttendanceEvent> | null | undefined): string | null {
  if (!isObject(event)) return 'the event is not an object';
  if (!isValidTenantId(event.tenantId)) return 'tenantId is missing or malformed';
  const caller = event.caller;
  if (!isObject(caller) || typeof caller.userId !== 'string' || caller.userId === '' || !ROLES.includes(caller.role as string)) return 'caller is malformed';
  if (caller.employeeId !== null && !isValidEntityId(caller.employeeId)) return 'caller.employeeId is malformed';
  const input = (event as { input?: unknown }).input;
  const id = (name: string) => isValidEntityId((event as Record<string, unknown>)[name]);
  switch (event.operation) {
    case 'clockIn':
    case 'clockOut':
      return id('punchId') && isObject(input) ? null : 'punchId or input is malformed';
    case 'requestCorrection':
      return id('correctionId') && isObject(input) ? null : 'correctionId or input is malformed';
    case 'approveCorrection':
    case 'rejectCorrection':
      return id('correctionPunchId') && isObject(input) && isValidEntityId(input.employeeId) && isValidEntityId(input.correctionId) && Number.isInteger(input.expectedVersion)
        ? null
        : 'correctionPunchId or input is malformed';
    case 'teamToday':
      return id('managerId') && typeof (event as { managerPath?: unknown }).managerPath === 'string' ? null : 'managerId or managerPath is malformed';
    default:
      return `unknown operation ${String(event.operation)}`;
  }
}

/** Locations change rarely and every punch needs its own: each is kept a minute per tenant. */
const LOCATION_TTL_MS = 60_000;
const locations = new Map<string, { place: PlaceOfWork | null; at: number }>();

function locationReader(tenantId: string, dynamodb: DynamoDBClient): (locationId: string) => Promise<PlaceOfWork | null> {
  return async (locationId) => {
    const cacheKey = `${tenantId}/${locationId}`;
    const cached = locations.get(cacheKey);
    if (cached && Date.now() - cached.at < LOCATION_TTL_MS) return cached.place;
    const found = await dynamodb.send(new GetItemCommand({ TableName: tables.pim, Key: { TenantId: { S: tenantKey(tenantId) }, EntityItem: { S: locationItemKey(locationId) } } }));
    const row = found.Item ? (unmarshall(found.Item) as LocationRow) : null;
    const place = row ? { name: row.name, timeZone: row.timeZone, geofence: row.geofence ?? null } : null;
    locations.set(cacheKey, { place, at: Date.now() });
    return place;
  };
}

/** Notifications are a courtesy: one that cannot be sent is logged, and what caused it stands. */
function notifier(tenantId: string, now: Date): Notify {
  return async (recipientUserId, kind, title, body, key) => {
    const outcome = await publishOnce(environmentPublish(), tenantId, { id: deterministicUlid(now.getTime(), key), recipientUserId, kind, title, body })
      .catch((error: Error) => ({ sent: false as const, already: false as const, error: error.message }));
    if (!outcome.sent && !outcome.already) log.warn('attendance notification not sent', { tenantId, kind, error: outcome.error });
  };
}

async function perform(event: AttendanceEvent): Promise<unknown> {
  const profile = await profileOf(event.tenantId);
  const tenantZone = profile.settings.timeZone;
  const { dynamodb } = await tenants.forTenant(event.tenantId);
  const now = new Date();
  const locationOf = locationReader(event.tenantId, dynamodb);
  const plans = createPlanSource({ dynamodb, tableName, tenantZone: async () => tenantZone });
  /** Recomputes an employee's records of `dates` (consecutive runs of them at once). */
  const recompute = async (employeeId: string, dates: string[]) => {
    const sorted = [...new Set(dates)].sort();
    for (let i = 0; i < sorted.length;) {
      let j = i;
      while (j + 1 < sorted.length && addDays(sorted[j]!, 1) === sorted[j + 1]) j += 1;
      await generateDays({ dynamodb, table: tables.attendance, plans, leave: approvedLeave(dynamodb, TABLES.Leave!) }, event.tenantId, [employeeId], sorted[i]!, sorted[j]!, now);
      i = j + 1;
    }
  };
  const actor = { userId: event.caller.userId, role: event.caller.role, employeeId: event.caller.employeeId };

  switch (event.operation) {
    case 'clockIn':
    case 'clockOut': {
      const ctx: PunchContext = { dynamodb, tables, tenantId: event.tenantId, now, tenantZone, geofencePolicy: profile.settings.punchOutsideGeofence ?? 'FLAG', locationOf };
      const { punch, replayed } = await recordPunch(ctx, {
        type: event.operation === 'clockIn' ? 'IN' : 'OUT',
        punchId: event.punchId,
        input: event.input,
        by: { userId: actor.userId, employeeId: actor.employeeId, punchForEmployees: hasCapability(event.caller.capabilities, 'PunchForEmployees') },
      });
      if (!replayed) {
        // A late punch: a record of its day (or the day before, for a night shift) exists already.
        const days = [addDays(punch.localDate, -1), punch.localDate];
        const found = await dynamodb.send(new BatchGetItemCommand({
          RequestItems: { [tables.attendance]: { Keys: days.map((date) => ({ TenantId: { S: tenantKey(event.tenantId) }, EntityItem: { S: recordItemKey(punch.employeeId, date) } })), ProjectionExpression: '#date', ExpressionAttributeNames: { '#date': 'date' } } },
        }));
        const generated = (found.Responses?.[tables.attendance] ?? []).map((item) => String(unmarshall(item).date));
        if (generated.length > 0) await recompute(punch.employeeId, generated);
      }
      log.info(`attendance ${event.operation}`, { tenantId: event.tenantId, userId: actor.userId, punchId: punch.id, replayed, flags: punch.flags });
      return punch;
    }
    case 'requestCorrection':
    case 'approveCorrection':
    case 'rejectCorrection': {
      const ctx: CorrectionContext = {
        dynamodb,
        tables,
        tenantId: event.tenantId,
        now,
        tenantZone,
        locationOf,
        usersWithRole: async (role) => (await usersWithRole(dynamodb, tables.pim, event.tenantId, role)).map((u) => u.userId),
        notify: notifier(event.tenantId, now),
      };
      if (event.operation === 'requestCorrection') {
        const correction = await requestCorrection(ctx, event.correctionId, event.input, actor);
        log.info('attendance correction requested', { tenantId: event.tenantId, userId: actor.userId, correctionId: correction.id });
        return correction;
      }
      const { input } = event;
      const decision = await decideCorrection(ctx, {
        employeeId: input.employeeId,
        correctionId: input.correctionId,
        expectedVersion: input.expectedVersion,
        note: input.note,
        approve: event.operation === 'approveCorrection',
        correctionPunchId: event.correctionPunchId,
        by: actor,
      });
      if (decision.recompute.length > 0) await recompute(input.employeeId, decision.recompute);
      log.info(`attendance correction ${decision.correction.status.toLowerCase()}`, { tenantId: event.tenantId, userId: actor.userId, correctionId: input.correctionId });
      return decision.correction;
    }
    case 'teamToday':
      return teamToday({ dynamodb, tables, tenantId: event.tenantId, tenantZone, plans, now }, event.managerId, event.managerPath);
  }
}

export async function handler(event: AttendanceEvent): Promise<LambdaAnswer<unknown>> {
  const problem = problemWith(event);
  if (problem) {
    log.warn('refused event', { problem });
    return failure('VALIDATION_ERROR', `Invalid attendance request: ${problem}.`);
  }
  try {
    return { result: await perform(event) };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return failure(error.errorType, error.message, error.errorInfo());
  }
}
