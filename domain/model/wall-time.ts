/**
 * Wall-clock times of day (`HH:MM`, no date, no zone) and their arithmetic. APPSYNC_JS-safe (no
 * regex): resolvers validate shift types with it; instants in a zone are Node's (domain/time.ts).
 */

/** Minutes in a day on a wall clock; a real day in a zone may have 1380 or 1500 (see domain/time.ts, dayMinutes). */
export const WALL_DAY_MINUTES = 1440;

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

/** Whether `value` is a wall-clock time `HH:MM` (00:00-23:59). */
export function isWallTime(value: unknown): value is string {
  if (typeof value !== 'string' || value.length !== 5 || value.charAt(2) !== ':') return false;
  if (!isDigit(value.charAt(0)) || !isDigit(value.charAt(1)) || !isDigit(value.charAt(3)) || !isDigit(value.charAt(4))) return false;
  return Number(value.slice(0, 2)) < 24 && Number(value.slice(3)) < 60;
}

/** Minutes since midnight of a wall-clock time `HH:MM`. */
export function wallMinutes(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/**
 * Wall-clock minutes from `start` to `end`: an `end` at or before `start` is on the next day, so a
 * 22:00-06:00 shift spans 480 and 09:00-09:00 a whole day (1440). The elapsed time on a day the
 * clocks change differs by the change (domain/time.ts).
 */
export function wallSpanMinutes(start: string, end: string): number {
  const span = (wallMinutes(end) - wallMinutes(start) + WALL_DAY_MINUTES) % WALL_DAY_MINUTES;
  return span === 0 ? WALL_DAY_MINUTES : span;
}

/** Whether a shift from `start` to `end` ends on the next calendar day. */
export function endsNextDay(start: string, end: string): boolean {
  return wallMinutes(end) <= wallMinutes(start);
}
