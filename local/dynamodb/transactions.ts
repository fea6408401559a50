/**
 * TransactWriteItems and TransactGetItems on top of dynalite's store.
 *
 * Design: a transaction takes dynalite's own per-item locks on all its items (sorted, see
 * locks.ts), so it serializes with every PutItem/UpdateItem/DeleteItem/BatchWriteItem on those
 * items without the gateway parsing ordinary requests. Under the locks each action first runs as
 * a *dry run*: dynalite's unmodified putItem/updateItem/deleteItem action executes against a view
 * of the store whose item database returns the current item and captures the write instead of
 * storing it. That reuses dynalite's condition evaluation, update-expression application and
 * size/index checks exactly. Only when every action passes are the captured images written, so
 * nothing is ever rolled back and no reader can see a transaction that later fails.
 */
import { actions, db, isDynaliteError, validations, validators } from './dynalite.ts';
import type { Action, BatchOperation, DynaliteError, Item, ItemDb, Store, Table, Validator } from './dynalite.ts';
import { IdempotencyTokens } from './idempotency.ts';
import { lockItems } from './locks.ts';
import type { ItemRef } from './locks.ts';

/** A JSON answer for the gateway to send. */
export interface Reply {
  status: number;
  body: unknown;
}

/** One entry of a TransactionCanceledException's CancellationReasons. */
export interface CancellationReason {
  Code: 'None' | 'ConditionalCheckFailed' | 'ValidationError';
  Message?: string;
  Item?: Item;
}

const DYNAMODB = 'com.amazonaws.dynamodb.v20120810#';
const MAX_ACTIONS = 100;

type WriteKind = 'ConditionCheck' | 'Put' | 'Delete' | 'Update';

/** The dynalite action and validator each transactional operation is executed as. */
const WRITE_KINDS: Record<WriteKind, { action: Action; validator: Validator }> = {
  // A ConditionCheck is a Delete whose captured write is dropped.
  ConditionCheck: { action: actions.deleteItem, validator: validators.deleteItem },
  Put: { action: actions.putItem, validator: validators.putItem },
  Delete: { action: actions.deleteItem, validator: validators.deleteItem },
  Update: { action: actions.updateItem, validator: validators.updateItem },
};

const returnOnFailure = { ReturnValuesOnConditionCheckFailure: { type: 'String', enum: ['ALL_OLD', 'NONE'] } };
const returnConsumedCapacity = { type: 'String', enum: ['INDEXES', 'TOTAL', 'NONE'] };

/** A list of 1 to 100 structures, validated the way DynamoDB reports it (`transactItems.N.member...`). */
function transactItemsType(itemShape: string, children: Record<string, unknown>) {
  return {
    type: 'List',
    notNull: true,
    lengthGreaterThanOrEqual: 1,
    lengthLessThanOrEqual: MAX_ACTIONS,
    children: { type: `ValueStruct<${itemShape}>`, children },
  };
}

function struct(shape: string, types: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return { type: `FieldStruct<${shape}>`, children: { ...types, ...extra } };
}

const transactWriteTypes = {
  ReturnConsumedCapacity: returnConsumedCapacity,
  ReturnItemCollectionMetrics: { type: 'String', enum: ['SIZE', 'NONE'] },
  ClientRequestToken: { type: 'String', lengthGreaterThanOrEqual: 1, lengthLessThanOrEqual: 36 },
  TransactItems: transactItemsType('TransactWriteItem', {
    ConditionCheck: struct('ConditionCheck', validators.deleteItem.types, {
      ...returnOnFailure,
      ConditionExpression: { type: 'String', notNull: true },
    }),
    Put: struct('Put', validators.putItem.types, returnOnFailure),
    Delete: struct('Delete', validators.deleteItem.types, returnOnFailure),
    Update: struct('Update', validators.updateItem.types, {
      ...returnOnFailure,
      UpdateExpression: { type: 'String', notNull: true },
    }),
  }),
};

const { TableName, Key, ProjectionExpression, ExpressionAttributeNames } = validators.getItem.types;
const transactGetTypes = {
  ReturnConsumedCapacity: returnConsumedCapacity,
  TransactItems: transactItemsType('TransactGetItem', {
    Get: { ...struct('Get', { TableName, Key, ProjectionExpression, ExpressionAttributeNames }), notNull: true },
  }),
};

/** A validated write action, resolved to its table and item. */
interface PlannedWrite {
  kind: WriteKind;
  data: Item;
  table: Table;
  ref: ItemRef;
}

/** A validated Get, resolved to its table and item. */
interface PlannedGet {
  data: Item;
  ref: ItemRef;
}

/** The dry run's verdict on one action and, if it passed, the image to store (null = delete). */
interface DryRun {
  reason: CancellationReason;
  oldItem: Item | undefined;
  newItem?: Item | null;
}

/** Executes transactions against one dynalite store; holds the ClientRequestToken memory. */
export class Transactions {
  private readonly tokens = new IdempotencyTokens();

  constructor(private readonly store: Store) {}

  /** Serves a TransactWriteItems request body (already JSON-parsed). */
  async transactWriteItems(request: Item): Promise<Reply> {
    return asReply(async () => {
      // Fingerprint before validation: dynalite's validators normalize the request in place.
      const fingerprint = JSON.stringify(request.TransactItems);
      const data = checkRequest(request, transactWriteTypes, this.store);
      const planned = await Promise.all(
        (data.TransactItems as Item[]).map((item) => this.planWrite(item)));
      assertDistinctItems(planned.map((p) => p.ref));

      const token = data.ClientRequestToken as string | undefined;
      if (token === undefined) return this.executeWrite(planned);
      const decision = this.tokens.begin(token, fingerprint);
      switch (decision.kind) {
        case 'replay':
          return { status: 200, body: decision.response };
        case 'mismatch':
          throw dynamoError('IdempotentParameterMismatchException',
            'The request uses the same client token as a previous, but non-identical request');
        case 'in-progress':
          throw dynamoError('TransactionInProgressException', 'Transaction from previous request is still in progress');
        case 'run':
          break;
      }
      try {
        const reply = await this.executeWrite(planned);
        if (reply.status === 200) this.tokens.succeed(token, reply.body);
        else this.tokens.fail(token);
        return reply;
      } catch (err) {
        this.tokens.fail(token);
        throw err;
      }
    });
  }

  /** Serves a TransactGetItems request body (already JSON-parsed). */
  async transactGetItems(request: Item): Promise<Reply> {
    return asReply(async () => {
      const data = checkRequest(request, transactGetTypes, this.store);
      const planned = await Promise.all((data.TransactItems as Item[]).map((item) => this.planGet(item)));
      assertDistinctItems(planned.map((p) => p.ref));

      // Locking like a writer makes the snapshot all-or-nothing with respect to TransactWriteItems.
      const release = await lockItems(this.store, planned.map((p) => p.ref));
      try {
        const results = await Promise.all(planned.map((p) => run(actions.getItem, this.store, p.data)));
        return { status: 200, body: { Responses: results.map((r) => (r.Item ? { Item: r.Item } : {})) } };
      } finally {
        release();
      }
    });
  }

  private async planWrite(transactItem: Item): Promise<PlannedWrite> {
    const kinds = (Object.keys(WRITE_KINDS) as WriteKind[]).filter((k) => transactItem[k] != null);
    const [kind] = kinds;
    if (kind === undefined || kinds.length > 1) {
      throw db.validationError('TransactItems can only contain one of Check, Put, Update or Delete');
    }
    const data = transactItem[kind] as Item;
    validations.checkValidations(data, {}, WRITE_KINDS[kind].validator.custom, this.store);
    const table = await getTable(this.store, data.TableName as string);

    const keySource = kind === 'Put' ? (data.Item as Item) : (data.Key as Item);
    const invalid = kind === 'Put' ? db.validateItem(keySource, table) : db.validateKey(keySource, table);
    if (invalid) throw invalid;
    if (kind === 'Update') {
      const invalidUpdate = db.validateUpdates(undefined, data._updates, table);
      if (invalidUpdate) throw invalidUpdate;
    }
    return { kind, data, table, ref: { tableName: table.TableName, key: db.createKey(keySource, table) } };
  }

  private async planGet(transactItem: Item): Promise<PlannedGet> {
    const data = transactItem.Get as Item;
    validations.checkValidations(data, {}, validators.getItem.custom, this.store);
    const table = await getTable(this.store, data.TableName as string);
    const invalid = db.validateKey(data.Key as Item, table);
    if (invalid) throw invalid;
    return { data, ref: { tableName: table.TableName, key: db.createKey(data.Key as Item, table) } };
  }

  private async executeWrite(planned: PlannedWrite[]): Promise<Reply> {
    const release = await lockItems(this.store, planned.map((p) => p.ref));
    try {
      const dryRuns = await Promise.all(planned.map((p) => this.dryRun(p)));
      const reasons = dryRuns.map((d) => d.reason);
      if (reasons.some((r) => r.Code !== 'None')) return cancelled(reasons);
      await this.commit(planned, dryRuns);
      return { status: 200, body: {} };
    } finally {
      release();
    }
  }

  private async dryRun(p: PlannedWrite): Promise<DryRun> {
    const itemDb = this.store.getItemDb(p.table.TableName);
    const oldItem = await readItem(itemDb, p.ref.key);
    let newItem: Item | null | undefined;
    try {
      await run(WRITE_KINDS[p.kind].action, dryRunStore(this.store, p.table, oldItem, (item) => (newItem = item)), p.data);
    } catch (err) {
      if (!isDynaliteError(err)) throw err;
      if (err.body.__type === `${DYNAMODB}ConditionalCheckFailedException`) {
        const reason: CancellationReason = { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' };
        if (oldItem && p.data.ReturnValuesOnConditionCheckFailure === 'ALL_OLD') reason.Item = oldItem;
        return { reason, oldItem };
      }
      if (err.body.__type.endsWith('#ValidationException')) {
        return { reason: { Code: 'ValidationError', Message: err.body.message ?? '' }, oldItem };
      }
      throw err;
    }
    return { reason: { Code: 'None' }, oldItem, newItem: p.kind === 'ConditionCheck' ? undefined : newItem };
  }

  /**
   * Stores every dry run's image, with the index entries dynalite's own actions would write, in
   * one LevelDB batch: all of the transaction or none of it reaches the store, even when the
   * process dies halfway (DynamoDB's promise; writing item by item, a crash left half a
   * transaction on disk, e.g. an employee without its employee-number guard).
   */
  private async commit(planned: PlannedWrite[], dryRuns: DryRun[]): Promise<void> {
    const operations: BatchOperation[] = [];
    for (const [i, p] of planned.entries()) {
      const { newItem, oldItem } = dryRuns[i]!;
      if (newItem === undefined) continue;
      await callback((cb) => db.updateIndexes(recordingStore(this.store, p.table, operations), p.table, oldItem, newItem, cb));
      const key = itemKey(p.table.TableName, p.ref.key);
      operations.push(newItem ? { type: 'put', key, value: newItem } : { type: 'del', key });
    }
    if (operations.length > 0) await callback((cb) => this.store.db.batch(operations, cb));
  }
}

/**
 * Where dynalite keeps an item and an index entry in its one LevelDB: sub-databases are key
 * prefixes of the main database (db/index.js, getSubDb), so one batch spans them all.
 */
function itemKey(tableName: string, key: string): string {
  return `item-${tableName}~${key}`;
}

function indexKey(indexType: string, tableName: string, indexName: string, key: string): string {
  return `index-${indexType.toLowerCase()}~${tableName}~${indexName}~${key}`;
}

/** A view of the store whose index databases add their writes to `operations` instead of storing them. */
function recordingStore(store: Store, table: Table, operations: BatchOperation[]): Store {
  return {
    ...store,
    getIndexDb: (indexType: string, tableName: string, indexName: string) => ({
      put: (key: string, value: Item, cb: () => void) => {
        operations.push({ type: 'put', key: indexKey(indexType, tableName, indexName, key), value });
        cb();
      },
      del: (key: string, cb: () => void) => {
        operations.push({ type: 'del', key: indexKey(indexType, tableName, indexName, key) });
        cb();
      },
    }),
    getTable: (_name, checkStatusOrCb, cb) => (typeof checkStatusOrCb === 'function' ? checkStatusOrCb : cb!)(null, table),
  };
}

/** Type-checks and validates a request with dynalite's validator, returning the normalized copy. */
function checkRequest(request: Item, types: Record<string, unknown>, store: Store): Item {
  const data = validations.checkTypes(request, types);
  validations.checkValidations(data, types, undefined, store);
  return data;
}

function assertDistinctItems(refs: ItemRef[]): void {
  const seen = new Set<string>();
  for (const { tableName, key } of refs) {
    const id = `${tableName}\u0000${key}`;
    if (seen.has(id)) throw db.validationError('Transaction request cannot include multiple operations on one item');
    seen.add(id);
  }
}

function cancelled(reasons: CancellationReason[]): Reply {
  const codes = reasons.map((r) => r.Code).join(', ');
  return {
    status: 400,
    body: {
      __type: `${DYNAMODB}TransactionCanceledException`,
      Message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${codes}]`,
      CancellationReasons: reasons,
    },
  };
}

function dynamoError(type: string, message: string): DynaliteError {
  return Object.assign(new Error(message), { statusCode: 400, body: { __type: `${DYNAMODB}${type}`, message } });
}

/** Turns dynalite-shaped errors (validation, missing table...) into their DynamoDB answer. */
async function asReply(handler: () => Promise<Reply>): Promise<Reply> {
  try {
    return await handler();
  } catch (err) {
    if (isDynaliteError(err)) return { status: err.statusCode, body: err.body };
    throw err;
  }
}

/**
 * A view of the store for one action whose item database serves `current` and reports the
 * write through `onWrite` instead of storing it. Locks are no-ops: the transaction holds them.
 */
function dryRunStore(store: Store, table: Table, current: Item | undefined, onWrite: (item: Item | null) => void): Store {
  const itemDb: ItemDb = {
    lock: (_key, exec) => exec((done) => (...args) => done?.(...args)),
    get: (_key, cb) => cb(null, current),
    put: (_key, item, cb) => {
      onWrite(item);
      cb(null);
    },
    del: (_key, cb) => {
      onWrite(null);
      cb(null);
    },
  };
  const indexDb = { put: (_key: string, _item: Item, cb: () => void) => cb(), del: (_key: string, cb: () => void) => cb() };
  return {
    options: store.options,
    db: store.db,
    getTable: (_name, checkStatusOrCb, cb) => (typeof checkStatusOrCb === 'function' ? checkStatusOrCb : cb!)(null, table),
    getItemDb: () => itemDb,
    getIndexDb: () => indexDb,
  };
}

function getTable(store: Store, name: string): Promise<Table> {
  // checkStatus: a missing (or still creating) table is "Requested resource not found".
  return callback<Table>((cb) => store.getTable(name, true, cb));
}

async function readItem(itemDb: ItemDb, key: string): Promise<Item | undefined> {
  return new Promise((resolve, reject) => itemDb.get(key, (err, item) => {
    if (err && err.name !== 'NotFoundError') reject(err);
    else resolve(err ? undefined : item);
  }));
}

function run(action: Action, store: Store, data: Item): Promise<Item> {
  return callback<Item>((cb) => action(store, data, cb));
}

function callback<T = void>(start: (cb: (err: Error | null, value?: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => start((err, value) => (err ? reject(err) : resolve(value as T))));
}
