import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  DescribeTableCommand,
  GetItemCommand,
  paginateQuery,
  PutItemCommand,
  TransactGetItemsCommand,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { clientFor, createTable, startTestDynamo } from './helpers.ts';
import type { TestDynamo } from './helpers.ts';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start(options: Parameters<typeof startTestDynamo>[0] = {}): Promise<TestDynamo> {
  const ddb = await startTestDynamo(options);
  cleanups.push(() => ddb.stop());
  return ddb;
}

it('passes ordinary operations through: GSI, batches, paginated queries', async () => {
  const { client } = await start();
  await createTable(client, 'employees', {
    withSortKey: true,
    extra: {
      AttributeDefinitions: [{ AttributeName: 'email', AttributeType: 'S' }],
      GlobalSecondaryIndexes: [{ IndexName: 'byEmail', KeySchema: [{ AttributeName: 'email', KeyType: 'HASH' }], Projection: { ProjectionType: 'KEYS_ONLY' } }],
    },
  });
  const table = await client.send(new DescribeTableCommand({ TableName: 'employees' }));
  expect(table.Table?.GlobalSecondaryIndexes?.[0]?.IndexName).toBe('byEmail');

  const items: Record<string, AttributeValue>[] = Array.from({ length: 45 }, (_, i) => ({
    pk: { S: 'TENANT#1' }, sk: { S: `EMP#${String(i).padStart(3, '0')}` }, email: { S: `e${i}@example.com` },
  }));
  for (let i = 0; i < items.length; i += 25) {
    await client.send(new BatchWriteItemCommand({
      RequestItems: { employees: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) },
    }));
  }

  const pages: string[][] = [];
  for await (const page of paginateQuery({ client, pageSize: 10 }, {
    TableName: 'employees', KeyConditionExpression: 'pk = :t', ExpressionAttributeValues: { ':t': { S: 'TENANT#1' } },
  })) {
    pages.push((page.Items ?? []).map((item) => item.sk?.S ?? ''));
  }
  expect(pages.map((p) => p.length)).toEqual([10, 10, 10, 10, 5]);
  expect(pages.flat()).toEqual(items.map((item) => item.sk?.S));

  const byEmail = await client.send(new BatchGetItemCommand({
    RequestItems: { employees: { Keys: [{ pk: { S: 'TENANT#1' }, sk: { S: 'EMP#007' } }] } },
  }));
  expect(byEmail.Responses?.employees?.[0]?.email).toEqual({ S: 'e7@example.com' });

  const gsi = paginateQuery({ client, pageSize: 1 }, {
    TableName: 'employees', IndexName: 'byEmail', KeyConditionExpression: 'email = :e', ExpressionAttributeValues: { ':e': { S: 'e44@example.com' } },
  });
  const found = [];
  for await (const page of gsi) found.push(...(page.Items ?? []));
  expect(found).toEqual([{ pk: { S: 'TENANT#1' }, sk: { S: 'EMP#044' }, email: { S: 'e44@example.com' } }]);
});

it('shares one store between the gateway and the direct dynalite endpoint', async () => {
  const { client, local } = await start();
  await createTable(client, 'shared');
  await client.send(new TransactWriteItemsCommand({ TransactItems: [{ Put: { TableName: 'shared', Item: { pk: { S: 'x' } } } }] }));
  const direct = clientFor(local.dynaliteEndpoint);
  cleanups.push(async () => direct.destroy());
  expect((await direct.send(new GetItemCommand({ TableName: 'shared', Key: { pk: { S: 'x' } } }))).Item).toEqual({ pk: { S: 'x' } });
  await expect(direct.send(new TransactGetItemsCommand({ TransactItems: [{ Get: { TableName: 'shared', Key: { pk: { S: 'x' } } } }] })))
    .rejects.toThrow();
});

it('keeps data on disk across stop and start', async () => {
  const path = await mkdtemp(join(tmpdir(), 'local-dynamodb-'));
  cleanups.push(() => rm(path, { recursive: true, force: true }));

  const first = await startTestDynamo({ path });
  await createTable(first.client, 'durable');
  await first.client.send(new TransactWriteItemsCommand({
    TransactItems: [
      { Put: { TableName: 'durable', Item: { pk: { S: 'a' }, v: { N: '1' } } } },
      { Put: { TableName: 'durable', Item: { pk: { S: 'b' }, v: { N: '2' } } } },
    ],
  }));
  await first.stop();

  const second = await start({ path });
  const { Responses } = await second.client.send(new TransactGetItemsCommand({
    TransactItems: [{ Get: { TableName: 'durable', Key: { pk: { S: 'a' } } } }, { Get: { TableName: 'durable', Key: { pk: { S: 'b' } } } }],
  }));
  expect(Responses?.map((r) => r.Item?.v?.N)).toEqual(['1', '2']);
});

it('runs the request hook before every request, transactions and pass-through alike', async () => {
  const requestHook = fileURLToPath(new URL('./reject-hook.ts', import.meta.url));
  const { client } = await start({ requestHook });
  await createTable(client, 'allowed');
  await client.send(new PutItemCommand({ TableName: 'allowed', Item: { pk: { S: 'x' } } }));
  expect((await client.send(new GetItemCommand({ TableName: 'allowed', Key: { pk: { S: 'x' } } }))).Item).toEqual({ pk: { S: 'x' } });
  await client.send(new TransactWriteItemsCommand({ TransactItems: [{ Put: { TableName: 'allowed', Item: { pk: { S: 'y' } } } }] }));

  await expect(client.send(new GetItemCommand({ TableName: 'forbidden', Key: { pk: { S: 'x' } } })))
    .rejects.toMatchObject({ name: 'AccessDeniedException', message: 'denied by test hook' });
  await expect(client.send(new TransactWriteItemsCommand({ TransactItems: [{ Put: { TableName: 'forbidden', Item: { pk: { S: 'y' } } } }] })))
    .rejects.toMatchObject({ name: 'AccessDeniedException' });
});
