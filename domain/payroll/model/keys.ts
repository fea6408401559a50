/**
 * Keys of the payroll module (Payroll table, under `TENANT#<id>`). Payslips lead with their run
 * (a run's payslips are one key range, what the register reads) and, once finalised, are filed a
 * second time under the employee (an employee's payslips are one key range, what self-service reads).
 */
export const PAYROLL_PREFIXES = {
  /** The tenant's payroll settings (currency, rounding, pay frequency): one item, `PAYSET`. */
  settings: 'PAYSET',
  /** A salary structure with its ordered components: `PSTRUCT#<structure>`. */
  structure: 'PSTRUCT#',
  /** An employee's structure from a date on: `PASSIGN#<employee>#<effectiveFrom>`. */
  assignment: 'PASSIGN#',
  /** A pay run: `PRUN#<run>`. */
  run: 'PRUN#',
  /**
   * A pay period's guard: `PPERIOD#<period>`, holding the run open for it (at most one) and whether
   * it is finalised; every run's create, discard and finalise changes it in the same transaction.
   */
  period: 'PPERIOD#',
  /** One payslip per run and employee (the key makes a second one impossible): `PSLIP#<run>#<employee>`. */
  payslip: 'PSLIP#',
  /** A finalised payslip filed under its employee: `MYSLIP#<employee>#<period>#<run>`. */
  employeePayslip: 'MYSLIP#',
} as const;

export function payrollSettingsKey(): string {
  return PAYROLL_PREFIXES.settings;
}

export function structureKey(structureId: string): string {
  return `${PAYROLL_PREFIXES.structure}${structureId}`;
}

export function assignmentKey(employeeId: string, effectiveFrom: string): string {
  return `${employeeAssignmentsPrefix(employeeId)}${effectiveFrom}`;
}

export function employeeAssignmentsPrefix(employeeId: string): string {
  return `${PAYROLL_PREFIXES.assignment}${employeeId}#`;
}

export function payRunKey(runId: string): string {
  return `${PAYROLL_PREFIXES.run}${runId}`;
}

export function payPeriodKey(period: string): string {
  return `${PAYROLL_PREFIXES.period}${period}`;
}

export function payslipKey(runId: string, employeeId: string): string {
  return `${runPayslipsPrefix(runId)}${employeeId}`;
}

export function runPayslipsPrefix(runId: string): string {
  return `${PAYROLL_PREFIXES.payslip}${runId}#`;
}

export function employeePayslipKey(employeeId: string, period: string, runId: string): string {
  return `${employeePayslipsPrefix(employeeId)}${period}#${runId}`;
}

export function employeePayslipsPrefix(employeeId: string): string {
  return `${PAYROLL_PREFIXES.employeePayslip}${employeeId}#`;
}
