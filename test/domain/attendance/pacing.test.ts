/** The write limiter, on a fake clock: grants spaced at the rate, concurrent writers sharing it. */
import { describe, expect, it } from 'vitest';
import { writeLimiter, type Clock } from '../../../domain/attendance/pacing.ts';

/** A clock whose sleep moves the time on at once, remembering every grant's time. */
function fakeClock(): Clock & { slept: number; at: number } {
  const clock = {
    at: 0,
    slept: 0,
    now: () => clock.at,
    sleep: async (ms: number) => {
      clock.at += ms;
      clock.slept += ms;
    },
  };
  return clock;
}

/** The most units granted within any one second. */
function busiestSecond(grants: { at: number; units: number }[]): number {
  return Math.max(...grants.map((g) => grants.filter((o) => o.at >= g.at && o.at < g.at + 1000).reduce((sum, o) => sum + o.units, 0)));
}

describe('the write limiter', () => {
  it('given 2,500 units in batches of 25 at 800 a second, paces them over about 3 seconds, never more than the rate and a batch in any second', async () => {
    const clock = fakeClock();
    const limiter = writeLimiter(800, clock);
    const grants: { at: number; units: number }[] = [];
    for (let i = 0; i < 100; i += 1) {
      await limiter.acquire(25);
      grants.push({ at: clock.now(), units: 25 });
    }
    expect(clock.at).toBeCloseTo(((2500 - 25) / 800) * 1000, 5);
    expect(busiestSecond(grants)).toBeLessThanOrEqual(800 + 25);
  });

  it('shares the rate among writers asking at once rather than adding to it', async () => {
    // The clock stands still; each grant happens when its sleep would have ended.
    const wakeUps: number[] = [];
    const still: Clock = { now: () => 0, sleep: async (ms) => { wakeUps.push(ms); } };
    const limiter = writeLimiter(100, still);
    // Forty batches of 10 units asked for at the same moment, by four writers.
    await Promise.all(Array.from({ length: 4 }, () => Promise.all(Array.from({ length: 10 }, () => limiter.acquire(10)))));
    // The first goes at once; each later one 100 ms (10 units at 100 a second) after the one before.
    expect(wakeUps.sort((a, b) => a - b)).toEqual(Array.from({ length: 39 }, (_, i) => (i + 1) * 100));
  });

  it('does not wait while writes stay under the rate', async () => {
    const clock = fakeClock();
    const limiter = writeLimiter(1000, clock);
    await limiter.acquire(25);
    clock.at += 1000;
    await limiter.acquire(25);
    expect(clock.slept).toBe(0);
  });

  it('refuses a rate that is not positive', () => {
    expect(() => writeLimiter(0)).toThrow(/positive rate/);
  });
});
