// util.transform.toSubscriptionFilter against the outputs AppSync's EvaluateCode gave
// (localstack/appsync-utils __tests__/__snapshots__/transform-subscription.test.js.snap).
import { describe, expect, it } from 'vitest';
import { typedUtils } from './fixtures.ts';

const { transform } = typedUtils().util;

const subscriptionFilter = (...args: unknown[]) =>
  (transform.toSubscriptionFilter as (...input: unknown[]) => unknown)(...args);

/** `[['a', 'eq', 1], ...]` per group, as `{ filterGroup: [{ filters: [...] }] }`. */
const groups = (...filterGroups: [string, string, unknown][][]) => ({
  filterGroup: filterGroups.map((filters) => ({
    filters: filters.map(([fieldName, operator, value]) => ({ fieldName, operator, value })),
  })),
});

describe('a single group', () => {
  it.each([
    ['one operator on one field', { a: { eq: 1 } }, groups([['a', 'eq', 1]])],
    ['two fields', { a: { eq: 1 }, b: { eq: 2 } }, groups([['a', 'eq', 1], ['b', 'eq', 2]])],
    ['an and', { and: [{ a: { eq: 1 } }, { b: { eq: 2 } }] }, groups([['a', 'eq', 1], ['b', 'eq', 2]])],
    ['a field beside an and', { z: { eq: 0 }, and: [{ a: { eq: 1 } }] }, groups([['z', 'eq', 0], ['a', 'eq', 1]])],
    ['a field path kept as written', { 'loc.addr.country': { eq: 'USA' } }, groups([['loc.addr.country', 'eq', 'USA']])],
  ])('%s', (_name, input, expected) => {
    expect(subscriptionFilter(input)).toEqual(expected);
  });
});

describe('alternatives multiply the groups out', () => {
  it('two operators on one field are two groups', () => {
    expect(subscriptionFilter({ a: { eq: 1, ne: 2 } })).toEqual(groups([['a', 'eq', 1]], [['a', 'ne', 2]]));
  });

  it('an or splits into a group per member', () => {
    expect(subscriptionFilter({ or: [{ a: { eq: 1 } }, { b: { eq: 2 } }] })).toEqual(
      groups([['a', 'eq', 1]], [['b', 'eq', 2]]),
    );
  });

  it('an or nested in an and', () => {
    expect(subscriptionFilter({ and: [{ a: { eq: 1 } }, { or: [{ b: { eq: 2 } }, { c: { eq: 3 } }] }] })).toEqual(
      groups(
        [['a', 'eq', 1], ['b', 'eq', 2]],
        [['a', 'eq', 1], ['c', 'eq', 3]],
      ),
    );
  });

  it('operators and groups together, in key order', () => {
    const input = {
      percentageUp: { lte: 50, gte: 20 },
      and: [{ title: { ne: 'Book1' } }, { downvotes: { gt: 2000 } }],
      or: [{ author: { eq: 'Admin' } }, { isPublished: { eq: false } }],
    };
    const common: [string, string, unknown][] = [['title', 'ne', 'Book1'], ['downvotes', 'gt', 2000]];
    expect(subscriptionFilter(input)).toEqual(
      groups(
        [['percentageUp', 'lte', 50], ...common, ['author', 'eq', 'Admin']],
        [['percentageUp', 'lte', 50], ...common, ['isPublished', 'eq', false]],
        [['percentageUp', 'gte', 20], ...common, ['author', 'eq', 'Admin']],
        [['percentageUp', 'gte', 20], ...common, ['isPublished', 'eq', false]],
      ),
    );
  });
});

describe('operators are carried through as written', () => {
  it.each([
    ['the comparisons', { a: { le: 1 }, b: { lt: 2 }, c: { ge: 3 }, d: { gt: 4 } },
      groups([['a', 'le', 1], ['b', 'lt', 2], ['c', 'ge', 3], ['d', 'gt', 4]])],
    ['membership', { a: { in: [1, 2] }, b: { notIn: ['x'] } }, groups([['a', 'in', [1, 2]], ['b', 'notIn', ['x']]])],
    ['between', { a: { between: [1, 9] } }, groups([['a', 'between', [1, 9]]])],
    ['the string operators', { a: { contains: 'x' }, b: { notContains: 'y' }, c: { beginsWith: 'z' } },
      groups([['a', 'contains', 'x'], ['b', 'notContains', 'y'], ['c', 'beginsWith', 'z']])],
    ['containsAny', { a: { containsAny: ['x', 'y'] } }, groups([['a', 'containsAny', ['x', 'y']]])],
    ['a boolean value', { a: { eq: false } }, groups([['a', 'eq', false]])],
    ['an unknown operator', { a: { bogus: 1 } }, groups([['a', 'bogus', 1]])],
    ['not, read as a field', { not: { a: { eq: 1 } } }, groups([['not', 'a', { eq: 1 }]])],
  ])('%s', (_name, input, expected) => {
    expect(subscriptionFilter(input)).toEqual(expected);
  });
});

describe('ignored fields and rules', () => {
  it('drops an ignored field, also inside an and', () => {
    expect(subscriptionFilter({ a: { eq: 1 }, b: { eq: 2 } }, ['a'])).toEqual(groups([['b', 'eq', 2]]));
    expect(subscriptionFilter({ a: { eq: 1 }, and: [{ b: { eq: 2 } }] }, ['b'])).toEqual(groups([['a', 'eq', 1]]));
  });

  it('adds each rule as an alternative to every group', () => {
    expect(subscriptionFilter({ a: { eq: 1 } }, [], { r1: { gte: 250 }, r2: { eq: 'p' } })).toEqual(
      groups(
        [['a', 'eq', 1], ['r1', 'gte', 250]],
        [['a', 'eq', 1], ['r2', 'eq', 'p']],
      ),
    );
  });

  it('rules on their own', () => {
    expect(subscriptionFilter({}, [], { r1: { eq: 1 } })).toEqual(groups([['r1', 'eq', 1]]));
  });
});

describe('filters without groups, and filters that cannot be read', () => {
  it.each([
    ['an empty filter', {}],
    ['a field with no operator', { a: {} }],
    ['an empty and', { and: [] }],
  ])('%s gives no group', (_name, input) => {
    expect(subscriptionFilter(input)).toEqual({ filterGroup: [] });
  });

  it.each([
    ['null', null],
    ['nothing', undefined],
    ['an array', []],
    ['a JSON string', '{"a":{"eq":1}}'],
  ])('%s gives null', (_name, input) => {
    expect(subscriptionFilter(input)).toBeNull();
  });
});
