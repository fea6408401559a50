/**
 * Pacing of bulk writes. All of a tenant's items share one partition key, and on AWS one
 * partition takes at most 1,000 write units a second: a runner generating a big tenant's day paces
 * its writes below that, leaving room for the tenant's own traffic (punches keep coming).
 */

/** Time as a limiter sees it; tests pass a fake one whose sleep only moves the time on. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** Grants write units at a steady rate: `acquire(n)` resolves when `n` units may be written. */
export interface WriteLimiter {
  acquire(units: number): Promise<void>;
}

/** Units a second the attendance runner writes at by default: 80% of one partition's 1,000 WCU. */
export const DEFAULT_WRITE_UNITS_PER_SECOND = 800;

/**
 * A limiter that spaces grants `units / unitsPerSecond` seconds apart, in the order asked (each
 * caller's slot is reserved at once, so concurrent writers share the rate rather than add to it).
 * In any second at most `unitsPerSecond` units plus one grant go out.
 */
export function writeLimiter(unitsPerSecond: number = DEFAULT_WRITE_UNITS_PER_SECOND, clock: Clock = systemClock): WriteLimiter {
  if (!(unitsPerSecond > 0)) throw new Error(`A write limiter needs a positive rate, not ${unitsPerSecond}.`);
  let next = -Infinity;
  return {
    async acquire(units) {
      const now = clock.now();
      const at = Math.max(next, now);
      next = at + (units * 1000) / unitsPerSecond;
      if (at > now) await clock.sleep(at - now);
    },
  };
}

/** No pacing: for a handful of writes (one employee's day after a late punch). */
export const unpaced: WriteLimiter = { acquire: async () => undefined };
