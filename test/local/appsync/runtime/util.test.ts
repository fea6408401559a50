// util, runtime and extensions: errors, identifiers, encodings, type checks, str, math and http.
import { describe, expect, it } from 'vitest';
import { AppSyncResolverError, EarlyReturnSignal } from '../../../../local/appsync/runtime/contract.ts';
import { autoKsuid, autoUlid } from '../../../../local/appsync/runtime/ids.ts';
import { typedUtils } from './fixtures.ts';

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('errors', () => {
  it('util.error throws with its type, data and error info, null when left out', () => {
    const { util } = typedUtils();
    const error = thrown(() => util.error('Bad input', 'ValidationError', { field: 'email' }, { code: 42 }));
    expect(error).toBeInstanceOf(AppSyncResolverError);
    expect(error).toMatchObject({ message: 'Bad input', errorType: 'ValidationError', data: { field: 'email' }, errorInfo: { code: 42 } });
    expect(thrown(() => util.error('Plain'))).toMatchObject({ message: 'Plain', errorType: null, data: null, errorInfo: null });
  });

  it('util.appendError records the error and carries on', () => {
    const { util, calls } = typedUtils();
    util.appendError('Partial', 'PartialResult', { skipped: 2 });
    util.appendError('Bare');
    expect(calls.errors).toEqual([
      { message: 'Partial', errorType: 'PartialResult', data: { skipped: 2 }, errorInfo: null },
      { message: 'Bare', errorType: null, data: null, errorInfo: null },
    ]);
  });

  it('util.unauthorized names the field being resolved', () => {
    const { util } = typedUtils({ parentTypeName: 'Mutation', fieldName: 'deleteEmployee' });
    expect(thrown(() => util.unauthorized())).toMatchObject({
      message: 'Not Authorized to access deleteEmployee on type Mutation',
      errorType: 'Unauthorized',
    });
  });

  it('runtime.earlyReturn carries its value and where to skip to', () => {
    const { runtime } = typedUtils();
    const signal = thrown(() => runtime.earlyReturn({ id: '1' }));
    expect(signal).toBeInstanceOf(EarlyReturnSignal);
    expect(signal).toMatchObject({ value: { id: '1' }, skipTo: undefined });
    expect(thrown(() => runtime.earlyReturn(null, { skipTo: 'NEXT' }))).toMatchObject({ value: null, skipTo: 'NEXT' });
  });
});

describe('extensions hand their calls to the invocation', () => {
  it('subscription filters, invalidation and cache eviction', () => {
    const { extensions, calls } = typedUtils();
    const filter = { filterGroup: [] };
    extensions.setSubscriptionFilter(filter);
    extensions.setSubscriptionInvalidationFilter(filter);
    extensions.invalidateSubscriptions({ subscriptionField: 'onUpdate', payload: { id: '1' } });
    extensions.evictFromApiCache('Query', 'employee', { 'context.arguments.id': '1' });
    expect(calls.filters).toEqual([filter]);
    expect(calls.invalidationFilters).toEqual([filter]);
    expect(calls.invalidations).toEqual([{ subscriptionField: 'onUpdate', payload: { id: '1' } }]);
    expect(calls.evictions).toEqual([['Query', 'employee', { 'context.arguments.id': '1' }]]);
  });
});

describe('identifiers', () => {
  const { util } = typedUtils();

  it('autoId is a random version 4 UUID', () => {
    expect(util.autoId()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(util.autoId()).not.toBe(util.autoId());
  });

  it('autoUlid is 26 Crockford characters that sort by time', () => {
    expect(util.autoUlid()).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(autoUlid(0).slice(0, 10)).toBe('0000000000');
    expect(autoUlid(1_700_000_000_000) < autoUlid(1_700_000_000_001)).toBe(true);
  });

  it('autoKsuid is 27 base62 characters that sort by second', () => {
    expect(util.autoKsuid()).toMatch(/^[0-9A-Za-z]{27}$/);
    // a zero timestamp leaves only the 128 random bits: 22 base62 digits after 5 zeros
    expect(autoKsuid(1_400_000_000_000)).toMatch(/^0{5}/);
    expect(autoKsuid(1_700_000_000_000) < autoKsuid(1_700_000_100_000)).toBe(true);
  });
});

describe('encodings', () => {
  const { util } = typedUtils();

  it('escapeJavaScript escapes quotes, slashes, controls and non-ASCII like escapeEcmaScript', () => {
    expect(util.escapeJavaScript(`He said "it's" a/b\\c`)).toBe(`He said \\"it\\'s\\" a\\/b\\\\c`);
    expect(util.escapeJavaScript('line\nnext\ttab\r\b\f\u0001')).toBe('line\\nnext\\ttab\\r\\b\\f\\u0001');
    expect(util.escapeJavaScript('café 😀')).toBe('caf\\u00E9 \\uD83D\\uDE00');
  });

  it('urlEncode follows URLEncoder: + for space, only .-*_ left alone', () => {
    expect(util.urlEncode("a b&c=d/é!'()~*._-")).toBe('a+b%26c%3Dd%2F%C3%A9%21%27%28%29%7E*._-');
    expect(util.urlDecode('a+b%26c%3Dd%2F%C3%A9')).toBe('a b&c=d/é');
    expect(() => util.urlDecode('%E0%A4%A')).toThrow(/Cannot URL-decode/);
  });

  it('base64 round-trips UTF-8 text', () => {
    expect(util.base64Encode('Grüße')).toBe('R3LDvMOfZQ==');
    expect(util.base64Decode('R3LDvMOfZQ==')).toBe('Grüße');
  });
});

describe('null and type checks', () => {
  const { util } = typedUtils();

  it('isNull, isNullOrEmpty, isNullOrBlank', () => {
    expect([null, undefined, '', 0].map(util.isNull)).toEqual([true, true, false, false]);
    expect([null, '', ' ', 'a'].map(util.isNullOrEmpty)).toEqual([true, true, false, false]);
    expect([null, '', ' \t\n', 'a'].map(util.isNullOrBlank)).toEqual([true, true, true, false]);
  });

  it('the defaultIf helpers', () => {
    expect(util.defaultIfNull(null, 'x')).toBe('x');
    expect(util.defaultIfNull('', 'x')).toBe('');
    expect(util.defaultIfNullOrEmpty('', 'x')).toBe('x');
    expect(util.defaultIfNullOrEmpty(' ', 'x')).toBe(' ');
    expect(util.defaultIfNullOrBlank(' ', 'x')).toBe('x');
    expect(util.defaultIfNullOrBlank('a', 'x')).toBe('a');
  });

  it('isString, isNumber, isBoolean, isList, isMap', () => {
    expect(util.isString('a') && !util.isString(1)).toBe(true);
    expect(util.isNumber(1.5) && !util.isNumber('1')).toBe(true);
    expect(util.isBoolean(false) && !util.isBoolean(0)).toBe(true);
    expect(util.isList([]) && !util.isList({})).toBe(true);
    expect(util.isMap({}) && !util.isMap([]) && !util.isMap(null)).toBe(true);
  });

  it.each([
    [null, 'Null'],
    [undefined, 'Null'],
    [1, 'Number'],
    ['a', 'String'],
    [true, 'Boolean'],
    [[1], 'List'],
    [{ a: 1 }, 'Map'],
    [() => 1, 'Object'],
  ])('typeOf(%o) is %s', (value, expected) => {
    expect(util.typeOf(value)).toBe(expected);
  });
});

describe('util.matches', () => {
  const { util } = typedUtils();

  it('matches the whole string, like Java Pattern.matches', () => {
    expect(util.matches('a*b', 'aaaaab')).toBe(true);
    expect(util.matches('a*b', 'aaaaabc')).toBe(false);
    expect(util.matches('b', 'abc')).toBe(false);
    expect(util.matches('[^@]+@[^@]+\\.[a-z]+', 'jane@example.com')).toBe(true);
  });

  it('honours a leading inline flag group and rejects a broken pattern', () => {
    expect(util.matches('(?i)hello', 'HeLLo')).toBe(true);
    expect(() => util.matches('(', 'x')).toThrow(/Invalid regular expression/);
  });
});

describe('util.str and util.math', () => {
  const { util } = typedUtils();

  it('str helpers', () => {
    expect(util.str.toUpper('abc')).toBe('ABC');
    expect(util.str.toLower('ABC')).toBe('abc');
    expect(util.str.toReplace('a-b-c', '-', '+')).toBe('a+b+c');
    expect(util.str.normalize('e\u0301', 'nfc')).toBe('é');
    expect(util.str.normalize('é', 'nfd')).toBe('e\u0301');
    expect(util.str.normalize('ﬁ', 'nfkc')).toBe('fi');
  });

  it('math helpers', () => {
    expect(util.math.roundNum(2.5)).toBe(3);
    expect(util.math.roundNum(-2.5)).toBe(-2);
    expect(util.math.minVal(3, 7)).toBe(3);
    expect(util.math.maxVal(3, 7)).toBe(7);
    const double = util.math.randomDouble();
    expect(double).toBeGreaterThanOrEqual(0);
    expect(double).toBeLessThan(1);
    const draws = new Set(Array.from({ length: 200 }, () => util.math.randomWithinRange(1, 3)));
    expect([...draws].sort()).toEqual([1, 2, 3]);
  });
});

describe('util.http', () => {
  it('copyHeaders leaves out the restricted headers, in any case', () => {
    const { util } = typedUtils();
    expect(
      util.http.copyHeaders({ Host: 'x', 'content-length': '3', Connection: 'close', authorization: 't', 'x-tenant': 'a' }),
    ).toEqual({ authorization: 't', 'x-tenant': 'a' });
  });

  it('addResponseHeader(s) hands valid headers over and records the others as errors', () => {
    const { util, calls } = typedUtils();
    util.http.addResponseHeader('itemsCount', 7);
    util.http.addResponseHeaders({ render: 'full', 'Content-Type': 'x', 'x-amzn-trace': '1', empty: null });
    expect(calls.headers).toEqual([['itemsCount', 7], ['render', 'full']]);
    expect(calls.errors.map((error) => error.errorType)).toEqual(['ResponseHeaderError', 'ResponseHeaderError', 'ResponseHeaderError']);
  });
});
