/**
 * The attendance module's input rules (Node: zones come from Intl, times from Date). Each problem
 * names its field, as VALIDATION_ERROR's errorInfo.fields does.
 */
import { DomainError } from '../domain-error.ts';
import type { PunchInput, RequestAttendanceCorrectionInput } from '../generated/graphql.ts';
import type { FieldProblem } from '../model/errors.ts';
import { isValidEntityId } from '../model/keys.ts';
import { isTimeZone } from '../time.ts';

/** A device clock further than this from the server's is refused: far in the future or past. */
export const MAX_DEVICE_OFFSET_HOURS = 24;
/** A device clock further than this from the server's is accepted and flagged. */
export const CLOCK_SKEW_SECONDS = 300;
/** How far back a correction may propose a time. */
export const MAX_CORRECTION_DAYS = 31;
export const MAX_ACCURACY_METERS = 5_000;
export const MAX_TEXT = 500;

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,64}$/;
/** An AWSDateTime: a date, a time (seconds and fractions optional), and `Z` or an offset. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}(:\d{2})?)$/;

/** The instant of an AWSDateTime, or null when it is not one. */
export function instantOf(value: string | null | undefined): number | null {
  if (typeof value !== 'string' || !DATE_TIME.test(value)) return null;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : at;
}

/** Ends with VALIDATION_ERROR listing every problem, if there are any. */
export function refuseProblems(problems: FieldProblem[]): void {
  if (problems.length > 0) {
    throw new DomainError('VALIDATION_ERROR', `Invalid input: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}.`, problems);
  }
}

/** Problems of a punch's input as given, with the server's clock at `now`. */
export function punchInputProblems(input: PunchInput, now: number): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (typeof input.idempotencyKey !== 'string' || !IDEMPOTENCY_KEY.test(input.idempotencyKey)) {
    problems.push({ field: 'input.idempotencyKey', message: 'must be 8-64 letters, digits, "-" or "_" (a UUID will do)' });
  }
  if (input.employeeId !== undefined && input.employeeId !== null && !isValidEntityId(input.employeeId)) {
    problems.push({ field: 'input.employeeId', message: 'must be an id of 1-64 letters, digits, "-" or "_"' });
  }
  if (!isTimeZone(input.deviceTimeZone)) problems.push({ field: 'input.deviceTimeZone', message: 'must be an IANA time zone such as "Europe/Berlin"' });
  if (input.deviceTime !== undefined && input.deviceTime !== null) {
    const device = instantOf(input.deviceTime);
    if (device === null) problems.push({ field: 'input.deviceTime', message: 'must be a date and time with a zone, such as 2027-03-28T08:00:00+02:00' });
    else if (Math.abs(device - now) > MAX_DEVICE_OFFSET_HOURS * 3_600_000) {
      problems.push({ field: 'input.deviceTime', message: `is more than ${MAX_DEVICE_OFFSET_HOURS} hours away from the server's clock: set the device's clock` });
    }
  }
  const position = input.position;
  if (position) {
    if (!(position.latitude >= -90 && position.latitude <= 90)) problems.push({ field: 'input.position.latitude', message: 'must be from -90 to 90' });
    if (!(position.longitude >= -180 && position.longitude <= 180)) problems.push({ field: 'input.position.longitude', message: 'must be from -180 to 180' });
    const accuracy = position.accuracyMeters;
    if (accuracy !== undefined && accuracy !== null && !(accuracy >= 0 && accuracy <= MAX_ACCURACY_METERS)) {
      problems.push({ field: 'input.position.accuracyMeters', message: `must be from 0 to ${MAX_ACCURACY_METERS} metres` });
    }
  }
  return problems;
}

/** Problems of a correction request as given, with the server's clock at `now`. */
export function correctionInputProblems(input: RequestAttendanceCorrectionInput, now: number): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (input.kind === 'MISSING_PUNCH') {
    if (input.punchType !== 'IN' && input.punchType !== 'OUT') problems.push({ field: 'input.punchType', message: 'is required for a missing punch: IN or OUT' });
    if (input.punchId !== undefined && input.punchId !== null) problems.push({ field: 'input.punchId', message: 'names a punch to correct: use kind WRONG_TIME for that' });
  } else if (input.kind === 'WRONG_TIME') {
    if (!isValidEntityId(input.punchId)) problems.push({ field: 'input.punchId', message: 'is required for a wrong time: the id of the punch to correct' });
  } else {
    problems.push({ field: 'input.kind', message: 'must be MISSING_PUNCH or WRONG_TIME' });
  }
  const proposed = instantOf(input.proposedAt);
  if (proposed === null) problems.push({ field: 'input.proposedAt', message: 'must be a date and time with a zone, such as 2027-03-28T17:30:00+02:00' });
  else if (proposed > now) problems.push({ field: 'input.proposedAt', message: 'cannot be in the future' });
  else if (now - proposed > MAX_CORRECTION_DAYS * 86_400_000) problems.push({ field: 'input.proposedAt', message: `must be within the last ${MAX_CORRECTION_DAYS} days` });
  const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
  if (reason.length < 1 || reason.length > MAX_TEXT) problems.push({ field: 'input.reason', message: `must be 1 to ${MAX_TEXT} characters` });
  return problems;
}
