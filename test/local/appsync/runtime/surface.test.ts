// createSurface: the namespaces resolver bundles import, and their use from a `vm` realm as the
// executor runs them.
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { AppSyncResolverError } from '../../../../local/appsync/runtime/contract.ts';
import { createSurface } from '../../../../local/appsync/runtime/index.ts';
import { recordingInvocation } from './fixtures.ts';

describe('createSurface', () => {
  it('exports what @aws-appsync/utils and @aws-appsync/utils/dynamodb export', () => {
    const surface = createSurface(() => recordingInvocation().invocation);
    expect(Object.keys(surface.utils).sort()).toEqual(['extensions', 'runtime', 'util']);
    expect(Object.keys(surface.dynamodb).sort()).toEqual(
      [
        'batchDelete', 'batchGet', 'batchPut', 'get', 'operations', 'put', 'query', 'remove', 'scan', 'sync',
        'toBinarySet', 'toNumberSet', 'toStringSet', 'transactGet', 'transactWrite', 'update',
      ].sort(),
    );
    const util = surface.utils.util as Record<string, unknown>;
    expect(Object.keys(util)).toEqual(expect.arrayContaining(['time', 'str', 'math', 'dynamodb', 'transform', 'http']));
  });

  it('is frozen, so one resolver cannot change what another sees', () => {
    const surface = createSurface(() => recordingInvocation().invocation);
    const util = surface.utils.util as { time: object };
    expect(Object.isFrozen(surface.utils)).toBe(true);
    expect(Object.isFrozen(util.time)).toBe(true);
    expect(Object.isFrozen(surface.dynamodb.operations)).toBe(true);
  });

  it('reads the invocation current at each call', () => {
    let invocation = recordingInvocation({ authType: 'API Key Authorization' }).invocation;
    const util = createSurface(() => invocation).utils.util as { authType(): string };
    expect(util.authType()).toBe('API Key Authorization');
    invocation = recordingInvocation({ authType: 'Lambda Authorization' }).invocation;
    expect(util.authType()).toBe('Lambda Authorization');
  });
});

describe('from inside a vm context', () => {
  const { invocation, calls } = recordingInvocation({ parentTypeName: 'Query', fieldName: 'employees' });
  const surface = createSurface(() => invocation);
  const run = (code: string) => runInNewContext(code, { ...surface.utils, ddb: surface.dynamodb });

  it('converts values and renders filters built in the other realm', () => {
    expect(run(`util.dynamodb.toMapValues({ tags: ['a'], meta: { n: 1 } })`)).toEqual({
      tags: { L: [{ S: 'a' }] },
      meta: { M: { n: { N: 1 } } },
    });
    expect(JSON.parse(run(`util.transform.toDynamoDBFilterExpression({ or: [{ a: { in: [1] } }, { b: { eq: 2 } }] })`))).toEqual({
      expression: '((#a IN (:or_0_a_in_0)) OR (#b = :or_1_b_eq))',
      expressionNames: { '#a': 'a', '#b': 'b' },
      expressionValues: { ':or_0_a_in_0': { N: 1 }, ':or_1_b_eq': { N: 2 } },
    });
  });

  it('builds requests and hands extensions to the invocation', () => {
    expect(run(`ddb.update({ key: { id: '1' }, update: { n: ddb.operations.increment(2) } }).update.expression`)).toBe('ADD #n :n');
    run(`extensions.setSubscriptionFilter(util.transform.toSubscriptionFilter({ tenantId: { eq: 'acme' } }))`);
    expect(calls.filters).toEqual([{ filterGroup: [{ filters: [{ fieldName: 'tenantId', operator: 'eq', value: 'acme' }] }] }]);
  });

  it('raises AppSync errors the executor can recognise', () => {
    expect(() => run(`util.unauthorized()`)).toThrow(AppSyncResolverError);
    expect(() => run(`util.unauthorized()`)).toThrow('Not Authorized to access employees on type Query');
  });
});
