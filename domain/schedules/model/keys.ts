/** Keys of the schedules module (WorkSchedule table, under `TENANT#<id>`). */
export const SCHEDULE_PREFIXES = {
  /** Shift types: `STYPE#<id>`. */
  shiftType: 'STYPE#',
  /** Weekly patterns and rotations: `PATTERN#<id>`. */
  pattern: 'PATTERN#',
  /** An employee's explicit schedule from a date: `ASSIGN#<employee>#<from>`, so one employee's assignments are one Query, in order. */
  assignment: 'ASSIGN#',
  /**
   * One item per employee with assignments, `ASSIGNVER#<employee>`: its version moves with every
   * change of their assignments, so two changes made at once cannot both pass the overlap check.
   */
  assignmentVersion: 'ASSIGNVER#',
  /** A one-off change of an employee's day: `OVERRIDE#<date>#<employee>`, so a tenant's changes over a date range are one Query. */
  override: 'OVERRIDE#',
  /** Which public-holiday calendar a location follows: `HCAL#<location>`. */
  locationCalendar: 'HCAL#',
  /** A tenant's change to a holiday calendar on a date: `HDAY#<calendar scope>#<date>` (scope `DE`, `DE-BE`, `LOC:<location>`). */
  holidayEdit: 'HDAY#',
} as const;

export function shiftTypeItemKey(shiftTypeId: string): string {
  return `${SCHEDULE_PREFIXES.shiftType}${shiftTypeId}`;
}

export function patternItemKey(patternId: string): string {
  return `${SCHEDULE_PREFIXES.pattern}${patternId}`;
}

export function assignmentItemKey(employeeId: string, from: string): string {
  return `${SCHEDULE_PREFIXES.assignment}${employeeId}#${from}`;
}

/** Sort-key prefix of one employee's assignments. */
export function employeeAssignmentsPrefix(employeeId: string): string {
  return `${SCHEDULE_PREFIXES.assignment}${employeeId}#`;
}

export function assignmentVersionKey(employeeId: string): string {
  return `${SCHEDULE_PREFIXES.assignmentVersion}${employeeId}`;
}

export function overrideItemKey(date: string, employeeId: string): string {
  return `${SCHEDULE_PREFIXES.override}${date}#${employeeId}`;
}

/** Sort-key prefix of one date's one-off changes (`OVERRIDE#<date>#`). */
export function overrideDatePrefix(date: string): string {
  return `${SCHEDULE_PREFIXES.override}${date}#`;
}

export function locationCalendarItemKey(locationId: string): string {
  return `${SCHEDULE_PREFIXES.locationCalendar}${locationId}`;
}

/** The scope of a location's own holiday changes (`LOC:<location>`), beside country (`DE`) and subdivision (`DE-BE`) scopes. */
export function locationHolidayScope(locationId: string): string {
  return `LOC:${locationId}`;
}

export function holidayEditItemKey(scope: string, date: string): string {
  return `${SCHEDULE_PREFIXES.holidayEdit}${scope}#${date}`;
}

/** The scope of a calendar's own holiday changes: `DE`, `DE-BE`, `DE-BY-A`. */
export function calendarHolidayScope(country: string, state: string | null, region: string | null): string {
  return [country, state, region].filter((part) => part !== null).join('-');
}

/** Sort-key prefix of one scope's holiday changes. */
export function holidayEditScopePrefix(scope: string): string {
  return `${SCHEDULE_PREFIXES.holidayEdit}${scope}#`;
}
