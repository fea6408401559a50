/**
 * Payroll (part of `npm run bench`):
 *
 * 1. A pay run's calculation (`AIML-SaaS-Payroll-Run`, step CALCULATE: domain/payroll/pay-run.ts)
 *    of a tenant of 1,000 and of 10,000 employees (100 and 1,000 under --quick) with a structure of
 *    20 components, through the tenant's session and the enforcing gateway, at the runner's default
 *    write pace. Goals: 10,000 under 60 s; the cost per employee flat (ratio at most 1.3).
 * 2. Payslip PDF rendering (domain/payroll/payslip-pdf.ts, pdf-lib): payslips per second.
 */
import { STSClient } from '@aws-sdk/client-sts';
import { marshall } from '@aws-sdk/util-dynamodb';
import { Agent } from 'node:http';
import { newContractRow } from '../domain/employment/model/contracts.ts';
import type { SalaryComponentInput } from '../domain/generated/graphql.ts';
import { newLeaveTypeRow } from '../domain/leave/definitions.ts';
import { createLogger } from '../domain/logger.ts';
import { tenantKey } from '../domain/model/keys.ts';
import { assignmentKey, payrollSettingsKey, structureKey } from '../domain/payroll/model/keys.ts';
import { calculateRun } from '../domain/payroll/pay-run.ts';
import { renderPayslipPdf } from '../domain/payroll/payslip-pdf.ts';
import { createRun, startCalculation } from '../domain/payroll/store.ts';
import { checkStructure } from '../domain/payroll/structures.ts';
import { tenantClients } from '../domain/tenant-credentials.ts';
import { putAll, REGION, startBenchDynamo, tables, type BenchDynamo } from './dynamo.ts';
import { measure, type Measure } from './harness.ts';

const quiet = createLogger({ service: 'bench-payroll', level: 'error', write: () => undefined });
const NOW = '2027-04-01T06:00:00.000Z';

/** 20 components: basic pay, overtime at two rates, allowances, unpaid leave, pension, tax and other deductions reading them. */
export const BENCH_COMPONENTS: SalaryComponentInput[] = [
  { code: 'BASIC', name: 'Basic pay', kind: 'EARNING', formula: 'basePay' },
  { code: 'OT150', name: 'Overtime 150 %', kind: 'EARNING', formula: 'hourlyRate * 1.5 * overtimeMinutes150 / 60' },
  { code: 'OT200', name: 'Overtime 200 %', kind: 'EARNING', formula: 'hourlyRate * 2 * overtimeMinutes200 / 60' },
  { code: 'MEAL', name: 'Meal allowance', kind: 'EARNING', amount: '50.00' },
  ...[1, 2, 3, 4, 5, 6].map((n) => ({ code: `ALLOW${n}`, name: `Allowance ${n}`, kind: 'EARNING' as const, formula: `daysPayable > 10 ? BASIC * 0.0${n} : 0` })),
  { code: 'UNPAID', name: 'Unpaid leave', kind: 'DEDUCTION', formula: 'fullPay / daysInPeriod * unpaidLeaveDays' },
  { code: 'PENSION', name: 'Pension', kind: 'DEDUCTION', formula: '(BASIC - UNPAID) * 0.05' },
  { code: 'TAX', name: 'Income tax', kind: 'DEDUCTION', formula: 'max(0, (BASIC + OT150 + OT200 + ALLOW1 + ALLOW2 - UNPAID - PENSION) * 0.21 - 100)' },
  ...[1, 2, 3, 4, 5, 6, 7].map((n) => ({ code: `DED${n}`, name: `Deduction ${n}`, kind: 'DEDUCTION' as const, formula: `min(BASIC * 0.00${n}, ${n}0)` })),
];

function sessions(bench: BenchDynamo) {
  return tenantClients({
    roleArn: bench.roleArns.tenantScoped,
    sts: new STSClient({ endpoint: bench.dynamo.stsEndpoint, region: REGION, credentials: bench.internal }),
    dynamodb: { region: REGION, endpoint: bench.dynamo.endpoint, requestHandler: { httpAgent: new Agent({ keepAlive: true, maxSockets: 16 }) } },
    logger: quiet,
  });
}

/** A tenant with `size` employees (every tenth part-time, every twentieth a March joiner), all on the 20-component structure. */
async function seedTenant(bench: BenchDynamo, tenantId: string, size: number): Promise<void> {
  const checked = checkStructure({ name: 'Bench', components: BENCH_COMPONENTS }, 2);
  if (!checked.ok) throw new Error(`the bench structure is refused: ${JSON.stringify(checked.problems)}`);
  const partition = tenantKey(tenantId);
  const unpaid = newLeaveTypeRow(partition, 'unpaid', { name: 'Unpaid leave', paid: false, unit: 'DAYS' }, NOW);
  await putAll(bench.seed, tables('Leave'), [marshall(unpaid, { removeUndefinedValues: true })][Symbol.iterator]());
  await putAll(bench.seed, tables('Payroll'), [
    marshall({ TenantId: partition, EntityItem: payrollSettingsKey(), currency: 'EUR', rounding: 'HALF_UP', frequency: 'MONTHLY', version: 1, updatedAt: NOW }),
    marshall({ TenantId: partition, EntityItem: structureKey('bench'), id: 'bench', name: 'Bench', components: checked.components, version: 1, createdAt: NOW, updatedAt: NOW }),
  ][Symbol.iterator]());
  function* contracts() {
    for (let n = 0; n < size; n += 1) {
      const start = n % 20 === 0 ? '2027-03-16' : '2022-01-01';
      const terms = { jobTitle: 'Engineer', employmentType: 'FULL_TIME' as const, ftePercent: n % 10 === 0 ? 60 : 100, payBasis: 'ANNUAL' as const, payAmount: `${48000 + n}.00`, payCurrency: 'EUR', weeklyHours: 40 };
      yield marshall(newContractRow(tenantId, `e${n}`, `c${n}`, `v${n}`, { startDate: start, terms }, 'bench', NOW), { removeUndefinedValues: true });
    }
  }
  function* assignments() {
    for (let n = 0; n < size; n += 1) yield marshall({ TenantId: partition, EntityItem: assignmentKey(`e${n}`, '2020-01-01'), employeeId: `e${n}`, structureId: 'bench', effectiveFrom: '2020-01-01', assignedBy: 'bench', assignedAt: NOW });
  }
  await putAll(bench.seed, tables('Employment'), contracts());
  await putAll(bench.seed, tables('Payroll'), assignments());
}

async function calculation(bench: BenchDynamo, size: number): Promise<{ seconds: number; employees: number; errors: number }> {
  const tenantId = `payroll-${size}`;
  await seedTenant(bench, tenantId, size);
  const tenants = sessions(bench);
  try {
    const { dynamodb } = await tenants.forTenant(tenantId);
    const store = { dynamodb, payrollTable: tables('Payroll'), jobsTable: tables('TenantJob'), employmentTable: tables('Employment'), leaveTable: tables('Leave'), attendanceTable: tables('TimeAttendance') };
    const occasion = { tenantId, now: NOW, requestedBy: 'bench' };
    const run = await createRun(store, occasion, 'run1', { period: '2027-03' });
    await startCalculation(store, occasion, run.id);
    const started = performance.now();
    const result = await calculateRun({ store, tenantId, runId: run.id, calculation: 1, now: NOW });
    return { seconds: (performance.now() - started) / 1000, employees: result.employees, errors: result.errors };
  } finally {
    tenants.destroy();
  }
}

async function pdfMeasure(count: number): Promise<Measure> {
  const checked = checkStructure({ name: 'Bench', components: BENCH_COMPONENTS }, 2);
  if (!checked.ok) throw new Error('the bench structure is refused');
  const lines = checked.components.map((c, i) => ({ code: c.code, name: c.name, kind: c.kind, amount: `${1000 + i * 37}.${String(i).padStart(2, '0')}` }));
  const input = { employeeName: 'Jürgen Müller-Größe', employeeNumber: 'E-0001', companyName: 'Müller & Söhne GmbH', payslip: { period: '2027-03', periodStart: '2027-03-01', periodEnd: '2027-03-31', currency: 'EUR', employeeId: 'e1', runId: 'run1', lines, gross: '12345.67', deductions: '2345.67', net: '10000.00' } };
  for (let i = 0; i < 10; i += 1) await renderPayslipPdf(input);
  const started = performance.now();
  for (let i = 0; i < count; i += 1) await renderPayslipPdf(input);
  return measure('payslip PDF rendering (20 lines, pdf-lib, one process)', count / ((performance.now() - started) / 1000), 'payslips/s');
}

export async function payrollMeasures(options: { quick: boolean }): Promise<Measure[]> {
  const [small, large] = options.quick ? [100, 1_000] : [1_000, 10_000];
  const bench = await startBenchDynamo();
  try {
    const a = await calculation(bench, small);
    const b = await calculation(bench, large);
    const label = (n: number) => n.toLocaleString('en-US');
    return [
      measure(`pay run calculation, 20 components, ${label(large)} employees`, b.seconds, 's', { max: options.quick ? 30 : 60 }),
      measure(`pay run calculation: payslips for ${label(large)} employees (none in error)`, b.employees - b.errors, 'payslips', { min: large }),
      measure(`pay run cost per employee, ${label(large)} / ${label(small)}`, b.seconds / b.employees / (a.seconds / a.employees), 'x', { atMost: 1.3 }),
      await pdfMeasure(options.quick ? 100 : 500),
    ];
  } finally {
    await bench.stop();
  }
}
