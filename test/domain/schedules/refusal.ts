/** What a transaction on the in-memory table is refused with: the failed write's outcome, or null when it committed. */
import type { GuardedWrite, WriteOutcome } from '../../../domain/organisation/model/writes.ts';
import { ConditionFailed, type MemoryTable } from '../organisation/memory-table.ts';

export function refusal(table: MemoryTable, writes: GuardedWrite[]): WriteOutcome | null {
  try {
    table.transact(writes);
  } catch (error) {
    if (error instanceof ConditionFailed) return error.write.onConditionFailed;
    throw error;
  }
  return null;
}
