/**
 * Work patterns: a cycle of days, each a shift type or a rest day, anchored on a date. Their rules
 * and writes; the shift types a pattern newly names are checked in the same transaction (they
 * must exist and not be archived). APPSYNC_JS-safe.
 */
import type { CreateWorkPatternInput, UpdateWorkPatternInput } from '../../generated/graphql.ts';
import { calendarDateOf } from '../../model/dates.ts';
import type { FieldProblem } from '../../model/errors.ts';
import { isValidEntityId, tenantKey } from '../../model/keys.ts';
import { checkLength, clearedRequired, given, required } from '../../organisation/model/fields.ts';
import { absent, check, equal, exists, itemKey, put, update, type GuardedWrite } from '../../organisation/model/writes.ts';
import { patternItemKey, shiftTypeItemKey } from './keys.ts';
import type { PatternRow } from './rows.ts';

/** The longest cycle: twelve weeks. */
export const MAX_CYCLE_DAYS = 84;

export type PatternContent = Pick<PatternRow, 'name' | 'cycleDays' | 'anchorDate' | 'days'>;

/** A day of the input: an id trimmed, blank or null a rest day. */
function normaliseDay(day: string | null | undefined): string | null {
  const id = (day ?? '').trim();
  return id === '' ? null : id;
}

export function normaliseNewPattern(input: CreateWorkPatternInput): PatternContent {
  return {
    name: required(input.name),
    cycleDays: input.cycleDays,
    anchorDate: calendarDateOf(input.anchorDate) ?? input.anchorDate,
    days: input.days.map(normaliseDay),
  };
}

export function mergePatternChanges(current: PatternRow, input: UpdateWorkPatternInput): PatternContent {
  return {
    name: given(input, 'name') ? required(input.name) : current.name,
    cycleDays: input.cycleDays ?? current.cycleDays,
    anchorDate: input.anchorDate ? (calendarDateOf(input.anchorDate) ?? input.anchorDate) : current.anchorDate,
    days: input.days ? input.days.map(normaliseDay) : current.days,
  };
}

export function validatePatternChanges(input: UpdateWorkPatternInput): FieldProblem[] {
  return clearedRequired(input, ['name', 'cycleDays', 'anchorDate', 'days']);
}

/** The rules of a pattern: a name, a cycle of 1-84 days that `days` covers exactly, at least one working day. */
export function validatePattern(content: PatternContent): FieldProblem[] {
  const problems: FieldProblem[] = [];
  checkLength(problems, 'name', content.name, 1, 80);
  const cycleOk = content.cycleDays >= 1 && content.cycleDays <= MAX_CYCLE_DAYS;
  if (!cycleOk) problems.push({ field: 'cycleDays', message: `must be from 1 to ${MAX_CYCLE_DAYS} days` });
  if (calendarDateOf(content.anchorDate) !== content.anchorDate) problems.push({ field: 'anchorDate', message: 'must be a real date from 1900 to 2999 (YYYY-MM-DD)' });
  if (cycleOk && content.days.length !== content.cycleDays) {
    problems.push({ field: 'days', message: `must cover the cycle: exactly ${content.cycleDays} entries (a shift type id, or null for a rest day), not ${content.days.length}` });
  }
  if (content.days.every((day) => day === null)) problems.push({ field: 'days', message: 'must have at least one working day' });
  content.days.forEach((day, i) => {
    if (day !== null && !isValidEntityId(day)) problems.push({ field: `days.${i}`, message: 'must be a shift type id of 1-64 letters, digits, "-" or "_", or null for a rest day' });
  });
  return problems;
}

export function newPatternRow(tenantId: string, id: string, content: PatternContent, now: string): PatternRow {
  return { TenantId: tenantKey(tenantId), EntityItem: patternItemKey(id), id, ...content, archived: false, version: 1, createdAt: now, updatedAt: now };
}

/** The shift types of `days` not in `known`, each once, in order of first use. */
export function newlyNamedShiftTypes(days: (string | null)[], known: (string | null)[] = []): string[] {
  return days.filter((day, i): day is string => day !== null && days.indexOf(day) === i && known.indexOf(day) < 0);
}

/** The condition that a shift type the pattern names exists in the tenant and is not archived. */
function shiftTypeUsable(tenantKeyValue: string, shiftTypeId: string, days: (string | null)[]): GuardedWrite {
  return check(itemKey(tenantKeyValue, shiftTypeItemKey(shiftTypeId)), [exists(), equal('archived', false)], {
    type: 'VALIDATION_ERROR',
    message: `days.${days.indexOf(shiftTypeId)} names shift type ${shiftTypeId}, which this tenant does not have or has archived`,
    field: `days.${days.indexOf(shiftTypeId)}`,
  });
}

export function createPatternWrites(row: PatternRow): GuardedWrite[] {
  const { TenantId, EntityItem, ...attributes } = row;
  return [
    put({ TenantId, EntityItem }, attributes, [absent()], { type: 'CONFLICT', message: `A work pattern with id ${row.id} already exists.` }),
    ...newlyNamedShiftTypes(row.days).map((id) => shiftTypeUsable(TenantId, id, row.days)),
  ];
}

/** The pattern changed while still at the version read; the shift types it newly names checked with it. */
export function updatePatternWrites(current: PatternRow, changes: Partial<PatternContent> & { archived?: boolean }, now: string): GuardedWrite[] {
  const days = changes.days ?? current.days;
  return [
    update(itemKey(current.TenantId, current.EntityItem), { set: { ...changes, version: current.version + 1, updatedAt: now } }, [equal('version', current.version)], {
      type: 'CONFLICT',
      message: `Work pattern ${current.id} changed since you read it; read it again and retry.`,
    }),
    ...newlyNamedShiftTypes(days, current.days).map((id) => shiftTypeUsable(current.TenantId, id, days)),
  ];
}

export function updatedPattern(current: PatternRow, changes: Partial<PatternContent> & { archived?: boolean }, now: string): PatternRow {
  return { ...current, ...changes, version: current.version + 1, updatedAt: now };
}
