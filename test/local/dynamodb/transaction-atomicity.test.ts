/**
 * A transaction reaches the store whole or not at all, even when the process dies while writing:
 * every item and index entry of TransactWriteItems goes to LevelDB in one batch. (Written item by
 * item, a crash left half a transaction on disk: the fault suite found an employee stored without
 * its employee-number guard, and a retried create made a second one.)
 */
import { GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynalite, type BatchOperation, type Dynalite } from '../../../local/dynamodb/dynalite.ts';
import { Transactions } from '../../../local/dynamodb/transactions.ts';
import { clientFor, createTable } from './helpers.ts';

const TABLE = 'Atomic';
let dynalite: Dynalite;
let client: DynamoDBClient;
let transactions: Transactions;
const originalBatch = () => dynalite.store.db.batch.bind(dynalite.store.db);

const put = (pk: string, team: string) => ({ Put: { TableName: TABLE, Item: { pk: { S: pk }, team: { S: team } }, ConditionExpression: 'attribute_not_exists(pk)' } });
const get = async (pk: string) => (await client.send(new GetItemCommand({ TableName: TABLE, Key: { pk: { S: pk } }, ConsistentRead: true }))).Item;
const team = async (name: string) => (await client.send(new QueryCommand({ TableName: TABLE, IndexName: 'byTeam', KeyConditionExpression: 'team = :t', ExpressionAttributeValues: { ':t': { S: name } } }))).Items ?? [];

beforeAll(async () => {
  dynalite = createDynalite({});
  await new Promise<void>((resolve) => dynalite.server.listen(0, '127.0.0.1', resolve));
  client = clientFor(`http://127.0.0.1:${(dynalite.server.address() as AddressInfo).port}`);
  await createTable(client, TABLE, { extra: { AttributeDefinitions: [{ AttributeName: 'team', AttributeType: 'S' }], GlobalSecondaryIndexes: [{ IndexName: 'byTeam', KeySchema: [{ AttributeName: 'team', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } }] } });
  transactions = new Transactions(dynalite.store);
});

afterAll(async () => {
  client?.destroy();
  await new Promise<void>((resolve) => dynalite.server.close(() => resolve()));
});

describe('TransactWriteItems on the store', () => {
  it('writes every item and index entry of a transaction in one batch', async () => {
    const batches: BatchOperation[][] = [];
    const batch = originalBatch();
    dynalite.store.db.batch = (operations, cb) => {
      batches.push(operations);
      batch(operations, cb);
    };
    try {
      const reply = await transactions.transactWriteItems({ TransactItems: [put('ann', 'blue'), put('ben', 'blue'), put('cy', 'green')] });
      expect(reply.status).toBe(200);
    } finally {
      dynalite.store.db.batch = batch;
    }
    expect(batches).toHaveLength(1);
    // Three items, three index entries.
    expect(batches[0]!.map((op) => op.type)).toEqual(['put', 'put', 'put', 'put', 'put', 'put']);
    expect(await get('ann')).toBeDefined();
    expect((await team('blue')).map((item) => item.pk?.S).sort()).toEqual(['ann', 'ben']);
  });

  it('leaves nothing of a transaction whose write the process did not live to finish', async () => {
    const batch = originalBatch();
    dynalite.store.db.batch = (_operations, cb) => cb(new Error('the process died while writing'));
    try {
      await expect(transactions.transactWriteItems({ TransactItems: [put('dee', 'red'), put('eve', 'red')] })).rejects.toThrow('the process died');
    } finally {
      dynalite.store.db.batch = batch;
    }
    expect(await get('dee')).toBeUndefined();
    expect(await get('eve')).toBeUndefined();
    expect(await team('red')).toEqual([]);
  });
});
