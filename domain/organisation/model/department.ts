/**
 * Department records: the stored row, normalisation, validation, views and the single-transaction
 * writes (create, update in place, delete). Moves, which may span transactions, are planned in
 * department-move.ts. APPSYNC_JS-safe.
 */
import type { CreateDepartmentInput, Department, OrgUnit, UpdateDepartmentInput } from '../../generated/graphql.ts';
import type { FieldProblem } from '../../model/errors.ts';
import { tenantKey } from '../../model/keys.ts';
import { employeeItemKey } from '../../people/model/keys.ts';
import { checkCode, checkLength, checkReference, clearedRequired, given, normaliseCode, required, trimmed } from './fields.ts';
import { departmentCodeKey, departmentItemKey, departmentMoveKey } from './keys.ts';
import { referenceChange } from './references.ts';
import { closureItems, MAX_DEPARTMENT_DEPTH, treePath, type TreePlace } from './tree.ts';
import { absent, check, equal, exists, itemKey, put, remove, update, type GuardedWrite } from './writes.ts';

/** Set on the moved department while a move spanning several transactions runs. */
export interface MoveLock {
  id: string;
  parentId: string | null;
  startedAt: string;
}

/** The stored PIM item: the GraphQL `Department` plus keys and tree bookkeeping. */
export type DepartmentRow = Omit<Department, '__typename'> & {
  TenantId: string;
  EntityItem: string;
  /** `root/…/parent/id`; conditions compare it to notice a concurrent move. */
  TreePath: string;
  MoveLock?: MoveLock | null;
};

/** What a department's inputs can set directly (its place in the tree is set by create and moves). */
export interface DepartmentContent {
  name: string;
  code: string | null;
  headEmployeeId: string | null;
  costCentreId: string | null;
  archived: boolean;
}

export function normaliseNewDepartment(input: CreateDepartmentInput): DepartmentContent & { parentId: string | null } {
  return {
    name: required(input.name),
    code: normaliseCode(input.code),
    parentId: trimmed(input.parentId),
    headEmployeeId: trimmed(input.headEmployeeId),
    costCentreId: trimmed(input.costCentreId),
    archived: false,
  };
}

/** Applies an update input: omitted fields keep their value, null clears an optional one. */
export function mergeDepartmentChanges(current: DepartmentRow, input: UpdateDepartmentInput): DepartmentContent {
  return {
    name: given(input, 'name') ? required(input.name) : current.name,
    code: given(input, 'code') ? normaliseCode(input.code) : current.code,
    headEmployeeId: given(input, 'headEmployeeId') ? trimmed(input.headEmployeeId) : current.headEmployeeId,
    costCentreId: given(input, 'costCentreId') ? trimmed(input.costCentreId) : current.costCentreId,
    archived: given(input, 'archived') && input.archived !== null ? input.archived === true : current.archived,
  };
}

/** The parent an update asks for (null: make it a root), or undefined when it keeps its parent. */
export function requestedParent(current: DepartmentRow, input: UpdateDepartmentInput): string | null | undefined {
  if (!given(input, 'parentId')) return undefined;
  const parentId = trimmed(input.parentId);
  return parentId === current.parentId ? undefined : parentId;
}

/**
 * Whether an update needs the organisation Lambda: a move (a new parent), or any update of a
 * department whose move was interrupted (the Lambda finishes the move first).
 */
export function needsMoveEngine(current: DepartmentRow, input: UpdateDepartmentInput): boolean {
  return requestedParent(current, input) !== undefined || (current.MoveLock !== undefined && current.MoveLock !== null);
}

export function validateDepartmentChanges(input: UpdateDepartmentInput): FieldProblem[] {
  return clearedRequired(input, ['name', 'archived']);
}

export function validateDepartment(content: DepartmentContent & { parentId?: string | null }, departmentId?: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  checkLength(problems, 'name', content.name, 1, 120);
  checkCode(problems, 'code', content.code, false);
  checkReference(problems, 'parentId', content.parentId);
  checkReference(problems, 'headEmployeeId', content.headEmployeeId);
  checkReference(problems, 'costCentreId', content.costCentreId);
  if (departmentId && content.parentId === departmentId) {
    problems.push({ field: 'parentId', message: 'a department cannot be its own parent' });
  }
  return problems;
}

/** What is wrong with placing a department under `parent` as read (null: fine). */
export function parentProblem(parentId: string, parent: DepartmentRow | null | undefined): FieldProblem | null {
  if (!parent) return { field: 'parentId', message: `no department ${parentId} in this tenant` };
  if (parent.archived) return { field: 'parentId', message: `department ${parentId} is archived: nothing new may be placed under it` };
  return null;
}

/** Depth problem of a department (with `height` levels below it) placed at `depth`. */
export function depthProblem(depth: number, height: number): FieldProblem | null {
  if (depth + height <= MAX_DEPARTMENT_DEPTH) return null;
  return { field: 'parentId', message: `the tree may be at most ${MAX_DEPARTMENT_DEPTH + 1} levels deep; this would make it ${depth + height + 1}` };
}

/** Why a department cannot be deleted, or null when it can. */
export function deletionBlocker(row: DepartmentRow): string | null {
  const reasons: string[] = [];
  if (row.childCount > 0) reasons.push(`${row.childCount} sub-department(s)`);
  if (row.assignmentCount > 0) reasons.push(`${row.assignmentCount} assignment(s) (employees, contracts or positions)`);
  if (reasons.length === 0) return null;
  return `Department ${row.id} still has ${reasons.join(' and ')}: move or remove them first, or archive the department (archived: true) instead.`;
}

export function newDepartmentRow(tenantId: string, id: string, content: DepartmentContent, parent: TreePlace | null, now: string): DepartmentRow {
  const ancestorIds = parent ? parent.ancestorIds.concat([parent.id]) : [];
  return {
    TenantId: tenantKey(tenantId),
    EntityItem: departmentItemKey(id),
    TreePath: treePath(ancestorIds, id),
    id,
    tenantId,
    name: content.name,
    code: content.code,
    parentId: parent ? parent.id : null,
    ancestorIds,
    depth: ancestorIds.length,
    headEmployeeId: content.headEmployeeId,
    costCentreId: content.costCentreId,
    childCount: 0,
    headcount: 0,
    subtreeHeadcount: 0,
    assignmentCount: 0,
    archived: content.archived,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
}

/** A department as the API shows it in an org chart, `depth` levels below the chart's top. */
export function orgUnitView(row: DepartmentRow, depth: number): Omit<OrgUnit, '__typename'> {
  return {
    depth,
    id: row.id,
    name: row.name,
    code: row.code,
    parentId: row.parentId,
    headEmployeeId: row.headEmployeeId,
    headcount: row.headcount,
    subtreeHeadcount: row.subtreeHeadcount,
    childCount: row.childCount,
    archived: row.archived,
  };
}

const changedSince = (id: string) => ({ type: 'CONFLICT' as const, message: `Department ${id} changed since you read it (or is being moved); read it again and retry.` });
export const MOVE_UNDER_WAY = {
  type: 'CONFLICT' as const,
  message: 'A department move is under way in this tenant; retry in a few seconds. (An interrupted move is finished by the next move or update of the moved department.)',
};

/** The tree may change only while no move spanning several transactions runs. */
export function noMoveUnderWay(key: string): GuardedWrite {
  return check(itemKey(key, departmentMoveKey()), [absent()], MOVE_UNDER_WAY);
}

/** The closure items of a department, put (new department) or deleted. */
export function closureWrites(row: DepartmentRow, kind: 'put' | 'delete'): GuardedWrite[] {
  const outcome = changedSince(row.id);
  return closureItems(row.ancestorIds, row.id).map((c) => {
    const key = itemKey(row.TenantId, c.key);
    return kind === 'put' ? put(key, { departmentId: row.id, levels: c.levels }, [], outcome) : remove(key, [], outcome);
  });
}

/** Claims a department code; fails when another department holds it. */
export function claimDepartmentCode(key: string, code: string, departmentId: string): GuardedWrite {
  return put(itemKey(key, departmentCodeKey(code)), { departmentId }, [absent()], {
    type: 'CONFLICT',
    field: 'code',
    message: `Another department of this tenant already has the code ${code}.`,
  });
}

export function releaseDepartmentCode(key: string, code: string, departmentId: string): GuardedWrite {
  return remove(itemKey(key, departmentCodeKey(code)), [equal('departmentId', departmentId)], changedSince(departmentId));
}

/** The head must be an employee of the tenant. */
export function headExists(key: string, employeeId: string): GuardedWrite {
  return check(itemKey(key, employeeItemKey(employeeId)), [exists()], {
    type: 'VALIDATION_ERROR',
    field: 'headEmployeeId',
    message: `headEmployeeId: no employee ${employeeId} in this tenant.`,
  });
}

/**
 * The writes a content change needs besides the department's own update: code guards, the head
 * check and the cost centre's counter. Shared by updates in place and moves.
 */
export function departmentContentSideWrites(current: DepartmentRow, content: DepartmentContent): GuardedWrite[] {
  const key = current.TenantId;
  const writes: GuardedWrite[] = [];
  if (content.code !== current.code) {
    if (current.code) writes.push(releaseDepartmentCode(key, current.code, current.id));
    if (content.code) writes.push(claimDepartmentCode(key, content.code, current.id));
  }
  if (content.headEmployeeId && content.headEmployeeId !== current.headEmployeeId) writes.push(headExists(key, content.headEmployeeId));
  return writes.concat(referenceChange(key, 'costCentre', current.costCentreId, content.costCentreId));
}

/** The attributes a content change sets on the department row. */
export function contentChanges(current: DepartmentRow, content: DepartmentContent, now: string): Record<string, unknown> {
  return {
    name: content.name,
    code: content.code,
    headEmployeeId: content.headEmployeeId,
    costCentreId: content.costCentreId,
    archived: content.archived,
    version: current.version + 1,
    updatedAt: now,
  };
}

/** Creating a department: the row, its code, its closure items, the parent's child count and the references. */
export function createDepartmentWrites(row: DepartmentRow, parent: DepartmentRow | null): GuardedWrite[] {
  const key = row.TenantId;
  const { TenantId, EntityItem, ...attributes } = row;
  const writes = [
    put({ TenantId, EntityItem }, attributes, [absent()], { type: 'CONFLICT', message: `A department with id ${row.id} already exists.` }),
    noMoveUnderWay(key),
    ...closureWrites(row, 'put'),
  ];
  if (parent) {
    writes.push(
      update(
        itemKey(key, parent.EntityItem),
        { add: { childCount: 1 } },
        [exists(), equal('TreePath', parent.TreePath), equal('archived', false)],
        { type: 'CONFLICT', message: `The parent department ${parent.id} was moved, archived or deleted meanwhile; read it again and retry.` },
      ),
    );
  }
  if (row.code) writes.push(claimDepartmentCode(key, row.code, row.id));
  if (row.headEmployeeId) writes.push(headExists(key, row.headEmployeeId));
  return writes.concat(referenceChange(key, 'costCentre', null, row.costCentreId));
}

/** Changing a department's content in place (not its parent). */
export function updateDepartmentWrites(current: DepartmentRow, content: DepartmentContent, now: string): GuardedWrite[] {
  return [
    update(itemKey(current.TenantId, current.EntityItem), { set: contentChanges(current, content, now) }, [equal('version', current.version), absent('MoveLock')], changedSince(current.id)),
    ...departmentContentSideWrites(current, content),
  ];
}

/** Deleting a department without sub-departments or assignments, with its code, closure items and references. */
export function deleteDepartmentWrites(row: DepartmentRow): GuardedWrite[] {
  const key = row.TenantId;
  const writes = [
    remove(
      itemKey(key, row.EntityItem),
      [equal('version', row.version), equal('childCount', 0), equal('assignmentCount', 0), absent('MoveLock')],
      { type: 'CONFLICT', message: `Department ${row.id} changed since you read it (a sub-department or an assignment may have been added); read it again and retry.` },
    ),
    noMoveUnderWay(key),
    ...closureWrites(row, 'delete'),
  ];
  if (row.parentId) {
    writes.push(update(itemKey(key, departmentItemKey(row.parentId)), { add: { childCount: -1 } }, [exists()], changedSince(row.parentId)));
  }
  if (row.code) writes.push(releaseDepartmentCode(key, row.code, row.id));
  return writes.concat(referenceChange(key, 'costCentre', row.costCentreId, null));
}
