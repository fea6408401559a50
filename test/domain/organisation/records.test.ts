/** The organisation's record rules: normalisation, validation, merges, deletion blockers and the writes they plan. */
import { describe, expect, it } from 'vitest';
import type { UpdateDepartmentInput } from '../../../domain/generated/graphql.ts';
import { createCostCentreWrites, mergeCostCentreChanges, newCostCentreRow, normaliseNewCostCentre, updateCostCentreWrites, validateCostCentre, validateCostCentreChanges } from '../../../domain/organisation/model/cost-centre.ts';
import {
  createDepartmentWrites,
  deletionBlocker,
  mergeDepartmentChanges,
  needsMoveEngine,
  newDepartmentRow,
  normaliseNewDepartment,
  requestedParent,
  updateDepartmentWrites,
  validateDepartment,
  validateDepartmentChanges,
  type DepartmentRow,
} from '../../../domain/organisation/model/department.ts';
import { departmentTreeKey, departmentTreeRange } from '../../../domain/organisation/model/keys.ts';
import { mergeLocationChanges, newLocationRow, normaliseNewLocation, validateLocation } from '../../../domain/organisation/model/location.ts';
import { createPositionWrites, normaliseNewPosition, validatePosition } from '../../../domain/organisation/model/position.ts';
import { closureEntries, rewritePlace, wouldCreateCycle } from '../../../domain/organisation/model/tree.ts';
import { conditionExpression, equal, exists, updateExpression, type GuardedWrite } from '../../../domain/organisation/model/writes.ts';
import { toTransactWriteItem } from '../../../domain/organisation/sdk-writes.ts';

const NOW = '2026-12-07T10:00:00.000Z';
const fields = (problems: { field: string }[]) => problems.map((p) => p.field);
const keysOf = (writes: GuardedWrite[]) => writes.map((w) => `${w.write.kind} ${w.write.key.EntityItem}`);

function department(overrides: Partial<DepartmentRow> = {}): DepartmentRow {
  return { ...newDepartmentRow('acme', 'd1', normaliseNewDepartment({ name: 'People' }), null, NOW), ...overrides };
}

describe('departments', () => {
  it('given padded input, when normalised, then text is trimmed and the code upper-cased', () => {
    expect(normaliseNewDepartment({ name: '  People ', code: ' ppl-1 ', headEmployeeId: ' ', parentId: 'p1' })).toEqual({
      name: 'People',
      code: 'PPL-1',
      parentId: 'p1',
      headEmployeeId: null,
      costCentreId: null,
      archived: false,
    });
  });

  it('given bad input, when validated, then every offending field is named', () => {
    const problems = validateDepartment({ name: '', code: 'NOT OK', parentId: 'a/b', headEmployeeId: 'EMP#1', costCentreId: 'x'.repeat(65), archived: false });
    expect(fields(problems)).toEqual(['name', 'code', 'parentId', 'headEmployeeId', 'costCentreId']);
    expect(fields(validateDepartment({ name: 'x'.repeat(121), code: null, headEmployeeId: null, costCentreId: null, archived: false }))).toEqual(['name']);
    expect(validateDepartment({ name: 'Ok', code: 'OK_1.2', parentId: 'd1', headEmployeeId: null, costCentreId: null, archived: false }, 'd1')).toEqual([
      { field: 'parentId', message: 'a department cannot be its own parent' },
    ]);
  });

  it('given an update, when merged, then omitted fields keep their value and null clears optional ones', () => {
    const current = department({ code: 'PPL', headEmployeeId: 'e1', costCentreId: 'c1' });
    const input: UpdateDepartmentInput = { id: 'd1', expectedVersion: 1, code: null, name: ' HR ' };
    expect(mergeDepartmentChanges(current, input)).toEqual({ name: 'HR', code: null, headEmployeeId: 'e1', costCentreId: 'c1', archived: false });
    expect(mergeDepartmentChanges(current, { id: 'd1', expectedVersion: 1, archived: true }).archived).toBe(true);
    expect(fields(validateDepartmentChanges({ id: 'd1', expectedVersion: 1, name: null, archived: null }))).toEqual(['name', 'archived']);
  });

  it('tells a move from an update in place', () => {
    const child = department({ parentId: 'p1', ancestorIds: ['p1'] });
    expect(requestedParent(child, { id: 'd1', expectedVersion: 1 })).toBeUndefined();
    expect(requestedParent(child, { id: 'd1', expectedVersion: 1, parentId: 'p1' })).toBeUndefined();
    expect(requestedParent(child, { id: 'd1', expectedVersion: 1, parentId: null })).toBeNull();
    expect(requestedParent(child, { id: 'd1', expectedVersion: 1, parentId: 'p2' })).toBe('p2');
    expect(needsMoveEngine(child, { id: 'd1', expectedVersion: 1, name: 'x' })).toBe(false);
    expect(needsMoveEngine({ ...child, MoveLock: { id: 'l', parentId: null, startedAt: NOW } }, { id: 'd1', expectedVersion: 1, name: 'x' })).toBe(true);
  });

  it('explains why a department in use cannot be deleted', () => {
    expect(deletionBlocker(department())).toBeNull();
    expect(deletionBlocker(department({ childCount: 2 }))).toMatch(/2 sub-department\(s\).*archive/);
    expect(deletionBlocker(department({ childCount: 1, assignmentCount: 3 }))).toMatch(/1 sub-department\(s\) and 3 assignment\(s\)/);
  });

  it('creates the row, its code, its closure items, the parent count and its references in one transaction', () => {
    const parent = department({ id: 'p1', EntityItem: 'DEPT#p1', TreePath: 'p1' });
    const row = newDepartmentRow('acme', 'd2', { ...normaliseNewDepartment({ name: 'Ops', code: 'ops', headEmployeeId: 'e1', costCentreId: 'c1' }) }, parent, NOW);
    expect(row).toMatchObject({ parentId: 'p1', ancestorIds: ['p1'], depth: 1, TreePath: 'p1/d2', version: 1, headcount: 0, childCount: 0 });
    expect(keysOf(createDepartmentWrites(row, parent))).toEqual([
      'put DEPT#d2',
      'check DEPTMOVE#tree',
      'put DEPTTREE#p1#01#d2',
      'put DEPTTREE#d2#00#d2',
      'put DEPTTREE#*#01#d2',
      'update DEPT#p1',
      'put DEPTCODE#OPS',
      'check EMP#e1',
      'update CC#c1',
    ]);
  });

  it('moves the code guard and the cost centre count when they change, and never touches the counters', () => {
    const current = department({ code: 'OLD', costCentreId: 'c1', headcount: 4 });
    const writes = updateDepartmentWrites(current, { ...mergeDepartmentChanges(current, { id: 'd1', expectedVersion: 1, code: 'new', costCentreId: 'c2' }) }, NOW);
    expect(keysOf(writes)).toEqual(['update DEPT#d1', 'delete DEPTCODE#OLD', 'put DEPTCODE#NEW', 'update CC#c1', 'update CC#c2']);
    const own = writes[0]!.write;
    expect(own.kind === 'update' && Object.keys(own.set)).not.toContain('headcount');
    expect(own.conditions).toEqual([equal('version', 1), { attribute: 'MoveLock', is: 'absent' }]);
  });
});

describe('the tree', () => {
  it('gives each department a closure item per ancestor, one for itself and one under the tenant root', () => {
    expect(closureEntries(['a', 'b'], 'c')).toEqual([
      { ancestorId: 'a', levels: 2 },
      { ancestorId: 'b', levels: 1 },
      { ancestorId: 'c', levels: 0 },
      { ancestorId: null, levels: 2 },
    ]);
  });

  it('bounds a subtree to a depth with one key range', () => {
    const range = departmentTreeRange('a', 2);
    const inside = (key: string) => key >= range.from && key <= range.to;
    expect(inside(departmentTreeKey('a', 0, 'a'))).toBe(true);
    expect(inside(departmentTreeKey('a', 2, 'zz_-9'))).toBe(true);
    expect(inside(departmentTreeKey('a', 3, '0'))).toBe(false);
    expect(inside(departmentTreeKey('ab', 0, 'ab'))).toBe(false);
  });

  it('finds cycles', () => {
    expect(wouldCreateCycle('a', { id: 'a', ancestorIds: [] })).toBe(true);
    expect(wouldCreateCycle('a', { id: 'c', ancestorIds: ['a', 'b'] })).toBe(true);
    expect(wouldCreateCycle('a', { id: 'c', ancestorIds: ['x'] })).toBe(false);
    expect(wouldCreateCycle('a', null)).toBe(false);
  });

  it('rewrites only what is above the moved department, and nothing twice', () => {
    // c under a > b moves with b under x: a's items go, x's come, the root item moves a level, b's stays.
    expect(rewritePlace({ id: 'c', ancestorIds: ['a', 'b'] }, 'b', ['x', 'y'])).toEqual({
      ancestorIds: ['x', 'y', 'b'],
      deleteKeys: ['DEPTTREE#a#02#c', 'DEPTTREE#*#02#c'],
      puts: [
        { key: 'DEPTTREE#x#03#c', levels: 3 },
        { key: 'DEPTTREE#y#02#c', levels: 2 },
        { key: 'DEPTTREE#*#03#c', levels: 3 },
      ],
    });
    expect(rewritePlace({ id: 'c', ancestorIds: ['x', 'y', 'b'] }, 'b', ['x', 'y'])).toBeNull();
  });
});

describe('locations', () => {
  const input = { name: ' HQ ', timeZone: 'europe/berlin', address: { line1: ' Unter den Linden 1 ', city: 'Berlin', country: 'de' } };

  it('given a lower-case zone and country, when normalised, then both take their canonical spelling', () => {
    const content = normaliseNewLocation(input);
    expect(content).toMatchObject({ name: 'HQ', timeZone: 'Europe/Berlin', address: { line1: 'Unter den Linden 1', country: 'DE', line2: null } });
    expect(validateLocation(content)).toEqual([]);
  });

  it('given an unknown zone and country, when validated, then both are named', () => {
    const content = normaliseNewLocation({ ...input, timeZone: 'GMT+2', address: { ...input.address, country: 'Germany', city: ' ' } });
    expect(fields(validateLocation(content))).toEqual(['address.city', 'address.country', 'timeZone']);
  });

  it('given an update, when merged, then an address replaces the whole address and the zone is canonical', () => {
    const current = newLocationRow('acme', 'l1', normaliseNewLocation(input), NOW);
    const merged = mergeLocationChanges(current, { id: 'l1', expectedVersion: 1, timeZone: 'UTC', address: { line1: 'x', city: 'Munich', country: 'DE' } });
    expect(merged).toMatchObject({ name: 'HQ', timeZone: 'UTC', address: { city: 'Munich', line1: 'x' } });
  });
});

describe('positions and cost centres', () => {
  it('count a position against its department, which must exist and be in use', () => {
    const row = { ...normaliseNewPosition({ title: 'Engineer', code: 'eng', departmentId: 'd1' }) };
    expect(validatePosition(row)).toEqual([]);
    const writes = createPositionWrites({ ...row, TenantId: 'TENANT#acme', EntityItem: 'POS#p1', id: 'p1', tenantId: 'acme', assignmentCount: 0, version: 1, createdAt: NOW, updatedAt: NOW });
    expect(keysOf(writes)).toEqual(['put POS#p1', 'put POSCODE#ENG', 'update DEPT#d1']);
    expect(writes[2]).toMatchObject({ write: { add: { assignmentCount: 1 } }, onConditionFailed: { type: 'VALIDATION_ERROR', field: 'departmentId' } });
  });

  it('require a cost-centre code that cannot be cleared', () => {
    expect(fields(validateCostCentre(normaliseNewCostCentre({ code: ' ', name: 'Main' })))).toEqual(['code']);
    expect(fields(validateCostCentreChanges({ id: 'c', expectedVersion: 1, code: null }))).toEqual(['code']);
    const current = newCostCentreRow('acme', 'c1', normaliseNewCostCentre({ code: 'cc-1', name: 'Main' }), NOW);
    expect(keysOf(createCostCentreWrites(current))).toEqual(['put CC#c1', 'put CCCODE#CC-1']);
    const renamed = mergeCostCentreChanges(current, { id: 'c1', expectedVersion: 1, code: 'cc-2' });
    expect(keysOf(updateCostCentreWrites(current, renamed, NOW))).toEqual(['update CC#c1', 'delete CCCODE#CC-1', 'put CCCODE#CC-2']);
  });
});

describe('writes on the wire', () => {
  it('build conditions with their own placeholders, reaching into maps by dotted path', () => {
    expect(conditionExpression([exists(), equal('MoveLock.id', 'l1')])).toEqual({
      expression: 'attribute_exists(#c0_0) AND #c1_0.#c1_1 = :c1',
      names: { '#c0_0': 'EntityItem', '#c1_0': 'MoveLock', '#c1_1': 'id' },
      values: { ':c1': 'l1' },
    });
    expect(conditionExpression([])).toBeNull();
    expect(updateExpression({ set: { name: 'x' }, add: { headcount: -1 }, remove: ['MoveLock'] })).toEqual({
      expression: 'SET #s0_0 = :s0 ADD #a0_0 :a0 REMOVE #r0_0',
      names: { '#s0_0': 'name', '#a0_0': 'headcount', '#r0_0': 'MoveLock' },
      values: { ':s0': 'x', ':a0': -1 },
    });
  });

  it('become AWS SDK transaction items', () => {
    const key = { TenantId: 'TENANT#acme', EntityItem: 'DEPT#d1' };
    expect(toTransactWriteItem('PIMDev', { kind: 'update', key, set: {}, add: { headcount: 1 }, remove: [], conditions: [exists()] })).toEqual({
      Update: {
        TableName: 'PIMDev',
        Key: { TenantId: { S: 'TENANT#acme' }, EntityItem: { S: 'DEPT#d1' } },
        UpdateExpression: 'ADD #a0_0 :a0',
        ConditionExpression: 'attribute_exists(#c0_0)',
        ExpressionAttributeNames: { '#a0_0': 'headcount', '#c0_0': 'EntityItem' },
        ExpressionAttributeValues: { ':a0': { N: '1' } },
      },
    });
    expect(toTransactWriteItem('PIMDev', { kind: 'put', key, item: { ancestorIds: [] }, conditions: [] })).toEqual({
      Put: { TableName: 'PIMDev', Item: { ancestorIds: { L: [] }, TenantId: { S: 'TENANT#acme' }, EntityItem: { S: 'DEPT#d1' } } },
    });
  });
});
