/**
 * A department's month as a grid: a row per employee, a cell per day, a page of rows at a time,
 * from the AttendanceByDepartment key range (each employee's records together, in date order).
 * APPSYNC_JS-safe: the departmentAttendance resolver includes it.
 */
import type { DailyRecordRow, DayView } from './records.ts';
import { dayView } from './records.ts';

/** Rows per page when the caller gives no limit, and the most a caller may ask for. */
export const GRID_PAGE = { defaultLimit: 20, maxLimit: 50 } as const;
/** Records one query reads for a page of `rows` rows: every day of each, and one more to see whether a next row exists. */
export function gridReadLimit(rows: number): number {
  return rows * 31 + 1;
}

export interface GridRow {
  employeeId: string;
  records: DailyRecordRow[];
}

/**
 * The rows of a page from the records one query read (key order) and whether the query stopped
 * before the end of the month's range: at most `limit` complete rows, and the employee the next
 * page starts at (null when there is none). A row the query may have cut short is left for the
 * next page, unless it is the only one (a month's row is 31 records at most, far below a query's 1 MB).
 */
export function gridPage(records: DailyRecordRow[], limit: number, truncated: boolean): { rows: GridRow[]; next: string | null } {
  const rows: GridRow[] = [];
  for (const record of records) {
    const last = rows[rows.length - 1];
    if (last && last.employeeId === record.employeeId) last.records.push(record);
    else rows.push({ employeeId: record.employeeId, records: [record] });
  }
  if (rows.length > limit) return { rows: rows.slice(0, limit), next: rows[limit]!.employeeId };
  if (truncated && rows.length > 1) return { rows: rows.slice(0, rows.length - 1), next: rows[rows.length - 1]!.employeeId };
  return { rows, next: null };
}

/** A row's cells: the record of each date of the month, or null. */
export function gridCells(records: DailyRecordRow[], dates: string[]): (DayView | null)[] {
  return dates.map((date) => {
    const record = records.find((r) => r.date === date);
    return record ? dayView(record) : null;
  });
}
