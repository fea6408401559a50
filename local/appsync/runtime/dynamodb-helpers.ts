/**
 * `@aws-appsync/utils/dynamodb`: builders of the DynamoDB data-source requests. Keys and items
 * become typed values (typed sets from `toStringSet`/`toNumberSet`/`toBinarySet` kept as is),
 * `condition`/`filter` objects are rendered like `util.transform` renders them, and optional
 * fields are only written when given. An empty filter or condition is left out.
 */
import { AppSyncResolverError } from './contract.ts';
import { toAttributeMap, toAttributeValue } from './dynamodb-values.ts';
import { renderFilter } from './filter-expression.ts';
import { compactExpression, Placeholders, projectionExpression, type RequestExpression } from './placeholders.ts';
import { operations, updateExpression } from './update-expression.ts';
import { definedEntries, isMap } from './values.ts';

type Input = Record<string, unknown>;
type Request = Record<string, unknown>;

function requireMap(value: unknown, what: string): Record<string, unknown> {
  if (!isMap(value)) throw new AppSyncResolverError(`${what} must be an object`);
  return value;
}

function typedMap(value: unknown, what: string) {
  return toAttributeMap(requireMap(value, what));
}

/** A filter or condition object as an expression; `undefined` when absent or empty. */
function filterExpression(filter: unknown, what: string): RequestExpression | undefined {
  if (filter === undefined || filter === null) return undefined;
  const rendered = renderFilter(filter);
  if (rendered === null) throw new AppSyncResolverError(`Invalid ${what}: ${JSON.stringify(filter)}`);
  return rendered.expression === '' ? undefined : compactExpression(rendered);
}

/** Copies the named fields of `input` that are set (neither undefined nor null). */
function pick(input: Input, fields: readonly string[]): Request {
  const picked: Request = {};
  for (const field of fields) {
    if (input[field] !== undefined && input[field] !== null) picked[field] = input[field];
  }
  return picked;
}

/** Adds the entries whose value is defined. */
function withDefined(request: Request, extra: Record<string, unknown>): Request {
  for (const [key, value] of definedEntries(extra)) request[key] = value;
  return request;
}

function projection(input: Input): RequestExpression | undefined {
  const paths = input.projection;
  if (paths === undefined || paths === null) return undefined;
  if (!Array.isArray(paths) || paths.length === 0) throw new AppSyncResolverError('projection must be a non-empty list');
  return projectionExpression(paths.map(String));
}

const KEY_COMPARISONS: Record<string, string> = { eq: '=', lt: '<', le: '<=', gt: '>', ge: '>=' };

/** The key condition of a query: `#pk = :pk_eq AND begins_with(#sk, :sk_beginsWith)` (no parentheses, which DynamoDB rejects there). */
function keyCondition(query: unknown): RequestExpression {
  const placeholders = new Placeholders();
  const conditions = definedEntries(requireMap(query, 'query')).flatMap(([attribute, operators]) =>
    definedEntries(requireMap(operators, `query.${attribute}`)).map(([operator, operand]) => {
      const name = placeholders.name(attribute);
      const value = (suffix: string, entry: unknown) =>
        placeholders.value(`${attribute}_${suffix}`, toAttributeValue(entry) ?? { NULL: null });
      const comparison = KEY_COMPARISONS[operator];
      if (comparison) return `${name} ${comparison} ${value(operator, operand)}`;
      if (operator === 'beginsWith') return `begins_with(${name}, ${value(operator, operand)})`;
      if (operator === 'between' && Array.isArray(operand) && operand.length === 2) {
        return `${name} BETWEEN ${value('between_0', operand[0])} AND ${value('between_1', operand[1])}`;
      }
      throw new AppSyncResolverError(`Unsupported key condition ${attribute}.${operator}`);
    }),
  );
  if (conditions.length === 0) throw new AppSyncResolverError('query must hold a key condition');
  return placeholders.toExpression(conditions.join(' AND '));
}

const VERSIONING_FIELDS = ['customPartitionKey', 'populateIndexFields', '_version'];

/** GetItem request. */
export function get(input: Input): Request {
  return withDefined(
    { operation: 'GetItem', key: typedMap(input.key, 'key') },
    { ...pick(input, ['consistentRead']), projection: projection(input) },
  );
}

/** PutItem request; `item` need not repeat the key. */
export function put(input: Input): Request {
  return withDefined(
    { operation: 'PutItem', key: typedMap(input.key, 'key'), attributeValues: typedMap(input.item, 'item') },
    { condition: filterExpression(input.condition, 'condition'), ...pick(input, VERSIONING_FIELDS) },
  );
}

/** DeleteItem request. */
export function remove(input: Input): Request {
  return withDefined(
    { operation: 'DeleteItem', key: typedMap(input.key, 'key') },
    { condition: filterExpression(input.condition, 'condition'), ...pick(input, VERSIONING_FIELDS) },
  );
}

/** UpdateItem request, its `update` object turned into an update expression. */
export function update(input: Input): Request {
  return withDefined(
    { operation: 'UpdateItem', key: typedMap(input.key, 'key'), update: updateExpression(input.update) },
    { condition: filterExpression(input.condition, 'condition'), ...pick(input, VERSIONING_FIELDS) },
  );
}

const READ_FIELDS = ['index', 'limit', 'nextToken', 'consistentRead', 'select'];

/** Query request: `query` is the key condition, `filter` applies after reading. */
export function query(input: Input): Request {
  return withDefined(
    { operation: 'Query', query: keyCondition(input.query) },
    {
      ...pick(input, [...READ_FIELDS, 'scanIndexForward']),
      filter: filterExpression(input.filter, 'filter'),
      projection: projection(input),
    },
  );
}

/** Scan request, optionally parallel (`segment`/`totalSegments`). */
export function scan(input: Input): Request {
  return withDefined(
    { operation: 'Scan' },
    {
      ...pick(input, [...READ_FIELDS, 'totalSegments', 'segment']),
      filter: filterExpression(input.filter, 'filter'),
      projection: projection(input),
    },
  );
}

/** Sync request of a versioned data source. */
export function sync(input: Input): Request {
  return withDefined(
    { operation: 'Sync' },
    {
      ...pick(input, ['basePartitionKey', 'deltaIndexName', 'limit', 'nextToken', 'lastSync']),
      filter: filterExpression(input.filter, 'filter'),
    },
  );
}

function tablesOf(input: Input): [string, unknown][] {
  return definedEntries(requireMap(input.tables, 'tables'));
}

function listOf(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw new AppSyncResolverError(`${what} must be a list`);
  return value;
}

/** BatchGetItem request over several tables. */
export function batchGet(input: Input): Request {
  const tables = Object.fromEntries(
    tablesOf(input).map(([table, config]) => {
      const options = requireMap(config, `tables.${table}`);
      const keys = listOf(options.keys, `tables.${table}.keys`).map((key) => typedMap(key, 'key'));
      return [table, withDefined({ keys }, { ...pick(options, ['consistentRead']), projection: projection(options) })];
    }),
  );
  return { operation: 'BatchGetItem', tables };
}

/** BatchPutItem request: table name to the items to write. */
export function batchPut(input: Input): Request {
  const tables = Object.fromEntries(
    tablesOf(input).map(([table, items]) => [table, listOf(items, `tables.${table}`).map((item) => typedMap(item, 'item'))]),
  );
  return { operation: 'BatchPutItem', tables };
}

/** BatchDeleteItem request: table name to the keys to delete. */
export function batchDelete(input: Input): Request {
  const tables = Object.fromEntries(
    tablesOf(input).map(([table, keys]) => [table, listOf(keys, `tables.${table}`).map((key) => typedMap(key, 'key'))]),
  );
  return { operation: 'BatchDeleteItem', tables };
}

/** TransactGetItems request. */
export function transactGet(input: Input): Request {
  const transactItems = listOf(input.items, 'items').map((entry) => {
    const item = requireMap(entry, 'item');
    return withDefined({ table: item.table, key: typedMap(item.key, 'key') }, { projection: projection(item) });
  });
  return { operation: 'TransactGetItems', transactItems };
}

/** TransactWriteItems request from `putItem` / `updateItem` / `deleteItem` / `conditionCheck` entries. */
export function transactWrite(input: Input): Request {
  const transactItems = listOf(input.items, 'items').map((entry) => {
    const item = requireMap(entry, 'item');
    const [kind, body] = Object.entries(item)[0] ?? [];
    const spec = requireMap(body, `item.${kind}`);
    const base = { table: spec.table, key: typedMap(spec.key, 'key') };
    const condition = { condition: filterExpression(spec.condition, 'condition') };
    switch (kind) {
      case 'putItem':
        return withDefined({ ...base, operation: 'PutItem', attributeValues: typedMap(spec.item, 'item') }, condition);
      case 'updateItem':
        return withDefined({ ...base, operation: 'UpdateItem', update: updateExpression(spec.update) }, condition);
      case 'deleteItem':
        return withDefined({ ...base, operation: 'DeleteItem' }, condition);
      case 'conditionCheck':
        return withDefined({ ...base, operation: 'ConditionCheck' }, condition);
      default:
        throw new AppSyncResolverError(`Unknown transactWrite item: ${String(kind)}`);
    }
  });
  return { operation: 'TransactWriteItems', transactItems };
}

/** `{ SS: [...] }`, a string set for items and `operations.add`. */
export function toStringSet(list: string[]) {
  return { SS: [...list] };
}

/** `{ NS: ['1', '2'] }`: this module's number sets hold strings, unlike `util.dynamodb.toNumberSet`. */
export function toNumberSet(numbers: number[]) {
  return { NS: numbers.map(String) };
}

/** `{ BS: [...] }`, a set of base64 strings. */
export function toBinarySet(values: string[]) {
  return { BS: [...values] };
}

export { operations };
