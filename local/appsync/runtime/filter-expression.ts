/**
 * Renders a DynamoDB filter object (`{ title: { contains: 'x' }, or: [...] }`) to an expression,
 * byte for byte as AppSync's `util.transform.toDynamoDBFilterExpression` does, quirks included:
 * names and values use the field name verbatim (`#a.b`, `:and_0_a_eq`), an empty member still
 * gets its joiner (`(#a = :a_eq) AND `), and `in: []` renders `(null)`.
 */
import { toDynamoDB, type AttributeValue } from './dynamodb-values.ts';
import { definedEntries, isMap } from './values.ts';

/** An expression with its placeholders, as DynamoDB requests carry it. */
export interface DynamoDBExpression {
  expression: string;
  expressionNames: Record<string, string>;
  expressionValues: Record<string, AttributeValue>;
}

/** Thrown inside the renderer when AppSync would answer `null` for the filter. */
class Unrenderable extends Error {}

const COMPARISONS: Record<string, string> = { eq: '=', ne: '<>', lt: '<', le: '<=', gt: '>', ge: '>=' };
const FUNCTIONS: Record<string, string> = {
  contains: 'contains',
  notContains: 'NOT contains',
  beginsWith: 'begins_with',
};
const ATTRIBUTE_TYPES: Record<string, string> = {
  _null: 'NULL',
  string: 'S',
  stringSet: 'SS',
  number: 'N',
  numberSet: 'NS',
  binary: 'B',
  binarySet: 'BS',
  boolean: 'BOOL',
  list: 'L',
  map: 'M',
};

/**
 * Renders a filter or condition object; `null` when AppSync cannot render it (not an object,
 * an unknown operator, a malformed `and`/`or`/`not`/`between`/`in`/`attributeExists`/...).
 */
export function renderFilter(filter: unknown): DynamoDBExpression | null {
  const out: DynamoDBExpression = { expression: '', expressionNames: {}, expressionValues: {} };
  try {
    out.expression = renderObject(filter, '', out);
  } catch (error) {
    if (error instanceof Unrenderable) return null;
    throw error;
  }
  return out;
}

/** Members of one object are AND-ed without parentheses of their own. */
function renderObject(filter: unknown, prefix: string, out: DynamoDBExpression): string {
  if (!isMap(filter)) throw new Unrenderable();
  return definedEntries(filter)
    .map(([key, value]) => renderEntry(key, value, prefix, out))
    .join(' AND ');
}

function renderEntry(key: string, value: unknown, prefix: string, out: DynamoDBExpression): string {
  if (key === 'and' || key === 'or') {
    if (!Array.isArray(value)) throw new Unrenderable();
    const members = value.map((member, index) => renderObject(member, `${prefix}${key}_${index}_`, out));
    return group(members, key === 'and' ? ' AND ' : ' OR ');
  }
  if (key === 'not') return `(NOT ${renderObject(value, `${prefix}not_`, out)})`;
  if (!isMap(value)) throw new Unrenderable();
  const field = `#${key}`;
  out.expressionNames[field] = key;
  return renderOperators(field, field, `${prefix}${key}`, value, out);
}

/** All operators of one field (or of its `size`), AND-ed. */
function renderOperators(
  field: string,
  operand: string,
  valueName: string,
  operators: Record<string, unknown>,
  out: DynamoDBExpression,
): string {
  const parts = definedEntries(operators).map(([operator, operandValue]) =>
    renderOperator(field, operand, valueName, operator, operandValue, out),
  );
  return group(parts, ' AND ');
}

function renderOperator(
  field: string,
  operand: string,
  valueName: string,
  operator: string,
  value: unknown,
  out: DynamoDBExpression,
): string {
  const placeholder = (suffix: string, placeholderValue: unknown): string => {
    const name = `:${valueName}_${suffix}`;
    out.expressionValues[name] = toDynamoDB(placeholderValue) ?? { NULL: null };
    return name;
  };
  const comparison = COMPARISONS[operator];
  if (comparison) return `(${operand} ${comparison} ${placeholder(operator, value)})`;
  const fn = FUNCTIONS[operator];
  if (fn) return `(${fn}(${operand},${placeholder(operator, value)}))`;
  switch (operator) {
    case 'between': {
      if (!Array.isArray(value) || value.length < 2) throw new Unrenderable();
      const start = placeholder('between_start', value[0]);
      return `(${operand} BETWEEN ${start} AND ${placeholder('between_end', value[1])})`;
    }
    case 'in': {
      if (!Array.isArray(value)) throw new Unrenderable();
      const names = value.map((item, index) => placeholder(`in_${index}`, item));
      return names.length === 0 ? '(null)' : `(${operand} IN (${names.join(', ')}))`;
    }
    case 'attributeExists':
      if (typeof value !== 'boolean') throw new Unrenderable();
      return `(${value ? 'attribute_exists' : 'attribute_not_exists'}(${operand}))`;
    case 'attributeType': {
      const code = typeof value === 'string' ? ATTRIBUTE_TYPES[value] : undefined;
      if (!code) throw new Unrenderable();
      return `(attribute_type(${operand},${placeholder('attributeType', code)}))`;
    }
    case 'size':
      // a nested size names its value again but keeps comparing `size(field)`
      if (!isMap(value)) throw new Unrenderable();
      return renderOperators(field, `size(${field})`, `${valueName}_size`, value, out);
    default:
      throw new Unrenderable();
  }
}

/** Joins parts and wraps them in parentheses when there is more than one. */
function group(parts: string[], joiner: string): string {
  return parts.length > 1 ? `(${parts.join(joiner)})` : parts.join(joiner);
}
