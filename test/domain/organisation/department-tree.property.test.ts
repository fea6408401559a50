/**
 * The department tree under any sequence of creates, moves (refused or not, in one transaction or
 * locked over many, interrupted and finished later) and employee assignments: compared after every
 * step with a plain parent map, and every invariant of the stored tree checked (see world.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../domain/domain-error.ts';
import { updateDepartment } from '../../../domain/organisation/department-moves.ts';
import type { OrgAssignment } from '../../../domain/organisation/model/assignments.ts';
import { MAX_DEPARTMENT_DEPTH } from '../../../domain/organisation/model/tree.ts';
import { OrgWorld } from './world.ts';

/** The model: each department's parent, and each employee's assignment. */
class Model {
  readonly parents = new Map<string, string | null>();
  readonly employees = new Map<string, OrgAssignment | null>();

  depth(id: string): number {
    let depth = 0;
    for (let p = this.parents.get(id); p; p = this.parents.get(p)) depth += 1;
    return depth;
  }

  isBelowOrSelf(id: string, ancestor: string): boolean {
    for (let at: string | null | undefined = id; at; at = this.parents.get(at)) if (at === ancestor) return true;
    return false;
  }

  height(id: string): number {
    return Math.max(0, ...[...this.parents.keys()].filter((d) => d !== id && this.isBelowOrSelf(d, id)).map((d) => this.depth(d) - this.depth(id)));
  }
}

type Step =
  | { kind: 'create'; parent: number | null }
  | { kind: 'move'; department: number; parent: number | null; maxItems: number; crashAfter: number | null }
  | { kind: 'assign'; employee: number; department: number | null; counts: boolean };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('create' as const), parent: fc.option(fc.nat(), { nil: null, freq: 6 }) }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('move' as const),
      department: fc.nat(),
      parent: fc.option(fc.nat(), { nil: null, freq: 6 }),
      // 100: DynamoDB's limit (most moves fit in one transaction); small limits force locked moves in batches.
      maxItems: fc.constantFrom(100, 12, 25),
      crashAfter: fc.option(fc.nat(3), { nil: null, freq: 3 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('assign' as const), employee: fc.nat(14), department: fc.option(fc.nat(), { nil: null, freq: 6 }), counts: fc.boolean() }) },
);

class Crash extends Error {}

/** A start: a tree (each entry the parent of the next department, by index, or a root) and some employees in it. */
const start = fc.record({
  tree: fc.array(fc.option(fc.nat(), { nil: null, freq: 6 }), { minLength: 2, maxLength: 24 }),
  employees: fc.array(fc.record({ department: fc.nat(), counts: fc.boolean() }), { maxLength: 12 }),
});

async function run(initial: { tree: (number | null)[]; employees: { department: number; counts: boolean }[] }, steps: Step[]): Promise<void> {
  const world = new OrgWorld();
  const model = new Model();
  const ids = () => [...model.parents.keys()];
  const pick = (n: number | null) => (n === null || model.parents.size === 0 ? null : ids()[n % model.parents.size]!);
  const assign = async (employee: number, departmentId: string | null, counts: boolean) => {
    const after = departmentId ? { departmentId, countsInHeadcount: counts } : null;
    await world.assign(`e${employee}`, after);
    model.employees.set(`e${employee}`, after);
  };
  const check = () => {
    world.check(model.parents);
    expect(world.assignments()).toEqual(model.employees);
  };

  for (const parentIndex of initial.tree) {
    const parent = pick(parentIndex);
    if (!parent || model.depth(parent) < MAX_DEPARTMENT_DEPTH) model.parents.set((await world.create(parent)).id, parent);
  }
  for (const [employee, { department, counts }] of initial.employees.entries()) await assign(employee, pick(department), counts);
  check();

  for (const s of steps) {
    if (s.kind === 'create') {
      const parent = pick(s.parent);
      if (parent && model.depth(parent) >= MAX_DEPARTMENT_DEPTH) {
        await expect(world.create(parent)).rejects.toMatchObject({ errorType: 'VALIDATION_ERROR' });
      } else {
        const row = await world.create(parent);
        model.parents.set(row.id, parent);
      }
    } else if (s.kind === 'move') {
      const id = pick(s.department);
      if (!id) continue;
      const parent = pick(s.parent);
      const current = model.parents.get(id);
      const cycle = parent !== null && model.isBelowOrSelf(parent, id);
      const tooDeep = !cycle && (parent ? model.depth(parent) + 1 : 0) + model.height(id) > MAX_DEPARTMENT_DEPTH;
      let transactions = 0;
      const options = {
        maxItemsPerTransaction: s.maxItems,
        afterTransaction: () => {
          transactions += 1;
          if (s.crashAfter !== null && transactions > s.crashAfter) throw new Crash();
        },
      };
      const attempt = world.move(id, parent, options);
      if (parent === current) {
        // Not a move: an update in place.
        await attempt;
      } else if (cycle || tooDeep) {
        await expect(attempt).rejects.toMatchObject({ errorType: 'VALIDATION_ERROR' });
      } else {
        try {
          await attempt;
        } catch (error) {
          expect(error).toBeInstanceOf(Crash);
          if (world.moveLocked()) {
            // The Lambda died mid-move: the tree stays locked; other tree changes are refused meanwhile.
            await expect(world.create(null)).rejects.toMatchObject({ errorType: 'CONFLICT' });
            await expect(world.move(id, current ?? null)).rejects.toMatchObject({ errorType: 'CONFLICT' });
            // Headcount below the moved department waits too (it would go up a line that is changing).
            const headcount = world.assign('newcomer', { departmentId: id, countsInHeadcount: true });
            await expect(headcount).rejects.toBeInstanceOf(DomainError);
            // Once the lock is stale, the next update through the engine finishes the interrupted move first.
            const other = (parent ?? current)!;
            const input = { id: other, expectedVersion: world.department(other)!.version, name: 'Renamed' };
            const finished = await updateDepartment(world.store, input, 'tester', { staleLockMs: -1 });
            expect(finished).toMatchObject({ resumed: id, department: { name: 'Renamed' } });
          }
        }
        model.parents.set(id, parent);
      }
    } else {
      await assign(s.employee, pick(s.department), s.counts);
    }
    check();
  }
}

describe('the department tree', () => {
  it('stays acyclic, consistently pathed and counted under any sequence of creates, moves and assignments', async () => {
    await fc.assert(fc.asyncProperty(start, fc.array(step, { minLength: 1, maxLength: 20 }), run), { seed: 20261207, numRuns: 150 });
  }, 60_000);

  it('stays consistent when moves, creates and assignments run at the same time, in any interleaving', async () => {
    const concurrent = fc.oneof(
      fc.record({ kind: fc.constant('move' as const), department: fc.nat(), parent: fc.option(fc.nat(), { nil: null, freq: 5 }), maxItems: fc.constantFrom(100, 12) }),
      fc.record({ kind: fc.constant('create' as const), parent: fc.option(fc.nat(), { nil: null, freq: 5 }) }),
      fc.record({ kind: fc.constant('assign' as const), employee: fc.nat(5), department: fc.nat(), counts: fc.boolean() }),
    );
    // Small trees, so that concurrent operations often meet in the same subtree.
    const small = fc.record({
      tree: fc.array(fc.option(fc.nat(), { nil: null, freq: 4 }), { minLength: 3, maxLength: 8 }),
      employees: fc.array(fc.record({ department: fc.nat(), counts: fc.boolean() }), { maxLength: 4 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), small, fc.array(concurrent, { minLength: 2, maxLength: 3 }), async (scheduler, initial, operations) => {
        let paused = false;
        const world = new OrgWorld(() => (paused ? scheduler.schedule(Promise.resolve()) : Promise.resolve()));
        const ids: string[] = [];
        const pick = (n: number) => ids[n % ids.length]!;
        for (const parentIndex of initial.tree) {
          const parent = parentIndex === null || ids.length === 0 ? null : pick(parentIndex);
          if (!parent || world.department(parent)!.depth < MAX_DEPARTMENT_DEPTH) ids.push((await world.create(parent)).id);
        }
        const assign = (employee: number, departmentId: string, counts: boolean) => world.assign(`e${employee}`, { departmentId, countsInHeadcount: counts });
        for (const [employee, { department, counts }] of initial.employees.slice(0, 6).entries()) await assign(employee, pick(department), counts);

        // Every operation either lands whole or is refused (a cycle, too deep, or a conflict with another).
        const refusals = ['VALIDATION_ERROR', 'CONFLICT'];
        const runs = operations.map(async (op) => {
          try {
            if (op.kind === 'move') await world.move(pick(op.department), op.parent === null ? null : pick(op.parent), { maxItemsPerTransaction: op.maxItems });
            else if (op.kind === 'create') await world.create(op.parent === null ? null : pick(op.parent));
            else await assign(op.employee, pick(op.department), op.counts);
          } catch (error) {
            if (!(error instanceof DomainError) || !refusals.includes(error.errorType)) throw error;
          }
        });
        paused = true;
        await scheduler.waitFor(Promise.all(runs));
        world.check();
      }),
      { seed: 20261207, numRuns: 1000 },
    );
  }, 60_000);

  it('keeps a deep chain within ten levels', async () => {
    const world = new OrgWorld();
    let parent: string | null = null;
    for (let depth = 0; depth <= MAX_DEPARTMENT_DEPTH; depth += 1) parent = (await world.create(parent)).id;
    await expect(world.create(parent)).rejects.toBeInstanceOf(DomainError);
    const root = world.departments().find((d) => d.depth === 0)!;
    const other = await world.create(null);
    // The whole chain under another root would be eleven levels deep.
    await expect(world.move(root.id, other.id)).rejects.toMatchObject({ errorType: 'VALIDATION_ERROR', fields: [{ field: 'parentId' }] });
  });
});
