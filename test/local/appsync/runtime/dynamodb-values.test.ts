// util.dynamodb against the outputs AppSync's EvaluateCode gave for the same calls
// (localstack/appsync-utils __tests__/__snapshots__/index.test.js.snap).
import { describe, expect, it } from 'vitest';
import { typedUtils } from './fixtures.ts';

const { dynamodb } = typedUtils().util;

describe('util.dynamodb conversions recorded from AppSync', () => {
  it.each([
    ['a string', 'test', { S: 'test' }],
    ['a number, kept numeric', 12345, { N: 12345 }],
    ['a boolean', true, { BOOL: true }],
  ])('toDynamoDB of %s', (_name, input, expected) => {
    expect(dynamodb.toDynamoDB(input)).toEqual(expected);
  });

  it('toString, toNumber, toBinary, toBoolean, toNull wrap one value', () => {
    expect(dynamodb.toString('test')).toEqual({ S: 'test' });
    expect(dynamodb.toNumber(12345)).toEqual({ N: 12345 });
    expect(dynamodb.toBinary('foo')).toEqual({ B: 'foo' });
    expect(dynamodb.toBoolean(true)).toEqual({ BOOL: true });
    expect(dynamodb.toNull()).toEqual({ NULL: null });
  });

  it('the set helpers keep their members, numbers as numbers', () => {
    expect(dynamodb.toStringSet(['foo', 'bar', 'baz'])).toEqual({ SS: ['foo', 'bar', 'baz'] });
    expect(dynamodb.toNumberSet([1, 23, 4.56])).toEqual({ NS: [1, 23, 4.56] });
    expect(dynamodb.toBinarySet(['foo', 'bar', 'baz'])).toEqual({ BS: ['foo', 'bar', 'baz'] });
  });

  it('toList converts each member, maps included', () => {
    expect(dynamodb.toList(['foo', 123, { bar: 'baz' }])).toEqual({
      L: [{ S: 'foo' }, { N: 123 }, { M: { bar: { S: 'baz' } } }],
    });
  });

  const mixed = { foo: 'bar', baz: 1234, beep: ['boop'] };
  const mixedValues = { foo: { S: 'bar' }, baz: { N: 1234 }, beep: { L: [{ S: 'boop' }] } };

  it('toMap wraps the converted values in M, lists rather than sets', () => {
    expect(dynamodb.toMap(mixed)).toEqual({ M: mixedValues });
    expect(dynamodb.toDynamoDB(mixed)).toEqual({ M: mixedValues });
  });

  it('toMapValues is toMap without the M', () => {
    expect(dynamodb.toMapValues(mixed)).toEqual(mixedValues);
  });

  it('toS3Object writes compact JSON, with the version only when given', () => {
    expect(dynamodb.toS3Object('foo', 'bar', 'baz')).toEqual({
      S: '{"s3":{"key":"foo","bucket":"bar","region":"baz"}}',
    });
    expect(dynamodb.toS3Object('foo', 'bar', 'baz', 'beep')).toEqual({
      S: '{"s3":{"key":"foo","bucket":"bar","region":"baz","version":"beep"}}',
    });
  });
});

describe('util.dynamodb beyond the recorded cases', () => {
  it('null and undefined', () => {
    expect(dynamodb.toDynamoDB(null)).toEqual({ NULL: null });
    expect(dynamodb.toDynamoDB(undefined)).toBeNull();
    expect(dynamodb.toString(null)).toBeNull();
    expect(dynamodb.toNumber(undefined)).toBeNull();
    expect(dynamodb.toStringSet(null)).toBeNull();
    expect(dynamodb.toBoolean(undefined)).toBeNull();
  });

  it('drops undefined map values like JSON does, and makes undefined list members NULL', () => {
    expect(dynamodb.toMapValues({ a: 1, b: undefined })).toEqual({ a: { N: 1 } });
    expect(dynamodb.toList([undefined])).toEqual({ L: [{ NULL: null }] });
  });

  it('does not read typed sets back: a set object is just a map', () => {
    expect(dynamodb.toDynamoDB({ tags: { SS: ['a'] } })).toEqual({
      M: { tags: { M: { SS: { L: [{ S: 'a' }] } } } },
    });
  });

  it('toList and toMap answer null for the wrong shape', () => {
    expect(dynamodb.toList({ a: 1 })).toBeNull();
    expect(dynamodb.toMap(['a'])).toBeNull();
    expect(dynamodb.toMapValues('a')).toBeNull();
  });

  it('fromS3ObjectJson reads back what toS3Object wrote', () => {
    const { S } = dynamodb.toS3Object('foo', 'bar', 'baz', 'beep');
    expect(dynamodb.fromS3ObjectJson(S)).toEqual({ key: 'foo', bucket: 'bar', region: 'baz', version: 'beep' });
    expect(() => dynamodb.fromS3ObjectJson('not json')).toThrow(/Not an S3 object string/);
  });
});
