import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import {
  GetItemCommand,
  PutItemCommand,
  TransactGetItemsCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { createTable, startTestDynamo } from './helpers.ts';
import type { TestDynamo } from './helpers.ts';

const TABLE = 'accounts';
const key = (pk: string) => ({ pk: { S: pk } });
const one = { ':one': { N: '1' } };

let ddb: TestDynamo;
let dataPath: string | undefined;

async function start(store: 'memory' | 'disk'): Promise<void> {
  dataPath = store === 'disk' ? await mkdtemp(join(tmpdir(), 'local-dynamodb-')) : undefined;
  ddb = await startTestDynamo(dataPath ? { path: dataPath } : {});
  await createTable(ddb.client, TABLE);
  for (const [pk, balance] of [['a', '30'], ['b', '0']] as const) {
    await ddb.client.send(new PutItemCommand({ TableName: TABLE, Item: { pk: { S: pk }, balance: { N: balance }, hits: { N: '0' } } }));
  }
}

afterEach(async () => {
  await ddb.stop();
  if (dataPath) await rm(dataPath, { recursive: true, force: true });
});

/** Moves 1 from a to b, if a has it. Resolves to whether it committed. */
function transfer(): Promise<boolean> {
  return ddb.client.send(new TransactWriteItemsCommand({
    TransactItems: [
      { Update: { TableName: TABLE, Key: key('a'), UpdateExpression: 'SET balance = balance - :one', ConditionExpression: 'balance >= :one', ExpressionAttributeValues: one } },
      { Update: { TableName: TABLE, Key: key('b'), UpdateExpression: 'SET balance = balance + :one', ConditionExpression: 'attribute_exists(pk)', ExpressionAttributeValues: one } },
    ],
  })).then(() => true, (err: unknown) => {
    if (err instanceof TransactionCanceledException) return false;
    throw err;
  });
}

function hit(pk: string): Promise<unknown> {
  return ddb.client.send(new UpdateItemCommand({ TableName: TABLE, Key: key(pk), UpdateExpression: 'ADD hits :one', ExpressionAttributeValues: one }));
}

/** The sum of both balances as one TransactGetItems sees it. */
async function total(): Promise<number> {
  const { Responses = [] } = await ddb.client.send(new TransactGetItemsCommand({
    TransactItems: [{ Get: { TableName: TABLE, Key: key('a') } }, { Get: { TableName: TABLE, Key: key('b') } }],
  }));
  return Responses.reduce((sum, r) => sum + Number(r.Item?.balance?.N), 0);
}

// On disk, LevelDB's slower I/O interleaves concurrent requests much more than in memory.
it.each(['memory', 'disk'] as const)('serializes transactions with single-item writes on the same items (%s)', async (store) => {
  await start(store);
  const transfers = Array.from({ length: 50 }, transfer);
  const hits = Array.from({ length: 50 }, (_, i) => hit(i % 2 ? 'a' : 'b'));
  const totals = Array.from({ length: 30 }, total);
  const [committed, , seenTotals] = await Promise.all([Promise.all(transfers), Promise.all(hits), Promise.all(totals)]);

  // Exactly the 30 units available moved; the others were cancelled by a's condition.
  expect(committed.filter(Boolean)).toHaveLength(30);
  expect(seenTotals.every((sum) => sum === 30)).toBe(true);
  const a = (await ddb.client.send(new GetItemCommand({ TableName: TABLE, Key: key('a') }))).Item;
  const b = (await ddb.client.send(new GetItemCommand({ TableName: TABLE, Key: key('b') }))).Item;
  expect([a?.balance?.N, b?.balance?.N]).toEqual(['0', '30']);
  // A transaction writes whole item images: a lost UpdateItem would show here.
  expect([a?.hits?.N, b?.hits?.N]).toEqual(['25', '25']);
});
