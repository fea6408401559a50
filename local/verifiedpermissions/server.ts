/**
 * The HTTP side of the local Verified Permissions: Amazon's awsJson1_0 protocol, as the SDK
 * speaks it. Every call is `POST /` with `X-Amz-Target: VerifiedPermissions.<Operation>` and a
 * JSON body; errors answer a JSON body whose `__type` names the exception.
 *
 * Requests are not signature-checked: any credentials are accepted, as by the other local emulators.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { AvpError, internalError } from './errors.ts';
import { isObject } from './input.ts';
import type { Json } from './input.ts';
import { operations } from './operations.ts';
import type { Operation } from './operations.ts';
import type { PolicyStores } from './store.ts';

const TARGET_PREFIX = 'VerifiedPermissions.';
const CONTENT_TYPE = 'application/x-amz-json-1.0';
/** Far above any legitimate request (the largest are schemas and entity lists). */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** Creates the (not yet listening) HTTP server answering for `stores`. */
export function createVerifiedPermissionsServer(stores: PolicyStores): Server {
  const table = operations(stores);
  return createServer((request, response) => {
    handle(table, request).then(
      ({ status, body }) => send(response, status, body),
      (error: unknown) => send(response, 500, internalError(String(error)).body()),
    );
  });
}

async function handle(table: Record<string, Operation>, request: IncomingMessage): Promise<{ status: number; body: unknown }> {
  const target = request.headers['x-amz-target'];
  const operation = typeof target === 'string' && target.startsWith(TARGET_PREFIX) ? table[target.slice(TARGET_PREFIX.length)] : undefined;
  if (request.method !== 'POST' || !operation) {
    return failure(new AvpError('UnknownOperationException', 400, `Unsupported operation ${String(target)}`));
  }
  let body: Json;
  try {
    const text = await readBody(request);
    const parsed: unknown = text === '' ? {} : JSON.parse(text);
    if (!isObject(parsed)) throw new SyntaxError('body is not a JSON object');
    body = parsed;
  } catch (error) {
    if (error instanceof AvpError) return failure(error);
    return failure(new AvpError('SerializationException', 400, `Cannot read the request body: ${String(error)}`));
  }
  try {
    return { status: 200, body: operation(body) };
  } catch (error) {
    if (error instanceof AvpError) return failure(error);
    throw error;
  }
}

function failure(error: AvpError): { status: number; body: unknown } {
  return { status: error.status, body: error.body() };
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new AvpError('ValidationException', 413, 'The request body is too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': CONTENT_TYPE,
    'content-length': Buffer.byteLength(payload),
    'x-amzn-requestid': randomUUID(),
  });
  response.end(payload);
}
