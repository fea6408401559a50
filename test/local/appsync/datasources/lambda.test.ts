import { describe, expect, it, vi } from 'vitest';
import { lambdaDataSource } from '../../../../local/appsync/datasources/lambda.ts';

describe('AWS_LAMBDA data source', () => {
  it('Invoke hands the payload to the handler and its JSON result to ctx.result', async () => {
    const handler = vi.fn(async (event: unknown, _context: unknown) => ({ echoed: event, at: new Date(0) }));
    const ds = lambdaDataSource({ functionName: 'echo', handler });
    await expect(ds.invoke({ operation: 'Invoke', payload: { id: 1 } })).resolves.toEqual({
      result: { echoed: { id: 1 }, at: '1970-01-01T00:00:00.000Z' },
    });
    expect(handler.mock.calls[0]?.[1]).toMatchObject({ functionName: 'echo', awsRequestId: expect.any(String) });
  });

  it('reports a throwing handler as Lambda:Unhandled', async () => {
    const ds = lambdaDataSource({ functionName: 'boom', handler: async () => { throw new Error('kaput'); } });
    await expect(ds.invoke({ operation: 'Invoke', payload: {} })).resolves.toEqual({ result: null, error: { type: 'Lambda:Unhandled', message: 'kaput' } });
  });

  it('times out like Lambda', async () => {
    const ds = lambdaDataSource({ functionName: 'slow', timeoutMs: 20, handler: () => new Promise(() => undefined) });
    const answer = await ds.invoke({ operation: 'Invoke', payload: {} });
    expect(answer.error).toEqual({ type: 'Lambda:Unhandled', message: 'Task timed out after 0.02 seconds' });
  });

  it('Event invocations return at once with a null result', async () => {
    let release: () => void = () => undefined;
    const ran = new Promise<void>((resolve) => { release = resolve; });
    const ds = lambdaDataSource({ functionName: 'async', handler: async () => { release(); return 'ignored'; } });
    await expect(ds.invoke({ operation: 'Invoke', payload: {}, invocationType: 'Event' })).resolves.toEqual({ result: null });
    await ran;
  });

  it('BatchInvoke sends concurrent requests as one list and answers each with its element', async () => {
    const handler = vi.fn(async (events: unknown) => (events as { n: number }[]).map((e) => e.n * 10));
    const ds = lambdaDataSource({ functionName: 'batch', handler, maxBatchSize: 2 });
    const answers = await Promise.all([1, 2, 3].map((n) => ds.invoke({ operation: 'BatchInvoke', payload: { n } })));
    expect(answers).toEqual([{ result: 10 }, { result: 20 }, { result: 30 }]);
    expect(handler.mock.calls.map((c) => c[0])).toEqual([[{ n: 1 }, { n: 2 }], [{ n: 3 }]]);
  });

  it('fails every caller of a batch whose result is not a list of the same length', async () => {
    const ds = lambdaDataSource({ functionName: 'short', handler: async () => [1] });
    const answers = await Promise.all([1, 2].map((n) => ds.invoke({ operation: 'BatchInvoke', payload: { n } })));
    for (const a of answers) expect(a.error?.type).toBe('Lambda:BatchResultMismatch');
  });

  it('refuses an unknown operation', async () => {
    const ds = lambdaDataSource({ functionName: 'x', handler: async () => 1 });
    expect((await ds.invoke({ operation: 'Launch' })).error?.type).toBe('Lambda:InvalidRequest');
  });
});
