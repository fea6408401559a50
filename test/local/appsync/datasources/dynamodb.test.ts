/**
 * The AMAZON_DYNAMODB data source end to end: fixture resolvers written with `@aws-appsync/utils`
 * and `@aws-appsync/utils/dynamodb` (test/fixtures/appsync/dynamodb/), bundled like the real
 * ones, run by the local AppSync runtime against the local DynamoDB (in memory). Each test asserts
 * what AppSync documents for `ctx.result` / `ctx.error` ("AWS AppSync JavaScript resolver function
 * reference for DynamoDB"); AWSJSON fields hand back `ctx.result` exactly.
 */
import {
  BatchWriteItemCommand,
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  ScanCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppSyncApi } from '../../../../local/appsync/api.ts';
import { dynamoDBDataSource } from '../../../../local/appsync/datasources/dynamodb.ts';
import { dynamoDBWire, type DynamoDBWire } from '../../../../local/appsync/datasources/dynamodb-wire.ts';
import { startLocalDynamo, type LocalDynamo } from '../../../../local/dynamodb/index.ts';
import type { DataSourceName, ResolverDeclaration } from '../../../../resolvers/manifest.ts';
import { bundledFixtures, fixtureAuthorizer, graphqlRequest, json, silentLogger } from '../../../fixtures/appsync/harness.ts';

const FIXTURE_DIR = fileURLToPath(new URL('../../../fixtures/appsync/dynamodb/', import.meta.url));
const RESOLVER_DIR = path.join(FIXTURE_DIR, 'resolvers');
const SCHEMA_FILE = path.join(FIXTURE_DIR, 'schema.graphql');

const REGION = 'us-east-1';
const CREDENTIALS = { accessKeyId: 'AKIADYNAMOFIXTURE', secretAccessKey: 'dynamo-fixture-secret' };
const TABLE = 'Records-Fixture';
const AUDIT_TABLE = 'Audit-Fixture';

/** The fixture data source's name (the manifest types only know the real ones). */
const RECORDS = 'RecordsTable' as string as DataSourceName;
const unit = (typeName: string, fieldName: string): ResolverDeclaration => ({
  typeName,
  fieldName,
  kind: 'UNIT',
  source: `${fieldName}.ts`,
  dataSource: RECORDS,
});
const RESOLVERS: ResolverDeclaration[] = [
  ...['getRecord', 'queryRecords', 'scanRecords', 'batchGetRecords', 'transactGetRecords', 'rawRequest'].map((f) => unit('Query', f)),
  ...['putRecord', 'updateRecord', 'deleteRecord', 'batchPutRecords', 'batchDeleteRecords', 'transactWriteRecords'].map((f) => unit('Mutation', f)),
];

let dynamo: LocalDynamo;
let client: DynamoDBClient;
let wire: DynamoDBWire;
let fixtures: Awaited<ReturnType<typeof bundledFixtures>>;
let api: Awaited<ReturnType<typeof createAppSyncApi>>;

beforeAll(async () => {
  dynamo = await startLocalDynamo();
  client = new DynamoDBClient({ endpoint: dynamo.endpoint, region: REGION, credentials: CREDENTIALS });
  await client.send(
    new CreateTableCommand({
      TableName: TABLE,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
        { AttributeName: 'team', AttributeType: 'S' },
        { AttributeName: 'rank', AttributeType: 'N' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'byTeam',
          KeySchema: [
            { AttributeName: 'team', KeyType: 'HASH' },
            { AttributeName: 'rank', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    }),
  );
  await client.send(
    new CreateTableCommand({
      TableName: AUDIT_TABLE,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    }),
  );
  wire = dynamoDBWire({ endpoint: dynamo.endpoint, region: REGION, credentials: CREDENTIALS });
  fixtures = await bundledFixtures([...RESOLVERS.map((r) => r.source)], RESOLVER_DIR);
  api = await createAppSyncApi({
    schema: await readFile(SCHEMA_FILE, 'utf8'),
    resolvers: RESOLVERS,
    functions: {},
    dataSources: { [RECORDS]: dynamoDBDataSource({ wire, tableName: TABLE }) },
    root: fixtures.root,
    environment: { TABLE, AUDIT_TABLE },
    auth: { defaultMode: 'AWS_LAMBDA', lambda: { handler: fixtureAuthorizer().handler, resultTtlSeconds: 300 } },
    apiId: 'dynamodb-fixture-api',
    accountId: '000000000000',
    logger: silentLogger,
  });
});

afterAll(async () => {
  wire?.destroy();
  client?.destroy();
  await dynamo?.stop();
  await fixtures?.remove();
});

type GraphQLError = Record<string, unknown>;

/** Runs one operation; answers the field's value (AWSJSON parsed) and the response's errors. */
async function call(document: string, variables: Record<string, unknown> = {}) {
  const response = await api.handle(graphqlRequest({ query: document, variables }));
  expect(response.status).toBe(200);
  const body = json(response);
  const data = (body.data ?? {}) as Record<string, string | null>;
  const [field] = Object.keys(data);
  const raw = field === undefined ? null : data[field]!;
  return { value: raw === null ? null : (JSON.parse(raw) as unknown), errors: body.errors as GraphQLError[] | undefined };
}

/** Like {@link call}, for a field that must succeed. */
async function ok<T = unknown>(document: string, variables: Record<string, unknown> = {}): Promise<T> {
  const { value, errors } = await call(document, variables);
  expect(errors).toBeUndefined();
  return value as T;
}

/** Like {@link call}, for a field that must fail with exactly one error; answers it. */
async function failure(document: string, variables: Record<string, unknown> = {}): Promise<GraphQLError> {
  const { value, errors } = await call(document, variables);
  expect(value).toBeNull();
  expect(errors).toHaveLength(1);
  return errors![0]!;
}

const GET = `query ($pk: String!, $sk: String!, $consistentRead: Boolean, $projection: [String!]) {
  getRecord(pk: $pk, sk: $sk, consistentRead: $consistentRead, projection: $projection)
}`;
const PUT = `mutation ($pk: String!, $sk: String!, $item: AWSJSON!, $tags: [String!], $onlyIfNew: Boolean) {
  putRecord(pk: $pk, sk: $sk, item: $item, tags: $tags, onlyIfNew: $onlyIfNew)
}`;
const UPDATE = `mutation ($pk: String!, $sk: String!, $expectedVersion: Int!, $addToCount: Int!, $appendNotes: [String!]!, $profile: AWSJSON!) {
  updateRecord(pk: $pk, sk: $sk, expectedVersion: $expectedVersion, addToCount: $addToCount, appendNotes: $appendNotes, profile: $profile)
}`;
const DELETE = 'mutation ($pk: String!, $sk: String!) { deleteRecord(pk: $pk, sk: $sk) }';
const QUERY = `query ($pk: String, $team: String, $skBeginsWith: String, $minRank: Int, $filter: AWSJSON, $limit: Int, $nextToken: String, $forward: Boolean) {
  queryRecords(pk: $pk, team: $team, skBeginsWith: $skBeginsWith, minRank: $minRank, filter: $filter, limit: $limit, nextToken: $nextToken, forward: $forward)
}`;
const SCAN = `query ($filter: AWSJSON, $limit: Int, $nextToken: String, $segment: Int, $totalSegments: Int) {
  scanRecords(filter: $filter, limit: $limit, nextToken: $nextToken, segment: $segment, totalSegments: $totalSegments)
}`;
const BATCH_GET = 'query ($keys: [KeyInput!]!, $auditIds: [String!]) { batchGetRecords(keys: $keys, auditIds: $auditIds) }';
const BATCH_PUT = 'mutation ($records: AWSJSON!, $audits: AWSJSON) { batchPutRecords(records: $records, audits: $audits) }';
const BATCH_DELETE = 'mutation ($keys: [KeyInput!]!) { batchDeleteRecords(keys: $keys) }';
const TRANSACT_GET = 'query ($keys: [KeyInput!]!) { transactGetRecords(keys: $keys) }';
const TRANSACT_WRITE = `mutation ($put: KeyInput!, $bump: KeyInput!, $expectedCount: Int!, $remove: KeyInput!, $check: KeyInput!) {
  transactWriteRecords(put: $put, bump: $bump, expectedCount: $expectedCount, remove: $remove, check: $check)
}`;
const RAW = 'query ($request: AWSJSON!) { rawRequest(request: $request) }';

type Row = Record<string, unknown>;
type Page = { items: Row[]; nextToken: string | null; scannedCount: number };

/** Writes rows straight through the SDK (25 at a time). */
async function seed(table: string, rows: Row[]) {
  for (let i = 0; i < rows.length; i += 25) {
    const chunk = rows.slice(i, i + 25).map((row) => ({ PutRequest: { Item: marshall(row) } }));
    await client.send(new BatchWriteItemCommand({ RequestItems: { [table]: chunk } }));
  }
}

/** The stored item as DynamoDB holds it (typed values), read consistently through the SDK. */
async function stored(key: Row, table = TABLE): Promise<Record<string, AttributeValue> | null> {
  const out = await client.send(new GetItemCommand({ TableName: table, Key: marshall(key), ConsistentRead: true }));
  return out.Item ?? null;
}

const storedPlain = async (key: Row, table = TABLE) => {
  const item = await stored(key, table);
  return item ? unmarshall(item) : null;
};

/** Follows nextToken until the end; answers every page. */
async function allPages(document: string, variables: Record<string, unknown>): Promise<Page[]> {
  const pages: Page[] = [];
  let nextToken: string | null = null;
  do {
    const page: Page = await ok<Page>(document, { ...variables, nextToken });
    pages.push(page);
    nextToken = page.nextToken;
  } while (nextToken !== null && pages.length < 50);
  return pages;
}

const CONDITION_FAILED_MESSAGE = 'The conditional request failed (Service: DynamoDb, Status Code: 400)';

describe('GetItem', () => {
  const alice = { pk: 'get', sk: 'alice', team: 'get-red', rank: 1, name: 'Alice', profile: { city: 'Oslo', zip: '0150' }, active: true };

  beforeAll(() => seed(TABLE, [alice]));

  it('answers the item as plain JSON, with or without a consistent read', async () => {
    expect(await ok(GET, { pk: 'get', sk: 'alice' })).toEqual(alice);
    expect(await ok(GET, { pk: 'get', sk: 'alice', consistentRead: true })).toEqual(alice);
  });

  it('answers null for a key that matches no item (no error)', async () => {
    expect(await call(GET, { pk: 'get', sk: 'nobody' })).toEqual({ value: null, errors: undefined });
  });

  it('answers only the projected attributes, nested paths included', async () => {
    expect(await ok(GET, { pk: 'get', sk: 'alice', projection: ['name', 'profile.city'] })).toEqual({ name: 'Alice', profile: { city: 'Oslo' } });
  });
});

describe('PutItem', () => {
  it('writes key + attributeValues and answers the item written', async () => {
    const item = { name: 'Bob', team: 'put-blue', rank: 7 };

    expect(await ok(PUT, { pk: 'put', sk: 'bob', item: JSON.stringify(item) })).toEqual({ pk: 'put', sk: 'bob', ...item });
    expect(await storedPlain({ pk: 'put', sk: 'bob' })).toEqual({ pk: 'put', sk: 'bob', ...item });
  });

  it('fails a false condition with ctx.error DynamoDB:ConditionalCheckFailedException and leaves the item as it was', async () => {
    await seed(TABLE, [{ pk: 'put', sk: 'carol', name: 'Carol' }]);

    const error = await failure(PUT, { pk: 'put', sk: 'carol', item: JSON.stringify({ name: 'Impostor' }), onlyIfNew: true });

    expect(error).toEqual({
      path: ['putRecord'],
      data: null,
      errorType: 'DynamoDB:ConditionalCheckFailedException',
      errorInfo: null,
      locations: [{ line: 2, column: 3, sourceName: null }],
      message: CONDITION_FAILED_MESSAGE,
    });
    expect(await storedPlain({ pk: 'put', sk: 'carol' })).toEqual({ pk: 'put', sk: 'carol', name: 'Carol' });
  });

  it('writes a conditional item whose condition holds', async () => {
    expect(await ok(PUT, { pk: 'put', sk: 'dave', item: JSON.stringify({ name: 'Dave' }), onlyIfNew: true })).toEqual({
      pk: 'put',
      sk: 'dave',
      name: 'Dave',
    });
  });
});

describe('UpdateItem', () => {
  const key = { pk: 'update', sk: 'counter' };
  const before = { ...key, count: 5, version: 1, notes: ['a'], obsolete: 'drop me', profile: { city: 'Oslo', zip: '0150' }, keep: 'kept' };

  beforeAll(() => seed(TABLE, [before]));

  it('applies increment, append, remove and replace when the condition holds, answering the item after the update', async () => {
    const after = await ok(UPDATE, { ...key, expectedVersion: 1, addToCount: 3, appendNotes: ['b', 'c'], profile: JSON.stringify({ country: 'NO' }) });

    const expected = { ...key, count: 8, version: 2, notes: ['a', 'b', 'c'], profile: { country: 'NO' }, keep: 'kept' };
    expect(after).toEqual(expected);
    expect(await storedPlain(key)).toEqual(expected);
  });

  it('fails a stale version with DynamoDB:ConditionalCheckFailedException and changes nothing', async () => {
    const current = await storedPlain(key);

    const error = await failure(UPDATE, { ...key, expectedVersion: 1, addToCount: 100, appendNotes: ['x'], profile: JSON.stringify({}) });

    expect(error).toMatchObject({ path: ['updateRecord'], data: null, errorType: 'DynamoDB:ConditionalCheckFailedException', message: CONDITION_FAILED_MESSAGE });
    expect(await storedPlain(key)).toEqual(current);
  });
});

describe('DeleteItem', () => {
  const erin = { pk: 'delete', sk: 'erin', name: 'Erin', scores: [1, 2] };

  beforeAll(() => seed(TABLE, [erin]));

  it('answers the deleted item as it was, then null once it is gone', async () => {
    expect(await ok(DELETE, { pk: 'delete', sk: 'erin' })).toEqual(erin);
    expect(await stored({ pk: 'delete', sk: 'erin' })).toBeNull();
    expect(await call(DELETE, { pk: 'delete', sk: 'erin' })).toEqual({ value: null, errors: undefined });
  });
});

describe('Query', () => {
  // Partition "query": 12 rows, sk row-00 … row-11; even rows are "open". Team "query-green" on the byTeam index.
  const rows = Array.from({ length: 12 }, (_, i) => ({
    pk: 'query',
    sk: `row-${String(i).padStart(2, '0')}`,
    team: 'query-green',
    rank: 100 - i,
    status: i % 2 === 0 ? 'open' : 'closed',
  }));
  const other = { pk: 'query', sk: 'zzz-other', team: 'query-yellow', rank: 1, status: 'open' };

  beforeAll(() => seed(TABLE, [...rows, other]));

  it('answers { items, nextToken: null, scannedCount } for a key condition, in sort-key order', async () => {
    expect(await ok(QUERY, { pk: 'query', skBeginsWith: 'row-0' })).toEqual({
      items: rows.slice(0, 10),
      nextToken: null,
      scannedCount: 10,
    });
  });

  it('applies the filter after the key condition: scannedCount counts the items read before filtering', async () => {
    expect(await ok(QUERY, { pk: 'query', skBeginsWith: 'row-', filter: JSON.stringify({ status: { eq: 'open' } }) })).toEqual({
      items: rows.filter((r) => r.status === 'open'),
      nextToken: null,
      scannedCount: 12,
    });
  });

  it('queries a global secondary index, in index sort order', async () => {
    const page = await ok<Page>(QUERY, { team: 'query-green', minRank: 95 });

    expect(page).toEqual({ items: [...rows.slice(0, 6)].reverse(), nextToken: null, scannedCount: 6 });
  });

  it('pages with limit + nextToken until nextToken is null, each item exactly once', async () => {
    const pages = await allPages(QUERY, { pk: 'query', skBeginsWith: 'row-', limit: 5 });

    expect(pages.map((p) => p.items.length)).toEqual([5, 5, 2]);
    expect(pages.map((p) => p.scannedCount)).toEqual([5, 5, 2]);
    expect(pages.slice(0, 2).every((p) => typeof p.nextToken === 'string')).toBe(true);
    expect(pages.flatMap((p) => p.items)).toEqual(rows);
  });

  it('pages an index query with a filter: limit caps the items read, so a page may hold fewer', async () => {
    const pages = await allPages(QUERY, { team: 'query-green', filter: JSON.stringify({ status: { eq: 'closed' } }), limit: 5 });

    // By rank, descending: row-11 (closed), row-10 (open), row-09 (closed) … row-00 (open).
    expect(pages.map((p) => p.scannedCount)).toEqual([5, 5, 2]);
    expect(pages.map((p) => p.items.length)).toEqual([3, 2, 1]);
    expect(pages.flatMap((p) => p.items)).toEqual(rows.filter((r) => r.status === 'closed').reverse());
  });

  it('reads backwards with scanIndexForward false, paging included', async () => {
    const pages = await allPages(QUERY, { pk: 'query', skBeginsWith: 'row-', forward: false, limit: 7 });

    expect(pages.map((p) => p.items.length)).toEqual([7, 5]);
    expect(pages.flatMap((p) => p.items)).toEqual([...rows].reverse());
  });

  it('refuses a nextToken that was tampered with as AppSync does: DynamoDB:UserIllegalArgumentException', async () => {
    const first = await ok<Page>(QUERY, { pk: 'query', skBeginsWith: 'row-', limit: 5 });

    const error = await failure(QUERY, { pk: 'query', skBeginsWith: 'row-', limit: 5, nextToken: `x${first.nextToken!}` });
    expect(error).toMatchObject({ errorType: 'DynamoDB:UserIllegalArgumentException', path: ['queryRecords'], message: expect.stringContaining('InvalidPaginationTokenException') });
  });
});

describe('Scan', () => {
  // Scans see the whole table: every assertion filters on this block's own `batch` attribute.
  const rows = Array.from({ length: 9 }, (_, i) => ({ pk: `scan-${i}`, sk: 'row', batch: 'scan', n: i }));
  const mine = JSON.stringify({ batch: { eq: 'scan' } });
  const byN = (a: Row, b: Row) => (a.n as number) - (b.n as number);

  beforeAll(() => seed(TABLE, rows));

  it('answers the items matching the filter, with scannedCount counting every item read', async () => {
    const { Count } = await client.send(new ScanCommand({ TableName: TABLE, Select: 'COUNT' }));
    const page = await ok<Page>(SCAN, { filter: JSON.stringify({ batch: { eq: 'scan' }, n: { ge: 6 } }) });

    expect(page.nextToken).toBeNull();
    expect(page.scannedCount).toBe(Count);
    expect([...page.items].sort(byN)).toEqual(rows.slice(6));
  });

  it('pages with limit + nextToken until nextToken is null', async () => {
    const pages = await allPages(SCAN, { filter: mine, limit: 4 });

    expect(pages.length).toBeGreaterThan(1);
    expect(pages.every((p) => p.scannedCount <= 4)).toBe(true);
    expect(pages.at(-1)!.nextToken).toBeNull();
    expect(pages.flatMap((p) => p.items).sort(byN)).toEqual(rows);
  });

  it('splits a parallel scan into segments that together read each item exactly once', async () => {
    const segments = await Promise.all([0, 1, 2].map((segment) => allPages(SCAN, { filter: mine, segment, totalSegments: 3, limit: 3 })));
    const items = segments.map((pages) => pages.flatMap((p) => p.items));

    expect(items.flat().sort(byN)).toEqual(rows);
    expect(items.filter((segment) => segment.length > 0).length).toBeGreaterThan(1);
  });
});

describe('BatchGetItem', () => {
  const frank = { pk: 'batch-get', sk: 'frank', name: 'Frank' };
  const grace = { pk: 'batch-get', sk: 'grace', name: 'Grace' };
  const audit = { id: 'audit-1', action: 'login' };

  beforeAll(async () => {
    await seed(TABLE, [frank, grace]);
    await seed(AUDIT_TABLE, [audit]);
  });

  it('answers data.<table> in request order with null for keys that matched nothing, and empty unprocessedKeys', async () => {
    const result = await ok(BATCH_GET, {
      keys: [
        { pk: 'batch-get', sk: 'grace' },
        { pk: 'batch-get', sk: 'nobody' },
        { pk: 'batch-get', sk: 'frank' },
      ],
      auditIds: ['missing', 'audit-1'],
    });

    expect(result).toEqual({
      data: { [TABLE]: [grace, null, frank], [AUDIT_TABLE]: [null, audit] },
      unprocessedKeys: { [TABLE]: [], [AUDIT_TABLE]: [] },
    });
  });
});

describe('BatchPutItem', () => {
  it('writes to every table and answers the items per table in request order, with empty unprocessedItems', async () => {
    const records = [
      { pk: 'batch-put', sk: 'henry', n: 1 },
      { pk: 'batch-put', sk: 'iris', tags: ['x'], nested: { ok: true } },
    ];
    const audits = [{ id: 'audit-2', action: 'import' }];

    expect(await ok(BATCH_PUT, { records: JSON.stringify(records), audits: JSON.stringify(audits) })).toEqual({
      data: { [TABLE]: records, [AUDIT_TABLE]: audits },
      unprocessedItems: { [TABLE]: [], [AUDIT_TABLE]: [] },
    });
    expect(await storedPlain({ pk: 'batch-put', sk: 'iris' })).toEqual(records[1]);
    expect(await storedPlain({ id: 'audit-2' }, AUDIT_TABLE)).toEqual(audits[0]);
  });
});

describe('BatchDeleteItem', () => {
  beforeAll(() => seed(TABLE, [{ pk: 'batch-delete', sk: 'jack' }, { pk: 'batch-delete', sk: 'kate' }, { pk: 'batch-delete', sk: 'liam' }]));

  it('deletes the keys and answers them per table in request order, with empty unprocessedKeys', async () => {
    const keys = [
      { pk: 'batch-delete', sk: 'kate' },
      { pk: 'batch-delete', sk: 'jack' },
    ];

    expect(await ok(BATCH_DELETE, { keys })).toEqual({ data: { [TABLE]: keys }, unprocessedKeys: { [TABLE]: [] } });
    expect(await stored(keys[0]!)).toBeNull();
    expect(await stored(keys[1]!)).toBeNull();
    expect(await storedPlain({ pk: 'batch-delete', sk: 'liam' })).toEqual({ pk: 'batch-delete', sk: 'liam' });
  });
});

describe('batch writes DynamoDB leaves partly unprocessed (throttling; the local DynamoDB never does, so a stub connection answers)', () => {
  /** A connection whose BatchWriteItem leaves the second entry of every table unprocessed. */
  const throttled: DynamoDBWire = {
    send: async <T,>(operation: string, input: object) => {
      expect(operation).toBe('BatchWriteItem');
      const requests = (input as { RequestItems: Record<string, unknown[]> }).RequestItems;
      return { UnprocessedItems: Object.fromEntries(Object.entries(requests).map(([t, entries]) => [t, entries.slice(1, 2)])) } as T;
    },
    destroy: () => undefined,
  };
  const source = dynamoDBDataSource({ wire: throttled, tableName: TABLE });

  it('BatchPutItem answers null in data for an unprocessed item and lists it in unprocessedItems', async () => {
    const answer = await source.invoke({
      operation: 'BatchPutItem',
      tables: { [TABLE]: [{ pk: { S: 'p' }, sk: { S: '1' }, n: { N: 1 } }, { pk: { S: 'p' }, sk: { S: '2' }, n: { N: 2 } }] },
    });

    expect(answer).toEqual({
      result: { data: { [TABLE]: [{ pk: 'p', sk: '1', n: 1 }, null] }, unprocessedItems: { [TABLE]: [{ pk: 'p', sk: '2', n: 2 }] } },
    });
  });

  it('BatchDeleteItem answers null in data for an unprocessed key and lists it in unprocessedKeys', async () => {
    const answer = await source.invoke({
      operation: 'BatchDeleteItem',
      tables: { [TABLE]: [{ pk: { S: 'd' }, sk: { S: '1' } }, { pk: { S: 'd' }, sk: { S: '2' } }] },
    });

    expect(answer).toEqual({
      result: { data: { [TABLE]: [{ pk: 'd', sk: '1' }, null] }, unprocessedKeys: { [TABLE]: [{ pk: 'd', sk: '2' }] } },
    });
  });
});

describe('TransactGetItems', () => {
  const mia = { pk: 'transact-get', sk: 'mia', name: 'Mia' };
  const noah = { pk: 'transact-get', sk: 'noah', name: 'Noah', rank: 3 };

  beforeAll(() => seed(TABLE, [mia, noah]));

  it('answers items in request order with null for a missing item, and cancellationReasons null', async () => {
    const result = await ok(TRANSACT_GET, {
      keys: [
        { pk: 'transact-get', sk: 'noah' },
        { pk: 'transact-get', sk: 'ghost' },
        { pk: 'transact-get', sk: 'mia' },
      ],
    });

    expect(result).toEqual({ items: [noah, null, mia], cancellationReasons: null });
  });
});

describe('TransactWriteItems', () => {
  const key = (sk: string) => ({ pk: 'transact-write', sk });

  beforeAll(() =>
    seed(TABLE, [
      { ...key('counter'), count: 1 },
      { ...key('doomed'), name: 'Doomed' },
      { ...key('witness'), name: 'Witness' },
      { ...key('existing'), name: 'Existing' },
      { ...key('survivor'), name: 'Survivor' },
    ]),
  );

  it('applies every write and answers keys in request order, with cancellationReasons null', async () => {
    const result = await ok(TRANSACT_WRITE, { put: key('fresh'), bump: key('counter'), expectedCount: 1, remove: key('doomed'), check: key('witness') });

    expect(result).toEqual({ keys: [key('fresh'), key('counter'), key('doomed'), key('witness')], cancellationReasons: null });
    expect(await storedPlain(key('fresh'))).toEqual({ ...key('fresh'), kind: 'created' });
    expect(await storedPlain(key('counter'))).toEqual({ ...key('counter'), count: 2 });
    expect(await stored(key('doomed'))).toBeNull();
  });

  it('when cancelled, sets ctx.error and ctx.result { keys: null, cancellationReasons } with a type per item, and writes nothing', async () => {
    const error = await failure(TRANSACT_WRITE, {
      put: key('existing'), // exists: its attribute_not_exists condition fails
      bump: key('counter'), // count is 2: the condition holds
      expectedCount: 2,
      remove: key('survivor'),
      check: key('absent'), // does not exist: the check fails
    });

    expect(error).toMatchObject({
      path: ['transactWriteRecords'],
      errorType: 'DynamoDB:TransactionCanceledException',
      message: expect.stringContaining('Transaction cancelled'),
      data: {
        keys: null,
        cancellationReasons: [
          { type: 'ConditionalCheckFailed', message: 'The conditional request failed' },
          { type: 'None', message: null },
          { type: 'None', message: null },
          { type: 'ConditionalCheckFailed', message: 'The conditional request failed' },
        ],
      },
    });
    expect(Object.keys(error.data as Row)).toEqual(['keys', 'cancellationReasons']);
    expect(await storedPlain(key('existing'))).toEqual({ ...key('existing'), name: 'Existing' });
    expect(await storedPlain(key('counter'))).toEqual({ ...key('counter'), count: 2 });
    expect(await storedPlain(key('survivor'))).toEqual({ ...key('survivor'), name: 'Survivor' });
  });
});

describe('values through util.dynamodb.toMapValues and back', () => {
  const item = {
    int: 42,
    negative: -7,
    float: 3.25,
    zero: 0,
    nothing: null,
    yes: true,
    no: false,
    text: 'héllo ✓',
    empty: '',
    list: [1, 'two', null, false, { three: 3 }, [4]],
    emptyList: [],
    map: { nested: { deeper: [1.5, 'x'] }, flag: true, none: null },
    emptyMap: {},
  };

  it('stores typed values (N, NULL, BOOL, L, M, SS) and answers them as plain JSON again', async () => {
    const written = await ok<Row>(PUT, { pk: 'values', sk: 'all', item: JSON.stringify(item), tags: ['b', 'a', 'c'] });
    const read = await ok<Row>(GET, { pk: 'values', sk: 'all', consistentRead: true });

    for (const answer of [written, read]) {
      const { tags, ...rest } = answer;
      expect(rest).toEqual({ pk: 'values', sk: 'all', ...item });
      expect([...(tags as string[])].sort()).toEqual(['a', 'b', 'c']);
    }
    const raw = (await stored({ pk: 'values', sk: 'all' }))!;
    expect(raw).toMatchObject({
      int: { N: '42' },
      negative: { N: '-7' },
      float: { N: '3.25' },
      nothing: { NULL: true },
      yes: { BOOL: true },
      list: { L: [{ N: '1' }, { S: 'two' }, { NULL: true }, { BOOL: false }, { M: { three: { N: '3' } } }, { L: [{ N: '4' }] }] },
      map: { M: { nested: { M: { deeper: { L: [{ N: '1.5' }, { S: 'x' }] } } }, flag: { BOOL: true }, none: { NULL: true } } },
    });
    expect([...raw.tags!.SS!].sort()).toEqual(['a', 'b', 'c']);
  });

  it('answers number sets as lists of numbers and binaries (B, BS) as base64 strings', async () => {
    const request = {
      operation: 'PutItem',
      key: { pk: { S: 'values' }, sk: { S: 'binary' } },
      attributeValues: { scores: { NS: [3, 1.5] }, blob: { B: 'aGVsbG8=' }, blobs: { BS: ['AQI=', 'AwQ='] } },
    };
    expect(await ok(RAW, { request: JSON.stringify(request) })).toEqual({
      pk: 'values',
      sk: 'binary',
      scores: [3, 1.5],
      blob: 'aGVsbG8=',
      blobs: ['AQI=', 'AwQ='],
    });

    const read = await ok<Row>(GET, { pk: 'values', sk: 'binary' });
    expect(read).toEqual({ pk: 'values', sk: 'binary', scores: expect.any(Array), blob: 'aGVsbG8=', blobs: expect.any(Array) });
    expect([...(read.scores as number[])].sort()).toEqual([1.5, 3]);
    expect([...(read.blobs as string[])].sort()).toEqual(['AQI=', 'AwQ=']);
    const raw = (await stored({ pk: 'values', sk: 'binary' }))!;
    expect(Buffer.from(raw.blob!.B!).toString('utf8')).toBe('hello');
  });
});

describe('requests the data source cannot run', () => {
  const run = (request: Row) => failure(RAW, { request: JSON.stringify(request) });

  it('an unknown operation is a typed error, DynamoDB is not called', async () => {
    expect(await run({ operation: 'DropTable', key: { pk: { S: 'x' }, sk: { S: 'y' } } })).toMatchObject({
      path: ['rawRequest'],
      data: null,
      errorType: 'DynamoDB:ValidationException',
      message: "Unsupported operation 'DropTable'. (Service: DynamoDb, Status Code: 400)",
    });
  });

  it('a request without its key is a typed error', async () => {
    for (const operation of ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem']) {
      const request = {
        operation,
        attributeValues: { pk: { S: 'raw' }, sk: { S: 'nokey' } },
        update: { expression: 'SET #n = :n', expressionNames: { '#n': 'n' }, expressionValues: { ':n': { N: 1 } } },
      };
      expect(await run(request)).toMatchObject({
        errorType: 'DynamoDB:ValidationException',
        message: "The request is missing 'key'. (Service: DynamoDb, Status Code: 400)",
      });
    }
    expect(await stored({ pk: 'raw', sk: 'nokey' })).toBeNull();
  });

  it('a key DynamoDB rejects (not the table’s key schema) comes back as DynamoDB’s typed error', async () => {
    const error = await run({ operation: 'GetItem', key: { id: { S: 'x' } } });

    expect(error).toMatchObject({ path: ['rawRequest'], data: null, errorType: 'DynamoDB:ValidationException' });
    expect(error.message).toMatch(/key element does not match the schema.* \(Service: DynamoDb, Status Code: 400\)$/);
  });
});
