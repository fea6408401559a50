/**
 * What an employee's (or a contract's) organisation assignment changes on the organisation side,
 * as item writes: references counted on the entities they name, headcount on the department and
 * every department above it. Pure and APPSYNC_JS-safe; domain/organisation/assignments.ts reads
 * what it needs and hands out AWS SDK transaction items.
 */
import type { FieldProblem } from '../../model/errors.ts';
import { departmentItemKey } from './keys.ts';
import { ENTITY_KINDS, referenceChange, referenceProblemMessage, type EntityKind } from './references.ts';
import { absent, equal, exists, itemKey, update, type Condition, type GuardedWrite, type WriteOutcome } from './writes.ts';

/** Where a record (an employee, a contract) sits in the organisation; every reference is optional. */
export interface OrgAssignment {
  departmentId?: string | null;
  locationId?: string | null;
  positionId?: string | null;
  costCentreId?: string | null;
  /**
   * Whether the record counts in its department's headcount: an employee who is ACTIVE or
   * ON_LEAVE. Contracts pass false (their employee's record carries the headcount).
   */
  countsInHeadcount?: boolean | null;
}

/** A record's assignment before and after a write: null before for a new record, null after for a deleted one. */
export interface AssignmentChange {
  before: OrgAssignment | null;
  after: OrgAssignment | null;
}

/** A department's place as read: headcount is carried up its ancestors, and the write checks it did not move meanwhile. */
export interface DepartmentLine {
  id: string;
  ancestorIds: string[];
  TreePath: string;
}

/** An entity as read: null when missing. */
export type ReferencedState = { archived: boolean } | null;

const KINDS: EntityKind[] = ['department', 'location', 'position', 'costCentre'];

function referenceOf(assignment: OrgAssignment | null, kind: EntityKind): string | null {
  if (!assignment) return null;
  const value = assignment[ENTITY_KINDS[kind].field as keyof OrgAssignment];
  return typeof value === 'string' && value !== '' ? value : null;
}

function counts(assignment: OrgAssignment | null): number {
  return assignment && referenceOf(assignment, 'department') && assignment.countsInHeadcount === true ? 1 : 0;
}

/** The entities the change newly references (kind → id): they must exist and not be archived. */
export function newReferences(change: AssignmentChange): { kind: EntityKind; id: string }[] {
  return KINDS.flatMap((kind) => {
    const after = referenceOf(change.after, kind);
    return after && after !== referenceOf(change.before, kind) ? [{ kind, id: after }] : [];
  });
}

/** Every entity id the change names, before or after, by kind. */
export function referencedIds(change: AssignmentChange): { kind: EntityKind; id: string }[] {
  const seen: string[] = [];
  return KINDS.flatMap((kind) =>
    [referenceOf(change.before, kind), referenceOf(change.after, kind)].flatMap((id) => {
      if (!id || seen.includes(`${kind}:${id}`)) return [];
      seen.push(`${kind}:${id}`);
      return [{ kind, id }];
    }),
  );
}

/**
 * Which references of a change are wrong, for error messages: each newly referenced entity that is
 * missing or archived, by the input field that names it (`fieldPrefix` + `departmentId`, ...).
 * `found` holds the entities as read (kind → id → state); an entity not looked up is not judged.
 *
 * @example
 * assignmentProblems({ before: null, after: { departmentId: 'd1' } }, { department: { d1: null } })
 * // → [{ field: 'departmentId', message: 'no department d1 in this tenant' }]
 */
export function assignmentProblems(
  change: AssignmentChange,
  found: Partial<Record<EntityKind, Record<string, ReferencedState | undefined>>>,
  fieldPrefix = '',
  allowArchived = false,
): FieldProblem[] {
  return newReferences(change).flatMap(({ kind, id }) => {
    const states = found[kind];
    if (!states || !Object.hasOwn(states, id) || states[id] === undefined) return [];
    const state = states[id];
    const field = `${fieldPrefix}${ENTITY_KINDS[kind].field}`;
    if (state === null) return [{ field, message: referenceProblemMessage(kind, id, 'missing') }];
    return state.archived && !allowArchived ? [{ field, message: referenceProblemMessage(kind, id, 'archived') }] : [];
  });
}

interface CounterWrite {
  add: Record<string, number>;
  conditions: Condition[];
  outcome: WriteOutcome;
}

/**
 * The writes of a change, given the line of every department it names (before and after) as read.
 * A department without a line is reported as missing instead. Counters move with ADD, so writes
 * of other records commute; the departments' own writes check they were not moved meanwhile
 * (`TreePath`) and that no move runs below a department whose headcount changes (`MoveLock`).
 */
export function planAssignmentChange(
  tenantKey: string,
  change: AssignmentChange,
  lines: Record<string, DepartmentLine | undefined>,
  fieldPrefix = '',
  allowArchived = false,
): { ok: true; writes: GuardedWrite[] } | { ok: false; problems: FieldProblem[] } {
  const field = (kind: EntityKind) => `${fieldPrefix}${ENTITY_KINDS[kind].field}`;
  const before = referenceOf(change.before, 'department');
  const after = referenceOf(change.after, 'department');
  const unknown = [before, after].filter((id): id is string => id !== null && !lines[id]);
  if (unknown.length > 0) {
    return { ok: false, problems: unknown.map((id) => ({ field: field('department'), message: referenceProblemMessage('department', id, 'missing') })) };
  }

  const writes: GuardedWrite[] = [];
  for (const kind of ['location', 'position', 'costCentre'] as const) {
    writes.push(...referenceChange(tenantKey, kind, referenceOf(change.before, kind), referenceOf(change.after, kind), field(kind), allowArchived));
  }

  const byDepartment: Record<string, CounterWrite> = {};
  const order: string[] = [];
  const entry = (id: string): CounterWrite => {
    if (!byDepartment[id]) {
      order.push(id);
      byDepartment[id] = {
        add: {},
        conditions: [exists(), absent('MoveLock')],
        outcome: { type: 'CONFLICT', message: `Department ${id} was deleted, moved, or is being moved meanwhile; retry in a few seconds.` },
      };
    }
    return byDepartment[id];
  };
  const addTo = (id: string, counter: string, n: number) => {
    if (n === 0) return;
    const write = entry(id);
    write.add[counter] = (write.add[counter] ?? 0) + n;
  };
  const countedBefore = counts(change.before);
  const countedAfter = counts(change.after);
  if (before !== after) {
    if (before) addTo(before, 'assignmentCount', -1);
    if (after) {
      addTo(after, 'assignmentCount', 1);
      const newlyReferenced = entry(after);
      if (!allowArchived) newlyReferenced.conditions.push(equal('archived', false));
      newlyReferenced.outcome = {
        type: 'VALIDATION_ERROR',
        field: field('department'),
        message: `${field('department')}: ${referenceProblemMessage('department', after, 'missing-or-archived')} (or it was moved meanwhile: retry).`,
      };
    }
  }
  if (before) addTo(before, 'headcount', -countedBefore);
  if (after) addTo(after, 'headcount', countedAfter);
  for (const [id, n] of [[before, -countedBefore], [after, countedAfter]] as const) {
    const line = id && n !== 0 ? lines[id] : undefined;
    if (id && line) {
      for (const ancestor of line.ancestorIds.concat([id])) addTo(ancestor, 'subtreeHeadcount', n);
      // The headcount goes up the line as read: the department must still sit there.
      const own = entry(id);
      if (!own.conditions.some((c) => c.attribute === 'TreePath')) own.conditions.push(equal('TreePath', line.TreePath));
    }
  }
  for (const id of order) {
    const write = byDepartment[id]!;
    const add = Object.fromEntries(Object.entries(write.add).filter(([, n]) => n !== 0));
    // Changes that cancel out (the same department before and after, ancestors both lines share) need no write.
    if (Object.keys(add).length > 0) writes.push(update(itemKey(tenantKey, departmentItemKey(id)), { add }, write.conditions, write.outcome));
  }
  return { ok: true, writes };
}
