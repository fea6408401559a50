/**
 * An in-memory stand-in for one pooled table that applies the organisation's item writes the way
 * TransactWriteItems does: every condition is checked first, then all writes land, or none; an item
 * may appear once per transaction. Property tests drive thousands of moves through it in seconds.
 */
import type { Condition, GuardedWrite, ItemKey } from '../../../domain/organisation/model/writes.ts';

type Item = Record<string, unknown>;

export class ConditionFailed extends Error {
  constructor(readonly index: number, readonly write: GuardedWrite) {
    super(`condition of write ${index} failed: ${write.onConditionFailed.message}`);
  }
}

const id = (key: ItemKey) => `${key.TenantId}|${key.EntityItem}`;

function valueAt(item: Item | undefined, path: string): unknown {
  let value: unknown = item;
  for (const segment of path.split('.')) value = value && typeof value === 'object' ? (value as Item)[segment] : undefined;
  return value;
}

function holds(item: Item | undefined, condition: Condition): boolean {
  const value = valueAt(item, condition.attribute);
  if (condition.is === 'present') return value !== undefined;
  if (condition.is === 'absent') return value === undefined;
  return value !== undefined && JSON.stringify(value) === JSON.stringify(condition.value);
}

export class MemoryTable {
  readonly items = new Map<string, Item>();
  transactions = 0;

  get<T = Item>(key: ItemKey): T | undefined {
    const item = this.items.get(id(key));
    return item ? (structuredClone(item) as T) : undefined;
  }

  /** Items of a partition whose sort key starts with `prefix`, in key order. */
  query<T = Item>(tenantKey: string, prefix: string): T[] {
    return [...this.items.values()]
      .filter((item) => item.TenantId === tenantKey && String(item.EntityItem).startsWith(prefix))
      .sort((a, b) => (String(a.EntityItem) < String(b.EntityItem) ? -1 : 1))
      .map((item) => structuredClone(item) as T);
  }

  /** Applies `writes` atomically; throws ConditionFailed (nothing written) when a condition fails. */
  transact(writes: GuardedWrite[]): void {
    if (writes.length > 100) throw new Error(`a transaction of ${writes.length} items`);
    const keys = writes.map((w) => id(w.write.key));
    if (new Set(keys).size !== keys.length) throw new Error(`an item written twice in one transaction: ${keys.join(', ')}`);
    writes.forEach((w, i) => {
      const current = this.items.get(keys[i]!);
      if (!w.write.conditions.every((c) => holds(current, c))) throw new ConditionFailed(i, w);
    });
    writes.forEach(({ write }, i) => {
      const key = keys[i]!;
      const current = this.items.get(key);
      switch (write.kind) {
        case 'put':
          this.items.set(key, structuredClone({ ...write.item, ...write.key }));
          break;
        case 'delete':
          this.items.delete(key);
          break;
        case 'update': {
          const next: Item = structuredClone(current ?? { ...write.key });
          for (const [attribute, value] of Object.entries(write.set)) next[attribute] = structuredClone(value);
          for (const [attribute, n] of Object.entries(write.add)) next[attribute] = ((next[attribute] as number | undefined) ?? 0) + n;
          for (const attribute of write.remove) delete next[attribute];
          this.items.set(key, next);
          break;
        }
        case 'check':
          break;
      }
    });
    this.transactions += 1;
  }
}
