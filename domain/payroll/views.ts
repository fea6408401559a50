/** How stored payroll items read in GraphQL: keys and bookkeeping dropped. */
import type { PayRun, Payslip, PayrollSettings, SalaryStructure, SalaryStructureAssignment } from '../generated/graphql.ts';
import type { AssignmentRow, PayslipRow, RunRow, SettingsRow } from './store.ts';
import type { StructureRow } from './structures.ts';

type View<T> = Omit<T, '__typename'>;

export const settingsView = (row: SettingsRow): View<PayrollSettings> => ({ currency: row.currency, rounding: row.rounding, frequency: row.frequency, version: row.version, updatedAt: row.updatedAt });

export const structureView = (row: StructureRow): View<SalaryStructure> => ({
  id: row.id, name: row.name, version: row.version, createdAt: row.createdAt, updatedAt: row.updatedAt,
  components: row.components.map((c) => ({ code: c.code, name: c.name, kind: c.kind, amount: c.amount, formula: c.formula })),
});

export const assignmentView = (row: AssignmentRow): View<SalaryStructureAssignment> => ({ employeeId: row.employeeId, structureId: row.structureId, effectiveFrom: row.effectiveFrom, assignedBy: row.assignedBy, assignedAt: row.assignedAt });

export const runView = (row: RunRow): View<PayRun> => ({
  id: row.id, period: row.period, periodStart: row.periodStart, periodEnd: row.periodEnd, kind: row.kind, status: row.status, calculation: row.calculation, jobId: row.jobId,
  payslips: row.payslips, payslipErrors: row.payslipErrors, totals: row.totals, finalized: row.finalized, version: row.version, createdAt: row.createdAt, updatedAt: row.updatedAt,
});

export const payslipView = (row: PayslipRow): View<Payslip> => ({
  runId: row.runId, employeeId: row.employeeId, period: row.period, periodStart: row.periodStart, periodEnd: row.periodEnd, currency: row.currency, structureId: row.structureId,
  lines: row.lines, gross: row.gross, deductions: row.deductions, net: row.net, trace: row.trace, error: row.error, calculation: row.calculation, calculatedAt: row.calculatedAt, documentId: row.documentId ?? null,
});
