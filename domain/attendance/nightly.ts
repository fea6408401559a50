/**
 * What `AIML-SaaS-AttGen-System` does each time it runs: for every active customer tenant, make
 * sure an `AIML-SaaS-AttGen-Tenant` job exists for the tenant's last settled day (the day before
 * today in the tenant's zone, once the settle time has passed there), so each tenant's attendance
 * is generated in its own invocation: a big tenant cannot starve the others and one failure stays
 * one tenant's. Job ids are derived from the day, so running every hour (or twice) creates each
 * tenant's job once; a missed hour (or a DST night skipping the settle hour) is caught up by the
 * next run.
 */
import { QueryCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { createJob, JobConflictError, type JobStore } from '../jobs/engine.ts';
import { addDays } from '../model/dates.ts';
import { REGISTRY_ITEM, tenantSettings, type TenantRecord } from '../tenancy/registry.ts';
import { TENANTS_BY_ITEM } from '../tenancy/model/keys.ts';
import { localDate, localTime } from '../time.ts';
import { DEFAULT_COVER_DAYS, DEFAULT_SETTLE_TIME, type AttGenSystemPayload, type AttGenTenantPayload } from './runner-payloads.ts';
import { inPool } from '../pool.ts';

/** A tenant's generation job for one settled day. */
export interface NightlyJob {
  tenantId: string;
  jobId: string;
  payload: Required<Pick<AttGenTenantPayload, 'from' | 'to'>>;
}

/** The id of a tenant's generation job for a settled day: `attgen-2027-03-28`. */
export function nightlyJobId(settledDay: string): string {
  return `attgen-${settledDay}`;
}

/** The last settled day of a tenant at `at`: yesterday in its zone once the settle time has passed there, else the day before. */
export function settledDay(at: Date, timeZone: string, settleTime: string): string {
  const today = localDate(at, timeZone);
  return addDays(today, localTime(at, timeZone) >= settleTime ? -1 : -2);
}

/** The jobs the tenants need at `at` (suspended, offboarding and system tenants get none). */
export function nightlyJobs(tenants: readonly Pick<TenantRecord, 'tenantId' | 'kind' | 'status' | 'settings'>[], at: Date, payload: AttGenSystemPayload): NightlyJob[] {
  const settle = payload.settleTime ?? DEFAULT_SETTLE_TIME;
  const cover = payload.coverDays ?? DEFAULT_COVER_DAYS;
  return tenants
    .filter((t) => t.kind === 'customer' && t.status === 'active')
    .map((t) => {
      const day = settledDay(at, tenantSettings(t).timeZone, settle);
      return { tenantId: t.tenantId, jobId: nightlyJobId(day), payload: { from: addDays(day, 1 - cover), to: day } };
    });
}

/** Every tenant's registry record, through the registry's `ByItem` index (a Query, never a Scan). */
export async function registeredTenants(dynamodb: DynamoDBClient, registryTable: string): Promise<TenantRecord[]> {
  const tenants: TenantRecord[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await dynamodb.send(new QueryCommand({
      TableName: registryTable,
      IndexName: TENANTS_BY_ITEM.name,
      KeyConditionExpression: '#item = :profile',
      ExpressionAttributeNames: { '#item': TENANTS_BY_ITEM.partitionKey.name },
      ExpressionAttributeValues: { ':profile': { S: REGISTRY_ITEM } },
      ExclusiveStartKey: start,
    }));
    for (const item of page.Items ?? []) tenants.push(unmarshall(item) as TenantRecord);
    start = page.LastEvaluatedKey;
  } while (start);
  return tenants;
}

/** What one run did. */
export interface NightlyResult {
  tenants: number;
  created: string[];
  /** Tenants whose job for the day existed already (an earlier run made it). */
  existing: string[];
  /** Tenants whose job could not be written, with why; the others are unaffected. */
  failed: { tenantId: string; error: string }[];
  skipped: number;
}

/** Creates the missing jobs (due now), a few tenants at a time; one tenant's failure does not stop the others'. */
export async function createNightlyJobs(store: JobStore, tenants: readonly TenantRecord[], at: Date, payload: AttGenSystemPayload, concurrency = 16): Promise<NightlyResult> {
  const jobs = nightlyJobs(tenants, at, payload);
  const result: NightlyResult = { tenants: tenants.length, created: [], existing: [], failed: [], skipped: tenants.length - jobs.length };
  await inPool(jobs, concurrency, async (job) => {
    try {
      await createJob(store, { tenantId: job.tenantId, jobId: job.jobId, runner: 'AIML-SaaS-AttGen-Tenant', payload: job.payload, runAt: at.toISOString() }, at);
      result.created.push(job.tenantId);
    } catch (error) {
      if (error instanceof JobConflictError) result.existing.push(job.tenantId);
      else result.failed.push({ tenantId: job.tenantId, error: error instanceof Error ? error.message : String(error) });
    }
  });
  return result;
}
