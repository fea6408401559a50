/**
 * Approved leave as attendance reads it (the attendance module's LeaveSource seam): for each
 * employee one Query of their own day items over the range (`LDAY#<employee>#<from>`..`<to>`),
 * never a scan; a day counts when its request is approved and it takes something (a holiday or a
 * rest day the type does not count stays what the plan says).
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { LeaveDay } from '../attendance/classify.ts';
import type { LeaveSource } from '../attendance/store.ts';
import { inPool } from '../pool.ts';
import { leaveDaysOf } from './request-store.ts';

/** Queries in flight at once (one per employee). */
const CONCURRENCY = 16;

export function approvedLeave(dynamodb: DynamoDBClient, leaveTable: string): LeaveSource {
  return {
    async leaveDays(tenantId, employeeIds, from, to) {
      const leave = new Map<string, LeaveDay>();
      const days = await inPool([...new Set(employeeIds)], CONCURRENCY, (employeeId) => leaveDaysOf(dynamodb, leaveTable, tenantId, employeeId, from, to));
      for (const day of days.flat()) {
        if (day.status === 'APPROVED' && day.amount > 0) leave.set(`${day.employeeId}#${day.date}`, { source: 'LEAVE_REQUEST' });
      }
      return leave;
    },
  };
}
