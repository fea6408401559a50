/**
 * The attendance module against the local DynamoDB with IAM enforcement: the stage's tables (with
 * their indexes), tenant sessions from the local STS, and fixtures written with the system key.
 */
import { GetItemCommand, PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { queryAll } from '../../../domain/dynamo-query.ts';
import type { PlaceOfWork } from '../../../domain/attendance/punches.ts';
import type { EmploymentRecord } from '../../../domain/employment/model/contracts.ts';
import { tenantKey } from '../../../domain/model/keys.ts';
import type { Geofence, LocationRow } from '../../../domain/organisation/model/location.ts';
import { locationItemKey } from '../../../domain/organisation/model/keys.ts';
import { withIndexKeys, type EmployeeRow } from '../../../domain/people/model/employee.ts';
import { reportsPathUnder, TOP_OF_ORGANISATION } from '../../../domain/people/model/keys.ts';
import type { PlannedDay, PlanSource } from '../../../domain/schedules/model/planned-day.ts';
import { EMPLOYMENT, employeeRow, startJobsStack, tables, type JobsStack } from '../../jobs/helpers.ts';

export const TABLES = { attendance: tables('TimeAttendance'), pim: tables('PIM') };

export interface AttendanceTables {
  stack: JobsStack;
  /** The system key: fixtures and checks. */
  system: DynamoDBClient;
  /** A tenant's own session: what the code under test gets. */
  tenant(tenantId: string): Promise<DynamoDBClient>;
  stop(): Promise<void>;
}

export async function startAttendanceTables(): Promise<AttendanceTables> {
  const stack = await startJobsStack();
  return {
    stack,
    system: stack.system,
    tenant: async (tenantId) => (await stack.tenants.forTenant(tenantId)).dynamodb,
    stop: () => stack.stop(),
  };
}

export interface Worker {
  employment?: Partial<EmploymentRecord>;
  /** The manager's own management line, when they have a manager. */
  managerPath?: string;
  userId?: string | null;
  archived?: boolean;
}

/** An employee as hiring stores one (index keys and all), linked to a sign-in `user-<id>` unless told otherwise. */
export async function putWorker(client: DynamoDBClient, tenantId: string, id: string, worker: Worker = {}): Promise<EmployeeRow> {
  const employment = { ...EMPLOYMENT, ...worker.employment };
  const base = employeeRow(tenantId, id, { firstName: `First-${id}`, lastName: `Last-${id}` });
  const userId = worker.userId === undefined ? `user-${id}` : worker.userId;
  const row = withIndexKeys({
    ...base,
    employment,
    ReportsPath: employment.managerId ? reportsPathUnder(worker.managerPath ?? TOP_OF_ORGANISATION, employment.managerId) : TOP_OF_ORGANISATION,
    archived: worker.archived ?? false,
    ...(userId ? { UserId: userId } : {}),
  });
  await client.send(new PutItemCommand({ TableName: TABLES.pim, Item: marshall(row, { removeUndefinedValues: true }) }));
  return row;
}

export async function putLocation(client: DynamoDBClient, tenantId: string, id: string, timeZone: string, geofence: Geofence | null = null): Promise<void> {
  const row: LocationRow = {
    TenantId: tenantKey(tenantId), EntityItem: locationItemKey(id), id, tenantId, name: `Site ${id}`, timeZone, geofence,
    address: { line1: '1 Test Street', line2: null, city: 'Berlin', region: null, postalCode: null, country: 'DE' },
    assignmentCount: 0, archived: false, version: 1, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z',
  };
  await client.send(new PutItemCommand({ TableName: TABLES.pim, Item: marshall(row) }));
}

/** Locations as the Lambda reads them (with the tenant's session), uncached. */
export function locationsOf(client: DynamoDBClient, tenantId: string): (locationId: string) => Promise<PlaceOfWork | null> {
  return async (locationId) => {
    const found = await client.send(new GetItemCommand({ TableName: TABLES.pim, Key: marshall({ TenantId: tenantKey(tenantId), EntityItem: locationItemKey(locationId) }) }));
    const row = found.Item ? (unmarshall(found.Item) as LocationRow) : null;
    return row ? { name: row.name, timeZone: row.timeZone, geofence: row.geofence ?? null } : null;
  };
}

/** Every item of a tenant's partition in TimeAttendance whose key starts with `prefix`. */
export async function attendanceItems(client: DynamoDBClient, tenantId: string, prefix: string): Promise<Record<string, unknown>[]> {
  const items = await queryAll(client, {
    TableName: TABLES.attendance,
    KeyConditionExpression: 'TenantId = :t AND begins_with(EntityItem, :p)',
    ExpressionAttributeValues: { ':t': { S: tenantKey(tenantId) }, ':p': { S: prefix } },
    ConsistentRead: true,
  });
  return items.map((item) => unmarshall(item));
}

/** A PlanSource that answers with the plans given (those in the range, of the employees asked about), counting its calls. */
export function fixedPlans(plans: () => PlannedDay[]): PlanSource & { calls: number } {
  const source = {
    calls: 0,
    async plannedDays(_tenantId: string, employeeIds: readonly string[], from: string, to: string) {
      source.calls += 1;
      return plans().filter((p) => employeeIds.includes(p.employeeId) && p.date >= from && p.date <= to);
    },
  };
  return source;
}
