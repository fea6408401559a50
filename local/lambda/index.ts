/**
 * The local Lambda endpoint: an HTTP server on 127.0.0.1 speaking the Lambda Invoke API
 * (`POST /2015-03-31/functions/<FunctionName>/invocations`) for handlers registered in-process.
 *
 * Unmodified SDK clients call it by setting their endpoint to {@link LocalLambda.endpoint}:
 * cognito-local invokes its triggers through it (aws-sdk v2 `Lambda`), and so will the job scheduler.
 * Status codes, headers and error bodies follow the real service:
 * - RequestResponse → 200 with the handler's JSON result;
 * - Event → 202 at once, the handler runs in the background;
 * - DryRun → 204;
 * - a handler that throws → 200 with `X-Amz-Function-Error: Unhandled` and `{ errorMessage, errorType, stackTrace }`;
 * - an unknown function → 404 `ResourceNotFoundException` in Lambda's JSON error shape.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { withEnvironment, type FunctionEnvironment } from './environment.ts';
import { createLogger, type Logger } from '../../domain/logger.ts';

/** What a handler receives as its second argument: the parts of Lambda's context that code uses. */
export interface LambdaContext {
  functionName: string;
  functionVersion: string;
  invokedFunctionArn: string;
  memoryLimitInMB: string;
  awsRequestId: string;
  logGroupName: string;
  logStreamName: string;
  callbackWaitsForEmptyEventLoop: boolean;
  /** Milliseconds left before the invocation times out. */
  getRemainingTimeInMillis(): number;
}

/** An async Lambda handler, as deployed (`export const handler = async (event, context) => ...`). */
export type LambdaHandler<TEvent = unknown, TResult = unknown> = (event: TEvent, context: LambdaContext) => Promise<TResult> | TResult;

export interface RegisterOptions {
  /** Invocation timeout, as the function's configured timeout. Default 30 s. */
  timeoutSeconds?: number;
  /** The function's environment variables, seen by the handler over the process's own (see environment.ts). */
  environment?: FunctionEnvironment;
}

export interface LocalLambdaOptions {
  /** Port on 127.0.0.1; 0 or omitted = any free port. */
  port?: number;
  /** Account id used in function ARNs. Default `000000000000`. */
  accountId?: string;
  /** Region used in function ARNs. Default `us-east-1`. */
  region?: string;
  logger?: Logger;
}

/** A running local Lambda endpoint. */
export interface LocalLambda {
  /** `http://127.0.0.1:<port>`, the endpoint to give SDK clients. */
  endpoint: string;
  /** Registers (or replaces) the handler invoked for `name`. */
  register(name: string, handler: LambdaHandler<never>, options?: RegisterOptions): void;
  /** Stops accepting invocations and waits for background (Event) invocations to finish. */
  stop(): Promise<void>;
}

interface Registration {
  handler: LambdaHandler;
  timeoutMs: number;
  environment?: FunctionEnvironment;
}

const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;
const DEFAULT_TIMEOUT_SECONDS = 30;
/** Lambda's synchronous payload limit. */
const MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;

class TimeoutError extends Error {}

/** Starts the endpoint and resolves once it listens. */
export async function startLocalLambda(options: LocalLambdaOptions = {}): Promise<LocalLambda> {
  const region = options.region ?? 'us-east-1';
  const accountId = options.accountId ?? '000000000000';
  const log = options.logger ?? createLogger({ service: 'local-lambda' });
  const functions = new Map<string, Registration>();
  const background = new Set<Promise<void>>();

  const arnOf = (name: string) => `arn:aws:lambda:${region}:${accountId}:function:${name}`;

  async function run(name: string, registration: Registration, event: unknown, requestId: string): Promise<unknown> {
    const deadline = Date.now() + registration.timeoutMs;
    const context: LambdaContext = {
      functionName: name,
      functionVersion: '$LATEST',
      invokedFunctionArn: arnOf(name),
      memoryLimitInMB: '128',
      awsRequestId: requestId,
      logGroupName: `/aws/lambda/${name}`,
      logStreamName: `local/${requestId}`,
      callbackWaitsForEmptyEventLoop: true,
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    };
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new TimeoutError(`Task timed out after ${(registration.timeoutMs / 1000).toFixed(2)} seconds`)),
        registration.timeoutMs,
      );
    });
    try {
      const invoke = () => registration.handler(event, context);
      const started = registration.environment ? withEnvironment(registration.environment, () => Promise.resolve().then(invoke)) : Promise.resolve().then(invoke);
      return await Promise.race([started, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async function handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const requestId = randomUUID();
    response.setHeader('x-amzn-RequestId', requestId);
    const url = new URL(request.url ?? '/', 'http://localhost');
    const match = INVOKE_PATH.exec(url.pathname);
    if (request.method !== 'POST' || !match) {
      return sendError(response, 404, 'UnknownOperationException', `Unknown operation ${request.method} ${url.pathname}`);
    }
    const name = functionNameOf(decodeURIComponent(match[1]!));
    const registration = functions.get(name);
    if (!registration) {
      return sendError(response, 404, 'ResourceNotFoundException', `Function not found: ${arnOf(name)}`);
    }
    const invocationType = headerValue(request, 'x-amz-invocation-type') ?? 'RequestResponse';
    if (!['RequestResponse', 'Event', 'DryRun'].includes(invocationType)) {
      return sendError(response, 400, 'InvalidParameterValueException', `Unsupported invocation type: ${invocationType}`);
    }

    const body = await readBody(request);
    if (body === undefined) {
      return sendError(response, 413, 'RequestTooLargeException', 'Request must be smaller than 6291456 bytes for the InvokeFunction operation');
    }
    let event: unknown;
    try {
      event = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
    } catch {
      return sendError(response, 400, 'InvalidRequestContentException', 'Could not parse request body into json');
    }

    const invocationLog = log.child({ requestId, functionName: name, invocationType });
    if (invocationType === 'DryRun') {
      response.writeHead(204).end();
      return;
    }
    if (invocationType === 'Event') {
      response.writeHead(202).end();
      const task = run(name, registration, event, requestId).then(
        () => invocationLog.debug('event invocation finished'),
        (error: unknown) => invocationLog.error('event invocation failed', { error: errorPayload(error) }),
      );
      background.add(task);
      void task.finally(() => background.delete(task));
      return;
    }

    const started = Date.now();
    try {
      const result = await run(name, registration, event, requestId);
      invocationLog.debug('invocation finished', { durationMs: Date.now() - started });
      response.writeHead(200, { 'content-type': 'application/json', 'x-amz-executed-version': '$LATEST' });
      response.end(JSON.stringify(result ?? null));
    } catch (error) {
      const payload = errorPayload(error);
      invocationLog.warn('invocation failed', { durationMs: Date.now() - started, errorType: payload.errorType });
      response.writeHead(200, {
        'content-type': 'application/json',
        'x-amz-executed-version': '$LATEST',
        'x-amz-function-error': 'Unhandled',
      });
      response.end(JSON.stringify(payload));
    }
  }

  const server = http.createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      log.error('local lambda request failed', { error });
      if (!response.headersSent) sendError(response, 500, 'ServiceException', 'Internal error in the local Lambda endpoint');
      else response.destroy();
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  log.info('local lambda started', { endpoint });

  return {
    endpoint,
    register(name, handler, registerOptions = {}) {
      if (!name || name.includes('/')) throw new Error(`Invalid function name "${name}"`);
      const timeoutMs = (registerOptions.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS) * 1000;
      functions.set(name, { handler: handler as LambdaHandler, timeoutMs, ...(registerOptions.environment ? { environment: registerOptions.environment } : {}) });
    },
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await Promise.allSettled([...background]);
      log.info('local lambda stopped', { endpoint });
    },
  };
}

/** Accepts a name, a name with a qualifier (`fn:$LATEST`), or a full or partial function ARN. */
function functionNameOf(value: string): string {
  const afterFunction = value.includes(':function:') ? value.slice(value.indexOf(':function:') + ':function:'.length) : value;
  return afterFunction.split(':')[0]!;
}

function headerValue(request: http.IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The request body, or undefined when it exceeds Lambda's payload limit. */
async function readBody(request: http.IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_PAYLOAD_BYTES) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** What Lambda returns for an unhandled handler error. */
function errorPayload(error: unknown): { errorMessage: string; errorType: string; stackTrace: string[] } {
  if (error instanceof TimeoutError) return { errorMessage: error.message, errorType: 'Sandbox.Timedout', stackTrace: [] };
  if (error instanceof Error) {
    const stackTrace = (error.stack ?? '').split('\n').slice(1).map((line) => line.trim()).filter(Boolean);
    return { errorMessage: error.message, errorType: error.name || 'Error', stackTrace };
  }
  return { errorMessage: String(error), errorType: typeof error, stackTrace: [] };
}

/** Lambda's service error shape: the type in `x-amzn-ErrorType`, `{ Type, Message }` in the body. */
function sendError(response: http.ServerResponse, status: number, type: string, message: string): void {
  response.writeHead(status, { 'content-type': 'application/json', 'x-amzn-errortype': type });
  response.end(JSON.stringify({ Type: 'User', Message: message }));
}
