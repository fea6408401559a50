/** Keys of the schedules module (WorkSchedule table). */
export const SCHEDULE_PREFIXES = {
  /** One item per planned shift: `SHIFT#<start instant>#<employee>`, so shifts starting in a window are one Query. */
  shift: 'SHIFT#',
} as const;

/** `SHIFT#2026-11-23T07:00:00.000Z#<employeeId>`. */
export function shiftItemKey(shift: { startAt: string; employeeId: string }): string {
  return `${SCHEDULE_PREFIXES.shift}${shift.startAt}#${shift.employeeId}`;
}

/** The sort-key bound of shifts starting at `at` (an ISO instant; sorts before any employee id of that instant). */
export function shiftStartBound(at: string): string {
  return `${SCHEDULE_PREFIXES.shift}${at}`;
}
