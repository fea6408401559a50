import type { Store } from './dynalite.ts';

/** One item to lock: its table and dynalite's key string for it. */
export interface ItemRef {
  tableName: string;
  key: string;
}

/**
 * Takes dynalite's own per-item locks (the ones PutItem, UpdateItem, DeleteItem and each
 * BatchWriteItem element take) on every item, in one global order (table, then key) so that two
 * transactions can never wait on each other. Single-item writes hold one lock at a time, so they
 * cannot close a cycle either. Resolves to a function that releases every lock.
 */
export async function lockItems(store: Store, items: readonly ItemRef[]): Promise<() => void> {
  const sorted = [...items].sort((a, b) =>
    a.tableName === b.tableName ? compare(a.key, b.key) : compare(a.tableName, b.tableName));
  const releases: (() => void)[] = [];
  for (const item of sorted) {
    const itemDb = store.getItemDb(item.tableName);
    releases.push(await new Promise<() => void>((resolve) => itemDb.lock(item.key, (release) => resolve(release()))));
  }
  return () => {
    for (const release of releases) release();
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
