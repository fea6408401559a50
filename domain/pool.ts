/**
 * Bounded concurrency for Node code (stores, runners, benchmarks): work over a list with at most
 * `limit` calls in flight, the results in the list's order. The first failure rejects the whole
 * (calls already started run on); callers that must survive one item's failure catch inside `work`.
 */

/** Runs `work` over `items`, at most `limit` at a time; resolves with the results in the order of `items`. */
export async function inPool<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
