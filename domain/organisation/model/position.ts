/** Positions (job titles), with an optional unique code and an optional department. APPSYNC_JS-safe. */
import type { CreatePositionInput, Position, UpdatePositionInput } from '../../generated/graphql.ts';
import type { FieldProblem } from '../../model/errors.ts';
import { tenantKey } from '../../model/keys.ts';
import { checkCode, checkLength, checkReference, clearedRequired, given, normaliseCode, required, trimmed } from './fields.ts';
import { positionCodeKey, positionItemKey } from './keys.ts';
import { referenceChange } from './references.ts';
import { absent, equal, itemKey, put, remove, update, type GuardedWrite } from './writes.ts';

export type PositionRow = Omit<Position, '__typename'> & { TenantId: string; EntityItem: string };

export type PositionContent = Pick<PositionRow, 'title' | 'code' | 'departmentId' | 'archived'>;

export function normaliseNewPosition(input: CreatePositionInput): PositionContent {
  return { title: required(input.title), code: normaliseCode(input.code), departmentId: trimmed(input.departmentId), archived: false };
}

export function mergePositionChanges(current: PositionRow, input: UpdatePositionInput): PositionContent {
  return {
    title: given(input, 'title') ? required(input.title) : current.title,
    code: given(input, 'code') ? normaliseCode(input.code) : current.code,
    departmentId: given(input, 'departmentId') ? trimmed(input.departmentId) : current.departmentId,
    archived: given(input, 'archived') && input.archived !== null ? input.archived === true : current.archived,
  };
}

export function validatePositionChanges(input: UpdatePositionInput): FieldProblem[] {
  return clearedRequired(input, ['title', 'archived']);
}

export function validatePosition(content: PositionContent): FieldProblem[] {
  const problems: FieldProblem[] = [];
  checkLength(problems, 'title', content.title, 1, 120);
  checkCode(problems, 'code', content.code, false);
  checkReference(problems, 'departmentId', content.departmentId);
  return problems;
}

export function newPositionRow(tenantId: string, id: string, content: PositionContent, now: string): PositionRow {
  return {
    TenantId: tenantKey(tenantId),
    EntityItem: positionItemKey(id),
    id,
    tenantId,
    ...content,
    assignmentCount: 0,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
}

const changedSince = (id: string) => ({ type: 'CONFLICT' as const, message: `Position ${id} changed since you read it; read it again and retry.` });

function claimCode(key: string, code: string, positionId: string): GuardedWrite {
  return put(itemKey(key, positionCodeKey(code)), { positionId }, [absent()], {
    type: 'CONFLICT',
    field: 'code',
    message: `Another position of this tenant already has the code ${code}.`,
  });
}

function releaseCode(key: string, code: string, positionId: string): GuardedWrite {
  return remove(itemKey(key, positionCodeKey(code)), [equal('positionId', positionId)], changedSince(positionId));
}

export function createPositionWrites(row: PositionRow): GuardedWrite[] {
  const { TenantId, EntityItem, ...attributes } = row;
  const writes = [put({ TenantId, EntityItem }, attributes, [absent()], { type: 'CONFLICT', message: `A position with id ${row.id} already exists.` })];
  if (row.code) writes.push(claimCode(TenantId, row.code, row.id));
  return writes.concat(referenceChange(TenantId, 'department', null, row.departmentId));
}

export function updatePositionWrites(current: PositionRow, content: PositionContent, now: string): GuardedWrite[] {
  const key = current.TenantId;
  const writes = [
    update(itemKey(key, current.EntityItem), { set: { ...content, version: current.version + 1, updatedAt: now } }, [equal('version', current.version)], changedSince(current.id)),
  ];
  if (content.code !== current.code) {
    if (current.code) writes.push(releaseCode(key, current.code, current.id));
    if (content.code) writes.push(claimCode(key, content.code, current.id));
  }
  return writes.concat(referenceChange(key, 'department', current.departmentId, content.departmentId));
}

export function positionDeletionBlocker(row: PositionRow): string | null {
  if (row.assignmentCount === 0) return null;
  return `Position ${row.id} still has ${row.assignmentCount} assignment(s) (employees or contracts): reassign them first, or archive the position (archived: true) instead.`;
}

export function deletePositionWrites(row: PositionRow): GuardedWrite[] {
  const key = row.TenantId;
  const writes = [
    remove(itemKey(key, row.EntityItem), [equal('version', row.version), equal('assignmentCount', 0)], {
      type: 'CONFLICT',
      message: `Position ${row.id} changed since you read it (it may have been assigned); read it again and retry.`,
    }),
  ];
  if (row.code) writes.push(releaseCode(key, row.code, row.id));
  return writes.concat(referenceChange(key, 'department', row.departmentId, null));
}
