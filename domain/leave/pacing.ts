/**
 * A token bucket that paces writes to one partition: `take(n)` waits until n tokens are there.
 * A tenant's items share one partition key, so a runner that writes thousands of items paces
 * itself below what the partition takes (1,000 WCU) and leaves room for users' own writes.
 */
export interface Pacer {
  take(tokens: number): Promise<void>;
}

export function tokenBucket(perSecond: number, options: { now?: () => number; sleep?: (ms: number) => Promise<void> } = {}): Pacer {
  const now = options.now ?? (() => performance.now());
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let tokens = perSecond;
  let at = now();
  return {
    async take(wanted) {
      const need = Math.min(wanted, perSecond);
      for (;;) {
        const t = now();
        tokens = Math.min(perSecond, tokens + ((t - at) * perSecond) / 1000);
        at = t;
        if (tokens >= need) {
          tokens -= need;
          return;
        }
        await sleep(Math.ceil(((need - tokens) * 1000) / perSecond));
      }
    },
  };
}
