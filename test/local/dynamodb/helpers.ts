import { Agent } from 'node:http';
import { CreateTableCommand, DynamoDBClient, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { startLocalDynamo } from '../../../local/dynamodb/index.ts';
import type { LocalDynamo, LocalDynamoOptions } from '../../../local/dynamodb/index.ts';

/** An SDK client as the project uses it: keep-alive agent, dummy credentials, no retries. */
export function clientFor(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
    requestHandler: { httpAgent: new Agent({ keepAlive: true }) },
  });
}

/** A started local DynamoDB with a client on its gateway. */
export interface TestDynamo {
  local: LocalDynamo;
  client: DynamoDBClient;
  stop(): Promise<void>;
}

export async function startTestDynamo(options: LocalDynamoOptions = {}): Promise<TestDynamo> {
  const local = await startLocalDynamo(options);
  const client = clientFor(local.endpoint);
  return {
    local,
    client,
    async stop() {
      client.destroy();
      await local.stop();
    },
  };
}

/** Creates an on-demand table keyed `pk` (+ `sk` when `withSortKey`). */
export async function createTable(
  client: DynamoDBClient,
  TableName: string,
  { withSortKey = false, extra = {} }: { withSortKey?: boolean; extra?: Partial<CreateTableCommandInput> } = {},
): Promise<void> {
  await client.send(new CreateTableCommand({
    TableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: 'pk', AttributeType: 'S' },
      ...(withSortKey ? [{ AttributeName: 'sk', AttributeType: 'S' as const }] : []),
      ...(extra.AttributeDefinitions ?? []),
    ],
    KeySchema: [
      { AttributeName: 'pk', KeyType: 'HASH' },
      ...(withSortKey ? [{ AttributeName: 'sk', KeyType: 'RANGE' as const }] : []),
    ],
    ...(extra.GlobalSecondaryIndexes ? { GlobalSecondaryIndexes: extra.GlobalSecondaryIndexes } : {}),
  }));
  // CreateTable answers while the table is CREATING (as local/tables.ts knows): on disk and under
  // load, dynalite marks it ACTIVE late enough for a write right after to get ResourceNotFound.
  await waitUntilTableExists({ client, maxWaitTime: 30, minDelay: 1, maxDelay: 1 }, { TableName });
}
