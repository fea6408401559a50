/**
 * Explicit schedule assignments (an employee follows a pattern from a date) and one-off changes of
 * a day: their input rules, the overlap rule, rows and views. APPSYNC_JS-safe.
 */
import type { ScheduleAssignment, ScheduleOverride } from '../../generated/graphql.ts';
import { calendarDateOf } from '../../model/dates.ts';
import type { FieldProblem } from '../../model/errors.ts';
import { tenantKey } from '../../model/keys.ts';
import { trimmed } from '../../organisation/model/fields.ts';
import { check, equal, exists, itemKey, put, type GuardedWrite } from '../../organisation/model/writes.ts';
import { assignmentItemKey, overrideItemKey, shiftTypeItemKey } from './keys.ts';
import { assignmentsOverlap, type AssignmentRow, type OverrideRow } from './rows.ts';

export const MAX_NOTE_LENGTH = 500;

const DATE_RULE = 'must be a real date from 1900 to 2999 (YYYY-MM-DD)';

function checkDate(problems: FieldProblem[], field: string, value: string | null | undefined): string | null {
  const date = calendarDateOf(value);
  if (!date) problems.push({ field, message: DATE_RULE });
  return date;
}

function checkNote(problems: FieldProblem[], note: string | null): void {
  if (note !== null && note.length > MAX_NOTE_LENGTH) problems.push({ field: 'note', message: `must be at most ${MAX_NOTE_LENGTH} characters` });
}

/** An assignment's dates and note, normalised, with their problems: real dates, `from` on or before `to`. */
export function assignmentInput(input: { from: string; to?: string | null; note?: string | null }): {
  from: string;
  to: string | null;
  note: string | null;
  problems: FieldProblem[];
} {
  const problems: FieldProblem[] = [];
  const from = checkDate(problems, 'from', input.from);
  const to = input.to === null || input.to === undefined ? null : checkDate(problems, 'to', input.to);
  if (from && to && to < from) problems.push({ field: 'to', message: `must be on or after from (${from})` });
  const note = trimmed(input.note);
  checkNote(problems, note);
  return { from: from ?? input.from, to: to ?? input.to ?? null, note, problems };
}

function period(a: Pick<AssignmentRow, 'from' | 'to'>): string {
  return a.to === null ? `from ${a.from}, open-ended` : `from ${a.from} to ${a.to}`;
}

/**
 * The overlap rule: an employee follows one pattern at a time. The problem names the assignment
 * `candidate` would clash with (the other assignments of the same employee, `candidate` itself
 * left out by its `from` when it is an existing one being changed).
 */
export function overlapProblems(candidate: Pick<AssignmentRow, 'from' | 'to'>, others: AssignmentRow[], field: string, ignoreFrom: string | null = null): FieldProblem[] {
  const clash = others.find((other) => other.from !== ignoreFrom && assignmentsOverlap(candidate, other));
  if (!clash) return [];
  return [{ field, message: `overlaps the employee's assignment to pattern ${clash.patternId} ${period(clash)}: end that one first, or choose dates outside it` }];
}

export function newAssignmentRow(tenantId: string, employeeId: string, patternId: string, dates: { from: string; to: string | null; note: string | null }, now: string): AssignmentRow {
  return {
    TenantId: tenantKey(tenantId),
    EntityItem: assignmentItemKey(employeeId, dates.from),
    employeeId,
    patternId,
    ...dates,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
}

export function assignmentView(row: AssignmentRow): Omit<ScheduleAssignment, '__typename'> {
  return { employeeId: row.employeeId, patternId: row.patternId, from: row.from, to: row.to, note: row.note, version: row.version, createdAt: row.createdAt, updatedAt: row.updatedAt };
}

/** A one-off change's date, shift type and note, normalised, with their problems. */
export function overrideInput(input: { date: string; shiftTypeId?: string | null; note?: string | null }): {
  date: string;
  shiftTypeId: string | null;
  note: string | null;
  problems: FieldProblem[];
} {
  const problems: FieldProblem[] = [];
  const date = checkDate(problems, 'date', input.date);
  const note = trimmed(input.note);
  checkNote(problems, note);
  return { date: date ?? input.date, shiftTypeId: trimmed(input.shiftTypeId), note, problems };
}

export function newOverrideRow(tenantId: string, employeeId: string, change: { date: string; shiftTypeId: string | null; note: string | null }, now: string, replaced: OverrideRow | null): OverrideRow {
  return {
    TenantId: tenantKey(tenantId),
    EntityItem: overrideItemKey(change.date, employeeId),
    employeeId,
    ...change,
    version: replaced ? replaced.version + 1 : 1,
    createdAt: replaced ? replaced.createdAt : now,
    updatedAt: now,
  };
}

/**
 * The change written, replacing any change of that day, with the shift type it names (if any)
 * checked in the same transaction: it must exist in the tenant and not be archived.
 */
export function setOverrideWrites(row: OverrideRow): GuardedWrite[] {
  const { TenantId, EntityItem, ...attributes } = row;
  const writes = [put({ TenantId, EntityItem }, attributes, [], { type: 'CONFLICT', message: 'The one-off change could not be written; retry.' })];
  if (row.shiftTypeId !== null) {
    writes.push(check(itemKey(TenantId, shiftTypeItemKey(row.shiftTypeId)), [exists(), equal('archived', false)], {
      type: 'VALIDATION_ERROR',
      message: `No shift type ${row.shiftTypeId} in this tenant, or it is archived.`,
      field: 'shiftTypeId',
    }));
  }
  return writes;
}

export function overrideView(row: OverrideRow): Omit<ScheduleOverride, '__typename'> {
  return { employeeId: row.employeeId, date: row.date, shiftTypeId: row.shiftTypeId, note: row.note, version: row.version, createdAt: row.createdAt, updatedAt: row.updatedAt };
}
