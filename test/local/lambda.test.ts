/** The local Lambda endpoint speaks the Invoke API as `@aws-sdk/client-lambda` (and aws-sdk v2) expect it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../domain/logger.ts';
import { startLocalLambda, type LambdaContext, type LocalLambda } from '../../local/lambda/index.ts';

let lambda: LocalLambda;
const events: unknown[] = [];
let releaseEvent: (() => void) | undefined;
const eventSeen = new Promise<void>((resolve) => {
  releaseEvent = resolve;
});

beforeAll(async () => {
  lambda = await startLocalLambda({ logger: createLogger({ service: 'test', write: () => undefined }) });
  lambda.register('echo', async (event: { value: number }, context: LambdaContext) => ({
    doubled: event.value * 2,
    functionName: context.functionName,
    requestId: context.awsRequestId,
    remaining: context.getRemainingTimeInMillis(),
  }));
  lambda.register('nothing', async () => undefined);
  lambda.register('fails', async () => {
    throw new TypeError('cannot do that');
  });
  lambda.register('record', async (event: unknown) => {
    events.push(event);
    releaseEvent?.();
  });
  lambda.register('slow', () => new Promise(() => undefined), { timeoutSeconds: 0.05 });
  // Two stages' functions in one process, each reading its own STAGE before and after an await.
  for (const stage of ['Dev', 'Staging']) {
    lambda.register(`stage-${stage}`, async () => {
      const before = process.env.STAGE;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return { before, after: process.env.STAGE, listed: Object.keys(process.env).includes('STAGE') };
    }, { environment: { STAGE: stage } });
  }
});

afterAll(async () => {
  await lambda?.stop();
});

function invoke(name: string, payload?: unknown, invocationType?: string): Promise<Response> {
  return fetch(`${lambda.endpoint}/2015-03-31/functions/${encodeURIComponent(name)}/invocations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(invocationType ? { 'x-amz-invocation-type': invocationType } : {}) },
    ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
  });
}

describe('local lambda endpoint', () => {
  it('answers RequestResponse with the handler result and a Lambda-like context', async () => {
    const response = await invoke('echo', { value: 21 }, 'RequestResponse');
    expect(response.status).toBe(200);
    expect(response.headers.get('x-amz-function-error')).toBeNull();
    expect(response.headers.get('x-amz-executed-version')).toBe('$LATEST');
    const body = (await response.json()) as { doubled: number; functionName: string; requestId: string; remaining: number };
    expect(body.doubled).toBe(42);
    expect(body.functionName).toBe('echo');
    expect(body.requestId).toBe(response.headers.get('x-amzn-requestid'));
    expect(body.remaining).toBeGreaterThan(0);
    expect(body.remaining).toBeLessThanOrEqual(30_000);
  });

  it('defaults to RequestResponse, accepts ARNs and qualifiers, and returns null for no result', async () => {
    const byArn = await invoke('arn:aws:lambda:us-east-1:000000000000:function:echo:$LATEST', { value: 1 });
    expect(byArn.status).toBe(200);
    expect(((await byArn.json()) as { doubled: number }).doubled).toBe(2);
    const empty = await invoke('nothing');
    expect(empty.status).toBe(200);
    expect(await empty.text()).toBe('null');
  });

  it('answers Event with 202 and runs the handler in the background', async () => {
    const response = await invoke('record', { job: 'accrual' }, 'Event');
    expect(response.status).toBe(202);
    expect(await response.text()).toBe('');
    await eventSeen;
    expect(events).toEqual([{ job: 'accrual' }]);
  });

  it('answers DryRun with 204 without running the handler', async () => {
    const before = events.length;
    const response = await invoke('record', { job: 'dry' }, 'DryRun');
    expect(response.status).toBe(204);
    expect(events.length).toBe(before);
  });

  it('reports a handler error as 200 with X-Amz-Function-Error: Unhandled', async () => {
    const response = await invoke('fails', {});
    expect(response.status).toBe(200);
    expect(response.headers.get('x-amz-function-error')).toBe('Unhandled');
    const body = (await response.json()) as { errorMessage: string; errorType: string; stackTrace: string[] };
    expect(body.errorMessage).toBe('cannot do that');
    expect(body.errorType).toBe('TypeError');
    expect(Array.isArray(body.stackTrace)).toBe(true);
  });

  it('times a handler out as Lambda does', async () => {
    const response = await invoke('slow', {});
    expect(response.status).toBe(200);
    expect(response.headers.get('x-amz-function-error')).toBe('Unhandled');
    const body = (await response.json()) as { errorMessage: string; errorType: string };
    expect(body.errorType).toBe('Sandbox.Timedout');
    expect(body.errorMessage).toMatch(/Task timed out after 0\.05 seconds/);
  });

  it('answers an unknown function with ResourceNotFoundException 404', async () => {
    const response = await invoke('missing', {});
    expect(response.status).toBe(404);
    expect(response.headers.get('x-amzn-errortype')).toBe('ResourceNotFoundException');
    expect(await response.json()).toEqual({ Type: 'User', Message: 'Function not found: arn:aws:lambda:us-east-1:000000000000:function:missing' });
  });

  it('refuses a payload that is not JSON', async () => {
    const response = await fetch(`${lambda.endpoint}/2015-03-31/functions/echo/invocations`, { method: 'POST', body: '{not json' });
    expect(response.status).toBe(400);
    expect(response.headers.get('x-amzn-errortype')).toBe('InvalidRequestContentException');
  });
});

describe('functions with their own environment variables', () => {
  it('each sees its own values through every await, even when they run at the same time, and the process keeps its own', async () => {
    const own = process.env.STAGE;
    const [dev, staging] = await Promise.all([invoke('stage-Dev'), invoke('stage-Staging')]);
    expect(await dev.json()).toEqual({ before: 'Dev', after: 'Dev', listed: true });
    expect(await staging.json()).toEqual({ before: 'Staging', after: 'Staging', listed: true });
    expect(process.env.STAGE).toBe(own);
  });
});
