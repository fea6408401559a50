/**
 * Typed access to the parts of dynalite 4 the gateway reuses: its store (tables, item databases
 * and their per-item locks), its request validation, its single-item actions and its HTTP handler.
 *
 * Reusing dynalite's own code keeps expression parsing, condition evaluation, key extraction and
 * update application identical to what plain PutItem/UpdateItem/DeleteItem do.
 */
import { createRequire } from 'node:module';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

const require = createRequire(import.meta.url);

/** A DynamoDB item or key in wire format (`{ attr: { S: '...' } }`). */
export type Item = Record<string, unknown>;

/** A table description as dynalite stores it (the DescribeTable shape). */
export interface Table {
  TableName: string;
  KeySchema: { AttributeName: string; KeyType: string }[];
  GlobalSecondaryIndexes?: { IndexName: string; KeySchema: Table['KeySchema'] }[];
  LocalSecondaryIndexes?: { IndexName: string; KeySchema: Table['KeySchema'] }[];
}

/** An error as dynalite raises it: already shaped as a DynamoDB error response. */
export interface DynaliteError extends Error {
  statusCode: number;
  body: { __type: string; message?: string; Message?: string };
}

type Callback<T = void> = (err: Error | null, value?: T) => void;
/** `release(done?)` returns a function that frees the lock, then calls `done`. */
type Release = (done?: (...args: unknown[]) => void) => (...args: unknown[]) => void;

/** One table's item database (a prefixed view of the LevelDB store) with its per-key lock. */
export interface ItemDb {
  lock(key: string, exec: (release: Release) => void): void;
  get(key: string, cb: Callback<Item>): void;
  put(key: string, item: Item, cb: Callback): void;
  del(key: string, cb: Callback): void;
}

/** One write of a LevelDB batch on the main database (keys carry their sub-database's prefix). */
export type BatchOperation = { type: 'put'; key: string; value: Item } | { type: 'del'; key: string };

/** The dynalite store created by `db.create(options)`. */
export interface Store {
  options: { maxItemSize: number };
  /** The one LevelDB every table's items and indexes live in, as prefixed keys. */
  db: { batch(operations: BatchOperation[], cb: Callback): void };
  /** dynalite's actions call `getTable(name, cb)`; with `checkStatus` a CREATING table counts as missing. */
  getTable(name: string, checkStatusOrCb: boolean | Callback<Table>, cb?: Callback<Table>): void;
  getItemDb(name: string): ItemDb;
  getIndexDb(indexType: string, tableName: string, indexName: string): unknown;
}

/** A dynalite action (`actions/<name>.js`): validated request in, response body out. */
export type Action = (store: Store, data: Item, cb: Callback<Item>) => void;

/** A dynalite request validator (`validations/<name>.js`). */
export interface Validator {
  types: Record<string, unknown>;
  custom?: (data: Item, store: Store) => string | undefined;
}

interface DbModule {
  create(options: object): Store;
  createKey(item: Item, table: Table): string;
  validateKey(key: Item, table: Table): DynaliteError | undefined;
  validateItem(item: Item, table: Table): DynaliteError | undefined;
  validateUpdates(attributeUpdates: unknown, expressionUpdates: unknown, table: Table): DynaliteError | undefined;
  validationError(message: string): DynaliteError;
  updateIndexes(store: Store, table: Table, oldItem: Item | undefined, newItem: Item | null, cb: Callback): void;
}

interface ValidationsModule {
  checkTypes(data: unknown, types: Record<string, unknown>): Item;
  checkValidations(data: Item, types: Record<string, unknown>, custom: Validator['custom'], store: Store): void;
}

export const db = require('dynalite/db/index.js') as DbModule;
export const validations = require('dynalite/validations/index.js') as ValidationsModule;

/** The dynalite actions and validators the transaction code builds on. */
export const actions = {
  putItem: require('dynalite/actions/putItem.js') as Action,
  updateItem: require('dynalite/actions/updateItem.js') as Action,
  deleteItem: require('dynalite/actions/deleteItem.js') as Action,
  getItem: require('dynalite/actions/getItem.js') as Action,
};
export const validators = {
  putItem: require('dynalite/validations/putItem.js') as Validator,
  updateItem: require('dynalite/validations/updateItem.js') as Validator,
  deleteItem: require('dynalite/validations/deleteItem.js') as Validator,
  getItem: require('dynalite/validations/getItem.js') as Validator,
};

type DynaliteFactory = (options: object) => Server;
const dynaliteFactory = require('dynalite') as DynaliteFactory;

/** A dynalite server (not yet listening) and the store behind it. */
export interface Dynalite {
  server: Server;
  store: Store;
  /** dynalite's HTTP request handler, to serve requests from another server on the same store. */
  handle(req: IncomingMessage, res: ServerResponse): void;
}

/**
 * Creates a dynalite server and captures its store. dynalite keeps the store private, so
 * `db.create` is wrapped for the duration of the call (it runs synchronously inside `dynalite()`).
 */
export function createDynalite(options: { path?: string }): Dynalite {
  const originalCreate = db.create;
  let store: Store | undefined;
  db.create = (opts) => (store = originalCreate(opts));
  let server: Server;
  try {
    // Tables become ACTIVE at once: nothing local benefits from the 500 ms default.
    server = dynaliteFactory({ ...options, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  } finally {
    db.create = originalCreate;
  }
  if (!store) throw new Error('dynalite did not create its store through db.create');
  const [handler] = server.listeners('request') as Dynalite['handle'][];
  if (!handler) throw new Error('dynalite server has no request handler');
  return { server, store, handle: handler };
}

/** Whether `err` is an error dynalite shaped as a DynamoDB response. */
export function isDynaliteError(err: unknown): err is DynaliteError {
  return err instanceof Error && typeof (err as Partial<DynaliteError>).statusCode === 'number' &&
    typeof (err as Partial<DynaliteError>).body === 'object';
}
