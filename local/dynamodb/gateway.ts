/**
 * The DynamoDB HTTP gateway: one dynalite store served on two ports.
 *
 * - the gateway port answers TransactWriteItems/TransactGetItems itself (transactions.ts) and
 *   hands every other request, untouched and unparsed, to dynalite's own request handler in this
 *   same process: no second HTTP hop, no body copy, no JSON re-parse;
 * - the dynalite port is plain dynalite on the same store (for benchmarks and debugging).
 *
 * Ordinary writes need no locking here: dynalite's actions take the same per-item locks the
 * transactions take (see transactions.ts), whichever port they arrive on.
 */
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { createDynalite } from './dynalite.ts';
import type { Item, Store, Table } from './dynalite.ts';
import { Transactions } from './transactions.ts';
import type { Reply } from './transactions.ts';

/** A request as a {@link RequestHook} sees it. */
export interface GatewayRequest {
  /** The `X-Amz-Target` header, e.g. `DynamoDB_20120810.PutItem`. */
  target: string;
  /** HTTP method and request target (path + query), as SigV4 signed them. */
  method: string;
  url: string;
  /** The raw body, as signed by the client. */
  body: Buffer;
  headers: IncomingHttpHeaders;
}

/** An answer that ends a request instead of executing it, e.g. an `AccessDeniedException`. */
export interface GatewayRejection {
  status: number;
  /** Sent as JSON, e.g. `{ __type: 'com.amazon.coral.service#AccessDeniedException', message }`. */
  body: unknown;
}

/**
 * Runs before every gateway request is executed: the plug-in point for SigV4 verification and
 * IAM policy enforcement. Resolve to nothing to let the request through.
 */
export type RequestHook = (request: GatewayRequest) => Promise<GatewayRejection | void>;

/** The key attributes of a table and of each of its indexes, as the store holds them. */
export interface TableKeys {
  /** Partition (HASH) key attribute of the table. */
  partitionKey: string;
  /** Partition key attribute of each index, by index name. */
  indexes: Record<string, string>;
}

/** What a hook module's optional `setup` export receives (see child.ts). */
export interface HookContext {
  /** The parent's `hookOptions` (JSON, passed over IPC because it may hold secrets). */
  options: unknown;
  /** Key schema of a table read from the store; undefined when no such table exists. */
  tableKeys(tableName: string): Promise<TableKeys | undefined>;
  /**
   * Set when this child replaces one that died: the endpoints the hook served then, to be served
   * again on the same ports so clients that know them keep working.
   */
  previousEndpoints?: Record<string, string>;
  /** What the hook kept with {@link HookContext.remember} before a restart, oldest first. */
  remembered: unknown[];
  /**
   * Keeps `value` in the parent process, to be handed back in `remembered` to the hook of a
   * child that replaces this one (e.g. the STS sessions it issued); dropped after `expiresAt`.
   */
  remember(value: unknown, expiresAt?: number): void;
}

/** What a hook module's `setup` returns: the hook, plus any servers it started beside the gateway. */
export interface HookSetup {
  hook: RequestHook;
  /** Endpoints the hook module serves itself (e.g. a local STS), reported to the parent. */
  endpoints?: Record<string, string>;
  close?(): Promise<void>;
}

/** Options of {@link createDynamoServers}. */
export interface DynamoServersOptions {
  /** On-disk folder for the LevelDB store; omitted = in memory. */
  path?: string;
  requestHook?: RequestHook;
}

/** The gateway and the direct dynalite server, not yet listening. */
export interface DynamoServers {
  gateway: Server;
  dynalite: Server;
  /** Key schema of a table and its indexes, read from the store; undefined when it does not exist. */
  tableKeys(tableName: string): Promise<TableKeys | undefined>;
  /** Closes both servers, their connections and the store. */
  close(): Promise<void>;
}

const TARGET_PREFIX = 'DynamoDB_20120810.';
const CONTENT_TYPE = 'application/x-amz-json-1.0';

/** Creates the gateway and the direct dynalite server on one store. */
export function createDynamoServers(options: DynamoServersOptions = {}): DynamoServers {
  const dynalite = createDynalite(options.path === undefined ? {} : { path: options.path });
  const transactions = new Transactions(dynalite.store);
  const transactionOps: Record<string, (request: Item) => Promise<Reply>> = {
    [`${TARGET_PREFIX}TransactWriteItems`]: (request) => transactions.transactWriteItems(request),
    [`${TARGET_PREFIX}TransactGetItems`]: (request) => transactions.transactGetItems(request),
  };
  const { requestHook } = options;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const target = String(req.headers['x-amz-target'] ?? '');
    const transaction = transactionOps[target];
    if (!transaction && !requestHook) return dynalite.handle(req, res);

    const body = await readBody(req);
    if (requestHook) {
      const rejection = await requestHook({ target, method: req.method ?? 'POST', url: req.url ?? '/', body, headers: req.headers });
      if (rejection) return sendJson(res, rejection.status, rejection.body);
    }
    if (!transaction) return dynalite.handle(replay(req, body), res);

    const request = parseObject(body);
    if (!request) return sendJson(res, 400, { __type: 'com.amazon.coral.service#SerializationException' });
    const reply = await transaction(request);
    sendJson(res, reply.status, reply.body);
  }

  const gateway = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (res.headersSent) return res.destroy();
      sendJson(res, 500, { __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: String(err) });
    });
  });

  return {
    gateway,
    dynalite: dynalite.server,
    tableKeys: (name) => tableKeys(dynalite.store, name),
    async close() {
      // The gateway first: it serves from the store that closing dynalite shuts down.
      for (const server of [gateway, dynalite.server]) {
        await new Promise<void>((resolve, reject) => {
          server.close((err) => (err ? reject(err) : resolve()));
          server.closeAllConnections();
        });
      }
    },
  };
}

function tableKeys(store: Store, name: string): Promise<TableKeys | undefined> {
  return new Promise((resolve, reject) => {
    store.getTable(name, false, (err, table) => {
      if (err) return (err as { name?: string }).name === 'NotFoundError' ? resolve(undefined) : reject(err);
      if (!table) return resolve(undefined);
      const hashOf = (schema: Table['KeySchema']) => schema.find((k) => k.KeyType === 'HASH')?.AttributeName ?? '';
      const indexes: Record<string, string> = {};
      for (const index of [...(table.GlobalSecondaryIndexes ?? []), ...(table.LocalSecondaryIndexes ?? [])]) {
        indexes[index.IndexName] = hashOf(index.KeySchema);
      }
      resolve({ partitionKey: hashOf(table.KeySchema), indexes });
    });
  });
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A stand-in for an already consumed request, so dynalite's handler can read the body again. */
function replay(req: IncomingMessage, body: Buffer): IncomingMessage {
  const stream = Readable.from(body.length ? [body] : []);
  return Object.assign(stream, { headers: req.headers, method: req.method, url: req.url }) as unknown as IncomingMessage;
}

function parseObject(body: Buffer): Item | undefined {
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Item) : undefined;
  } catch {
    return undefined;
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': CONTENT_TYPE,
    'Content-Length': Buffer.byteLength(text),
    'x-amzn-RequestId': randomUUID(),
  });
  res.end(text);
}
