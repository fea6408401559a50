/**
 * The leave ledger: immutable entries with deterministic keys, and a materialised balance per
 * employee and type changed in the same transaction as each entry. Posting the same movement twice
 * is a no-op (the entry's conditional put fails, nothing is written); the balance is always the sum
 * of the ledger; reading it costs one item, however long the history.
 *
 * Requests (issue 14 §4) post through {@link postTaken} (with the type's negative-balance rule as
 * the balance item's condition, so the check and the debit are one atomic step) and
 * {@link postCancellation} (a reversal, only of a TAKEN entry that exists, only once).
 */
import {
  BatchGetItemCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
  type AttributeValue,
  type DynamoDBClient,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { DomainError } from '../domain-error.ts';
import { tenantItems } from '../dynamo-query.ts';
import type { LeaveEntryKind, LeaveLedgerEntry, LeaveUnit } from '../generated/graphql.ts';
import { addDays } from '../model/dates.ts';
import { tenantKey } from '../model/keys.ts';
import { inPool } from '../pool.ts';
import { balanceKey, employeeBalancesPrefix, ledgerEntryKey, ledgerPrefix } from './model/keys.ts';
import { formatAmount } from './quantity.ts';

export interface LedgerStore {
  dynamodb: DynamoDBClient;
  leaveTable: string;
}

/** A stored entry. `amount` is signed base units. */
export interface LedgerEntryRow {
  TenantId: string;
  EntityItem: string;
  employeeId: string;
  leaveTypeId: string;
  kind: LeaveEntryKind;
  amount: number;
  date: string;
  source: string;
  unit: LeaveUnit;
  carried: number | null;
  reason: string | null;
  postedBy: string;
  postedAt: string;
}

/** The materialised balance: the sum of every entry of the employee and type, and their count. */
export interface BalanceRow {
  TenantId: string;
  EntityItem: string;
  employeeId: string;
  leaveTypeId: string;
  unit: LeaveUnit;
  total: number;
  entries: number;
  updatedAt: string;
}

/**
 * What the accrual runner has posted for one slot (a period, a year end, an expiry): kept on the
 * balance item as the attribute `slot:<name>` ({@link slotAttribute}), so the runner's bookkeeping
 * changes with the balance it describes, in the same item, and costs no item of its own.
 */
export interface SlotState {
  posted: number;
  entries: number;
  carried: number | null;
}

export function slotAttribute(slot: string): string {
  return `slot:${slot}`;
}

/** A slot's state on a balance item (none: nothing posted yet). */
export function slotState(balance: Record<string, unknown> | undefined, slot: string): SlotState | undefined {
  return balance?.[slotAttribute(slot)] as SlotState | undefined;
}

/** One movement to post. The key comes from employee, type, date and source: the same source is the same entry. */
export interface Posting {
  tenantId: string;
  employeeId: string;
  leaveTypeId: string;
  unit: LeaveUnit;
  kind: LeaveEntryKind;
  amount: number;
  date: string;
  /** What caused it: an accrual slot (`M-2027-03`), a request (`REQ-<id>`), an adjustment (`ADJ-<id>`). */
  source: string;
  carried?: number | null;
  reason?: string | null;
  postedBy: string;
  postedAt: string;
  /** The balance after posting must stay ≥ this (a request's negative-balance rule); none: unchecked. */
  floor?: number;
  /** The entry must reverse this existing entry (its sort key), and only once. */
  reverses?: string;
  /** The runner's slot bookkeeping (on the balance item), changed with it, conditional on what it read. */
  slot?: { name: string; expectedEntries: number; posted: number; carried: number | null };
}

export function entryKeyOf(posting: Pick<Posting, 'employeeId' | 'leaveTypeId' | 'date' | 'source'>): string {
  return ledgerEntryKey(posting.employeeId, posting.leaveTypeId, posting.date, posting.source);
}

/** The transaction items of one posting: the entry (only if new), the balance, the slot. */
export function postingWrites(table: string, posting: Posting): TransactWriteItem[] {
  if (!Number.isInteger(posting.amount)) throw new Error('a ledger amount must be whole base units');
  const partition = tenantKey(posting.tenantId);
  const entry: LedgerEntryRow = {
    TenantId: partition,
    EntityItem: entryKeyOf(posting),
    employeeId: posting.employeeId,
    leaveTypeId: posting.leaveTypeId,
    kind: posting.kind,
    amount: posting.amount,
    date: posting.date,
    source: posting.source,
    unit: posting.unit,
    carried: posting.carried ?? null,
    reason: posting.reason ?? null,
    postedBy: posting.postedBy,
    postedAt: posting.postedAt,
  };
  const writes: TransactWriteItem[] = [
    { Put: { TableName: table, Item: marshall(entry), ConditionExpression: 'attribute_not_exists(EntityItem)' } },
  ];
  const values: Record<string, unknown> = { ':amount': posting.amount, ':one': 1, ':unit': posting.unit, ':employee': posting.employeeId, ':type': posting.leaveTypeId, ':now': posting.postedAt };
  const names: Record<string, string> = { '#total': 'total', '#entries': 'entries', '#unit': 'unit' };
  const conditions: string[] = [];
  let update = 'ADD #total :amount, #entries :one SET #unit = :unit, employeeId = :employee, leaveTypeId = :type, updatedAt = :now';
  if (posting.floor !== undefined) {
    // total + amount ≥ floor  ⇔  total ≥ floor − amount; a missing balance is 0.
    const need = posting.floor - posting.amount;
    values[':need'] = need;
    conditions.push(need <= 0 ? '(attribute_not_exists(#total) OR #total >= :need)' : '#total >= :need');
  }
  if (posting.slot) {
    // The runner's bookkeeping of the slot, conditional on what it read: a concurrent run posts it once.
    const slot = posting.slot;
    names['#slot'] = slotAttribute(slot.name);
    values[':slot'] = { posted: slot.posted, entries: slot.expectedEntries + 1, carried: slot.carried } satisfies SlotState;
    update += ', #slot = :slot';
    if (slot.expectedEntries === 0) conditions.push('attribute_not_exists(#slot)');
    else {
      names['#slotEntries'] = 'entries';
      values[':expected'] = slot.expectedEntries;
      conditions.push('#slot.#slotEntries = :expected');
    }
  }
  writes.push({
    Update: {
      TableName: table,
      Key: marshall({ TenantId: partition, EntityItem: balanceKey(posting.employeeId, posting.leaveTypeId) }),
      UpdateExpression: update,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: marshall(values),
      ...(conditions.length > 0 ? { ConditionExpression: conditions.join(' AND ') } : {}),
    },
  });
  if (posting.reverses) {
    writes.push({
      ConditionCheck: {
        TableName: table,
        Key: marshall({ TenantId: partition, EntityItem: posting.reverses }),
        ConditionExpression: 'kind = :taken',
        ExpressionAttributeValues: marshall({ ':taken': 'TAKEN' }),
      },
    });
  }
  return writes;
}

export type PostOutcome = 'posted' | 'duplicate' | 'refused';

/**
 * Posts one movement. `duplicate`: this entry (or this slot's next entry) exists already, nothing
 * written; `refused`: the balance condition failed (below the floor) or the reversed entry is
 * missing, nothing written.
 */
export async function post(store: LedgerStore, posting: Posting): Promise<PostOutcome> {
  try {
    await store.dynamodb.send(new TransactWriteItemsCommand({ TransactItems: postingWrites(store.leaveTable, posting) }));
    return 'posted';
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    const reasons = (error.CancellationReasons ?? []).map((r) => r.Code ?? 'None');
    // 0: the entry exists, or 1 for a runner's slot: someone posted it already.
    if (reasons[0] === 'ConditionalCheckFailed' || (posting.slot && reasons[1] === 'ConditionalCheckFailed')) return 'duplicate';
    if (reasons.includes('ConditionalCheckFailed')) return 'refused';
    throw error;
  }
}

/**
 * Posts many movements in as few transactions as possible (each at most 100 items; a balance once
 * per transaction), `concurrency` transactions in flight (their items are distinct). When a
 * transaction is cancelled (a concurrent or repeated post), its postings are retried one by one:
 * each then lands, or is found to be a duplicate. Postings of one balance keep their order.
 */
export async function postMany(
  store: LedgerStore,
  postings: Posting[],
  options: { beforeWrite?: (items: number) => Promise<void>; concurrency?: number } = {},
): Promise<{ posted: number; duplicates: number; refused: number }> {
  const result = { posted: 0, duplicates: 0, refused: 0 };
  // Rounds: the n-th posting of a balance goes in round n, so order per balance holds.
  const rounds: Posting[][] = [];
  const seen = new Map<string, number>();
  for (const posting of postings) {
    const balance = `${posting.employeeId}#${posting.leaveTypeId}`;
    const round = seen.get(balance) ?? 0;
    seen.set(balance, round + 1);
    (rounds[round] ??= []).push(posting);
  }
  const send = async (batch: Posting[]) => {
    await options.beforeWrite?.(batch.reduce((n, p) => n + writesOf(p), 0));
    try {
      await store.dynamodb.send(new TransactWriteItemsCommand({ TransactItems: batch.flatMap((p) => postingWrites(store.leaveTable, p)) }));
      result.posted += batch.length;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      for (const posting of batch) {
        const outcome = await post(store, posting);
        result[outcome === 'posted' ? 'posted' : outcome === 'duplicate' ? 'duplicates' : 'refused'] += 1;
      }
    }
  };
  for (const round of rounds) {
    const chunks: Posting[][] = [];
    let chunk: Posting[] = [];
    let items = 0;
    for (const posting of round) {
      if (items + writesOf(posting) > 100) {
        chunks.push(chunk);
        chunk = [];
        items = 0;
      }
      chunk.push(posting);
      items += writesOf(posting);
    }
    if (chunk.length > 0) chunks.push(chunk);
    await inPool(chunks, options.concurrency ?? 4, send);
  }
  return result;
}

function writesOf(posting: Posting): number {
  return 2 + (posting.reverses ? 1 : 0);
}

/** Posts a request's debit (amount > 0 is taken) unless the balance would fall below −limit. */
export async function postTaken(store: LedgerStore, args: { tenantId: string; employeeId: string; leaveTypeId: string; unit: LeaveUnit; requestId: string; date: string; amount: number; negativeLimit: number; postedBy: string; postedAt: string }): Promise<PostOutcome> {
  if (!(args.amount > 0)) throw new DomainError('VALIDATION_ERROR', 'A request takes more than zero.', [{ field: 'amount', message: 'must be more than 0' }]);
  return post(store, {
    tenantId: args.tenantId, employeeId: args.employeeId, leaveTypeId: args.leaveTypeId, unit: args.unit,
    kind: 'TAKEN', amount: -args.amount, date: args.date, source: `REQ-${args.requestId}`,
    floor: -args.negativeLimit, postedBy: args.postedBy, postedAt: args.postedAt,
  });
}

/** Posts the reversal of a request's TAKEN entry (a cancellation after approval): once, and only if it was taken. */
export async function postCancellation(store: LedgerStore, args: { tenantId: string; employeeId: string; leaveTypeId: string; unit: LeaveUnit; requestId: string; takenDate: string; amount: number; postedBy: string; postedAt: string }): Promise<PostOutcome> {
  const taken = ledgerEntryKey(args.employeeId, args.leaveTypeId, args.takenDate, `REQ-${args.requestId}`);
  return post(store, {
    tenantId: args.tenantId, employeeId: args.employeeId, leaveTypeId: args.leaveTypeId, unit: args.unit,
    kind: 'CANCELLED', amount: args.amount, date: args.takenDate, source: `REQ-${args.requestId}-CANCEL`,
    reverses: taken, postedBy: args.postedBy, postedAt: args.postedAt,
  });
}

/**
 * A request's movements as transaction items: one entry per day (TAKEN, or its CANCELLED reversal)
 * with the request's deterministic keys (`REQ-<id>` and `REQ-<id>-CANCEL` on the day's date, the
 * very keys {@link postTaken} and {@link postCancellation} use), and ONE change of the balance by
 * their sum (a transaction may touch an item once), under the type's negative-balance floor when
 * taking. An entry that exists fails the transaction: nothing is ever posted twice.
 */
export function requestPostingWrites(table: string, args: {
  tenantId: string; employeeId: string; leaveTypeId: string; unit: LeaveUnit; requestId: string;
  days: readonly { date: string; amount: number }[]; kind: 'TAKEN' | 'CANCELLED'; negativeLimit?: number; postedBy: string; postedAt: string;
}): TransactWriteItem[] {
  const days = args.days.filter((d) => d.amount > 0);
  if (days.length === 0) return [];
  const sign = args.kind === 'TAKEN' ? -1 : 1;
  const source = args.kind === 'TAKEN' ? `REQ-${args.requestId}` : `REQ-${args.requestId}-CANCEL`;
  const partition = tenantKey(args.tenantId);
  const writes: TransactWriteItem[] = days.map((day) => {
    if (!Number.isInteger(day.amount)) throw new Error('a ledger amount must be whole base units');
    const entry: LedgerEntryRow = {
      TenantId: partition, EntityItem: ledgerEntryKey(args.employeeId, args.leaveTypeId, day.date, source), employeeId: args.employeeId, leaveTypeId: args.leaveTypeId,
      kind: args.kind, amount: sign * day.amount, date: day.date, source, unit: args.unit, carried: null, reason: null, postedBy: args.postedBy, postedAt: args.postedAt,
    };
    return { Put: { TableName: table, Item: marshall(entry), ConditionExpression: 'attribute_not_exists(EntityItem)' } };
  });
  const amount = sign * days.reduce((sum, d) => sum + d.amount, 0);
  const values: Record<string, unknown> = { ':amount': amount, ':count': days.length, ':unit': args.unit, ':employee': args.employeeId, ':type': args.leaveTypeId, ':now': args.postedAt };
  let condition: string | undefined;
  if (args.kind === 'TAKEN') {
    const need = -(args.negativeLimit ?? 0) - amount;
    values[':need'] = need;
    condition = need <= 0 ? '(attribute_not_exists(#total) OR #total >= :need)' : '#total >= :need';
  }
  writes.push({
    Update: {
      TableName: table,
      Key: marshall({ TenantId: partition, EntityItem: balanceKey(args.employeeId, args.leaveTypeId) }),
      UpdateExpression: 'ADD #total :amount, #entries :count SET #unit = :unit, employeeId = :employee, leaveTypeId = :type, updatedAt = :now',
      ExpressionAttributeNames: { '#total': 'total', '#entries': 'entries', '#unit': 'unit' },
      ExpressionAttributeValues: marshall(values),
      ...(condition ? { ConditionExpression: condition } : {}),
    },
  });
  return writes;
}

/** One balance item (or null: no entry yet). */
export async function readBalance(store: LedgerStore, tenantId: string, employeeId: string, leaveTypeId: string): Promise<BalanceRow | null> {
  const found = await batchGet<BalanceRow>(store, tenantId, [balanceKey(employeeId, leaveTypeId)]);
  return found.get(balanceKey(employeeId, leaveTypeId)) ?? null;
}

/** An employee's balance items, every type. */
export function readBalances(store: LedgerStore, tenantId: string, employeeId: string): Promise<BalanceRow[]> {
  return tenantItems<BalanceRow>(store.dynamodb, store.leaveTable, tenantId, employeeBalancesPrefix(employeeId), { consistent: true });
}

/** Entries of an employee and type dated from `from` (inclusive) on, oldest first. */
export function entriesFrom(store: LedgerStore, tenantId: string, employeeId: string, leaveTypeId: string, from: string): Promise<LedgerEntryRow[]> {
  const prefix = ledgerPrefix(employeeId, leaveTypeId);
  return tenantItems<LedgerEntryRow>(store.dynamodb, store.leaveTable, tenantId, { from: `${prefix}${from}`, to: `${prefix}~` }, { consistent: true });
}

/** The balance on `asOf`: the materialised total less the entries dated after it (only the tail is read). */
export async function balanceAsOf(store: LedgerStore, tenantId: string, employeeId: string, leaveTypeId: string, asOf: string): Promise<number> {
  const [balance, later] = await Promise.all([readBalance(store, tenantId, employeeId, leaveTypeId), entriesFrom(store, tenantId, employeeId, leaveTypeId, addDays(asOf, 1))]);
  return (balance?.total ?? 0) - later.reduce((sum, e) => sum + e.amount, 0);
}

/** Items by sort key, 100 keys per request (four requests in flight), following unprocessed keys. */
export async function batchGet<T>(store: LedgerStore, tenantId: string, keys: string[]): Promise<Map<string, T>> {
  const found = new Map<string, T>();
  const partition = tenantKey(tenantId);
  const unique = [...new Set(keys)];
  const chunks: string[][] = [];
  for (let i = 0; i < unique.length; i += 100) chunks.push(unique.slice(i, i + 100));
  await inPool(chunks, 4, async (chunk) => {
    let request: Record<string, AttributeValue>[] = chunk.map((k) => marshall({ TenantId: partition, EntityItem: k }));
    while (request.length > 0) {
      const answer = await store.dynamodb.send(new BatchGetItemCommand({ RequestItems: { [store.leaveTable]: { Keys: request, ConsistentRead: true } } }));
      for (const item of answer.Responses?.[store.leaveTable] ?? []) {
        const row = unmarshall(item) as T & { EntityItem: string };
        found.set(row.EntityItem, row);
      }
      request = (answer.UnprocessedKeys?.[store.leaveTable]?.Keys ?? []) as Record<string, AttributeValue>[];
    }
  });
  return found;
}

export function ledgerEntryView(row: LedgerEntryRow): Omit<LeaveLedgerEntry, '__typename'> {
  return {
    id: `${row.date}#${row.source}`,
    leaveTypeId: row.leaveTypeId,
    kind: row.kind,
    amount: formatAmount(row.amount, row.unit),
    date: row.date,
    carried: row.carried === null || row.carried === undefined ? null : formatAmount(row.carried, row.unit),
    reason: row.reason,
    postedBy: row.postedBy,
    postedAt: row.postedAt,
  };
}
