/** Where payroll's files live in the documents bucket: always under `tenants/<tenantId>/`, the prefix IAM scopes. */

/** A finalised payslip's PDF: `tenants/<tenant>/payslips/<period>/<run>/<employee>.pdf`. */
export function payslipObjectKey(tenantId: string, period: string, runId: string, employeeId: string): string {
  return `tenants/${tenantId}/payslips/${period}/${runId}/${employeeId}.pdf`;
}

/** A run's register CSV, one per calculation: `tenants/<tenant>/payroll/registers/<period>/<run>-<calculation>.csv`. */
export function registerObjectKey(tenantId: string, period: string, runId: string, calculation: number): string {
  return `tenants/${tenantId}/payroll/registers/${period}/${runId}-${calculation}.csv`;
}
