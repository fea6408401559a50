/** Keys of the employment module (Employment table): contracts, and the calendar the daily runner reads. */
export const EMPLOYMENT_PREFIXES = {
  /** One item per contract, holding its versions: `CONTRACT#<employee>#<contract>`. */
  contract: 'CONTRACT#',
  /**
   * What happens on a day: `CAL#<date>#<kind>#<employee>#<contract>[#<version>]`, written with the
   * contract, so the runner reads a day's starts, amendments, ends and reminders with one Query each.
   */
  calendar: 'CAL#',
} as const;

export type CalendarKind = 'START' | 'EFFECTIVE' | 'END' | 'PROBATION_END';

export function contractItemKey(employeeId: string, contractId: string): string {
  return `${EMPLOYMENT_PREFIXES.contract}${employeeId}#${contractId}`;
}

/** Sort-key prefix of one employee's contracts. */
export function employeeContractsPrefix(employeeId: string): string {
  return `${EMPLOYMENT_PREFIXES.contract}${employeeId}#`;
}

export function calendarItemKey(date: string, kind: CalendarKind, employeeId: string, contractId: string, versionId?: string | null): string {
  const base = `${calendarDayPrefix(date, kind)}${employeeId}#${contractId}`;
  return versionId ? `${base}#${versionId}` : base;
}

/** Sort-key prefix of one day's calendar entries of a kind. */
export function calendarDayPrefix(date: string, kind: CalendarKind): string {
  return `${EMPLOYMENT_PREFIXES.calendar}${date}#${kind}#`;
}
