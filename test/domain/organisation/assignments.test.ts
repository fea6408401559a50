/** The organisation side of employee and contract writes: which references count where, and the problems a change has. */
import { describe, expect, it } from 'vitest';
import { assignmentProblems, planAssignmentChange, type DepartmentLine } from '../../../domain/organisation/model/assignments.ts';
import type { GuardedWrite } from '../../../domain/organisation/model/writes.ts';
import { cancellationOutcome } from '../../../domain/organisation/sdk-writes.ts';

const KEY = 'TENANT#acme';
// root > eng > platform, root > people
const LINES: Record<string, DepartmentLine> = {
  root: { id: 'root', ancestorIds: [], TreePath: 'root' },
  eng: { id: 'eng', ancestorIds: ['root'], TreePath: 'root/eng' },
  platform: { id: 'platform', ancestorIds: ['root', 'eng'], TreePath: 'root/eng/platform' },
  people: { id: 'people', ancestorIds: ['root'], TreePath: 'root/people' },
};

function writesOf(result: ReturnType<typeof planAssignmentChange>): GuardedWrite[] {
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.writes;
}

/** Each write as `key: counter change, ...` for reading at a glance. */
const summary = (writes: GuardedWrite[]) =>
  Object.fromEntries(writes.map(({ write }) => [write.key.EntityItem, write.kind === 'update' ? write.add : write.kind]));

describe('an employee joining, moving and leaving', () => {
  it('given a new ACTIVE employee in platform, then platform counts them and its whole line carries the headcount', () => {
    const writes = writesOf(planAssignmentChange(KEY, { before: null, after: { departmentId: 'platform', countsInHeadcount: true } }, LINES));
    expect(summary(writes)).toEqual({
      'DEPT#platform': { assignmentCount: 1, headcount: 1, subtreeHeadcount: 1 },
      'DEPT#root': { subtreeHeadcount: 1 },
      'DEPT#eng': { subtreeHeadcount: 1 },
    });
    const platform = writes.find((w) => w.write.key.EntityItem === 'DEPT#platform')!;
    // New references must exist and not be archived; the line must be the one read; no move may run below it.
    expect(platform.write.conditions).toEqual([
      { attribute: 'EntityItem', is: 'present' },
      { attribute: 'MoveLock', is: 'absent' },
      { attribute: 'archived', is: 'equal', value: false },
      { attribute: 'TreePath', is: 'equal', value: 'root/eng/platform' },
    ]);
    expect(platform.onConditionFailed).toMatchObject({ type: 'VALIDATION_ERROR', field: 'departmentId' });
  });

  it('given a move from platform to people, then the shared ancestor root is left alone', () => {
    const writes = writesOf(
      planAssignmentChange(KEY, { before: { departmentId: 'platform', countsInHeadcount: true }, after: { departmentId: 'people', countsInHeadcount: true } }, LINES),
    );
    expect(summary(writes)).toEqual({
      'DEPT#platform': { assignmentCount: -1, headcount: -1, subtreeHeadcount: -1 },
      'DEPT#eng': { subtreeHeadcount: -1 },
      'DEPT#people': { assignmentCount: 1, headcount: 1, subtreeHeadcount: 1 },
    });
  });

  it('given an employee who goes on to TERMINATED in the same department, then only the headcount drops', () => {
    const writes = writesOf(planAssignmentChange(KEY, { before: { departmentId: 'eng', countsInHeadcount: true }, after: { departmentId: 'eng', countsInHeadcount: false } }, LINES));
    expect(summary(writes)).toEqual({ 'DEPT#eng': { headcount: -1, subtreeHeadcount: -1 }, 'DEPT#root': { subtreeHeadcount: -1 } });
    expect(writes[0]!.write.conditions).not.toContainEqual({ attribute: 'archived', is: 'equal', value: false });
  });

  it('given a PENDING hire (not counting) and a contract, then only the references are counted', () => {
    expect(summary(writesOf(planAssignmentChange(KEY, { before: null, after: { departmentId: 'eng', positionId: 'p1', countsInHeadcount: false } }, LINES)))).toEqual({
      'POS#p1': { assignmentCount: 1 },
      'DEPT#eng': { assignmentCount: 1 },
    });
  });

  it('given a leaver record deleted, then every reference is released', () => {
    const before = { departmentId: 'people', locationId: 'l1', positionId: 'p1', costCentreId: 'c1', countsInHeadcount: true };
    expect(summary(writesOf(planAssignmentChange(KEY, { before, after: null }, LINES)))).toEqual({
      'LOC#l1': { assignmentCount: -1 },
      'POS#p1': { assignmentCount: -1 },
      'CC#c1': { assignmentCount: -1 },
      'DEPT#people': { assignmentCount: -1, headcount: -1, subtreeHeadcount: -1 },
      'DEPT#root': { subtreeHeadcount: -1 },
    });
  });

  it('given nothing that changes, then there is nothing to write', () => {
    const same = { departmentId: 'eng', locationId: 'l1', countsInHeadcount: true };
    expect(writesOf(planAssignmentChange(KEY, { before: same, after: { ...same } }, LINES))).toEqual([]);
  });

  it('names the input field of a new reference by the caller\'s prefix', () => {
    const writes = writesOf(planAssignmentChange(KEY, { before: { locationId: 'l1' }, after: { locationId: 'l2' } }, LINES, 'employment.'));
    expect(writes.map((w) => w.onConditionFailed.field ?? null)).toEqual([null, 'employment.locationId']);
  });

  it('reports a department it has no line for as missing', () => {
    expect(planAssignmentChange(KEY, { before: null, after: { departmentId: 'gone' } }, LINES)).toEqual({
      ok: false,
      problems: [{ field: 'departmentId', message: 'no department gone in this tenant' }],
    });
  });
});

describe('assignmentProblems', () => {
  const change = { before: { departmentId: 'eng', locationId: 'l0' }, after: { departmentId: 'eng', locationId: 'l1', positionId: 'p1', costCentreId: 'c1' } };

  it('names each new reference that is missing or archived, by field', () => {
    const found = { location: { l1: null }, position: { p1: { archived: true } }, costCentre: { c1: { archived: false } }, department: { eng: { archived: true } } };
    expect(assignmentProblems(change, found, 'employment.')).toEqual([
      { field: 'employment.locationId', message: 'no location l1 in this tenant' },
      { field: 'employment.positionId', message: 'position p1 is archived: choose one in use' },
    ]);
  });

  it('judges only what it was given: a reference not looked up, or kept from before (eng), is not a problem', () => {
    expect(assignmentProblems(change, {})).toEqual([]);
  });
});

describe('a cancelled transaction', () => {
  it('is explained by the write whose condition failed, counting from where these writes start', () => {
    const writes = writesOf(planAssignmentChange(KEY, { before: null, after: { locationId: 'l1', departmentId: 'eng' } }, LINES));
    const error = Object.assign(new Error('cancelled'), {
      name: 'TransactionCanceledException',
      CancellationReasons: [{ Code: 'None' }, { Code: 'ConditionalCheckFailed' }, { Code: 'None' }, { Code: 'None' }],
    });
    // The caller's own item first, then ours: ours[0] (the location) failed.
    expect(cancellationOutcome(error, writes, 1)).toMatchObject({ type: 'VALIDATION_ERROR', field: 'locationId' });
    expect(cancellationOutcome(new Error('throttled'), writes)).toBeNull();
  });
});
