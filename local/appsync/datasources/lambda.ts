/**
 * The AWS_LAMBDA data source: `Invoke` calls the handler in-process with the request's payload;
 * `BatchInvoke` requests that arrive together are sent as one invocation whose payload is the
 * list, and each caller gets its element of the returned list (AppSync's batching).
 */
import { randomUUID } from 'node:crypto';
import type { DataSourceResult } from './types.ts';

/** A Lambda handler as deployed: `(event, context) => result`. */
export type LambdaHandler = (event: unknown, context: LambdaContext) => Promise<unknown>;

export interface LambdaContext {
  functionName: string;
  /** As Lambda gives it: `arn:aws:lambda:<region>:<account>:function:<name>`. */
  invokedFunctionArn: string;
  awsRequestId: string;
  getRemainingTimeInMillis(): number;
}

export interface LambdaDataSourceOptions {
  functionName: string;
  /** The function's ARN (its context's `invokedFunctionArn`). Default: in us-east-1, account 000000000000. */
  functionArn?: string;
  handler: LambdaHandler;
  /** Most payloads per BatchInvoke call. */
  maxBatchSize?: number;
  /** The function's timeout. */
  timeoutMs?: number;
}

interface LambdaRequest {
  operation?: string;
  payload?: unknown;
  invocationType?: 'RequestResponse' | 'Event';
}

interface Pending {
  payload: unknown;
  settle(result: DataSourceResult): void;
}

export function lambdaDataSource(options: LambdaDataSourceOptions) {
  const { functionName, handler } = options;
  const maxBatchSize = options.maxBatchSize ?? 100;
  const timeoutMs = options.timeoutMs ?? 30_000;
  let queue: Pending[] = [];

  async function call(event: unknown): Promise<DataSourceResult> {
    const deadline = Date.now() + timeoutMs;
    const invokedFunctionArn = options.functionArn ?? `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`;
    const context: LambdaContext = { functionName, invokedFunctionArn, awsRequestId: randomUUID(), getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()) };
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error(`Task timed out after ${timeoutMs / 1000} seconds`), { name: 'TimeoutError' })), timeoutMs);
    });
    try {
      // A handler's result crosses the wire as JSON.
      const result = await Promise.race([handler(event, context), timeout]);
      return { result: result === undefined ? null : JSON.parse(JSON.stringify(result)) };
    } catch (error) {
      return { result: null, error: { type: 'Lambda:Unhandled', message: (error as Error).message ?? String(error) } };
    } finally {
      clearTimeout(timer);
    }
  }

  async function flush(batch: Pending[]): Promise<void> {
    const answer = await call(batch.map((p) => p.payload));
    const results = answer.result;
    if (answer.error || !Array.isArray(results) || results.length !== batch.length) {
      const error = answer.error ?? {
        type: 'Lambda:BatchResultMismatch',
        message: `BatchInvoke of ${functionName} must return a list of ${batch.length} results.`,
      };
      for (const p of batch) p.settle({ result: null, error });
      return;
    }
    batch.forEach((p, i) => p.settle({ result: results[i] ?? null }));
  }

  return {
    invoke(request: unknown): Promise<DataSourceResult> {
      const r = (request ?? {}) as LambdaRequest;
      if (r.operation === 'Invoke') {
        if (r.invocationType === 'Event') {
          void call(r.payload);
          return Promise.resolve({ result: null });
        }
        return call(r.payload);
      }
      if (r.operation === 'BatchInvoke') {
        return new Promise((settle) => {
          queue.push({ payload: r.payload, settle });
          if (queue.length === 1) {
            // Everything queued in this turn of the event loop goes out together.
            setImmediate(() => {
              const pending = queue;
              queue = [];
              for (let i = 0; i < pending.length; i += maxBatchSize) void flush(pending.slice(i, i + maxBatchSize));
            });
          }
        });
      }
      return Promise.resolve({
        result: null,
        error: { type: 'Lambda:InvalidRequest', message: `Unsupported operation '${String(r.operation)}': use Invoke or BatchInvoke.` },
      });
    },
  };
}
