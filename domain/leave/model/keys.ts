/**
 * Keys of the leave module (Leave table): leave types, policies, the ledger, the materialised
 * balances and the accrual runner's per-slot state. High-volume items lead with the employee.
 */
export const LEAVE_PREFIXES = {
  /** One item per leave type: `LTYPE#<type>`. */
  type: 'LTYPE#',
  /** One item per policy: `LPOLICY#<policy>`. */
  policy: 'LPOLICY#',
  /**
   * One immutable item per ledger entry: `LEDGER#<employee>#<type>#<date>#<source>`. The source
   * (an accrual slot, a request, an adjustment id) makes the key deterministic, so posting the
   * same movement twice is a conditional-put no-op; the date lets "as of" reads take only the tail.
   */
  ledger: 'LEDGER#',
  /**
   * The materialised balance of one employee and type, with the accrual runner's bookkeeping of
   * what each slot has posted: `LBAL#<employee>#<type>`.
   */
  balance: 'LBAL#',
} as const;

export function leaveTypeKey(typeId: string): string {
  return `${LEAVE_PREFIXES.type}${typeId}`;
}

export function leavePolicyKey(policyId: string): string {
  return `${LEAVE_PREFIXES.policy}${policyId}`;
}

export function ledgerEntryKey(employeeId: string, typeId: string, date: string, source: string): string {
  return `${ledgerPrefix(employeeId, typeId)}${date}#${source}`;
}

/** Sort-key prefix of one employee's ledger of one type (entries in date order). */
export function ledgerPrefix(employeeId: string, typeId: string): string {
  return `${LEAVE_PREFIXES.ledger}${employeeId}#${typeId}#`;
}

export function balanceKey(employeeId: string, typeId: string): string {
  return `${LEAVE_PREFIXES.balance}${employeeId}#${typeId}`;
}

/** Sort-key prefix of one employee's balances (all types). */
export function employeeBalancesPrefix(employeeId: string): string {
  return `${LEAVE_PREFIXES.balance}${employeeId}#`;
}
