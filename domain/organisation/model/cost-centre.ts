/** Cost centres: a unique code and a name. APPSYNC_JS-safe. */
import type { CostCentre, CreateCostCentreInput, UpdateCostCentreInput } from '../../generated/graphql.ts';
import type { FieldProblem } from '../../model/errors.ts';
import { tenantKey } from '../../model/keys.ts';
import { checkCode, checkLength, clearedRequired, given, normaliseCode, required } from './fields.ts';
import { costCentreCodeKey, costCentreItemKey } from './keys.ts';
import { absent, equal, itemKey, put, remove, update, type GuardedWrite } from './writes.ts';

export type CostCentreRow = Omit<CostCentre, '__typename'> & { TenantId: string; EntityItem: string };

export type CostCentreContent = Pick<CostCentreRow, 'code' | 'name' | 'archived'>;

export function normaliseNewCostCentre(input: CreateCostCentreInput): CostCentreContent {
  return { code: normaliseCode(input.code) ?? '', name: required(input.name), archived: false };
}

export function mergeCostCentreChanges(current: CostCentreRow, input: UpdateCostCentreInput): CostCentreContent {
  return {
    code: given(input, 'code') ? (normaliseCode(input.code) ?? '') : current.code,
    name: given(input, 'name') ? required(input.name) : current.name,
    archived: given(input, 'archived') && input.archived !== null ? input.archived === true : current.archived,
  };
}

export function validateCostCentreChanges(input: UpdateCostCentreInput): FieldProblem[] {
  return clearedRequired(input, ['code', 'name', 'archived']);
}

export function validateCostCentre(content: CostCentreContent): FieldProblem[] {
  const problems: FieldProblem[] = [];
  checkCode(problems, 'code', content.code, true);
  checkLength(problems, 'name', content.name, 1, 120);
  return problems;
}

export function newCostCentreRow(tenantId: string, id: string, content: CostCentreContent, now: string): CostCentreRow {
  return {
    TenantId: tenantKey(tenantId),
    EntityItem: costCentreItemKey(id),
    id,
    tenantId,
    ...content,
    assignmentCount: 0,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
}

const changedSince = (id: string) => ({ type: 'CONFLICT' as const, message: `Cost centre ${id} changed since you read it; read it again and retry.` });

function claimCode(key: string, code: string, costCentreId: string): GuardedWrite {
  return put(itemKey(key, costCentreCodeKey(code)), { costCentreId }, [absent()], {
    type: 'CONFLICT',
    field: 'code',
    message: `Another cost centre of this tenant already has the code ${code}.`,
  });
}

function releaseCode(key: string, code: string, costCentreId: string): GuardedWrite {
  return remove(itemKey(key, costCentreCodeKey(code)), [equal('costCentreId', costCentreId)], changedSince(costCentreId));
}

export function createCostCentreWrites(row: CostCentreRow): GuardedWrite[] {
  const { TenantId, EntityItem, ...attributes } = row;
  return [
    put({ TenantId, EntityItem }, attributes, [absent()], { type: 'CONFLICT', message: `A cost centre with id ${row.id} already exists.` }),
    claimCode(TenantId, row.code, row.id),
  ];
}

export function updateCostCentreWrites(current: CostCentreRow, content: CostCentreContent, now: string): GuardedWrite[] {
  const key = current.TenantId;
  const writes = [
    update(itemKey(key, current.EntityItem), { set: { ...content, version: current.version + 1, updatedAt: now } }, [equal('version', current.version)], changedSince(current.id)),
  ];
  if (content.code !== current.code) writes.push(releaseCode(key, current.code, current.id), claimCode(key, content.code, current.id));
  return writes;
}

export function costCentreDeletionBlocker(row: CostCentreRow): string | null {
  if (row.assignmentCount === 0) return null;
  return `Cost centre ${row.id} still has ${row.assignmentCount} assignment(s) (employees, contracts or departments): reassign them first, or archive the cost centre (archived: true) instead.`;
}

export function deleteCostCentreWrites(row: CostCentreRow): GuardedWrite[] {
  return [
    remove(itemKey(row.TenantId, row.EntityItem), [equal('version', row.version), equal('assignmentCount', 0)], {
      type: 'CONFLICT',
      message: `Cost centre ${row.id} changed since you read it (it may have been assigned); read it again and retry.`,
    }),
    releaseCode(row.TenantId, row.code, row.id),
  ];
}
