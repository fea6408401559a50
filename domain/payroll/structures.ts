/**
 * Salary structures: ordered components, each a fixed amount or a formula (formula.ts) over the
 * period's inputs and other components of the structure. A structure is checked as a whole when
 * saved: codes, amounts in the payroll currency, every formula compiled against the names that
 * exist (inputs and the structure's codes), and no cycle among components. Evaluation follows the
 * dependencies (a topological order); lines keep the structure's order.
 */
import type { FieldProblem } from '../model/errors.ts';
import type { SalaryComponentInput, SalaryComponentKind, SalaryStructureInput } from '../generated/graphql.ts';
import { compileFormula, type Formula } from './formula.ts';
import { parseMinor } from './money.ts';

export const MAX_COMPONENTS = 60;

/** What every formula may read besides other components. Overtime per multiplier: `overtimeMinutes150` (1.50). */
export const PERIOD_INPUTS = [
  'basePay',
  'fullPay',
  'hourlyRate',
  'ftePercent',
  'daysInPeriod',
  'daysPayable',
  'unpaidLeaveDays',
  'workedHours',
  'overtimeMinutes',
] as const;
export type PeriodInput = (typeof PERIOD_INPUTS)[number];

const OVERTIME_PREFIX = 'overtimeMinutes';

/** `overtimeMinutes150` → 150 (hundredths, 100-500), or null. */
export function overtimeHundredths(name: string): number | null {
  if (!name.startsWith(OVERTIME_PREFIX)) return null;
  const digits = name.slice(OVERTIME_PREFIX.length);
  if (digits.length !== 3 || ![...digits].every((c) => c >= '0' && c <= '9')) return null;
  const value = Number(digits);
  return value >= 100 && value <= 500 ? value : null;
}

/** The input name of a multiplier ("1.50" → `overtimeMinutes150`). */
export function overtimeInputName(multiplier: string): string | null {
  const [whole, fraction = ''] = multiplier.split('.');
  if (!whole || fraction.length > 2) return null;
  const hundredths = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return Number.isInteger(hundredths) && hundredths >= 100 && hundredths <= 500 ? `${OVERTIME_PREFIX}${hundredths}` : null;
}

export const isPeriodInput = (name: string): boolean => (PERIOD_INPUTS as readonly string[]).includes(name) || overtimeHundredths(name) !== null;

export interface ComponentRow {
  code: string;
  name: string;
  kind: SalaryComponentKind;
  amount: string | null;
  formula: string | null;
}

export interface StructureRow {
  TenantId: string;
  EntityItem: string;
  id: string;
  name: string;
  components: ComponentRow[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** A structure ready to evaluate: components in evaluation order with their compiled formulas. */
export interface CompiledStructure {
  id: string;
  components: ComponentRow[];
  order: { component: ComponentRow; formula: Formula | null; amountMinor: bigint | null }[];
}

const isCode = (code: string) => code.length >= 1 && code.length <= 40 && code[0]! >= 'A' && code[0]! <= 'Z' && [...code].every((c) => (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c === '_');

/** The structure as saved (text trimmed), or every problem with it, each naming the component. */
export function checkStructure(input: SalaryStructureInput, decimals: number): { ok: true; components: ComponentRow[]; compiled: Omit<CompiledStructure, 'id'> } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const name = (input.name ?? '').trim();
  if (name.length < 1 || name.length > 100) problems.push({ field: 'name', message: 'must be 1-100 characters' });
  const given = input.components ?? [];
  if (given.length < 1 || given.length > MAX_COMPONENTS) problems.push({ field: 'components', message: `must hold 1 to ${MAX_COMPONENTS} components` });
  const components: ComponentRow[] = given.map((c: SalaryComponentInput) => ({
    code: (c.code ?? '').trim(),
    name: (c.name ?? '').trim(),
    kind: c.kind,
    amount: c.amount === null || c.amount === undefined || c.amount.trim() === '' ? null : c.amount.trim(),
    formula: c.formula === null || c.formula === undefined || c.formula.trim() === '' ? null : c.formula.trim(),
  }));
  const codes = new Set<string>();
  const formulas = new Map<string, Formula>();
  const reads = new Map<string, string[]>();
  const amounts = new Map<string, bigint>();
  components.forEach((c, i) => {
    const field = (f: string) => `components.${i}.${f}`;
    const label = c.code || `#${i + 1}`;
    if (!isCode(c.code)) problems.push({ field: field('code'), message: `component ${label}: the code must start with a capital and hold only capitals, digits and _ (at most 40)` });
    else if (codes.has(c.code)) problems.push({ field: field('code'), message: `component ${label}: the code is used twice` });
    codes.add(c.code);
    if (c.name.length < 1 || c.name.length > 100) problems.push({ field: field('name'), message: `component ${label}: the name must be 1-100 characters` });
    if (c.kind !== 'EARNING' && c.kind !== 'DEDUCTION') problems.push({ field: field('kind'), message: `component ${label}: kind must be EARNING or DEDUCTION` });
    if ((c.amount === null) === (c.formula === null)) problems.push({ field: field('amount'), message: `component ${label}: give either amount or formula` });
    if (c.amount !== null) {
      const minor = parseMinor(c.amount, decimals);
      if (minor === null) problems.push({ field: field('amount'), message: `component ${label}: the amount must be a decimal with at most ${decimals} decimals` });
      else amounts.set(c.code, minor);
    }
  });
  components.forEach((c, i) => {
    if (c.formula === null) return;
    const compiled = compileFormula(c.formula, (n) => isPeriodInput(n) || (codes.has(n) && n !== c.code));
    if (!compiled.ok) {
      const self = compiled.problem === `unknown name ${c.code}` ? `unknown name ${c.code} (a component cannot read itself)` : compiled.problem;
      problems.push({ field: `components.${i}.formula`, message: `component ${c.code}: ${self}` });
      return;
    }
    formulas.set(c.code, compiled.formula);
    reads.set(c.code, compiled.names.filter((n) => codes.has(n)));
  });
  const order = evaluationOrder(components.map((c) => c.code), reads);
  if (!order.ok) {
    const at = components.findIndex((c) => c.code === order.cycle[0]);
    problems.push({ field: `components.${at}.formula`, message: `component ${order.cycle[0]}: its formula depends on itself through ${order.cycle.join(' → ')}` });
  }
  if (problems.length > 0 || !order.ok) return { ok: false, problems };
  const byCode = new Map(components.map((c) => [c.code, c]));
  return {
    ok: true,
    components,
    compiled: {
      components,
      order: order.codes.map((code) => ({ component: byCode.get(code)!, formula: formulas.get(code) ?? null, amountMinor: amounts.get(code) ?? null })),
    },
  };
}

/** The codes in an order where each comes after those it reads, or a cycle (its path, first code repeated last). */
export function evaluationOrder(codes: string[], reads: Map<string, string[]>): { ok: true; codes: string[] } | { ok: false; cycle: string[] } {
  const state = new Map<string, 'visiting' | 'done'>();
  const ordered: string[] = [];
  const path: string[] = [];
  const visit = (code: string): string[] | null => {
    if (state.get(code) === 'done') return null;
    if (state.get(code) === 'visiting') return [...path.slice(path.indexOf(code)), code];
    state.set(code, 'visiting');
    path.push(code);
    for (const next of reads.get(code) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(code, 'done');
    ordered.push(code);
    return null;
  };
  for (const code of codes) {
    const cycle = visit(code);
    if (cycle) return { ok: false, cycle };
  }
  return { ok: true, codes: ordered };
}

/** A stored structure compiled for a run (it was checked when saved; a failure here means the currency changed since). */
export function compileStructure(row: Pick<StructureRow, 'id' | 'name' | 'components'>, decimals: number): CompiledStructure | { problem: string } {
  const checked = checkStructure({ name: row.name, components: row.components }, decimals);
  if (!checked.ok) return { problem: `structure ${row.id}: ${checked.problems.map((p) => p.message).join('; ')}` };
  return { id: row.id, ...checked.compiled };
}
