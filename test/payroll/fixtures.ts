/** Contracts and a structure for the payroll tests, built the way the employment module stores them. */
import type { ContractRow, ContractTerms } from '../../domain/employment/model/contracts.ts';
import type { SalaryComponentInput } from '../../domain/generated/graphql.ts';

export const TERMS: ContractTerms = {
  employmentType: 'FULL_TIME', jobTitle: 'Engineer', positionId: null, departmentId: null, locationId: null, costCentreId: null, managerId: null,
  ftePercent: 100, weeklyHours: 40, workScheduleId: null, noticePeriodDays: null, payBasis: 'MONTHLY', payAmount: '3100.00', payCurrency: 'EUR',
};

export function contract(employeeId: string, startDate: string, endDate: string | null, terms: Partial<ContractTerms>, amendments: { from: string; terms: Partial<ContractTerms> }[] = []): ContractRow {
  const first = { ...TERMS, ...terms };
  return {
    TenantId: 'TENANT#acme', EntityItem: `CONTRACT#${employeeId}#C-${employeeId}`, id: `C-${employeeId}`, employeeId, startDate, endDate, probationEndDate: null,
    versions: [
      { id: 'V1', effectiveFrom: startDate, reason: null, terms: first, createdAt: '2020-01-01T00:00:00.000Z', createdBy: 'test' },
      ...amendments.map((a, i) => ({ id: `V${i + 2}`, effectiveFrom: a.from, reason: 'amended', terms: { ...first, ...a.terms }, createdAt: '2020-01-01T00:00:00.000Z', createdBy: 'test' })),
    ],
    termination: null, version: 1, createdAt: '2020-01-01T00:00:00.000Z', updatedAt: '2020-01-01T00:00:00.000Z',
  };
}

/** Basic pay for the days payable, unpaid leave at a calendar day's pay, overtime at 1.5 and 2, a meal allowance, 5 % pension on what is paid. */
export const STANDARD: SalaryComponentInput[] = [
  { code: 'BASIC', name: 'Basic pay', kind: 'EARNING', formula: 'basePay' },
  { code: 'OT150', name: 'Overtime 150 %', kind: 'EARNING', formula: 'hourlyRate * 1.5 * overtimeMinutes150 / 60' },
  { code: 'OT200', name: 'Overtime 200 %', kind: 'EARNING', formula: 'hourlyRate * 2 * overtimeMinutes200 / 60' },
  { code: 'MEAL', name: 'Meal allowance', kind: 'EARNING', amount: '50' },
  { code: 'UNPAID', name: 'Unpaid leave', kind: 'DEDUCTION', formula: 'fullPay / daysInPeriod * unpaidLeaveDays' },
  { code: 'PENSION', name: 'Pension 5 %', kind: 'DEDUCTION', formula: '(BASIC - UNPAID) * 0.05' },
];
