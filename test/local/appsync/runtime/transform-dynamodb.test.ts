// util.transform.toDynamoDBFilterExpression / toDynamoDBConditionExpression against the outputs
// AppSync's EvaluateCode gave (localstack/appsync-utils __tests__/__snapshots__/transform.test.js.snap).
// AWS orders expressionNames/expressionValues arbitrarily, so results are parsed before comparing;
// the expression string itself must match exactly.
import { describe, expect, it } from 'vitest';
import { typedUtils } from './fixtures.ts';

const { transform } = typedUtils().util;

const filter = (input: unknown) => JSON.parse(transform.toDynamoDBFilterExpression(input as never)!);
const condition = (input: unknown) => JSON.parse(transform.toDynamoDBConditionExpression(input as never)!);

/** The expected `{ expression, expressionNames, expressionValues }`. */
const rendered = (expression: string, names: Record<string, string>, values: Record<string, unknown> = {}) => ({
  expression,
  expressionNames: names,
  expressionValues: values,
});

describe('the result is a JSON string', () => {
  it('of a filter', () => {
    expect(transform.toDynamoDBFilterExpression({ content: { contains: 'foo' } })).toBe(
      '{"expression":"(contains(#content,:content_contains))","expressionNames":{"#content":"content"},"expressionValues":{":content_contains":{"S":"foo"}}}',
    );
  });

  it('of a condition', () => {
    expect(transform.toDynamoDBConditionExpression({ and: [{ id: { attributeExists: false } }] })).toBe(
      '{"expression":"(attribute_not_exists(#id))","expressionNames":{"#id":"id"},"expressionValues":{}}',
    );
  });
});

describe('operators', () => {
  it.each([
    ['eq', '='],
    ['ne', '<>'],
    ['lt', '<'],
    ['le', '<='],
    ['gt', '>'],
    ['ge', '>='],
  ])('%s compares with %s', (operator, symbol) => {
    expect(filter({ v: { [operator]: 'x' } })).toEqual(
      rendered(`(#v ${symbol} :v_${operator})`, { '#v': 'v' }, { [`:v_${operator}`]: { S: 'x' } }),
    );
  });

  it.each([
    ['a number', 10, { N: 10 }],
    ['a fraction', 1.5, { N: 1.5 }],
    ['a boolean', true, { BOOL: true }],
    ['null', null, { NULL: null }],
    ['an object', { a: 1 }, { M: { a: { N: 1 } } }],
    ['a list', [1, 2], { L: [{ N: 1 }, { N: 2 }] }],
  ])('an operand that is %s keeps its type', (_name, operand, typed) => {
    expect(filter({ v: { eq: operand } })).toEqual(rendered('(#v = :v_eq)', { '#v': 'v' }, { ':v_eq': typed }));
  });

  it('functions leave no space after the comma', () => {
    expect(filter({ v: { contains: 'x' } }).expression).toBe('(contains(#v,:v_contains))');
    expect(filter({ v: { notContains: 'x' } })).toEqual(
      rendered('(NOT contains(#v,:v_notContains))', { '#v': 'v' }, { ':v_notContains': { S: 'x' } }),
    );
    expect(filter({ v: { beginsWith: 'x' } })).toEqual(
      rendered('(begins_with(#v,:v_beginsWith))', { '#v': 'v' }, { ':v_beginsWith': { S: 'x' } }),
    );
  });

  it('between names its bounds start and end and ignores extra bounds', () => {
    const expected = rendered(
      '(#v BETWEEN :v_between_start AND :v_between_end)',
      { '#v': 'v' },
      { ':v_between_start': { S: '1' }, ':v_between_end': { S: '9' } },
    );
    expect(filter({ v: { between: ['1', '9'] } })).toEqual(expected);
    expect(filter({ v: { between: ['1', '9', '3'] } })).toEqual(expected);
    expect(filter({ v: { between: [1, 9] } }).expressionValues).toEqual({
      ':v_between_start': { N: 1 },
      ':v_between_end': { N: 9 },
    });
  });

  it('in numbers its values and separates them with a comma and a space', () => {
    expect(filter({ v: { in: ['a', 'b'] } })).toEqual(
      rendered('(#v IN (:v_in_0, :v_in_1))', { '#v': 'v' }, { ':v_in_0': { S: 'a' }, ':v_in_1': { S: 'b' } }),
    );
    expect(filter({ v: { in: ['a'] } })).toEqual(rendered('(#v IN (:v_in_0))', { '#v': 'v' }, { ':v_in_0': { S: 'a' } }));
  });

  it('attributeExists true and false', () => {
    expect(filter({ v: { attributeExists: true } })).toEqual(rendered('(attribute_exists(#v))', { '#v': 'v' }));
    expect(filter({ v: { attributeExists: false } })).toEqual(rendered('(attribute_not_exists(#v))', { '#v': 'v' }));
  });

  it('attributeType turns every friendly name into its type code', () => {
    const types = {
      a: ['_null', 'NULL'], b: ['string', 'S'], c: ['stringSet', 'SS'], d: ['number', 'N'], e: ['numberSet', 'NS'],
      f: ['binary', 'B'], g: ['binarySet', 'BS'], h: ['boolean', 'BOOL'], i: ['list', 'L'], j: ['map', 'M'],
    };
    const input = Object.fromEntries(Object.entries(types).map(([field, [name]]) => [field, { attributeType: name }]));
    const result = filter(input);
    expect(result.expression).toBe(
      Object.keys(types).map((field) => `(attribute_type(#${field},:${field}_attributeType))`).join(' AND '),
    );
    expect(result.expressionValues).toEqual(
      Object.fromEntries(Object.entries(types).map(([field, [, code]]) => [`:${field}_attributeType`, { S: code }])),
    );
  });
});

describe('size', () => {
  it('compares the size of the attribute', () => {
    expect(filter({ v: { size: { gt: 2 } } })).toEqual(
      rendered('(size(#v) > :v_size_gt)', { '#v': 'v' }, { ':v_size_gt': { N: 2 } }),
    );
  });

  it('combines with ranges, functions and attributeExists', () => {
    expect(filter({ v: { size: { between: [1, 3] } } })).toEqual(
      rendered(
        '(size(#v) BETWEEN :v_size_between_start AND :v_size_between_end)',
        { '#v': 'v' },
        { ':v_size_between_start': { N: 1 }, ':v_size_between_end': { N: 3 } },
      ),
    );
    expect(filter({ v: { size: { contains: 'x' } } }).expression).toBe('(contains(size(#v),:v_size_contains))');
    expect(filter({ v: { size: { attributeExists: true } } })).toEqual(
      rendered('(attribute_exists(size(#v)))', { '#v': 'v' }),
    );
  });

  it('wraps two comparisons on one size', () => {
    expect(filter({ v: { size: { gt: 2, lt: 5 } } })).toEqual(
      rendered(
        '((size(#v) > :v_size_gt) AND (size(#v) < :v_size_lt))',
        { '#v': 'v' },
        { ':v_size_gt': { N: 2 }, ':v_size_lt': { N: 5 } },
      ),
    );
  });

  it('a nested size names the value again without nesting the call', () => {
    expect(filter({ v: { size: { size: { gt: 1 } } } })).toEqual(
      rendered('(size(#v) > :v_size_size_gt)', { '#v': 'v' }, { ':v_size_size_gt': { N: 1 } }),
    );
  });
});

describe('grouping', () => {
  const ab = { '#a': 'a', '#b': 'b' };
  const abc = { ...ab, '#c': 'c' };

  it('joins top-level fields without wrapping them', () => {
    expect(filter({ a: { eq: 1 }, b: { eq: 2 } })).toEqual(
      rendered('(#a = :a_eq) AND (#b = :b_eq)', ab, { ':a_eq': { N: 1 }, ':b_eq': { N: 2 } }),
    );
  });

  it('wraps a field carrying two operators', () => {
    expect(filter({ v: { ge: 1, le: 5 } }).expression).toBe('((#v >= :v_ge) AND (#v <= :v_le))');
  });

  it('does not wrap an and of one member, but wraps one of two', () => {
    expect(filter({ and: [{ a: { eq: 1 } }] })).toEqual(
      rendered('(#a = :and_0_a_eq)', { '#a': 'a' }, { ':and_0_a_eq': { N: 1 } }),
    );
    expect(filter({ and: [{ a: { eq: 1 } }, { b: { eq: 2 } }] })).toEqual(
      rendered('((#a = :and_0_a_eq) AND (#b = :and_1_b_eq))', ab, { ':and_0_a_eq': { N: 1 }, ':and_1_b_eq': { N: 2 } }),
    );
  });

  it('an or of two members', () => {
    expect(filter({ or: [{ a: { eq: 1 } }, { b: { eq: 2 } }] })).toEqual(
      rendered('((#a = :or_0_a_eq) OR (#b = :or_1_b_eq))', ab, { ':or_0_a_eq': { N: 1 }, ':or_1_b_eq': { N: 2 } }),
    );
  });

  it('not of a comparison, of a group and of a not', () => {
    expect(filter({ not: { a: { eq: 1 } } })).toEqual(
      rendered('(NOT (#a = :not_a_eq))', { '#a': 'a' }, { ':not_a_eq': { N: 1 } }),
    );
    expect(filter({ not: { and: [{ a: { eq: 1 } }, { b: { eq: 2 } }] } })).toEqual(
      rendered('(NOT ((#a = :not_and_0_a_eq) AND (#b = :not_and_1_b_eq)))', ab, {
        ':not_and_0_a_eq': { N: 1 },
        ':not_and_1_b_eq': { N: 2 },
      }),
    );
    expect(filter({ not: { not: { a: { eq: 1 } } } })).toEqual(
      rendered('(NOT (NOT (#a = :not_not_a_eq)))', { '#a': 'a' }, { ':not_not_a_eq': { N: 1 } }),
    );
  });

  it('not inside an and', () => {
    expect(filter({ and: [{ not: { a: { eq: 1 } } }, { b: { eq: 2 } }] })).toEqual(
      rendered('((NOT (#a = :and_0_not_a_eq)) AND (#b = :and_1_b_eq))', ab, {
        ':and_0_not_a_eq': { N: 1 },
        ':and_1_b_eq': { N: 2 },
      }),
    );
  });

  it('an and inside an or, and an or inside an and', () => {
    expect(filter({ or: [{ and: [{ a: { eq: 1 } }, { b: { eq: 2 } }] }, { c: { eq: 3 } }] })).toEqual(
      rendered('(((#a = :or_0_and_0_a_eq) AND (#b = :or_0_and_1_b_eq)) OR (#c = :or_1_c_eq))', abc, {
        ':or_0_and_0_a_eq': { N: 1 },
        ':or_0_and_1_b_eq': { N: 2 },
        ':or_1_c_eq': { N: 3 },
      }),
    );
    expect(filter({ and: [{ or: [{ a: { eq: 1 } }, { b: { eq: 2 } }] }, { c: { eq: 3 } }] })).toEqual(
      rendered('(((#a = :and_0_or_0_a_eq) OR (#b = :and_0_or_1_b_eq)) AND (#c = :and_1_c_eq))', abc, {
        ':and_0_or_0_a_eq': { N: 1 },
        ':and_0_or_1_b_eq': { N: 2 },
        ':and_1_c_eq': { N: 3 },
      }),
    );
  });

  it('value names carry every level of nesting', () => {
    expect(filter({ and: [{ or: [{ and: [{ a: { eq: 1 } }] }] }] })).toEqual(
      rendered('(#a = :and_0_or_0_and_0_a_eq)', { '#a': 'a' }, { ':and_0_or_0_and_0_a_eq': { N: 1 } }),
    );
  });

  it('a field beside a group', () => {
    expect(filter({ a: { eq: 1 }, and: [{ b: { eq: 2 } }] })).toEqual(
      rendered('(#a = :a_eq) AND (#b = :and_0_b_eq)', ab, { ':a_eq': { N: 1 }, ':and_0_b_eq': { N: 2 } }),
    );
  });

  it('uses a field name verbatim, dots included', () => {
    expect(filter({ 'a.b': { eq: 1 } })).toEqual(rendered('(#a.b = :a.b_eq)', { '#a.b': 'a.b' }, { ':a.b_eq': { N: 1 } }));
  });
});

describe('filters that render no expression', () => {
  it.each([
    ['an empty filter', {}, rendered('', {})],
    ['an empty group', { and: [] }, rendered('', {})],
    ['a field without operators, which keeps its name', { v: {} }, rendered('', { '#v': 'v' })],
    ['a size without operators', { v: { size: {} } }, rendered('', { '#v': 'v' })],
    ['not of an empty filter', { not: {} }, rendered('(NOT )', {})],
    ['an empty list of values', { v: { in: [] } }, rendered('(null)', { '#v': 'v' })],
    [
      'an empty field beside a comparison, leaving a dangling joiner',
      { a: { eq: 1 }, b: {} },
      rendered('(#a = :a_eq) AND ', { '#a': 'a', '#b': 'b' }, { ':a_eq': { N: 1 } }),
    ],
    [
      'an empty member of a group, leaving a dangling joiner',
      { and: [{ a: { eq: 1 } }, {}] },
      rendered('((#a = :and_0_a_eq) AND )', { '#a': 'a' }, { ':and_0_a_eq': { N: 1 } }),
    ],
  ])('%s', (_name, input, expected) => {
    expect(filter(input)).toEqual(expected);
  });
});

describe('filters AppSync cannot render answer null', () => {
  it.each([
    ['no filter at all', undefined],
    ['null', null],
    ['an array', []],
    ['a string', 'string'],
    ['an unknown operator', { v: { foo: 1 } }],
    ['a field holding a value instead of operators', { v: 'x' }],
    ['a field nested in a field', { a: { b: { eq: 1 } } }],
    ['an and given a map', { and: { a: { eq: 1 } } }],
    ['an and given null', { and: null }],
    ['a group holding a null member', { and: [{ a: { eq: 1 } }, null] }],
    ['a not given a list', { not: [{ a: { eq: 1 } }] }],
    ['a range with a single bound', { v: { between: [1] } }],
    ['a range that is not a list', { v: { between: 'x' } }],
    ['a list of values that is not a list', { v: { in: 'x' } }],
    ['attributeExists given a string', { v: { attributeExists: 'yes' } }],
    ['attributeType given a type code', { v: { attributeType: 'S' } }],
    ['attributeType given an unknown name', { v: { attributeType: 'bogus' } }],
    ['size given a value', { v: { size: 3 } }],
  ])('%s', (_name, input) => {
    expect(transform.toDynamoDBFilterExpression(input as never)).toBeNull();
    expect(transform.toDynamoDBConditionExpression(input as never)).toBeNull();
  });
});

describe('conditions render like filters', () => {
  it.each([
    [{ content: { eq: 'x' } }],
    [{ and: [{ content: { eq: 'x' } }, { version: { attributeExists: true } }] }],
    [{ not: { id: { between: ['1', '9'] } } }],
  ])('%j', (input) => {
    expect(condition(input)).toEqual(filter(input));
  });

  it('a group with an existence check, and a negated range', () => {
    expect(condition({ and: [{ content: { eq: 'x' } }, { version: { attributeExists: true } }] })).toEqual(
      rendered(
        '((#content = :and_0_content_eq) AND (attribute_exists(#version)))',
        { '#content': 'content', '#version': 'version' },
        { ':and_0_content_eq': { S: 'x' } },
      ),
    );
    expect(condition({ not: { id: { between: ['1', '9'] } } })).toEqual(
      rendered(
        '(NOT (#id BETWEEN :not_id_between_start AND :not_id_between_end))',
        { '#id': 'id' },
        { ':not_id_between_start': { S: '1' }, ':not_id_between_end': { S: '9' } },
      ),
    );
  });
});

describe('what the Amplify model transformer generates', () => {
  it('the condition guarding a create', () => {
    expect(condition({ and: [{ id: { attributeExists: false } }] })).toEqual(
      rendered('(attribute_not_exists(#id))', { '#id': 'id' }),
    );
  });

  it('the condition guarding an update', () => {
    expect(condition({ and: [{ id: { attributeExists: true } }, { _version: { eq: 1 } }] })).toEqual(
      rendered(
        '((attribute_exists(#id)) AND (#_version = :and_1__version_eq))',
        { '#id': 'id', '#_version': '_version' },
        { ':and_1__version_eq': { N: 1 } },
      ),
    );
  });

  it('list filters', () => {
    expect(filter({ and: [{ content: { contains: 'a' } }, { done: { eq: true } }] })).toEqual(
      rendered(
        '((contains(#content,:and_0_content_contains)) AND (#done = :and_1_done_eq))',
        { '#content': 'content', '#done': 'done' },
        { ':and_0_content_contains': { S: 'a' }, ':and_1_done_eq': { BOOL: true } },
      ),
    );
    expect(filter({ or: [{ content: { beginsWith: 'a' } }, { id: { between: ['1', '9'] } }] })).toEqual(
      rendered(
        '((begins_with(#content,:or_0_content_beginsWith)) OR (#id BETWEEN :or_1_id_between_start AND :or_1_id_between_end))',
        { '#content': 'content', '#id': 'id' },
        {
          ':or_0_content_beginsWith': { S: 'a' },
          ':or_1_id_between_start': { S: '1' },
          ':or_1_id_between_end': { S: '9' },
        },
      ),
    );
  });
});
