/**
 * What IAM authorises for one DynamoDB API call: the (action, resource, leading keys) triples AWS
 * evaluates. Per item for batches and transactions (the denial then names the item's table), the
 * key condition's partition value for Query, none at all for Scan and PartiQL, so the tenant
 * role's `Null: { dynamodb:LeadingKeys: false }` guard denies them.
 *
 * Transactions have no IAM action of their own: each element is checked as the item action it
 * performs, with `dynamodb:EnclosingOperation` naming the transaction API (as DynamoDB does).
 */
import type { TableKeys } from '../dynamodb/index.ts';

/** One authorization question about a DynamoDB call. */
export interface DynamoCheck {
  /** `dynamodb:GetItem`, ... */
  action: string;
  /** Table name, or undefined for account-level operations (ListTables, ...). */
  table?: string;
  index?: string;
  /** Explicit resource ARN (TagResource and friends name one). */
  resourceArn?: string;
  /** Partition key values the call touches; undefined when it has none (Scan, PartiQL, control plane). */
  leadingKeys?: string[];
  enclosingOperation?: 'TransactWriteItems' | 'TransactGetItems';
}

/** Looks up a table's key attributes (the gateway reads them from the store). */
export type KeysOf = (table: string) => Promise<TableKeys | undefined>;

type Json = Record<string, unknown>;

function obj(value: unknown): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The string IAM compares for an attribute value: S and N as written, B as sent (base64). */
function keyValue(value: unknown): string | undefined {
  const av = obj(value);
  return str(av.S) ?? str(av.N) ?? str(av.B);
}

/** The leading key of an item or key: the value of the table's partition key attribute. */
async function leadingKeyOf(keysOf: KeysOf, table: string | undefined, item: unknown): Promise<string[] | undefined> {
  if (table === undefined) return undefined;
  const keys = await keysOf(table);
  if (!keys) return undefined;
  const value = keyValue(obj(item)[keys.partitionKey]);
  return value === undefined ? undefined : [value];
}

/**
 * Equality conditions on the partition key attribute of a Query, from `KeyConditionExpression`
 * (`#pk = :pk AND begins_with(#sk, :p)`) or the legacy `KeyConditions`. Every equality found is
 * returned, so an odd expression naming the key twice is checked on both values.
 */
export function queryLeadingKeys(request: Json, partitionKey: string): string[] | undefined {
  const legacy = obj(request.KeyConditions)[partitionKey];
  if (legacy !== undefined) {
    const condition = obj(legacy);
    const value = condition.ComparisonOperator === 'EQ' ? keyValue(list(condition.AttributeValueList)[0]) : undefined;
    return value === undefined ? undefined : [value];
  }
  const expression = str(request.KeyConditionExpression);
  if (expression === undefined) return undefined;
  const names = obj(request.ExpressionAttributeNames);
  const values = obj(request.ExpressionAttributeValues);
  const attribute = (token: string) => (token.startsWith('#') ? str(names[token]) : token);
  const found: string[] = [];
  for (const clause of expression.split(/\s+and\s+/i)) {
    const match = /^\(*\s*([#:\w.-]+)\s*=\s*([#:\w.-]+)\s*\)*$/.exec(clause.trim());
    if (!match) continue;
    const [, left = '', right = ''] = match;
    const [name, placeholder] = left.startsWith(':') ? [right, left] : [left, right];
    if (attribute(name) !== partitionKey || !placeholder.startsWith(':')) continue;
    const value = keyValue(values[placeholder]);
    if (value !== undefined) found.push(value);
  }
  return found.length > 0 ? found : undefined;
}

const SINGLE_ITEM: Record<string, { action: string; field: 'Key' | 'Item' }> = {
  GetItem: { action: 'dynamodb:GetItem', field: 'Key' },
  PutItem: { action: 'dynamodb:PutItem', field: 'Item' },
  UpdateItem: { action: 'dynamodb:UpdateItem', field: 'Key' },
  DeleteItem: { action: 'dynamodb:DeleteItem', field: 'Key' },
};

const TRANSACT_WRITE: Record<string, { action: string; field: 'Key' | 'Item' }> = {
  Put: { action: 'dynamodb:PutItem', field: 'Item' },
  Update: { action: 'dynamodb:UpdateItem', field: 'Key' },
  Delete: { action: 'dynamodb:DeleteItem', field: 'Key' },
  ConditionCheck: { action: 'dynamodb:ConditionCheckItem', field: 'Key' },
};

const PARTIQL_VERBS: Record<string, string> = { SELECT: 'Select', INSERT: 'Insert', UPDATE: 'Update', DELETE: 'Delete' };

/** `SELECT * FROM "PIMDev" WHERE ...` → dynamodb:PartiQLSelect on PIMDev (best effort; never leading keys). */
function partiqlCheck(statement: unknown): DynamoCheck {
  const text = str(obj(statement).Statement) ?? '';
  const verb = PARTIQL_VERBS[(/^\s*(\w+)/.exec(text)?.[1] ?? '').toUpperCase()] ?? 'Select';
  const table = /(?:\bFROM|\bINTO|^\s*UPDATE)\s+"?([\w.-]+)"?/i.exec(text)?.[1];
  return { action: `dynamodb:PartiQL${verb}`, ...(table === undefined ? {} : { table }) };
}

/**
 * The checks for one call. `operation` is the X-Amz-Target suffix (`GetItem`), `request` the
 * parsed JSON body. An empty batch table (`Keys: []`) yields a check without leading keys, so it is
 * denied like AWS denies it, instead of passing vacuously.
 */
export async function checksFor(operation: string, request: Json, keysOf: KeysOf): Promise<DynamoCheck[]> {
  const single = SINGLE_ITEM[operation];
  if (single) {
    const table = str(request.TableName);
    return [{ action: single.action, ...(table === undefined ? {} : { table }), leadingKeys: await leadingKeyOf(keysOf, table, request[single.field]) }];
  }
  switch (operation) {
    case 'Query': {
      const table = str(request.TableName);
      const index = str(request.IndexName);
      const keys = table === undefined ? undefined : await keysOf(table);
      const partitionKey = index === undefined ? keys?.partitionKey : keys?.indexes[index];
      return [{
        action: 'dynamodb:Query',
        ...(table === undefined ? {} : { table }),
        ...(index === undefined ? {} : { index }),
        leadingKeys: partitionKey === undefined ? undefined : queryLeadingKeys(request, partitionKey),
      }];
    }
    case 'Scan': {
      const table = str(request.TableName);
      const index = str(request.IndexName);
      return [{ action: 'dynamodb:Scan', ...(table === undefined ? {} : { table }), ...(index === undefined ? {} : { index }) }];
    }
    case 'BatchGetItem':
      return batch('dynamodb:BatchGetItem', request, keysOf, (entry) => list(obj(entry).Keys));
    case 'BatchWriteItem':
      return batch('dynamodb:BatchWriteItem', request, keysOf, (entry) => list(entry).map((write) => {
        const w = obj(write);
        return obj(w.PutRequest).Item ?? obj(w.DeleteRequest).Key;
      }));
    case 'TransactWriteItems':
      return Promise.all(list(request.TransactItems).map(async (element) => {
        const [kind, body] = Object.entries(obj(element))[0] ?? ['', undefined];
        const spec = TRANSACT_WRITE[kind];
        const part = obj(body);
        const table = str(part.TableName);
        // An unknown element kind is checked as a write without keys: denied for tenant roles.
        return {
          action: spec?.action ?? 'dynamodb:PutItem',
          ...(table === undefined ? {} : { table }),
          leadingKeys: spec ? await leadingKeyOf(keysOf, table, part[spec.field]) : undefined,
          enclosingOperation: 'TransactWriteItems' as const,
        };
      })).then((checks) => (checks.length > 0 ? checks : [{ action: 'dynamodb:PutItem', enclosingOperation: 'TransactWriteItems' }]));
    case 'TransactGetItems':
      return Promise.all(list(request.TransactItems).map(async (element) => {
        const part = obj(obj(element).Get);
        const table = str(part.TableName);
        return {
          action: 'dynamodb:GetItem',
          ...(table === undefined ? {} : { table }),
          leadingKeys: await leadingKeyOf(keysOf, table, part.Key),
          enclosingOperation: 'TransactGetItems' as const,
        };
      })).then((checks) => (checks.length > 0 ? checks : [{ action: 'dynamodb:GetItem', enclosingOperation: 'TransactGetItems' }]));
    case 'ExecuteStatement':
      return [partiqlCheck(request)];
    case 'BatchExecuteStatement':
      return nonEmpty(list(request.Statements).map(partiqlCheck), 'dynamodb:PartiQLSelect');
    case 'ExecuteTransaction':
      return nonEmpty(list(request.TransactStatements).map(partiqlCheck), 'dynamodb:PartiQLSelect');
    default: {
      // Control plane and everything else: the action of the same name on the named table or ARN.
      const table = str(request.TableName);
      const resourceArn = str(request.ResourceArn);
      return [{ action: `dynamodb:${operation}`, ...(table === undefined ? {} : { table }), ...(resourceArn === undefined ? {} : { resourceArn }) }];
    }
  }
}

function nonEmpty(checks: DynamoCheck[], action: string): DynamoCheck[] {
  return checks.length > 0 ? checks : [{ action }];
}

async function batch(action: string, request: Json, keysOf: KeysOf, itemsOf: (entry: unknown) => unknown[]): Promise<DynamoCheck[]> {
  const checks: DynamoCheck[] = [];
  for (const [table, entry] of Object.entries(obj(request.RequestItems))) {
    const items = itemsOf(entry);
    if (items.length === 0) checks.push({ action, table });
    for (const item of items) checks.push({ action, table, leadingKeys: await leadingKeyOf(keysOf, table, item) });
  }
  // No table at all: one check without a table or keys, denied for every role of this product.
  return checks.length > 0 ? checks : [{ action }];
}
