/**
 * The `update` object of `ddb.update` / `transactWrite` turned into an UpdateExpression.
 * - a plain value (or list) is SET; `null` sets a NULL value (use `operations.remove()` to delete);
 * - a plain object updates only the keys it holds, at nested paths (`operations.replace` swaps it whole);
 * - operations: `add` ADDs a number or typed set and SETs anything else, `increment`/`decrement`
 *   ADD on a top-level attribute (a missing counter starts at 0) and `SET p = p ± n` on a nested
 *   one (DynamoDB's ADD only takes top-level attributes), `append`/`prepend` use `list_append`,
 *   and a list of `updateListItem` SETs single list elements.
 */
import { AppSyncResolverError } from './contract.ts';
import { isTypedSet, toAttributeValue } from './dynamodb-values.ts';
import { Placeholders, type RequestExpression } from './placeholders.ts';
import { definedEntries, isMap } from './values.ts';

/** What the `operations` helpers return; `_type` is the field AppSync's typings expose. */
export type UpdateOperation =
  | { _type: 'add' | 'replace' | 'append' | 'prepend'; value: unknown }
  | { _type: 'remove' }
  | { _type: 'increment' | 'decrement'; by: number }
  | { _type: 'updateListItem'; value: unknown; index: number };

const OPERATION_TYPES = ['add', 'replace', 'append', 'prepend', 'remove', 'increment', 'decrement', 'updateListItem'];

/** The `operations` export of `@aws-appsync/utils/dynamodb`. */
export const operations = {
  add: (value: unknown): UpdateOperation => ({ _type: 'add', value }),
  remove: (): UpdateOperation => ({ _type: 'remove' }),
  replace: (value: unknown): UpdateOperation => ({ _type: 'replace', value }),
  increment: (by = 1): UpdateOperation => ({ _type: 'increment', by }),
  decrement: (by = 1): UpdateOperation => ({ _type: 'decrement', by }),
  append: (value: unknown[]): UpdateOperation => ({ _type: 'append', value }),
  prepend: (value: unknown[]): UpdateOperation => ({ _type: 'prepend', value }),
  updateListItem: (value: unknown, index: number): UpdateOperation => ({ _type: 'updateListItem', value, index }),
};

function isOperation(value: unknown): value is UpdateOperation {
  return isMap(value) && typeof value._type === 'string' && OPERATION_TYPES.includes(value._type);
}

interface Clauses {
  SET: string[];
  ADD: string[];
  REMOVE: string[];
}

/** Builds the `{ expression, expressionNames, expressionValues }` of an update object. */
export function updateExpression(update: unknown): RequestExpression {
  if (!isMap(update)) throw new AppSyncResolverError('update must be an object');
  const placeholders = new Placeholders();
  const clauses: Clauses = { SET: [], ADD: [], REMOVE: [] };
  collect(update, [], placeholders, clauses);
  const expression = (Object.keys(clauses) as (keyof Clauses)[])
    .filter((action) => clauses[action].length > 0)
    .map((action) => `${action} ${clauses[action].join(', ')}`)
    .join(' ');
  if (expression === '') throw new AppSyncResolverError('update must change at least one attribute');
  return placeholders.toExpression(expression);
}

function collect(update: Record<string, unknown>, parent: string[], placeholders: Placeholders, clauses: Clauses): void {
  for (const [key, value] of definedEntries(update)) {
    const attributes = [...parent, key];
    const path = attributes.map((attribute) => placeholders.name(attribute)).join('.');
    const placeholder = (entry: unknown, suffix = '') =>
      placeholders.value(attributes.join('_') + suffix, toAttributeValue(entry) ?? { NULL: null });
    if (isOperation(value)) {
      applyOperation(value, path, attributes.length === 1, placeholder, clauses);
    } else if (Array.isArray(value) && value.length > 0 && value.every(isOperation)) {
      value.forEach((operation) => applyOperation(operation, path, attributes.length === 1, placeholder, clauses));
    } else if (isMap(value) && !isTypedSet(value)) {
      collect(value, attributes, placeholders, clauses);
    } else {
      clauses.SET.push(`${path} = ${placeholder(value)}`);
    }
  }
}

function applyOperation(
  operation: UpdateOperation,
  path: string,
  topLevel: boolean,
  placeholder: (value: unknown, suffix?: string) => string,
  clauses: Clauses,
): void {
  switch (operation._type) {
    case 'remove':
      clauses.REMOVE.push(path);
      return;
    case 'replace':
      clauses.SET.push(`${path} = ${placeholder(operation.value)}`);
      return;
    case 'add':
      if (typeof operation.value === 'number' || isTypedSet(operation.value)) {
        clauses.ADD.push(`${path} ${placeholder(operation.value)}`);
      } else {
        clauses.SET.push(`${path} = ${placeholder(operation.value)}`);
      }
      return;
    case 'increment':
    case 'decrement': {
      const sign = operation._type === 'increment' ? 1 : -1;
      if (topLevel) clauses.ADD.push(`${path} ${placeholder(sign * operation.by)}`);
      else clauses.SET.push(`${path} = ${path} ${sign > 0 ? '+' : '-'} ${placeholder(operation.by)}`);
      return;
    }
    case 'append':
      clauses.SET.push(`${path} = list_append(${path}, ${placeholder(operation.value)})`);
      return;
    case 'prepend':
      clauses.SET.push(`${path} = list_append(${placeholder(operation.value)}, ${path})`);
      return;
    case 'updateListItem':
      clauses.SET.push(`${path}[${operation.index}] = ${placeholder(operation.value, `_${operation.index}`)}`);
      return;
  }
}
