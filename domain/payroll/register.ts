/**
 * The payroll register of a run: one row per employee, one column per component (in the order
 * the run's structures first name them), the totals of each component and of gross, deductions
 * and net. Every total is a sum of the payslips' rounded lines in integer minor units, so the
 * register reconciles to the minor unit by construction (and `reconciles` proves it on the rows).
 */
import type { SalaryComponentKind } from '../generated/graphql.ts';
import { formatMinor, parseMinor } from './money.ts';

/** What the register reads of a payslip. */
export interface RegisterPayslip {
  employeeId: string;
  lines: { code: string; kind: SalaryComponentKind; amount: string }[];
  gross: string;
  deductions: string;
  net: string;
  error: string | null;
}

export interface Register {
  employees: number;
  columns: { code: string; kind: SalaryComponentKind }[];
  totals: { code: string; kind: SalaryComponentKind; minor: bigint }[];
  gross: bigint;
  deductions: bigint;
  net: bigint;
}

const minorOf = (text: string, decimals: number): bigint => {
  const value = parseMinor(text, decimals);
  if (value === null) throw new Error(`a stored amount is not in the currency's minor units: ${text}`);
  return value;
};

export function buildRegister(payslips: RegisterPayslip[], decimals: number): Register {
  const columns = new Map<string, SalaryComponentKind>();
  const totals = new Map<string, bigint>();
  let gross = 0n;
  let deductions = 0n;
  let net = 0n;
  for (const slip of payslips) {
    for (const line of slip.lines) {
      if (!columns.has(line.code)) columns.set(line.code, line.kind);
      totals.set(line.code, (totals.get(line.code) ?? 0n) + minorOf(line.amount, decimals));
    }
    gross += minorOf(slip.gross, decimals);
    deductions += minorOf(slip.deductions, decimals);
    net += minorOf(slip.net, decimals);
  }
  return {
    employees: payslips.length,
    columns: [...columns].map(([code, kind]) => ({ code, kind })),
    totals: [...columns].map(([code, kind]) => ({ code, kind, minor: totals.get(code) ?? 0n })),
    gross,
    deductions,
    net,
  };
}

/** Whether the totals equal the sums of the lines: earnings = gross, deductions = deductions, gross − deductions = net. */
export function reconciles(register: Register): boolean {
  const earnings = register.totals.filter((t) => t.kind === 'EARNING').reduce((s, t) => s + t.minor, 0n);
  const withheld = register.totals.filter((t) => t.kind === 'DEDUCTION').reduce((s, t) => s + t.minor, 0n);
  return earnings === register.gross && withheld === register.deductions && register.gross - register.deductions === register.net;
}

/** A CSV field, quoted when it must be; a leading = + - @ is defused so a spreadsheet never runs it. */
function field(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-\d/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The register as CSV (RFC 4180, CRLF): employees sorted by id, a TOTAL row last. */
export function registerCsv(payslips: RegisterPayslip[], register: Register, decimals: number): string {
  const header = ['employeeId', ...register.columns.map((c) => c.code), 'gross', 'deductions', 'net', 'error'];
  const rows = [...payslips].sort((a, b) => a.employeeId.localeCompare(b.employeeId)).map((slip) => {
    const byCode = new Map(slip.lines.map((l) => [l.code, l.amount]));
    return [slip.employeeId, ...register.columns.map((c) => byCode.get(c.code) ?? ''), slip.gross, slip.deductions, slip.net, slip.error ?? ''];
  });
  const total = ['TOTAL', ...register.totals.map((t) => formatMinor(t.minor, decimals)), formatMinor(register.gross, decimals), formatMinor(register.deductions, decimals), formatMinor(register.net, decimals), ''];
  return [header, ...rows, total].map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
}
