/**
 * A local DynamoDB child for the batch benchmarks, set up as the jobs tests set it up
 * (test/jobs/helpers.ts): STS and IAM enforcement on the gateway, the stage's tables, plus a
 * plain dynalite client for seeding, so set-up does not pay for enforcement.
 */
import { Agent } from 'node:http';
import { BatchWriteItemCommand, DynamoDBClient, type AttributeValue, type BatchWriteItemCommandOutput, type WriteRequest } from '@aws-sdk/client-dynamodb';
import { randomBytes } from 'node:crypto';
import { tableName, type TableId } from '../domain/model/tables.ts';
import { localIamConfig, startLocalDynamoWithIam, type KeyPair, type LocalDynamoWithIam, type LocalRoleArns } from '../local/iam/index.ts';
import { ensureTables } from '../local/tables.ts';

export const REGION = 'us-east-1';
export const STAGE = 'Dev';
export const tables = (id: TableId): string => tableName(id, STAGE);
/** BatchWriteItem calls in flight while seeding: enough to keep a child busy, few enough for 2 cores. */
const SEED_CONCURRENCY = 8;

export interface BenchDynamo {
  dynamo: LocalDynamoWithIam;
  roleArns: LocalRoleArns;
  internal: KeyPair;
  /** The system key through the enforcing gateway: what the picker and runner bookkeeping use. */
  system: DynamoDBClient;
  /** Plain dynalite on the same data, for seeding only, so set-up does not pay for enforcement. */
  seed: DynamoDBClient;
  /** Idempotent. */
  stop(): Promise<void>;
}

export function client(endpoint: string, credentials: KeyPair): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: REGION, credentials, requestHandler: { httpAgent: new Agent({ keepAlive: true }) } });
}

/** A local DynamoDB child with STS and IAM enforcement and the stage's tables. */
export async function startBenchDynamo(): Promise<BenchDynamo> {
  const internal = { accessKeyId: `AKIALOCAL${randomBytes(6).toString('hex').toUpperCase()}`, secretAccessKey: randomBytes(30).toString('base64url') };
  const { roleArns, ...iam } = localIamConfig({ stage: STAGE, region: REGION, accountId: '000000000000', documentsBucket: 'bench', internal, appSyncTables: ['PIM'], logLevel: 'error' });
  const dynamo = await startLocalDynamoWithIam({ iam });
  const system = client(dynamo.endpoint, internal);
  const seed = client(dynamo.dynaliteEndpoint, internal);
  let stopped: Promise<void> | undefined;
  const stop = () => (stopped ??= (async () => {
    system.destroy();
    seed.destroy();
    await dynamo.stop();
  })());
  try {
    await ensureTables(system, STAGE);
  } catch (error) {
    await stop();
    throw error;
  }
  return { dynamo, roleArns, internal, system, seed, stop };
}

/** Puts every item `items` yields into `table`, 25 per BatchWriteItem, `SEED_CONCURRENCY` calls at a time. */
export async function putAll(ddb: DynamoDBClient, table: string, items: Iterator<Record<string, AttributeValue>>): Promise<number> {
  let written = 0;
  const worker = async () => {
    for (;;) {
      const batch: WriteRequest[] = [];
      for (let next = items.next(); !next.done; next = items.next()) {
        batch.push({ PutRequest: { Item: next.value } });
        if (batch.length === 25) break;
      }
      if (batch.length === 0) return;
      for (let pending: WriteRequest[] | undefined = batch; pending?.length; ) {
        const out: BatchWriteItemCommandOutput = await ddb.send(new BatchWriteItemCommand({ RequestItems: { [table]: pending } }));
        pending = out.UnprocessedItems?.[table];
      }
      written += batch.length;
    }
  };
  await Promise.all(Array.from({ length: SEED_CONCURRENCY }, worker));
  return written;
}

