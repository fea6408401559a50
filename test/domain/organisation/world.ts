/**
 * One tenant's organisation on the in-memory table, driven by the module's own rules and move
 * engine the way the resolvers and the Lambda drive them, plus a checker of every invariant of the
 * tree and its counters.
 */
import { expect } from 'vitest';
import { DomainError } from '../../../domain/domain-error.ts';
import { tenantKey } from '../../../domain/model/keys.ts';
import { updateDepartment, type DepartmentStore, type MoveOptions } from '../../../domain/organisation/department-moves.ts';
import { planAssignmentChange, type AssignmentChange, type DepartmentLine, type OrgAssignment } from '../../../domain/organisation/model/assignments.ts';
import {
  createDepartmentWrites,
  depthProblem,
  newDepartmentRow,
  normaliseNewDepartment,
  parentProblem,
  type DepartmentRow,
} from '../../../domain/organisation/model/department.ts';
import { departmentItemKey, departmentTreePrefix, ORGANISATION_PREFIXES } from '../../../domain/organisation/model/keys.ts';
import { closureItems, MAX_DEPARTMENT_DEPTH, treePath } from '../../../domain/organisation/model/tree.ts';
import { absent, equal, put } from '../../../domain/organisation/model/writes.ts';
import { employeeItemKey, PEOPLE_PREFIXES } from '../../../domain/people/model/keys.ts';
import { ConditionFailed, MemoryTable } from './memory-table.ts';

/** The part of an employee record the organisation cares about. */
interface EmployeeRecord {
  EntityItem: string;
  assignment: OrgAssignment | null;
  version: number;
}

export const TENANT = 'acme';
const KEY = tenantKey(TENANT);

export class OrgWorld {
  readonly table = new MemoryTable();
  private serial = 0;

  /** `pause` runs before every read and write: a scheduler passed here interleaves concurrent operations. */
  constructor(private readonly pause: () => Promise<void> = async () => undefined) {}

  /** The engine's store on the in-memory table. */
  readonly store: DepartmentStore = {
    get: async <T>(entityItem: string) => {
      await this.pause();
      return this.table.get<T>({ TenantId: KEY, EntityItem: entityItem }) ?? null;
    },
    below: async (departmentId: string) => {
      await this.pause();
      return this.table
        .query<{ departmentId: string; levels: number }>(KEY, departmentTreePrefix(departmentId))
        .filter((c) => c.levels >= 1)
        .map((c) => this.department(c.departmentId)!);
    },
    transact: async (writes) => {
      await this.pause();
      try {
        this.table.transact(writes);
      } catch (error) {
        if (!(error instanceof ConditionFailed)) throw error;
        const { type, message } = error.write.onConditionFailed;
        throw new DomainError(type, message);
      }
    },
  };

  /** Whether a move spanning several transactions holds the tenant's tree. */
  moveLocked(): boolean {
    return this.table.query(KEY, ORGANISATION_PREFIXES.departmentMove).length > 0;
  }

  department(id: string): DepartmentRow | undefined {
    return this.table.get<DepartmentRow>({ TenantId: KEY, EntityItem: departmentItemKey(id) });
  }

  departments(): DepartmentRow[] {
    return this.table.query<DepartmentRow>(KEY, ORGANISATION_PREFIXES.department);
  }

  /** createDepartment as its resolver does it: read the parent, check, write in one transaction. */
  async create(parentId: string | null, name = 'Unit'): Promise<DepartmentRow> {
    const content = normaliseNewDepartment({ name, parentId });
    const parent = parentId ? await this.store.get<DepartmentRow>(departmentItemKey(parentId)) : null;
    const problem = parentId ? (parentProblem(parentId, parent) ?? (parent ? depthProblem(parent.depth + 1, 0) : null)) : null;
    if (problem) throw new DomainError('VALIDATION_ERROR', problem.message, [problem]);
    this.serial += 1;
    const row = newDepartmentRow(TENANT, `d${String(this.serial).padStart(3, '0')}`, content, parent, '2026-12-07T10:00:00.000Z');
    await this.store.transact(createDepartmentWrites(row, parent));
    return row;
  }

  /** updateDepartment with a new parent, as the Lambda runs it. */
  async move(id: string, parentId: string | null, options: MoveOptions = {}) {
    const current = (await this.store.get<DepartmentRow>(departmentItemKey(id)))!;
    return updateDepartment(this.store, { id, expectedVersion: current.version, parentId }, 'tester', options);
  }

  /**
   * An employee write as the employment module makes it: read the record, then write it (at its
   * version) together with the organisation side, planned as domain/organisation/assignments.ts does.
   */
  async assign(employeeId: string, after: OrgAssignment | null): Promise<void> {
    const entityItem = employeeItemKey(employeeId);
    const record = await this.store.get<EmployeeRecord>(entityItem);
    const change: AssignmentChange = { before: record?.assignment ?? null, after };
    const lines: Record<string, DepartmentLine> = {};
    for (const side of [change.before, change.after]) {
      const id = side?.departmentId;
      const row = id ? await this.store.get<DepartmentRow>(departmentItemKey(id)) : undefined;
      if (id && row) lines[id] = { id, ancestorIds: row.ancestorIds, TreePath: row.TreePath };
    }
    const plan = planAssignmentChange(KEY, change, lines);
    if (!plan.ok) throw new DomainError('VALIDATION_ERROR', plan.problems[0]!.message, plan.problems);
    const version = (record?.version ?? 0) + 1;
    const own = put({ TenantId: KEY, EntityItem: entityItem }, { assignment: after, version }, record ? [equal('version', record.version)] : [absent()], {
      type: 'CONFLICT',
      message: `Employee ${employeeId} changed meanwhile.`,
    });
    await this.store.transact([own, ...plan.writes]);
  }

  /** The stored employees' assignments, by employee id. */
  assignments(): Map<string, OrgAssignment | null> {
    return new Map(this.table.query<EmployeeRecord>(KEY, PEOPLE_PREFIXES.employee).map((e) => [e.EntityItem.slice(PEOPLE_PREFIXES.employee.length), e.assignment]));
  }

  /**
   * Every invariant: each department sits under its parent (ancestors, depth and path follow the
   * parent chain, so the tree has no cycle and is at most ten levels deep), child counts and
   * headcounts add up, the closure items are exactly those of the departments, no lock is left.
   * `parents` (from a model) gives the parent every department must have; the counters must match
   * the stored employees' assignments.
   */
  check(parents?: Map<string, string | null>): void {
    const rows = this.departments();
    const headcount = new Map<string, number>();
    const assigned = new Map<string, number>();
    for (const assignment of this.assignments().values()) {
      const id = assignment?.departmentId;
      if (id) {
        assigned.set(id, (assigned.get(id) ?? 0) + 1);
        if (assignment.countsInHeadcount) headcount.set(id, (headcount.get(id) ?? 0) + 1);
      }
    }
    const expected = { parents, headcount, assigned };
    if (expected.parents) expect(new Set(rows.map((r) => r.id))).toEqual(new Set(expected.parents.keys()));
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const row of rows) {
      if (expected.parents) expect(row.parentId, row.id).toBe(expected.parents.get(row.id));
      const parent = row.parentId ? byId.get(row.parentId)! : null;
      expect(row.ancestorIds, row.id).toEqual(parent ? [...parent.ancestorIds, parent.id] : []);
      expect(row.ancestorIds).not.toContain(row.id);
      expect(row.depth).toBe(row.ancestorIds.length);
      expect(row.depth).toBeLessThanOrEqual(MAX_DEPARTMENT_DEPTH);
      expect(row.TreePath).toBe(treePath(row.ancestorIds, row.id));
      expect(row.MoveLock ?? null).toBeNull();
      expect(row.childCount, `${row.id} childCount`).toBe(rows.filter((r) => r.parentId === row.id).length);
      expect(row.headcount, `${row.id} headcount`).toBe(expected.headcount.get(row.id) ?? 0);
      expect(row.assignmentCount, `${row.id} assignmentCount`).toBe(expected.assigned.get(row.id) ?? 0);
      const subtree = rows.filter((r) => r.id === row.id || r.ancestorIds.includes(row.id));
      expect(row.subtreeHeadcount, `${row.id} subtreeHeadcount`).toBe(subtree.reduce((sum, r) => sum + (expected.headcount.get(r.id) ?? 0), 0));
    }
    const closure = this.table.query<{ EntityItem: string; departmentId: string; levels: number }>(KEY, ORGANISATION_PREFIXES.departmentTree);
    const want = rows.flatMap((r) => closureItems(r.ancestorIds, r.id).map((c) => ({ EntityItem: c.key, departmentId: r.id, levels: c.levels })));
    expect(closure.map(({ EntityItem, departmentId, levels }) => ({ EntityItem, departmentId, levels })).sort(byKey)).toEqual(want.sort(byKey));
    expect(this.table.query(KEY, ORGANISATION_PREFIXES.departmentMove)).toEqual([]);
  }
}

const byKey = (a: { EntityItem: string }, b: { EntityItem: string }) => (a.EntityItem < b.EntityItem ? -1 : a.EntityItem > b.EntityItem ? 1 : 0);
