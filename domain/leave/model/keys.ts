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
  /** One item per request, under its employee: `LREQ#<employee>#<from>#<request>` (an employee's requests by start). */
  request: 'LREQ#',
  /** Where a request lives, by its id alone (written once, never changed): `LREQID#<request>`. */
  requestId: 'LREQID#',
  /**
   * A pending request waiting for one approver, a copy of it as it entered the step:
   * `LWAIT#<approver employee | HR>#<request>`; written and removed with the request's state.
   */
  waiting: 'LWAIT#',
  /**
   * One day of an employee's pending or approved request: `LDAY#<employee>#<date>`. Only one
   * request holds a day (created with attribute_not_exists: overlapping requests are refused
   * atomically); attendance reads an employee's range of them for ON_LEAVE.
   */
  day: 'LDAY#',
} as const;

/** The approver ref of HR in waiting keys. */
export const HR_APPROVER = 'HR';

export function requestKey(employeeId: string, from: string, requestId: string): string {
  return `${employeeRequestsPrefix(employeeId)}${from}#${requestId}`;
}

export function employeeRequestsPrefix(employeeId: string): string {
  return `${LEAVE_PREFIXES.request}${employeeId}#`;
}

export function requestIdKey(requestId: string): string {
  return `${LEAVE_PREFIXES.requestId}${requestId}`;
}

export function waitingKey(approver: string, requestId: string): string {
  return `${waitingPrefix(approver)}${requestId}`;
}

export function waitingPrefix(approver: string): string {
  return `${LEAVE_PREFIXES.waiting}${approver}#`;
}

export function leaveDayKey(employeeId: string, date: string): string {
  return `${employeeLeaveDaysPrefix(employeeId)}${date}`;
}

export function employeeLeaveDaysPrefix(employeeId: string): string {
  return `${LEAVE_PREFIXES.day}${employeeId}#`;
}

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
