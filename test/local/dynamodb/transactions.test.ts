import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  GetItemCommand,
  IdempotentParameterMismatchException,
  PutItemCommand,
  QueryCommand,
  ResourceNotFoundException,
  TransactGetItemsCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import type { TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { createTable, startTestDynamo } from './helpers.ts';
import type { TestDynamo } from './helpers.ts';

const TABLE = 'people';
const key = (pk: string) => ({ pk: { S: pk } });

let ddb: TestDynamo;

beforeEach(async () => {
  ddb = await startTestDynamo();
  await createTable(ddb.client, TABLE, {
    extra: {
      AttributeDefinitions: [{ AttributeName: 'team', AttributeType: 'S' }],
      GlobalSecondaryIndexes: [{ IndexName: 'byTeam', KeySchema: [{ AttributeName: 'team', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } }],
    },
  });
  await put({ pk: { S: 'alice' }, n: { N: '1' }, team: { S: 'red' } });
  await put({ pk: { S: 'bob' }, n: { N: '5' } });
});

afterEach(() => ddb.stop());

async function put(Item: Record<string, { S: string } | { N: string }>) {
  await ddb.client.send(new PutItemCommand({ TableName: TABLE, Item }));
}

async function get(pk: string) {
  return (await ddb.client.send(new GetItemCommand({ TableName: TABLE, Key: key(pk) }))).Item;
}

async function transactError(TransactItems: TransactWriteItem[], ClientRequestToken?: string): Promise<Error> {
  return ddb.client.send(new TransactWriteItemsCommand({ TransactItems, ClientRequestToken })).then(
    () => { throw new Error('expected the transaction to fail'); },
    (err: Error) => err,
  );
}

const incrementAlice = (expected: string): TransactWriteItem => ({
  Update: {
    TableName: TABLE,
    Key: key('alice'),
    UpdateExpression: 'SET #n = #n + :one',
    ConditionExpression: '#n = :expected',
    ExpressionAttributeNames: { '#n': 'n' },
    ExpressionAttributeValues: { ':one': { N: '1' }, ':expected': { N: expected } },
    ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
  },
});

describe('TransactWriteItems', () => {
  it('applies every action when all conditions hold, secondary indexes included', async () => {
    await ddb.client.send(new TransactWriteItemsCommand({
      TransactItems: [
        { Put: { TableName: TABLE, Item: { pk: { S: 'carol' }, team: { S: 'red' } }, ConditionExpression: 'attribute_not_exists(pk)' } },
        incrementAlice('1'),
        { Delete: { TableName: TABLE, Key: key('bob'), ConditionExpression: 'n > :zero', ExpressionAttributeValues: { ':zero': { N: '0' } } } },
        { ConditionCheck: { TableName: TABLE, Key: key('dave'), ConditionExpression: 'attribute_not_exists(pk)' } },
      ],
    }));
    expect(await get('alice')).toEqual({ pk: { S: 'alice' }, n: { N: '2' }, team: { S: 'red' } });
    expect(await get('carol')).toEqual({ pk: { S: 'carol' }, team: { S: 'red' } });
    expect(await get('bob')).toBeUndefined();
    expect(await get('dave')).toBeUndefined();
    const team = await ddb.client.send(new QueryCommand({
      TableName: TABLE, IndexName: 'byTeam', KeyConditionExpression: 'team = :red', ExpressionAttributeValues: { ':red': { S: 'red' } },
    }));
    expect(team.Items?.map((item) => item.pk?.S).sort()).toEqual(['alice', 'carol']);
  });

  it('writes nothing when one condition fails and reports every reason', async () => {
    const err = await transactError([
      { Put: { TableName: TABLE, Item: { pk: { S: 'carol' } } } },
      incrementAlice('41'),
      { Delete: { TableName: TABLE, Key: key('bob') } },
      {
        Update: {
          TableName: TABLE,
          Key: key('zed'),
          UpdateExpression: 'SET n = :six',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':six': { N: '6' } },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
    ]);
    expect(err).toBeInstanceOf(TransactionCanceledException);
    const cancelled = err as TransactionCanceledException;
    expect(cancelled.message).toBe(
      'Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed, None, ConditionalCheckFailed]');
    expect(cancelled.CancellationReasons).toEqual([
      { Code: 'None' },
      { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed', Item: { pk: { S: 'alice' }, n: { N: '1' }, team: { S: 'red' } } },
      { Code: 'None' },
      // ALL_OLD on a missing item: no Item.
      { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' },
    ]);
    expect(await get('carol')).toBeUndefined();
    expect(await get('alice')).toEqual({ pk: { S: 'alice' }, n: { N: '1' }, team: { S: 'red' } });
    expect(await get('bob')).toEqual({ pk: { S: 'bob' }, n: { N: '5' } });
    expect(await get('zed')).toBeUndefined();
  });

  it('omits the old item unless ReturnValuesOnConditionCheckFailure is ALL_OLD', async () => {
    const err = await transactError([
      { ConditionCheck: { TableName: TABLE, Key: key('bob'), ConditionExpression: 'n = :six', ExpressionAttributeValues: { ':six': { N: '6' } } } },
    ]);
    expect((err as TransactionCanceledException).CancellationReasons).toEqual([
      { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' },
    ]);
  });

  it('cancels with ValidationError when an update cannot apply to the stored item', async () => {
    await put({ pk: { S: 'erin' }, n: { S: 'not a number' } });
    const err = await transactError([
      { Put: { TableName: TABLE, Item: { pk: { S: 'carol' } } } },
      { Update: { TableName: TABLE, Key: key('erin'), UpdateExpression: 'SET n = n + :one', ExpressionAttributeValues: { ':one': { N: '1' } } } },
    ]);
    expect((err as TransactionCanceledException).CancellationReasons).toEqual([
      { Code: 'None' },
      { Code: 'ValidationError', Message: 'An operand in the update expression has an incorrect data type' },
    ]);
    expect(await get('carol')).toBeUndefined();
  });
});

describe('ClientRequestToken', () => {
  it('answers a repeated request without applying it twice', async () => {
    const request = { TransactItems: [incrementAlice('1')], ClientRequestToken: 'token-1' };
    const first = await ddb.client.send(new TransactWriteItemsCommand(request));
    const second = await ddb.client.send(new TransactWriteItemsCommand(request));
    expect(second.$metadata.httpStatusCode).toBe(200);
    expect({ ...second, $metadata: undefined }).toEqual({ ...first, $metadata: undefined });
    expect((await get('alice'))?.n).toEqual({ N: '2' });
  });

  it('rejects the same token with different actions', async () => {
    await ddb.client.send(new TransactWriteItemsCommand({ TransactItems: [incrementAlice('1')], ClientRequestToken: 'token-2' }));
    const err = await transactError([incrementAlice('2')], 'token-2');
    expect(err).toBeInstanceOf(IdempotentParameterMismatchException);
    expect((await get('alice'))?.n).toEqual({ N: '2' });
  });

  it('lets a cancelled request be retried with its token', async () => {
    const err = await transactError([incrementAlice('2')], 'token-3');
    expect(err).toBeInstanceOf(TransactionCanceledException);
    await put({ pk: { S: 'alice' }, n: { N: '2' } });
    await ddb.client.send(new TransactWriteItemsCommand({ TransactItems: [incrementAlice('2')], ClientRequestToken: 'token-3' }));
    expect((await get('alice'))?.n).toEqual({ N: '3' });
  });
});

describe('TransactGetItems', () => {
  it('returns the items in request order, with projections and empty entries for missing items', async () => {
    const result = await ddb.client.send(new TransactGetItemsCommand({
      TransactItems: [
        { Get: { TableName: TABLE, Key: key('bob') } },
        { Get: { TableName: TABLE, Key: key('nobody') } },
        { Get: { TableName: TABLE, Key: key('alice'), ProjectionExpression: '#t', ExpressionAttributeNames: { '#t': 'team' } } },
      ],
    }));
    expect(result.Responses).toEqual([
      { Item: { pk: { S: 'bob' }, n: { N: '5' } } },
      {},
      { Item: { team: { S: 'red' } } },
    ]);
  });
});

describe('validation', () => {
  const putItem = (pk: string): TransactWriteItem => ({ Put: { TableName: TABLE, Item: { pk: { S: pk } } } });

  async function validationMessage(TransactItems: TransactWriteItem[]): Promise<string> {
    const err = await transactError(TransactItems);
    expect(err.name).toBe('ValidationException');
    return err.message;
  }

  it('rejects more than 100 actions', async () => {
    const items = Array.from({ length: 101 }, (_, i) => putItem(`p${i}`));
    expect(await validationMessage(items)).toMatch(
      /^1 validation error detected: Value '.*' at 'transactItems' failed to satisfy constraint: Member must have length less than or equal to 100$/);
  });

  it('accepts exactly 100 actions', async () => {
    await ddb.client.send(new TransactWriteItemsCommand({ TransactItems: Array.from({ length: 100 }, (_, i) => putItem(`p${i}`)) }));
    expect(await get('p99')).toEqual({ pk: { S: 'p99' } });
  });

  it('rejects zero actions', async () => {
    expect(await validationMessage([])).toBe(
      "1 validation error detected: Value '[]' at 'transactItems' failed to satisfy constraint: Member must have length greater than or equal to 1");
  });

  it('rejects two actions on one item', async () => {
    expect(await validationMessage([putItem('alice'), incrementAlice('1')]))
      .toBe('Transaction request cannot include multiple operations on one item');
    const getTwice = ddb.client.send(new TransactGetItemsCommand({
      TransactItems: [{ Get: { TableName: TABLE, Key: key('bob') } }, { Get: { TableName: TABLE, Key: key('bob') } }],
    }));
    await expect(getTwice).rejects.toThrow('Transaction request cannot include multiple operations on one item');
    expect((await get('alice'))?.n).toEqual({ N: '1' });
  });

  it('rejects missing key attributes', async () => {
    expect(await validationMessage([{ Put: { TableName: TABLE, Item: { n: { N: '1' } } } }]))
      .toBe('One or more parameter values were invalid: Missing the key pk in the item');
    expect(await validationMessage([{ Delete: { TableName: TABLE, Key: { n: { N: '1' } } } }]))
      .toBe('The provided key element does not match the schema');
  });

  it('rejects invalid expressions before executing anything', async () => {
    expect(await validationMessage([putItem('carol'), { Update: { TableName: TABLE, Key: key('bob'), UpdateExpression: 'SET' } }]))
      .toMatch(/^Invalid UpdateExpression: Syntax error/);
    expect(await get('carol')).toBeUndefined();
  });

  it('rejects an unknown table', async () => {
    const err = await transactError([putItem('carol'), { Put: { TableName: 'nowhere', Item: { pk: { S: 'x' } } } }]);
    expect(err).toBeInstanceOf(ResourceNotFoundException);
    expect(err.message).toBe('Requested resource not found');
    expect(await get('carol')).toBeUndefined();
  });
});
