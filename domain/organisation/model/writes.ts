/**
 * Item writes described once, as data: the organisation's rules build them, then APPSYNC_JS
 * resolvers send them as AppSync transaction items, the Lambda and the assignments API as AWS SDK
 * v3 items (domain/organisation/sdk-writes.ts), and tests apply them to an in-memory table. The
 * expressions are built here, so the two wire shapes cannot disagree on what a write means.
 */
import type { ErrorType } from '../../model/errors.ts';

export interface ItemKey {
  TenantId: string;
  EntityItem: string;
}

/** A condition on one attribute (a dotted path reaches into a map: `MoveLock.id`). */
export type Condition =
  | { attribute: string; is: 'equal'; value: unknown }
  | { attribute: string; is: 'present' }
  | { attribute: string; is: 'absent' };

export type ItemWrite =
  | { kind: 'put'; key: ItemKey; item: Record<string, unknown>; conditions: Condition[] }
  | {
      kind: 'update';
      key: ItemKey;
      set: Record<string, unknown>;
      /** Counters: numbers added atomically (negative to subtract). */
      add: Record<string, number>;
      remove: string[];
      conditions: Condition[];
    }
  | { kind: 'delete'; key: ItemKey; conditions: Condition[] }
  | { kind: 'check'; key: ItemKey; conditions: Condition[] };

/** What to tell the caller when the write's condition fails (`field`: the input field at fault). */
export interface WriteOutcome {
  type: ErrorType;
  message: string;
  field?: string;
}

export interface GuardedWrite {
  write: ItemWrite;
  onConditionFailed: WriteOutcome;
}

/** DynamoDB's limit on the items of one TransactWriteItems. */
export const MAX_TRANSACTION_ITEMS = 100;

export const exists = (attribute = 'EntityItem'): Condition => ({ attribute, is: 'present' });
export const absent = (attribute = 'EntityItem'): Condition => ({ attribute, is: 'absent' });
export const equal = (attribute: string, value: unknown): Condition => ({ attribute, is: 'equal', value });

export function put(key: ItemKey, item: Record<string, unknown>, conditions: Condition[], onConditionFailed: WriteOutcome): GuardedWrite {
  return { write: { kind: 'put', key, item, conditions }, onConditionFailed };
}

export function update(
  key: ItemKey,
  changes: { set?: Record<string, unknown>; add?: Record<string, number>; remove?: string[] },
  conditions: Condition[],
  onConditionFailed: WriteOutcome,
): GuardedWrite {
  return {
    write: { kind: 'update', key, set: changes.set ?? {}, add: changes.add ?? {}, remove: changes.remove ?? [], conditions },
    onConditionFailed,
  };
}

export function remove(key: ItemKey, conditions: Condition[], onConditionFailed: WriteOutcome): GuardedWrite {
  return { write: { kind: 'delete', key, conditions }, onConditionFailed };
}

export function check(key: ItemKey, conditions: Condition[], onConditionFailed: WriteOutcome): GuardedWrite {
  return { write: { kind: 'check', key, conditions }, onConditionFailed };
}

/** An expression with its own placeholders, as both AppSync and the SDK take them. */
export interface Expression {
  expression: string;
  names: Record<string, string>;
  values: Record<string, unknown>;
}

function pathOf(attribute: string, placeholder: string, names: Record<string, string>): string {
  return attribute
    .split('.')
    .map((segment, i) => {
      const name = `#${placeholder}_${i}`;
      names[name] = segment;
      return name;
    })
    .join('.');
}

/** `attribute_exists(#c0_0) AND #c1_0 = :c1`; null when there is no condition. */
export function conditionExpression(conditions: Condition[]): Expression | null {
  if (conditions.length === 0) return null;
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const parts = conditions.map((c, i) => {
    const path = pathOf(c.attribute, `c${i}`, names);
    if (c.is === 'present') return `attribute_exists(${path})`;
    if (c.is === 'absent') return `attribute_not_exists(${path})`;
    values[`:c${i}`] = c.value;
    return `${path} = :c${i}`;
  });
  return { expression: parts.join(' AND '), names, values };
}

/** `SET #s0_0 = :s0 ADD #a0_0 :a0 REMOVE #r0_0` for an update write. */
export function updateExpression(write: { set: Record<string, unknown>; add: Record<string, number>; remove: string[] }): Expression {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const clauses: string[] = [];
  const sets = Object.keys(write.set).map((attribute, i) => {
    values[`:s${i}`] = write.set[attribute];
    return `${pathOf(attribute, `s${i}`, names)} = :s${i}`;
  });
  if (sets.length > 0) clauses.push(`SET ${sets.join(', ')}`);
  const adds = Object.keys(write.add).map((attribute, i) => {
    values[`:a${i}`] = write.add[attribute];
    return `${pathOf(attribute, `a${i}`, names)} :a${i}`;
  });
  if (adds.length > 0) clauses.push(`ADD ${adds.join(', ')}`);
  const removes = write.remove.map((attribute, i) => pathOf(attribute, `r${i}`, names));
  if (removes.length > 0) clauses.push(`REMOVE ${removes.join(', ')}`);
  return { expression: clauses.join(' '), names, values };
}

/** `TENANT#acme` + `DEPT#1` → the key of an item in the tenant's partition. */
export function itemKey(tenantKey: string, entityItem: string): ItemKey {
  return { TenantId: tenantKey, EntityItem: entityItem };
}

/** Whether a write only adds to counters (so two of them on one item can become one). */
function countersOnly(write: ItemWrite): write is Extract<ItemWrite, { kind: 'update' }> {
  return write.kind === 'update' && Object.keys(write.set).length === 0 && write.remove.length === 0;
}

/**
 * Writes of several changes as one transaction's: counter updates of the same item become one
 * update (their additions summed, their conditions joined, the more telling outcome kept). Other
 * writes are kept as they are (DynamoDB refuses a transaction that writes an item twice).
 */
export function mergeWrites(writes: GuardedWrite[]): GuardedWrite[] {
  return writes.reduce((merged: GuardedWrite[], next) => {
    const at = merged.findIndex((w) => sameItem(w.write.key, next.write.key) && countersOnly(w.write) && countersOnly(next.write));
    if (at < 0) return [...merged, next];
    const earlier = merged[at] as GuardedWrite;
    const a = earlier.write as Extract<ItemWrite, { kind: 'update' }>;
    const b = next.write as Extract<ItemWrite, { kind: 'update' }>;
    const add: Record<string, number> = { ...a.add };
    Object.keys(b.add).forEach((counter) => {
      add[counter] = (add[counter] ?? 0) + (b.add[counter] as number);
    });
    const conditions = a.conditions.concat(b.conditions.filter((c) => !a.conditions.some((d) => JSON.stringify(d) === JSON.stringify(c))));
    const outcome = next.onConditionFailed.field && !earlier.onConditionFailed.field ? next.onConditionFailed : earlier.onConditionFailed;
    const result = merged.slice();
    result[at] = { write: { ...a, add, conditions }, onConditionFailed: outcome };
    return result;
  }, []);
}

/** The same item written twice in one transaction is refused by DynamoDB: merged writes must avoid it. */
export function sameItem(a: ItemKey, b: ItemKey): boolean {
  return a.TenantId === b.TenantId && a.EntityItem === b.EntityItem;
}
