/**
 * The DynamoDB data source's nextToken: opaque, signed and bound to the query that produced it,
 * so a client can neither forge a start key nor reuse a token on another query (another tenant's
 * partition). Runs against a fake client: no DynamoDB needed.
 */
import { describe, expect, it } from 'vitest';
import { dynamoDBDataSource } from '../../../local/appsync/datasources/dynamodb.ts';
import type { DynamoDBWire } from '../../../local/appsync/datasources/dynamodb-wire.ts';

const LAST_KEY = { PK: { S: 'TENANT#acme' }, SK: { S: 'EMPLOYEE#0042' } };

/** A connection that answers every Query with one item and a LastEvaluatedKey, and remembers the inputs. */
function fakeClient() {
  const inputs: Record<string, unknown>[] = [];
  const wire: DynamoDBWire = {
    send: async <T,>(operation: string, input: object) => {
      expect(operation).toBe('Query');
      inputs.push(input as Record<string, unknown>);
      return { Items: [{ PK: { S: 'TENANT#acme' }, SK: { S: 'EMPLOYEE#0001' } }], LastEvaluatedKey: LAST_KEY, ScannedCount: 1 } as T;
    },
    destroy: () => undefined,
  };
  return { client: wire, inputs };
}

const query = (tenant: string, nextToken?: string) => ({
  operation: 'Query',
  query: { expression: 'PK = :pk', expressionValues: { ':pk': { S: `TENANT#${tenant}` } } },
  limit: 1,
  ...(nextToken === undefined ? {} : { nextToken }),
});

const secret = Buffer.alloc(32, 7);

describe('DynamoDB data source pagination tokens', () => {
  it('turn LastEvaluatedKey into an opaque nextToken that the same query accepts as its start key', async () => {
    const { client, inputs } = fakeClient();
    const ds = dynamoDBDataSource({ wire: client, tableName: 'PIM-Test', tokenSecret: secret });

    const first = await ds.invoke(query('acme'));
    const token = (first.result as { nextToken: string }).nextToken;
    expect(first).toEqual({ result: { items: [{ PK: 'TENANT#acme', SK: 'EMPLOYEE#0001' }], nextToken: expect.any(String), scannedCount: 1 } });
    expect(token).not.toContain('EMPLOYEE#0042');

    const second = await ds.invoke(query('acme', token));
    expect(second.error).toBeUndefined();
    expect(inputs[1]!.ExclusiveStartKey).toEqual(LAST_KEY);
  });

  it('refuse a tampered token before calling DynamoDB', async () => {
    const { client, inputs } = fakeClient();
    const ds = dynamoDBDataSource({ wire: client, tableName: 'PIM-Test', tokenSecret: secret });
    const token = ((await ds.invoke(query('acme'))).result as { nextToken: string }).nextToken;
    const [payload, signature] = token.split('.') as [string, string];
    const forgedKey = Buffer.from(JSON.stringify({ PK: { S: 'TENANT#globex' }, SK: { S: 'EMPLOYEE#0001' } })).toString('base64url');

    for (const bad of [`${forgedKey}.${signature}`, `${payload}.${signature.slice(0, -2)}AA`, payload, 'garbage', '']) {
      const answer = await ds.invoke(query('acme', bad));
      expect(answer).toEqual({
        result: null,
        // What AppSync answers (aws-amplify/amplify-cli#3411), so resolvers map one error on both.
        error: {
          type: 'DynamoDB:UserIllegalArgumentException',
          message: 'com.amazonaws.deepdish.common.pagination.InvalidPaginationTokenException: Invalid pagination token given.',
        },
      });
    }
    expect(inputs).toHaveLength(1);
  });

  it('refuse a token from another query (another partition, another index) or another table', async () => {
    const { client, inputs } = fakeClient();
    const ds = dynamoDBDataSource({ wire: client, tableName: 'PIM-Test', tokenSecret: secret });
    const token = ((await ds.invoke(query('acme'))).result as { nextToken: string }).nextToken;

    const otherTenant = await ds.invoke(query('globex', token));
    const otherIndex = await ds.invoke({ ...query('acme', token), index: 'byEmail' });
    const otherTable = await dynamoDBDataSource({ wire: client, tableName: 'Payroll-Test', tokenSecret: secret }).invoke(query('acme', token));

    for (const answer of [otherTenant, otherIndex, otherTable]) expect(answer.error?.type).toBe('DynamoDB:UserIllegalArgumentException');
    expect(inputs).toHaveLength(1);
  });

  it('refuse a token signed with another secret (e.g. another stack)', async () => {
    const { client } = fakeClient();
    const token = ((await dynamoDBDataSource({ wire: client, tableName: 'PIM-Test', tokenSecret: secret }).invoke(query('acme'))).result as { nextToken: string })
      .nextToken;

    const answer = await dynamoDBDataSource({ wire: client, tableName: 'PIM-Test', tokenSecret: Buffer.alloc(32, 8) }).invoke(query('acme', token));
    expect(answer.error?.type).toBe('DynamoDB:UserIllegalArgumentException');
  });
});
