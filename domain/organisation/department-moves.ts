/**
 * Department updates that move a department (a new parent), run with a tenant's DynamoDB session:
 * reads everything the move depends on consistently, refuses cycles and trees too deep, and writes
 * the plan of model/department-move.ts — one transaction when it fits, otherwise lock, batches of
 * the subtree, finish. A move left locked by a crash is finished by the next move in the tenant
 * (once the lock is older than a Lambda can run) or by the next update of the moved department.
 */
import { randomUUID } from 'node:crypto';
import {
  BatchGetItemCommand,
  GetItemCommand,
  QueryCommand,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { UpdateDepartmentInput } from '../generated/graphql.ts';
import { DomainError } from '../domain-error.ts';
import { tenantKey } from '../model/keys.ts';
import {
  MOVE_UNDER_WAY,
  mergeDepartmentChanges,
  requestedParent,
  updateDepartmentWrites,
  validateDepartment,
  validateDepartmentChanges,
  type DepartmentRow,
} from './model/department.ts';
import {
  belowBatches,
  finishMoveWrites,
  lockMoveWrites,
  moveProblems,
  singleTransactionMove,
  type MoveLockItem,
  type MoveState,
} from './model/department-move.ts';
import { departmentItemKey, departmentMoveKey, departmentTreeLevelPrefix } from './model/keys.ts';
import { MAX_DEPARTMENT_DEPTH } from './model/tree.ts';
import { MAX_TRANSACTION_ITEMS, type GuardedWrite } from './model/writes.ts';
import type { OrganisationStore } from './assignments.ts';
import { cancellationOutcome, toTransactWriteItems } from './sdk-writes.ts';

export interface MoveOptions {
  /** Items per transaction (DynamoDB's limit unless a test wants smaller batches). */
  maxItemsPerTransaction?: number;
  /** A lock older than this belongs to a run that died: the next move finishes it. Default 60 s (a Lambda resolver runs 30 s at most). */
  staleLockMs?: number;
  now?: () => Date;
  /** Called after each transaction of a long move (tests interrupt moves with it). */
  afterTransaction?: (step: 'lock' | 'batch' | 'finish') => void | Promise<void>;
}

/** What an update did: the department as stored afterwards, and how many transactions it took. */
export interface UpdateOutcome {
  department: DepartmentRow;
  transactions: number;
  /** Set when an interrupted move was finished first. */
  resumed?: string;
}

const DEFAULT_STALE_LOCK_MS = 60_000;

/**
 * What the move engine reads and writes through: consistent reads of one tenant's partition and
 * transactions that fail with the DomainError of the write whose condition failed.
 */
export interface DepartmentStore {
  get<T>(entityItem: string): Promise<T | null>;
  /** Every department below `departmentId`. */
  below(departmentId: string): Promise<DepartmentRow[]>;
  transact(writes: GuardedWrite[]): Promise<void>;
}

/** The engine's store on DynamoDB (the PIM table, through a client signed for the tenant). */
export function dynamoDepartmentStore(store: OrganisationStore, tenantId: string): DepartmentStore {
  const key = tenantKey(tenantId);
  const get = async <T>(entityItem: string): Promise<T | null> => {
    const answer = await store.dynamodb.send(
      new GetItemCommand({ TableName: store.tableName, Key: marshall({ TenantId: key, EntityItem: entityItem }), ConsistentRead: true }),
    );
    return answer.Item ? (unmarshall(answer.Item) as T) : null;
  };
  return {
    get,
    below: (departmentId) => readBelow(store, key, departmentId),
    async transact(writes) {
      try {
        await store.dynamodb.send(new TransactWriteItemsCommand({ TransactItems: toTransactWriteItems(store.tableName, writes) }));
      } catch (error) {
        const outcome = cancellationOutcome(error, writes);
        if (!outcome) throw error;
        throw new DomainError(outcome.type, outcome.message, outcome.field ? [{ field: outcome.field, message: outcome.message }] : []);
      }
    },
  };
}

/** Every department below `departmentId`, read consistently through its closure items. */
async function readBelow(store: OrganisationStore, key: string, departmentId: string): Promise<DepartmentRow[]> {
  const ids: string[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await store.dynamodb.send(
      new QueryCommand({
        TableName: store.tableName,
        KeyConditionExpression: '#tenant = :tenant AND #item BETWEEN :from AND :to',
        ExpressionAttributeNames: { '#tenant': 'TenantId', '#item': 'EntityItem' },
        ExpressionAttributeValues: marshall({
          ':tenant': key,
          ':from': departmentTreeLevelPrefix(departmentId, 1),
          ':to': `${departmentTreeLevelPrefix(departmentId, MAX_DEPARTMENT_DEPTH)}~`,
        }),
        ConsistentRead: true,
        ...(start ? { ExclusiveStartKey: marshall(start) } : {}),
      }),
    );
    ids.push(...(page.Items ?? []).map((item) => unmarshall(item).departmentId as string));
    start = page.LastEvaluatedKey ? unmarshall(page.LastEvaluatedKey) : undefined;
  } while (start);

  const rows: DepartmentRow[] = [];
  for (let i = 0; i < ids.length; i += 100) {
    let keys = ids.slice(i, i + 100).map((id) => marshall({ TenantId: key, EntityItem: departmentItemKey(id) }));
    for (let attempt = 0; keys.length > 0; attempt += 1) {
      if (attempt === 5) throw new Error('BatchGetItem kept leaving keys unprocessed');
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 25 * 2 ** attempt));
      const answer = await store.dynamodb.send(new BatchGetItemCommand({ RequestItems: { [store.tableName]: { Keys: keys, ConsistentRead: true } } }));
      rows.push(...(answer.Responses?.[store.tableName] ?? []).map((item) => unmarshall(item) as DepartmentRow));
      keys = answer.UnprocessedKeys?.[store.tableName]?.Keys ?? [];
    }
  }
  return rows;
}

function isStale(lock: MoveLockItem, now: Date, staleLockMs: number): boolean {
  return now.getTime() - Date.parse(lock.startedAt) > staleLockMs;
}

/** Steps 2 and 3 of a long move: the subtree in batches, then the moved department and the lock's release. */
async function finishMove(store: DepartmentStore, lock: MoveLockItem, options: MoveOptions): Promise<number> {
  const now = options.now ?? (() => new Date());
  const read = async () => {
    const moved = await store.get<DepartmentRow>(departmentItemKey(lock.departmentId));
    const parent = lock.parentId ? await store.get<DepartmentRow>(departmentItemKey(lock.parentId)) : null;
    // The lock keeps both in place: the moved department cannot be deleted nor the new parent removed meanwhile.
    if (!moved || moved.MoveLock?.id !== lock.lockId || (lock.parentId && !parent)) {
      throw new DomainError('CONFLICT', `The move of department ${lock.departmentId} cannot be finished: its lock does not match the records.`);
    }
    return { moved, parent };
  };
  let transactions = 0;
  const { moved, parent } = await read();
  const below = await store.below(moved.id);
  for (const batch of belowBatches(moved, parent, below, lock.lockId, options.maxItemsPerTransaction ?? MAX_TRANSACTION_ITEMS)) {
    await store.transact(batch);
    transactions += 1;
    await options.afterTransaction?.('batch');
  }
  const fresh = await read();
  await store.transact(finishMoveWrites(fresh.moved, fresh.parent, lock.lockId, now().toISOString()));
  await options.afterTransaction?.('finish');
  return transactions + 1;
}

/** Finishes the tenant's interrupted move, if one is stale; returns the moved department's id. */
async function finishStaleMove(store: DepartmentStore, options: MoveOptions): Promise<string | undefined> {
  const lock = await store.get<MoveLockItem>(departmentMoveKey());
  if (!lock) return undefined;
  const now = (options.now ?? (() => new Date()))();
  if (!isStale(lock, now, options.staleLockMs ?? DEFAULT_STALE_LOCK_MS)) throw new DomainError(MOVE_UNDER_WAY.type, MOVE_UNDER_WAY.message);
  await finishMove(store, lock, options);
  return lock.departmentId;
}

/**
 * Applies an `updateDepartment` input that gives a new parent: the move and the other changes, as
 * one transaction when they fit, otherwise as a locked move (the other changes land with the lock).
 * An input that keeps the parent is applied in place, as the APPSYNC_JS resolver would.
 */
export async function updateDepartment(
  store: DepartmentStore,
  input: UpdateDepartmentInput,
  requestedBy: string,
  options: MoveOptions = {},
): Promise<UpdateOutcome> {
  const now = options.now ?? (() => new Date());
  const resumed = await finishStaleMove(store, options);

  const current = await store.get<DepartmentRow>(departmentItemKey(input.id));
  if (!current) throw new DomainError('NOT_FOUND', `No department ${input.id} in this tenant.`);
  if (current.version !== input.expectedVersion) {
    throw new DomainError('CONFLICT', `Department ${input.id} is at version ${current.version}, not ${input.expectedVersion}: read it again and retry.`);
  }
  const content = mergeDepartmentChanges(current, input);
  const parentId = requestedParent(current, input);
  const problems = validateDepartmentChanges(input).concat(validateDepartment({ ...content, parentId: parentId ?? current.parentId }, current.id));
  if (problems.length > 0) throw invalid(problems);

  let transactions = 1;
  if (parentId === undefined) {
    await store.transact(updateDepartmentWrites(current, content, now().toISOString()));
  } else {
    const newParent = parentId ? await store.get<DepartmentRow>(departmentItemKey(parentId)) : null;
    const state: MoveState = { moved: current, content, newParent, below: await store.below(current.id), now: now().toISOString() };
    const moveProblemsFound = moveProblems(state, parentId);
    if (moveProblemsFound.length > 0) throw invalid(moveProblemsFound);
    const single = singleTransactionMove(state, options.maxItemsPerTransaction);
    if (single) {
      await store.transact(single);
    } else {
      const lock: MoveLockItem = { lockId: randomUUID(), departmentId: current.id, parentId, startedAt: state.now, requestedBy };
      await store.transact(lockMoveWrites(state, lock));
      await options.afterTransaction?.('lock');
      transactions += await finishMove(store, lock, options);
    }
  }
  const department = await store.get<DepartmentRow>(departmentItemKey(input.id));
  return { department: department!, transactions, ...(resumed ? { resumed } : {}) };
}

function invalid(problems: { field: string; message: string }[]): DomainError {
  return new DomainError('VALIDATION_ERROR', `Invalid input: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}.`, problems);
}
