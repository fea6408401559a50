/**
 * Shift types: what a shift is (wall-clock start and end, break, graces, punch window, what counts
 * as a half and a full day, overtime rules), its rules and its writes. APPSYNC_JS-safe: the shift
 * type resolvers plan their writes with it.
 */
import type { CreateShiftTypeInput, OvertimeRuleInput, OvertimeRulesInput, UpdateShiftTypeInput } from '../../generated/graphql.ts';
import type { FieldProblem } from '../../model/errors.ts';
import { tenantKey } from '../../model/keys.ts';
import { isWallTime, wallSpanMinutes } from '../../model/wall-time.ts';
import { checkLength, clearedRequired, given, required } from '../../organisation/model/fields.ts';
import { absent, equal, itemKey, put, update, type GuardedWrite } from '../../organisation/model/writes.ts';
import { shiftTypeItemKey } from './keys.ts';
import type { OvertimeRule, OvertimeRules } from './planned-day.ts';
import type { ShiftTypeRow } from './rows.ts';

/** Defaults of a new shift type's optional minutes. */
export const SHIFT_TYPE_DEFAULTS = { breakMinutes: 0, graceLateMinutes: 0, graceEarlyMinutes: 0, windowBeforeMinutes: 120, windowAfterMinutes: 240 } as const;
/** Graces and punch windows: 0 to 12 hours. */
export const MAX_GRACE_MINUTES = 720;
/** Overtime multipliers: 1.00 to 5.00 (as hundredths, compared without floats). */
const MULTIPLIER_HUNDREDTHS = { min: 100, max: 500 } as const;
export const MAX_OVERTIME_MINIMUM_MINUTES = 600;
const OVERTIME_KINDS = ['beforeShift', 'afterShift', 'restDay', 'holiday'] as const;

export type ShiftTypeContent = Pick<
  ShiftTypeRow,
  | 'name'
  | 'start'
  | 'end'
  | 'breakMinutes'
  | 'graceLateMinutes'
  | 'graceEarlyMinutes'
  | 'windowBeforeMinutes'
  | 'windowAfterMinutes'
  | 'halfDayMinutes'
  | 'fullDayMinutes'
  | 'overtime'
>;

function isDigits(text: string): boolean {
  return text.length > 0 && text.split('').every((c) => c >= '0' && c <= '9');
}

/**
 * A multiplier as a decimal string with two decimals (`1.5` → `1.50`), or null when it is not a
 * decimal from 1.00 to 5.00 with at most two decimals. Never through a float.
 */
export function normaliseMultiplier(value: string): string | null {
  const text = value.trim();
  const dot = text.indexOf('.');
  const whole = dot < 0 ? text : text.slice(0, dot);
  const fraction = dot < 0 ? '' : text.slice(dot + 1);
  if (!isDigits(whole) || whole.length > 1 || (dot >= 0 && (!isDigits(fraction) || fraction.length > 2))) return null;
  const hundredths = Number(whole) * 100 + Number(`${fraction}00`.slice(0, 2));
  if (hundredths < MULTIPLIER_HUNDREDTHS.min || hundredths > MULTIPLIER_HUNDREDTHS.max) return null;
  return `${whole}.${`${fraction}00`.slice(0, 2)}`;
}

function normaliseRule(rule: OvertimeRuleInput): OvertimeRule {
  return { multiplier: normaliseMultiplier(rule.multiplier) ?? rule.multiplier, minimumMinutes: rule.minimumMinutes };
}

/** The rules given (an absent or null rule: that kind of extra time is not overtime). */
export function normaliseOvertime(input: OvertimeRulesInput | null | undefined): OvertimeRules {
  const rules: OvertimeRules = {};
  for (const kind of OVERTIME_KINDS) {
    const rule = input ? input[kind] : null;
    if (rule) rules[kind] = normaliseRule(rule);
  }
  return rules;
}

/** The shift's length on the wall clock, or null while start or end is not a time. */
function spanOf(start: string, end: string): number | null {
  return isWallTime(start) && isWallTime(end) ? wallSpanMinutes(start, end) : null;
}

export function normaliseNewShiftType(input: CreateShiftTypeInput): ShiftTypeContent {
  const start = required(input.start);
  const end = required(input.end);
  const breakMinutes = input.breakMinutes ?? SHIFT_TYPE_DEFAULTS.breakMinutes;
  const span = spanOf(start, end);
  const fullDayMinutes = input.fullDayMinutes ?? (span === null ? 0 : span - breakMinutes);
  return {
    name: required(input.name),
    start,
    end,
    breakMinutes,
    graceLateMinutes: input.graceLateMinutes ?? SHIFT_TYPE_DEFAULTS.graceLateMinutes,
    graceEarlyMinutes: input.graceEarlyMinutes ?? SHIFT_TYPE_DEFAULTS.graceEarlyMinutes,
    windowBeforeMinutes: input.windowBeforeMinutes ?? SHIFT_TYPE_DEFAULTS.windowBeforeMinutes,
    windowAfterMinutes: input.windowAfterMinutes ?? SHIFT_TYPE_DEFAULTS.windowAfterMinutes,
    halfDayMinutes: input.halfDayMinutes ?? Math.floor(fullDayMinutes / 2),
    fullDayMinutes,
    overtime: normaliseOvertime(input.overtime),
  };
}

const UPDATABLE = [
  'breakMinutes',
  'graceLateMinutes',
  'graceEarlyMinutes',
  'windowBeforeMinutes',
  'windowAfterMinutes',
  'halfDayMinutes',
  'fullDayMinutes',
] as const;

/** The current content with the given changes (omitted fields keep their value). */
export function mergeShiftTypeChanges(current: ShiftTypeRow, input: UpdateShiftTypeInput): ShiftTypeContent {
  const merged: ShiftTypeContent = {
    name: given(input, 'name') ? required(input.name) : current.name,
    start: given(input, 'start') ? required(input.start) : current.start,
    end: given(input, 'end') ? required(input.end) : current.end,
    breakMinutes: current.breakMinutes,
    graceLateMinutes: current.graceLateMinutes,
    graceEarlyMinutes: current.graceEarlyMinutes,
    windowBeforeMinutes: current.windowBeforeMinutes,
    windowAfterMinutes: current.windowAfterMinutes,
    halfDayMinutes: current.halfDayMinutes,
    fullDayMinutes: current.fullDayMinutes,
    overtime: given(input, 'overtime') ? normaliseOvertime(input.overtime) : current.overtime,
  };
  for (const key of UPDATABLE) {
    const value = input[key];
    if (value !== null && value !== undefined) merged[key] = value;
  }
  return merged;
}

/** Problems an update input has on its own: fields it tries to clear. */
export function validateShiftTypeChanges(input: UpdateShiftTypeInput): FieldProblem[] {
  return clearedRequired(input, ['name', 'start', 'end', ...UPDATABLE]);
}

function checkMinutes(problems: FieldProblem[], field: string, value: number, min: number, max: number): void {
  if (value < min || value > max) problems.push({ field, message: `must be from ${min} to ${max} minutes` });
}

/** The rules of a shift type. */
export function validateShiftType(content: ShiftTypeContent): FieldProblem[] {
  const problems: FieldProblem[] = [];
  checkLength(problems, 'name', content.name, 1, 80);
  if (!isWallTime(content.start)) problems.push({ field: 'start', message: 'must be a time HH:MM from 00:00 to 23:59' });
  if (!isWallTime(content.end)) problems.push({ field: 'end', message: 'must be a time HH:MM from 00:00 to 23:59 (at or before start: the next day)' });
  const span = spanOf(content.start, content.end);
  if (content.breakMinutes < 0 || (span !== null && content.breakMinutes >= span)) {
    problems.push({ field: 'breakMinutes', message: span === null ? 'must be 0 or more' : `must be 0 or more and shorter than the shift (${span} minutes)` });
  }
  checkMinutes(problems, 'graceLateMinutes', content.graceLateMinutes, 0, MAX_GRACE_MINUTES);
  checkMinutes(problems, 'graceEarlyMinutes', content.graceEarlyMinutes, 0, MAX_GRACE_MINUTES);
  checkMinutes(problems, 'windowBeforeMinutes', content.windowBeforeMinutes, 0, MAX_GRACE_MINUTES);
  checkMinutes(problems, 'windowAfterMinutes', content.windowAfterMinutes, 0, MAX_GRACE_MINUTES);
  const worked = span === null ? null : span - content.breakMinutes;
  if (content.fullDayMinutes < 1 || (worked !== null && worked > 0 && content.fullDayMinutes > worked)) {
    problems.push({ field: 'fullDayMinutes', message: worked === null || worked < 1 ? 'must be 1 or more' : `must be from 1 to the shift less its break (${worked} minutes)` });
  }
  if (content.halfDayMinutes < 0 || content.halfDayMinutes > content.fullDayMinutes) {
    problems.push({ field: 'halfDayMinutes', message: `must be from 0 to fullDayMinutes (${content.fullDayMinutes})` });
  }
  for (const kind of OVERTIME_KINDS) {
    const rule = content.overtime[kind];
    if (rule && normaliseMultiplier(rule.multiplier) !== rule.multiplier) {
      problems.push({ field: `overtime.${kind}.multiplier`, message: 'must be a decimal from 1.00 to 5.00 with at most two decimals, e.g. "1.5"' });
    }
    if (rule) checkMinutes(problems, `overtime.${kind}.minimumMinutes`, rule.minimumMinutes, 0, MAX_OVERTIME_MINIMUM_MINUTES);
  }
  return problems;
}

export function newShiftTypeRow(tenantId: string, id: string, content: ShiftTypeContent, now: string): ShiftTypeRow {
  return { TenantId: tenantKey(tenantId), EntityItem: shiftTypeItemKey(id), id, ...content, archived: false, version: 1, createdAt: now, updatedAt: now };
}

export function createShiftTypeWrites(row: ShiftTypeRow): GuardedWrite[] {
  const { TenantId, EntityItem, ...attributes } = row;
  return [put({ TenantId, EntityItem }, attributes, [absent()], { type: 'CONFLICT', message: `A shift type with id ${row.id} already exists.` })];
}

/** The changes of `changes` to `current` while it is still at the version read. */
export function updateShiftTypeWrites(current: ShiftTypeRow, changes: Partial<ShiftTypeContent> & { archived?: boolean }, now: string): GuardedWrite[] {
  return [
    update(itemKey(current.TenantId, current.EntityItem), { set: { ...changes, version: current.version + 1, updatedAt: now } }, [equal('version', current.version)], {
      type: 'CONFLICT',
      message: `Shift type ${current.id} changed since you read it; read it again and retry.`,
    }),
  ];
}

/** `current` as it is once `updateShiftTypeWrites` committed. */
export function updatedShiftType(current: ShiftTypeRow, changes: Partial<ShiftTypeContent> & { archived?: boolean }, now: string): ShiftTypeRow {
  return { ...current, ...changes, version: current.version + 1, updatedAt: now };
}
