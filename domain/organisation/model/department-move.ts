/**
 * Moving a department (with everything below it) under a new parent, planned as item writes.
 *
 * A move rewrites the place of every department in the moved subtree (ancestors, depth, path and
 * closure items), moves the subtree's headcount from the old ancestors to the new ones and the
 * child counts of the two parents. When all of that fits in one transaction it is one transaction,
 * guarded by conditions on everything it read. Otherwise it runs in three steps:
 *
 *  1. lock: a tenant-wide `DEPTMOVE#tree` item (no other tree change may start: creates, deletes,
 *     moves check it is absent) and `MoveLock` on the moved department (headcount changes below
 *     it wait), together with the update's other changes;
 *  2. the departments below, in batches (each checks the lock is still ours);
 *  3. the moved department itself, the counters, and the lock's release.
 *
 * Every step is computed from what is stored, so a move interrupted after step 1 is finished by
 * planning again from the lock (see the Lambda). Pure and APPSYNC_JS-safe.
 */
import type { FieldProblem } from '../../model/errors.ts';
import {
  contentChanges,
  departmentContentSideWrites,
  depthProblem,
  MOVE_UNDER_WAY,
  noMoveUnderWay,
  parentProblem,
  type DepartmentContent,
  type DepartmentRow,
} from './department.ts';
import { departmentItemKey, departmentMoveKey } from './keys.ts';
import { ancestorsUnder, rewritePlace, treePath, wouldCreateCycle } from './tree.ts';
import { absent, check, equal, exists, itemKey, MAX_TRANSACTION_ITEMS, put, remove, update, type GuardedWrite } from './writes.ts';

/** What a move is planned from: everything read, consistently, before writing. */
export interface MoveState {
  moved: DepartmentRow;
  /** The moved department's content after the update (its current content when only moving). */
  content: DepartmentContent;
  /** The new parent as read; null: the department becomes a root department. */
  newParent: DepartmentRow | null;
  /** Every department below the moved one. */
  below: DepartmentRow[];
  now: string;
}

/** The lock item of a move spanning several transactions. */
export interface MoveLockItem {
  lockId: string;
  departmentId: string;
  parentId: string | null;
  startedAt: string;
  requestedBy: string;
}

/** Why the move cannot be made at all (VALIDATION_ERROR), or an empty list. */
export function moveProblems(state: MoveState, newParentId: string | null): FieldProblem[] {
  const { moved, newParent, below } = state;
  if (newParentId !== null) {
    const problem = parentProblem(newParentId, newParent);
    if (problem) return [problem];
  }
  if (wouldCreateCycle(moved.id, newParent)) {
    const where = newParentId === moved.id ? 'the department itself' : `below ${moved.id}`;
    return [{ field: 'parentId', message: `department ${newParentId} is ${where}: a department cannot move under itself or its own sub-departments` }];
  }
  const height = below.reduce((max, n) => (n.depth - moved.depth > max ? n.depth - moved.depth : max), 0);
  const problem = depthProblem(ancestorsUnder(newParent).length, height);
  return problem ? [problem] : [];
}

const changed = (id: string) => ({ type: 'CONFLICT' as const, message: `Department ${id} changed while it was being moved; read it again and retry.` });

/** The writes of the departments below the moved one, one group per department (a group never splits). */
export function belowGroups(moved: DepartmentRow, newAncestors: string[], below: DepartmentRow[]): GuardedWrite[][] {
  const groups: GuardedWrite[][] = [];
  for (const node of below) {
    const rewrite = rewritePlace(node, moved.id, newAncestors);
    if (rewrite) {
      const key = node.TenantId;
      groups.push([
        update(
          itemKey(key, node.EntityItem),
          { set: { ancestorIds: rewrite.ancestorIds, depth: rewrite.ancestorIds.length, TreePath: treePath(rewrite.ancestorIds, node.id) } },
          [equal('TreePath', node.TreePath), equal('childCount', node.childCount)],
          changed(node.id),
        ),
        ...rewrite.deleteKeys.map((k) => remove(itemKey(key, k), [], changed(node.id))),
        ...rewrite.puts.map((c) => put(itemKey(key, c.key), { departmentId: node.id, levels: c.levels }, [], changed(node.id))),
      ]);
    }
  }
  return groups;
}

/**
 * The counters a move changes on the departments above: the subtree's headcount leaves the old
 * ancestors and joins the new ones (common ancestors keep it), the old parent loses a child and
 * the new one gains it. `strict` adds the new parent's state as read (single-transaction moves).
 */
function ancestorWrites(moved: DepartmentRow, newParent: DepartmentRow | null, strict: boolean): GuardedWrite[] {
  const key = moved.TenantId;
  const oldLine = moved.ancestorIds;
  const newLine = ancestorsUnder(newParent);
  const headcount = moved.subtreeHeadcount;
  const ids = oldLine.concat(newLine.filter((id) => !oldLine.includes(id)));
  const writes: GuardedWrite[] = [];
  for (const id of ids) {
    const add: Record<string, number> = {};
    const inOld = oldLine.includes(id);
    const inNew = newLine.includes(id);
    if (inOld && !inNew && headcount !== 0) add.subtreeHeadcount = -headcount;
    if (inNew && !inOld && headcount !== 0) add.subtreeHeadcount = headcount;
    if (id === moved.parentId) add.childCount = -1;
    if (newParent && id === newParent.id) add.childCount = 1;
    if (Object.keys(add).length > 0) {
      const conditions = [exists()];
      if (strict && newParent && id === newParent.id) conditions.push(equal('TreePath', newParent.TreePath), equal('archived', false));
      writes.push(
        update(itemKey(key, departmentItemKey(id)), { add }, conditions, {
          type: 'CONFLICT',
          message: `Department ${id} was moved, archived or deleted while ${moved.id} was being moved; read them again and retry.`,
        }),
      );
    }
  }
  return writes;
}

/** The moved department's own closure items. */
function movedClosureWrites(moved: DepartmentRow, newAncestors: string[]): GuardedWrite[] {
  const rewrite = rewritePlace(moved, moved.id, newAncestors);
  if (!rewrite) return [];
  const key = moved.TenantId;
  return [
    ...rewrite.deleteKeys.map((k) => remove(itemKey(key, k), [], changed(moved.id))),
    ...rewrite.puts.map((c) => put(itemKey(key, c.key), { departmentId: moved.id, levels: c.levels }, [], changed(moved.id))),
  ];
}

function placeChanges(moved: DepartmentRow, newParent: DepartmentRow | null): Record<string, unknown> {
  const ancestorIds = ancestorsUnder(newParent);
  return { parentId: newParent ? newParent.id : null, ancestorIds, depth: ancestorIds.length, TreePath: treePath(ancestorIds, moved.id) };
}

/** The whole move in one transaction, every read guarded by a condition; null when it does not fit. */
export function singleTransactionMove(state: MoveState, maxItems = MAX_TRANSACTION_ITEMS): GuardedWrite[] | null {
  const { moved, content, newParent, below, now } = state;
  const newAncestors = ancestorsUnder(newParent);
  const writes = [
    update(
      itemKey(moved.TenantId, moved.EntityItem),
      { set: { ...contentChanges(moved, content, now), ...placeChanges(moved, newParent) } },
      [
        equal('version', moved.version),
        absent('MoveLock'),
        equal('TreePath', moved.TreePath),
        equal('childCount', moved.childCount),
        equal('subtreeHeadcount', moved.subtreeHeadcount),
      ],
      { type: 'CONFLICT', message: `Department ${moved.id} changed since you read it; read it again and retry.` },
    ),
    noMoveUnderWay(moved.TenantId),
    ...movedClosureWrites(moved, newAncestors),
    ...ancestorWrites(moved, newParent, true),
    ...departmentContentSideWrites(moved, content),
    ...belowGroups(moved, newAncestors, below).flat(),
  ];
  return writes.length <= maxItems ? writes : null;
}

/** Step 1 of a long move: take the tenant's move lock and lock the department, applying the update's other changes. */
export function lockMoveWrites(state: MoveState, lock: MoveLockItem): GuardedWrite[] {
  const { moved, content, newParent, now } = state;
  const key = moved.TenantId;
  const writes = [
    put(itemKey(key, departmentMoveKey()), { ...lock }, [absent()], MOVE_UNDER_WAY),
    update(
      itemKey(key, moved.EntityItem),
      { set: { ...contentChanges(moved, content, now), MoveLock: { id: lock.lockId, parentId: lock.parentId, startedAt: lock.startedAt } } },
      [equal('version', moved.version), absent('MoveLock'), equal('TreePath', moved.TreePath)],
      { type: 'CONFLICT', message: `Department ${moved.id} changed since you read it; read it again and retry.` },
    ),
    ...departmentContentSideWrites(moved, content),
  ];
  if (newParent) {
    writes.push(
      check(itemKey(key, newParent.EntityItem), [exists(), equal('TreePath', newParent.TreePath), equal('archived', false)], {
        type: 'CONFLICT',
        message: `The new parent ${newParent.id} was moved, archived or deleted meanwhile; read it again and retry.`,
      }),
    );
  }
  return writes;
}

/** Step 2: the departments below in transactions of at most `maxItems`, each checking the lock is still `lockId`. */
export function belowBatches(moved: DepartmentRow, newParent: DepartmentRow | null, below: DepartmentRow[], lockId: string, maxItems = MAX_TRANSACTION_ITEMS): GuardedWrite[][] {
  const lockHeld = check(itemKey(moved.TenantId, departmentMoveKey()), [equal('lockId', lockId)], {
    type: 'CONFLICT',
    message: `The move of department ${moved.id} was finished or taken over meanwhile; read it again.`,
  });
  const batches: GuardedWrite[][] = [];
  let batch: GuardedWrite[] = [];
  for (const group of belowGroups(moved, ancestorsUnder(newParent), below)) {
    if (batch.length > 0 && batch.length + group.length + 1 > maxItems) {
      batches.push([lockHeld, ...batch]);
      batch = [];
    }
    batch = batch.concat(group);
  }
  if (batch.length > 0) batches.push([lockHeld, ...batch]);
  return batches;
}

/** Step 3: the moved department's place, its closure items, the counters above, and the lock's release. */
export function finishMoveWrites(moved: DepartmentRow, newParent: DepartmentRow | null, lockId: string, now: string): GuardedWrite[] {
  const key = moved.TenantId;
  return [
    update(
      itemKey(key, moved.EntityItem),
      { set: { ...placeChanges(moved, newParent), version: moved.version + 1, updatedAt: now }, remove: ['MoveLock'] },
      [equal('MoveLock.id', lockId), equal('TreePath', moved.TreePath), equal('childCount', moved.childCount), equal('subtreeHeadcount', moved.subtreeHeadcount)],
      changed(moved.id),
    ),
    remove(itemKey(key, departmentMoveKey()), [equal('lockId', lockId)], changed(moved.id)),
    ...movedClosureWrites(moved, ancestorsUnder(newParent)),
    ...ancestorWrites(moved, newParent, false),
  ];
}
