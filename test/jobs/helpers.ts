/**
 * Shared setup of the jobs tests: the local DynamoDB with STS and IAM enforcement, the stage's
 * tables, tenant sessions from the local STS, an injected clock, and a dispatch that records.
 */
import { GetItemCommand, QueryCommand, TransactWriteItemsCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { createJob, jobFromItem, jobKey, type Job, type JobDispatch, type NewJobInput } from '../../domain/jobs/engine.ts';
import { jobRunPrefix } from '../../domain/jobs/model/keys.ts';
import { tenantKey } from '../../domain/model/keys.ts';
import { createLogger } from '../../domain/logger.ts';
import { tableName, type TableId } from '../../domain/model/tables.ts';
import { tenantClients, type TenantClients } from '../../domain/tenant-credentials.ts';
import { newEmployeeRow, normaliseNewEmployee, type EmployeeRow } from '../../domain/people/model/employee.ts';
import { employeeEmailKey, employeeItemKey, employeeNumberKey, TOP_OF_ORGANISATION } from '../../domain/people/model/keys.ts';
import type { EmploymentRecord } from '../../domain/employment/model/contracts.ts';
import type { CreateEmployeeInput } from '../../domain/generated/graphql.ts';
import type { RunnerDeps } from '../../jobs/runner.ts';
import { REGION, startIamStack, stsClient, type IamStack } from '../local/iam/helpers.ts';
import { DEFAULT_TENANT_SETTINGS } from '../../domain/tenancy/registry.ts';
import type { TenantProfile } from '../../domain/tenancy/settings.ts';

export const JOBS_TABLE = tableName('TenantJob', 'Dev');
export const tables = (id: TableId): string => tableName(id, 'Dev');
/** Tests stay quiet unless a job misbehaves. */
export const quiet = createLogger({ service: 'jobs-test', level: 'error', write: () => undefined });

/** A clock the test moves by hand. */
export interface TestClock {
  now: () => Date;
  set(iso: string): void;
  advanceSeconds(seconds: number): void;
}

export function testClock(start: string): TestClock {
  let current = new Date(start);
  return {
    now: () => current,
    set: (iso) => { current = new Date(iso); },
    advanceSeconds: (seconds) => { current = new Date(current.getTime() + seconds * 1000); },
  };
}

export interface JobsStack {
  stack: IamStack;
  /** The system role's client: what the picker and the runner bookkeeping use. */
  system: DynamoDBClient;
  tenants: TenantClients;
  deps(clock: TestClock, extra?: Partial<RunnerDeps>): RunnerDeps;
  create(input: NewJobInput, now: Date): Promise<Job>;
  job(tenantId: string, jobId: string): Promise<Job | undefined>;
  runs(tenantId: string, jobId: string): Promise<Record<string, unknown>[]>;
  stop(): Promise<void>;
}

/** These tests' tenants have no registry records: every one works in UTC with no user pool. */
const testProfiles = async (): Promise<TenantProfile> => ({ settings: { ...DEFAULT_TENANT_SETTINGS }, userPoolId: 'none', status: 'active' });

export async function startJobsStack(): Promise<JobsStack> {
  const stack = await startIamStack();
  const tenants = tenantClients({
    roleArn: stack.roleArns.tenantScoped,
    sts: stsClient(stack.dynamo.stsEndpoint, stack.internal),
    dynamodb: { region: REGION, endpoint: stack.dynamo.endpoint, maxAttempts: 1 },
    logger: quiet,
  });
  const system = stack.admin;
  return {
    stack,
    system,
    tenants,
    deps: (clock, extra = {}) => ({ dynamodb: system, tableName: tables, tenants, profiles: testProfiles, now: clock.now, retryBaseSeconds: 10, logger: quiet, ...extra }),
    create: (input, now) => createJob({ dynamodb: system, tableName: JOBS_TABLE }, input, now),
    async job(tenantId, jobId) {
      const found = await system.send(new GetItemCommand({ TableName: JOBS_TABLE, Key: jobKey(tenantId, jobId), ConsistentRead: true }));
      return found.Item ? jobFromItem(found.Item) : undefined;
    },
    async runs(tenantId, jobId) {
      const page = await system.send(new QueryCommand({
        TableName: JOBS_TABLE,
        KeyConditionExpression: 'TenantId = :t AND begins_with(EntityItem, :p)',
        ExpressionAttributeValues: { ':t': { S: tenantKey(tenantId) }, ':p': { S: jobRunPrefix(jobId) } },
        ConsistentRead: true,
      }));
      return (page.Items ?? []).map((item) => unmarshall(item));
    },
    async stop() {
      tenants.destroy();
      await stack.stop();
    },
  };
}

/** A dispatch that only remembers what it was given. */
export function recordingDispatch(): { dispatched: JobDispatch[]; dispatch: (job: JobDispatch) => Promise<void> } {
  const dispatched: JobDispatch[] = [];
  return { dispatched, dispatch: async (job) => { dispatched.push(job); } };
}

/** A contract's employment summary as the employment module writes it onto an employee row. */
export const EMPLOYMENT: EmploymentRecord = {
  contractId: 'contract-1', costCentreId: null, departmentId: null, employmentType: 'FULL_TIME', ftePercent: 100, hireDate: '2020-01-06',
  jobTitle: 'Rear Admiral', locationId: null, managerId: null, positionId: null, status: 'ACTIVE', terminationDate: null,
};

/** An employee row as hiring stores one: the person (defaults Grace Hopper), {@link EMPLOYMENT}, at the top of the organisation. */
export function employeeRow(tenantId: string, id: string, person: Partial<Omit<CreateEmployeeInput, 'contract'>> = {}): EmployeeRow {
  const content = normaliseNewEmployee({
    employeeNumber: `N-${id}`, firstName: 'Grace', lastName: 'Hopper', email: `${id}@${tenantId}.example`,
    contract: { startDate: EMPLOYMENT.hireDate, terms: { jobTitle: EMPLOYMENT.jobTitle, employmentType: EMPLOYMENT.employmentType } },
    ...person,
  });
  return newEmployeeRow(tenantId, id, content, EMPLOYMENT, TOP_OF_ORGANISATION, '2026-01-01T00:00:00.000Z');
}

/**
 * An employee stored as hiring stores one: the row, and the guards of its work email and employee
 * number, in one transaction.
 */
export async function putEmployee(client: DynamoDBClient, tenantId: string, id: string, person: Partial<Omit<CreateEmployeeInput, 'contract'>> = {}): Promise<EmployeeRow> {
  const row = employeeRow(tenantId, id, person);
  const guard = (entityItem: string) => ({ Put: { TableName: tables('PIM'), Item: marshall({ TenantId: row.TenantId, EntityItem: entityItem, employeeId: id }) } });
  await client.send(new TransactWriteItemsCommand({
    TransactItems: [
      { Put: { TableName: tables('PIM'), Item: marshall(row, { removeUndefinedValues: true }) } },
      guard(employeeEmailKey(row.email)),
      guard(employeeNumberKey(row.employeeNumber)),
    ],
  }));
  return row;
}

/** The stored item of `entityItem` in PIM, or undefined. */
export async function pimItem(client: DynamoDBClient, tenantId: string, entityItem: string): Promise<Record<string, unknown> | undefined> {
  const found = await client.send(new GetItemCommand({ TableName: tables('PIM'), Key: marshall({ TenantId: tenantKey(tenantId), EntityItem: entityItem }), ConsistentRead: true }));
  return found.Item ? unmarshall(found.Item) : undefined;
}

/** The stored employee, or undefined. */
export function storedEmployee(client: DynamoDBClient, tenantId: string, id: string): Promise<Record<string, unknown> | undefined> {
  return pimItem(client, tenantId, employeeItemKey(id));
}
