/**
 * The accrual run of one tenant and month (`AIML-SaaS-Employee-Earn-AL`): for every employee with
 * a contract and every leave type with policies, the slots the month touches (accrual.ts), the
 * year-end carry-forward in December and the expiry of carried leave in its month. Each slot's
 * amount is recomputed from the policies and contracts as they are now and compared with what
 * the slot has posted (kept on the balance item): only a difference is posted — the first entry of a slot
 * as ACCRUAL/ALLOCATION/CARRY_FORWARD/EXPIRY, later ones as ADJUSTMENT. So a duplicate delivery or
 * a re-run posts nothing, a run that crashed halfway picks up where it stopped, and a re-run for a
 * past period after a correction posts the difference. Reads are batched (one Query for contracts,
 * 100 balance items per BatchGetItem), writes are transactions of up to 100 items, paced.
 */
import { tenantItems } from '../dynamo-query.ts';
import { EMPLOYMENT_PREFIXES } from '../employment/model/keys.ts';
import type { ContractRow } from '../employment/model/contracts.ts';
import type { Logger } from '../logger.ts';
import { inPool } from '../pool.ts';
import { accrualSlots, carryForward, EmployeeYear, expiry, expiryDate, yearEndPolicy, type Policy, type SlotAmount } from './accrual.ts';
import type { LeavePolicyRow, LeaveTypeRow } from './definitions.ts';
import { batchGet, entriesFrom, postMany, slotState, type BalanceRow, type LedgerEntryRow, type LedgerStore, type Posting } from './ledger.ts';
import { balanceKey, LEAVE_PREFIXES } from './model/keys.ts';
import { tokenBucket, type Pacer } from './pacing.ts';
import { addDays } from '../model/dates.ts';

export const EARN_RUNNER = 'AIML-SaaS-Employee-Earn-AL';
/**
 * Default pace: items written per second. A tenant is one partition key; its entries and balances
 * are two sort-key ranges DynamoDB can split apart for heat, so 1,000 items a second (500 a range,
 * 1,000 WCU each as transactional writes cost two) stays within what one partition takes.
 */
export const DEFAULT_WRITES_PER_SECOND = 1_000;
const BATCH = 250;

export interface EarnStore extends LedgerStore {
  employmentTable: string;
}

export interface EarnInput {
  store: EarnStore;
  tenantId: string;
  /** The month to run, `YYYY-MM`. */
  period: string;
  postedAt: string;
  writesPerSecond?: number;
  pacer?: Pacer;
  progress?: (done: number, total: number) => Promise<void>;
  log?: Logger;
  /** Employees per batch of reads and writes (default 250). */
  batchSize?: number;
}

export interface EarnResult {
  employees: number;
  posted: number;
  duplicates: number;
  /** Items read (contracts, slots, balances, ledger tails): what the run cost in reads. */
  reads: number;
}

interface Planned {
  employeeId: string;
  type: LeaveTypeRow;
  slot: SlotAmount;
  carried?: number;
}

/** Reads the tenant's types, policies and every contract. */
export async function earnInputs(store: EarnStore, tenantId: string) {
  const [types, policies, contracts] = await Promise.all([
    tenantItems<LeaveTypeRow>(store.dynamodb, store.leaveTable, tenantId, LEAVE_PREFIXES.type),
    tenantItems<LeavePolicyRow>(store.dynamodb, store.leaveTable, tenantId, LEAVE_PREFIXES.policy),
    tenantItems<ContractRow>(store.dynamodb, store.employmentTable, tenantId, EMPLOYMENT_PREFIXES.contract),
  ]);
  const byEmployee = new Map<string, ContractRow[]>();
  for (const contract of contracts) byEmployee.set(contract.employeeId, [...(byEmployee.get(contract.employeeId) ?? []), contract]);
  const byType = new Map<string, Policy[]>();
  for (const policy of policies) byType.set(policy.leaveTypeId, [...(byType.get(policy.leaveTypeId) ?? []), policy]);
  return { types: types.filter((t) => byType.has(t.id)), policiesByType: byType, contractsByEmployee: byEmployee, contractItems: contracts.length };
}

export async function earnPeriod(input: EarnInput): Promise<EarnResult> {
  const { store, tenantId, period } = input;
  const pacer = input.pacer ?? tokenBucket(input.writesPerSecond ?? DEFAULT_WRITES_PER_SECOND);
  const { types, policiesByType, contractsByEmployee, contractItems } = await earnInputs(store, tenantId);
  const employees = [...contractsByEmployee.keys()].sort();
  const result: EarnResult = { employees: employees.length, posted: 0, duplicates: 0, reads: contractItems };
  const year = Number(period.slice(0, 4));
  const month = Number(period.slice(5, 7));
  const yearEnd = `${year}-12-31`;

  const size = input.batchSize ?? BATCH;
  for (let i = 0; i < employees.length; i += size) {
    const batch = employees.slice(i, i + size);
    const planned: Planned[] = [];
    const yearEnds: { employeeId: string; type: LeaveTypeRow; cap: number | null }[] = [];
    const expiries: { employeeId: string; type: LeaveTypeRow; date: string; carriedYear: number }[] = [];
    for (const employeeId of batch) {
      for (const type of types) {
        const employee = new EmployeeYear(contractsByEmployee.get(employeeId) ?? [], policiesByType.get(type.id) ?? []);
        for (const slot of accrualSlots(employee, period)) planned.push({ employeeId, type, slot });
        if (month === 12) {
          const policy = yearEndPolicy(employee, year);
          if (policy) yearEnds.push({ employeeId, type, cap: policy.carryForwardMax });
        }
        const last = yearEndPolicy(employee, year - 1);
        if (last?.carryForwardExpiryMonths === month) expiries.push({ employeeId, type, date: expiryDate(year - 1, month), carriedYear: year - 1 });
      }
    }
    // One item per employee and type: the balance, with what each slot has posted.
    const balanceKeys = [...new Set([...planned, ...yearEnds, ...expiries].map((p) => balanceKey(p.employeeId, p.type.id)))];
    const balances = await batchGet<BalanceRow & Record<string, unknown>>(store, tenantId, balanceKeys);
    result.reads += balanceKeys.length;
    const state = (employeeId: string, typeId: string, name: string) => slotState(balances.get(balanceKey(employeeId, typeId)), name);
    const plannedOf = new Map<string, Planned[]>();
    for (const p of planned) plannedOf.set(`${p.employeeId}#${p.type.id}`, [...(plannedOf.get(`${p.employeeId}#${p.type.id}`) ?? []), p]);
    const pendingAmount = (employeeId: string, typeId: string, through: string) =>
      (plannedOf.get(`${employeeId}#${typeId}`) ?? []).filter((p) => p.slot.date <= through)
        .reduce((sum, p) => sum + (p.slot.amount - (state(employeeId, typeId, p.slot.name)?.posted ?? 0)), 0);

    // Year end and expiry need the balance on a day: the materialised total less the entries after it.
    const ledgerNeeds = [...yearEnds.map((y) => ({ ...y, from: addDays(yearEnd, 1) })), ...expiries.map((e) => ({ ...e, from: `${e.carriedYear + 1}-01-01` }))];
    const tails = new Map<string, LedgerEntryRow[]>();
    const tailReads = new Map(ledgerNeeds.map((need) => [`${need.employeeId}#${need.type.id}#${need.from}`, need]));
    await inPool([...tailReads], 4, async ([key, need]) => {
      const rows = await entriesFrom(store, tenantId, need.employeeId, need.type.id, need.from);
      tails.set(key, rows);
      result.reads += rows.length;
    });
    const balanceOn = (employeeId: string, typeId: string, from: string, day: string) => {
      const total = balances.get(balanceKey(employeeId, typeId))?.total ?? 0;
      return total - (tails.get(`${employeeId}#${typeId}#${from}`) ?? []).filter((e) => e.date > day).reduce((s, e) => s + e.amount, 0);
    };

    for (const y of yearEnds) {
      const own = state(y.employeeId, y.type.id, `C-${year}`);
      const before = balanceOn(y.employeeId, y.type.id, addDays(yearEnd, 1), yearEnd) - (own?.posted ?? 0) + pendingAmount(y.employeeId, y.type.id, yearEnd);
      const cut = carryForward(before, y.cap);
      planned.push({ employeeId: y.employeeId, type: y.type, slot: { name: `C-${year}`, date: yearEnd, kind: 'CARRY_FORWARD', amount: cut.amount }, carried: cut.carried });
    }
    for (const e of expiries) {
      const carried = state(e.employeeId, e.type.id, `C-${e.carriedYear}`)?.carried ?? 0;
      const from = `${e.carriedYear + 1}-01-01`;
      const used = -(tails.get(`${e.employeeId}#${e.type.id}#${from}`) ?? [])
        .filter((x) => x.date <= e.date && (x.kind === 'TAKEN' || x.kind === 'CANCELLED'))
        .reduce((s, x) => s + x.amount, 0);
      const own = state(e.employeeId, e.type.id, `E-${e.carriedYear}`);
      const balance = balanceOn(e.employeeId, e.type.id, from, e.date) - (own?.posted ?? 0) + pendingAmount(e.employeeId, e.type.id, e.date);
      planned.push({ employeeId: e.employeeId, type: e.type, slot: { name: `E-${e.carriedYear}`, date: e.date, kind: 'EXPIRY', amount: expiry(carried, used, balance) } });
    }

    const postings: Posting[] = [];
    for (const p of planned) {
      const current = state(p.employeeId, p.type.id, p.slot.name);
      const posted = current?.posted ?? 0;
      const entries = current?.entries ?? 0;
      const carried = p.carried ?? null;
      const difference = p.slot.amount - posted;
      const isCarry = p.slot.kind === 'CARRY_FORWARD';
      const due = entries === 0 ? difference !== 0 || isCarry : difference !== 0 || (isCarry && carried !== (current?.carried ?? null));
      if (!due) continue;
      postings.push({
        tenantId, employeeId: p.employeeId, leaveTypeId: p.type.id, unit: p.type.unit,
        kind: entries === 0 ? p.slot.kind : 'ADJUSTMENT',
        amount: difference,
        date: p.slot.date,
        source: entries === 0 ? p.slot.name : `${p.slot.name}-r${entries + 1}`,
        carried,
        reason: entries === 0 ? null : `correction of ${p.slot.name} after a policy or contract change`,
        postedBy: EARN_RUNNER,
        postedAt: input.postedAt,
        slot: { name: p.slot.name, expectedEntries: entries, posted: p.slot.amount, carried },
      });
    }
    const written = await postMany(store, postings, { beforeWrite: (items) => pacer.take(items) });
    result.posted += written.posted;
    result.duplicates += written.duplicates;
    await input.progress?.(Math.min(i + size, employees.length), employees.length);
  }
  input.log?.info('leave accrual run', { period, employees: result.employees, posted: result.posted, duplicates: result.duplicates });
  return result;
}
