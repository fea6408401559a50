/**
 * The AMAZON_DYNAMODB data source: turns the request objects APPSYNC_JS handlers return into
 * DynamoDB calls and answers with what AppSync puts in `ctx.result` / `ctx.error`.
 * Reference: AppSync's "JavaScript resolver function reference for DynamoDB".
 */
import type {
  AttributeValue,
  BatchGetItemOutput,
  BatchWriteItemOutput,
  DeleteItemOutput,
  GetItemOutput,
  PutItemOutput,
  QueryOutput,
  ScanOutput,
  Select,
  TransactGetItemsOutput,
  TransactWriteItem,
  TransactWriteItemsOutput,
  UpdateItemOutput,
} from '@aws-sdk/client-dynamodb';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { DynamoDBWire } from './dynamodb-wire.ts';
import type { DataSourceResult } from './types.ts';

type AttributeMap = Record<string, AttributeValue>;

interface Expression {
  expression: string;
  expressionNames?: Record<string, string>;
  expressionValues?: AttributeMap;
}

interface ConditionExpression extends Expression {
  returnValuesOnConditionCheckFailure?: boolean;
}

/** The request object shapes AppSync accepts, loosely typed: they come from resolver code. */
export interface DynamoDBRequest {
  operation: string;
  key?: AttributeMap;
  attributeValues?: AttributeMap;
  condition?: ConditionExpression | null;
  update?: Expression;
  query?: Expression;
  filter?: Expression | null;
  projection?: Expression | null;
  index?: string;
  nextToken?: string | null;
  limit?: number;
  scanIndexForward?: boolean;
  consistentRead?: boolean;
  select?: string;
  segment?: number;
  totalSegments?: number;
  tables?: Record<string, unknown>;
  transactItems?: Record<string, unknown>[];
}

export interface DynamoDBDataSourceOptions {
  /** The connection to DynamoDB (see dynamodb-wire.ts). */
  wire: DynamoDBWire;
  /** The data source's table (physical name). */
  tableName: string;
  /** Signs pagination tokens; tokens from another key or a tampered token are refused. */
  tokenSecret?: Buffer;
}

const ERROR_PREFIX = 'DynamoDB:';

/** Builds the data source; `invoke` never throws: failures come back as AppSync's `ctx.error`. */
export function dynamoDBDataSource(options: DynamoDBDataSourceOptions) {
  const { wire, tableName } = options;
  const pageScope = (request: DynamoDBRequest) => `${tableName}:${requestScope(request)}`;
  const tokens = paginationTokens(options.tokenSecret ?? randomBytes(32));

  async function run(request: DynamoDBRequest): Promise<unknown> {
    switch (request.operation) {
      case 'GetItem': {
        const out = await wire.send<GetItemOutput>('GetItem', {
            TableName: tableName,
            Key: attributes(required(request.key, 'key')),
            ConsistentRead: request.consistentRead,
            ...projection(request.projection),
          });
        return out.Item ? plainItem(out.Item) : null;
      }
      case 'PutItem': {
        const item = { ...attributes(request.attributeValues), ...attributes(required(request.key, 'key')) };
        await wire.send<PutItemOutput>('PutItem', { TableName: tableName, Item: item, ...condition(request.condition) });
        return plainItem(item);
      }
      case 'UpdateItem': {
        const update = required(request.update, 'update');
        const out = await wire.send<UpdateItemOutput>('UpdateItem', {
            TableName: tableName,
            Key: attributes(required(request.key, 'key')),
            UpdateExpression: update.expression,
            ...mergeExpressionAttributes(update, request.condition ?? undefined),
            ConditionExpression: request.condition?.expression,
            ReturnValues: 'ALL_NEW',
          });
        return out.Attributes ? plainItem(out.Attributes) : null;
      }
      case 'DeleteItem': {
        const out = await wire.send<DeleteItemOutput>('DeleteItem', { TableName: tableName, Key: attributes(required(request.key, 'key')), ...condition(request.condition), ReturnValues: 'ALL_OLD' });
        return out.Attributes ? plainItem(out.Attributes) : null;
      }
      case 'Query': {
        const query = required(request.query, 'query');
        const out = await wire.send<QueryOutput>('Query', {
            TableName: tableName,
            IndexName: request.index,
            KeyConditionExpression: query.expression,
            ...mergeExpressionAttributes(query, request.filter ?? undefined, request.projection ?? undefined),
            FilterExpression: request.filter?.expression,
            ProjectionExpression: request.projection?.expression,
            Limit: request.limit,
            ScanIndexForward: request.scanIndexForward,
            ConsistentRead: request.consistentRead,
            Select: request.select as Select | undefined,
            ExclusiveStartKey: tokens.open(request.nextToken, pageScope(request)),
          });
        return page(out.Items, out.LastEvaluatedKey, out.ScannedCount, pageScope(request));
      }
      case 'Scan': {
        const out = await wire.send<ScanOutput>('Scan', {
            TableName: tableName,
            IndexName: request.index,
            ...mergeExpressionAttributes(request.filter ?? undefined, request.projection ?? undefined),
            FilterExpression: request.filter?.expression,
            ProjectionExpression: request.projection?.expression,
            Limit: request.limit,
            ConsistentRead: request.consistentRead,
            Select: request.select as Select | undefined,
            Segment: request.segment,
            TotalSegments: request.totalSegments,
            ExclusiveStartKey: tokens.open(request.nextToken, pageScope(request)),
          });
        return page(out.Items, out.LastEvaluatedKey, out.ScannedCount, pageScope(request));
      }
      case 'BatchGetItem':
        return batchGet(request);
      case 'BatchPutItem':
      case 'BatchDeleteItem':
        return batchWrite(request);
      case 'TransactGetItems':
        return transactGet(request);
      case 'TransactWriteItems':
        return transactWrite(request);
      default:
        throw Object.assign(new Error(`Unsupported operation '${request.operation}'.`), { name: 'ValidationException' });
    }
  }

  function page(items: AttributeMap[] | undefined, lastKey: AttributeMap | undefined, scannedCount: number | undefined, scope: string) {
    return {
      items: (items ?? []).map((i) => plainItem(i)),
      nextToken: lastKey ? tokens.seal(lastKey, scope) : null,
      scannedCount: scannedCount ?? 0,
    };
  }

  async function batchGet(request: DynamoDBRequest) {
    const tables = request.tables as Record<string, { keys: AttributeMap[]; consistentRead?: boolean; projection?: Expression }>;
    const out = await wire.send<BatchGetItemOutput>('BatchGetItem', {
        RequestItems: Object.fromEntries(
          Object.entries(tables).map(([table, spec]) => [
            table,
            { Keys: spec.keys.map(attributes), ConsistentRead: spec.consistentRead, ...projection(spec.projection) },
          ]),
        ),
      });
    // AppSync answers in request order, with null for keys that matched no item.
    const data: Record<string, unknown[]> = {};
    for (const [table, spec] of Object.entries(tables)) {
      const found = (out.Responses?.[table] ?? []).map((i) => plainItem(i));
      data[table] = spec.keys.map((key) => found.find((item) => matchesKey(item, plainItem(attributes(key)))) ?? null);
    }
    const unprocessedKeys = Object.fromEntries(
      Object.keys(tables).map((t) => [t, (out.UnprocessedKeys?.[t]?.Keys ?? []).map((k) => plainItem(k))]),
    );
    return { data, unprocessedKeys };
  }

  async function batchWrite(request: DynamoDBRequest) {
    const isPut = request.operation === 'BatchPutItem';
    const tables = request.tables as Record<string, AttributeMap[]>;
    const out = await wire.send<BatchWriteItemOutput>('BatchWriteItem', {
        RequestItems: Object.fromEntries(
          Object.entries(tables).map(([table, entries]) => [
            table,
            entries.map((e) => (isPut ? { PutRequest: { Item: attributes(e) } } : { DeleteRequest: { Key: attributes(e) } })),
          ]),
        ),
      });
    const unprocessed = Object.fromEntries(
      Object.keys(tables).map((t) => [
        t,
        (out.UnprocessedItems?.[t] ?? []).map((w) => plainItem((isPut ? w.PutRequest?.Item : w.DeleteRequest?.Key) ?? {})),
      ]),
    );
    // AppSync: an entry that was not processed is null in `data` and listed in unprocessedItems/unprocessedKeys.
    const data = Object.fromEntries(
      Object.entries(tables).map(([t, entries]) => [
        t,
        entries.map((e) => {
          const entry = plainItem(attributes(e));
          return unprocessed[t]!.some((u) => sameEntry(u, entry)) ? null : entry;
        }),
      ]),
    );
    return isPut ? { data, unprocessedItems: unprocessed } : { data, unprocessedKeys: unprocessed };
  }

  async function transactGet(request: DynamoDBRequest) {
    const items = request.transactItems as { table: string; key: AttributeMap; projection?: Expression }[];
    const out = await wire.send<TransactGetItemsOutput>('TransactGetItems', {
        TransactItems: items.map((i) => ({ Get: { TableName: i.table, Key: attributes(i.key), ...projection(i.projection) } })),
      });
    return { items: (out.Responses ?? []).map((r) => (r.Item ? plainItem(r.Item) : null)), cancellationReasons: null };
  }

  async function transactWrite(request: DynamoDBRequest) {
    const items = (request.transactItems ?? []) as unknown as (DynamoDBRequest & { table: string })[];
    await wire.send<TransactWriteItemsOutput>('TransactWriteItems', { TransactItems: items.map(transactWriteItem) });
    return { keys: items.map((i) => plainItem(attributes(i.key))), cancellationReasons: null };
  }

  return {
    async invoke(request: DynamoDBRequest): Promise<DataSourceResult> {
      try {
        return { result: await run(request) };
      } catch (error) {
        return dynamoDBError(error, request.operation);
      }
    },
  };
}

function transactWriteItem(item: DynamoDBRequest & { table: string }): TransactWriteItem {
  const common = { TableName: item.table, Key: attributes(item.key), ...condition(item.condition, true) };
  switch (item.operation) {
    case 'PutItem': {
      const { Key, ...rest } = common;
      return { Put: { ...rest, Item: { ...attributes(item.attributeValues), ...Key } } };
    }
    case 'UpdateItem': {
      const update = required(item.update, 'update');
      return {
        Update: {
          TableName: item.table,
          Key: attributes(item.key),
          UpdateExpression: update.expression,
          ConditionExpression: item.condition?.expression,
          ...mergeExpressionAttributes(update, item.condition ?? undefined),
          ...returnOnFailure(item.condition),
        },
      };
    }
    case 'DeleteItem':
      return { Delete: common };
    case 'ConditionCheck':
      return { ConditionCheck: { ...common, ConditionExpression: required(item.condition, 'condition').expression } };
    default:
      throw Object.assign(new Error(`Unsupported transaction operation '${item.operation}'.`), { name: 'ValidationException' });
  }
}

/**
 * AppSync's error answer: `ctx.error { type: 'DynamoDB:<Exception>', message }`, plus what the error carries:
 * a cancelled transaction answers `{ keys: null, cancellationReasons }` (TransactWriteItems) or
 * `{ items: null, cancellationReasons }` (TransactGetItems) in `ctx.result`.
 */
function dynamoDBError(error: unknown, operation: string): DataSourceResult {
  const e = error as { name?: string; message?: string; verbatim?: boolean; details?: { CancellationReasons?: { Code?: string; Message?: string; Item?: AttributeMap }[] } };
  const type = `${ERROR_PREFIX}${e.name ?? 'InternalServerError'}`;
  // AppSync's own errors (not DynamoDB's) carry no service suffix.
  const message = e.verbatim ? (e.message ?? '') : `${e.message ?? 'DynamoDB request failed'} (Service: DynamoDb, Status Code: 400)`;
  const reasons = e.details?.CancellationReasons;
  if (reasons) {
    const cancellationReasons = reasons.map((r) => ({
      type: r.Code ?? 'None',
      message: r.Message ?? null,
      ...(r.Item ? { item: plainItem(r.Item) } : {}),
    }));
    const result = operation === 'TransactGetItems' ? { items: null, cancellationReasons } : { keys: null, cancellationReasons };
    return { error: { type, message }, result };
  }
  return { error: { type, message }, result: null };
}

function required<T>(value: T | null | undefined, name: string): T {
  if (value === null || value === undefined) {
    throw Object.assign(new Error(`The request is missing '${name}'.`), { name: 'ValidationException' });
  }
  return value;
}

/** Same attributes with the same values (DynamoDB echoes unprocessed entries back, not always in the same attribute order). */
function sameEntry(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => JSON.stringify(a[k]) === JSON.stringify(b[k]));
}

function matchesKey(item: Record<string, unknown>, key: Record<string, unknown>): boolean {
  return Object.entries(key).every(([name, value]) => item[name] === value);
}

/**
 * APPSYNC_JS util.dynamodb produces numbers as JS numbers (`{ N: 1 }`) and nulls as
 * `{ NULL: null }`; the wire format wants strings and `true`. Normalises a typed map for the SDK.
 */
export function attributes(map: AttributeMap | undefined | null): AttributeMap {
  if (!map) return {};
  return Object.fromEntries(Object.entries(map).map(([k, v]) => [k, attributeValue(v)]));
}

function attributeValue(value: AttributeValue): AttributeValue {
  const v = value as unknown as Record<string, unknown>;
  if (v.N !== undefined) return { N: String(v.N) };
  // AppSync writes null as { NULL: null }; the wire format wants true.
  if (Object.hasOwn(v, 'NULL')) return { NULL: true };
  if (v.NS !== undefined) return { NS: (v.NS as unknown[]).map(String) };
  if (v.L !== undefined) return { L: (v.L as AttributeValue[]).map(attributeValue) };
  if (v.M !== undefined) return { M: attributes(v.M as AttributeMap) };
  // The JSON wire carries binaries as base64 strings (a Buffer would serialise as { type, data }).
  if (v.B !== undefined) return { B: base64(v.B) } as unknown as AttributeValue;
  if (v.BS !== undefined) return { BS: (v.BS as unknown[]).map(base64) } as unknown as AttributeValue;
  return value;
}

const base64 = (b: unknown): string => (typeof b === 'string' ? b : Buffer.from(b as Uint8Array).toString('base64'));

/**
 * A typed item as AppSync hands it to `ctx.result`: plain JSON, with sets as lists, numbers as
 * JSON numbers and binaries as base64 strings (the SDK's unmarshall gives Sets and Uint8Arrays,
 * which do not survive JSON).
 */
function plainItem(map: AttributeMap): Record<string, unknown> {
  return Object.fromEntries(Object.entries(map).map(([k, v]) => [k, plainValue(v)]));
}

function plainValue(value: AttributeValue): unknown {
  const v = value as unknown as Record<string, unknown>;
  if (v.S !== undefined) return v.S;
  if (v.N !== undefined) return Number(v.N);
  if (v.BOOL !== undefined) return v.BOOL;
  if (v.L !== undefined) return (v.L as AttributeValue[]).map(plainValue);
  if (v.M !== undefined) return plainItem(v.M as AttributeMap);
  if (v.SS !== undefined) return [...(v.SS as string[])];
  if (v.NS !== undefined) return (v.NS as unknown[]).map(Number);
  if (v.B !== undefined) return base64(v.B);
  if (v.BS !== undefined) return (v.BS as unknown[]).map(base64);
  return null;
}

function condition(c: ConditionExpression | null | undefined, inTransaction = false) {
  if (!c) return {};
  return {
    ConditionExpression: c.expression,
    ...mergeExpressionAttributes(c),
    ...(inTransaction ? returnOnFailure(c) : {}),
  };
}

function returnOnFailure(c: ConditionExpression | null | undefined) {
  return c?.returnValuesOnConditionCheckFailure ? { ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const } : {};
}

function projection(p: Expression | null | undefined) {
  if (!p) return {};
  return { ProjectionExpression: p.expression, ...(p.expressionNames ? { ExpressionAttributeNames: p.expressionNames } : {}) };
}

/** DynamoDB takes one names map and one values map per call; AppSync lets each expression bring its own. */
function mergeExpressionAttributes(...expressions: (Expression | undefined)[]) {
  const names: Record<string, string> = {};
  const values: AttributeMap = {};
  for (const e of expressions) {
    Object.assign(names, e?.expressionNames ?? {});
    Object.assign(values, attributes(e?.expressionValues));
  }
  return {
    ...(Object.keys(names).length > 0 ? { ExpressionAttributeNames: names } : {}),
    ...(Object.keys(values).length > 0 ? { ExpressionAttributeValues: values } : {}),
  };
}

/**
 * AppSync's nextToken is opaque. Here it is the LastEvaluatedKey, base64url-encoded and signed,
 * bound to the index it came from, so a client cannot forge a start key (say, another tenant's).
 */
function paginationTokens(secret: Buffer) {
  const sign = (payload: string, scope: string) => createHmac('sha256', secret).update(scope).update('\n').update(payload).digest('base64url');
  return {
    seal(lastKey: AttributeMap, scope: string): string {
      const payload = Buffer.from(JSON.stringify(lastKey)).toString('base64url');
      return `${payload}.${sign(payload, scope)}`;
    },
    open(token: string | null | undefined, scope: string): AttributeMap | undefined {
      if (token === null || token === undefined) return undefined;
      const [payload, signature] = token.split('.');
      const expected = payload ? Buffer.from(sign(payload, scope)) : Buffer.alloc(0);
      const given = Buffer.from(signature ?? '');
      if (!payload || given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalidToken();
      return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as AttributeMap;
    },
  };
}

/** A token is valid only for the query that made it: same table, index and key condition (so never another tenant's partition). */
function requestScope(request: DynamoDBRequest): string {
  return JSON.stringify([request.operation, request.index ?? null, request.query ?? null, request.segment ?? null]);
}

/**
 * What AppSync's DynamoDB data source answers for a nextToken it cannot use (malformed, or from
 * another query): `ctx.error { type: 'DynamoDB:UserIllegalArgumentException', message:
 * 'com.amazonaws.deepdish.common.pagination.InvalidPaginationTokenException: Invalid pagination
 * token given.' }` (aws-amplify/amplify-cli#3411, aws-amplify/amplify-js#4880). Reported the same
 * way here, so resolvers map one error on both.
 */
export const INVALID_PAGINATION_TOKEN_ERROR = {
  type: 'DynamoDB:UserIllegalArgumentException',
  message: 'com.amazonaws.deepdish.common.pagination.InvalidPaginationTokenException: Invalid pagination token given.',
} as const;

function invalidToken() {
  return Object.assign(new Error(INVALID_PAGINATION_TOKEN_ERROR.message), { name: 'UserIllegalArgumentException', verbatim: true });
}
